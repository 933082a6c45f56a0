"""A typical ticket, shared by the benchmarks."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.queue.types import IssuedTicket, QueueLine

SERVICE = QueueLine(
    code="B",
    prefix="B",
    names={"id": "Surat Keterangan", "en": "Certificates and Letters"},
    descriptions={"id": "Surat keterangan domisili, usaha, tidak mampu."},
    where_to_wait={"id": "Silakan tunggu di ruang tunggu; nomor Anda akan dipanggil."},
)

TICKET = IssuedTicket(
    ticket_id=12,
    code="B-012",
    number=12,
    business_date=date(2026, 11, 27),
    line=SERVICE,
    priority=None,
    issued_at=datetime(2026, 11, 27, 9, 15, tzinfo=ZoneInfo("Asia/Jakarta")),
    zone_label="WIB",
    people_ahead=3,
    estimated_wait_minutes=21,
    office_name="Kantor Desa Sukamaju",
)
