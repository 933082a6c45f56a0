"""Ready-made issued tickets for layout and printer tests."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.queue.types import IssuedTicket, Priority, QueueLine

JAKARTA = ZoneInfo("Asia/Jakarta")


def make_ticket(people_ahead: int = 3, priority: Priority | None = None) -> IssuedTicket:
    service = QueueLine(
        code="B",
        prefix="B",
        names={"id": "Surat Keterangan", "en": "Certificates"},
        descriptions={"id": "Surat pengantar dan keterangan", "en": "Letters"},
        where_to_wait={
            "id": "Silakan tunggu di ruang tunggu; nomor Anda akan dipanggil.",
            "en": "Please wait in the waiting room; your number will be called.",
        },
    )
    return IssuedTicket(
        ticket_id=7,
        code="B-012",
        number=12,
        business_date=date(2026, 11, 27),
        line=service,
        priority=priority,
        issued_at=datetime(2026, 11, 27, 9, 15, tzinfo=JAKARTA),
        zone_label="WIB",
        people_ahead=people_ahead,
        estimated_wait_minutes=people_ahead * 7,
        office_name="Kantor Desa Sukamaju Kecamatan Cibeureum Kabupaten Sukabumi",
    )
