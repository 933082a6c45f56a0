"""Ready-made submission receipts for receipt and PDF proof tests."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.applications.types import Receipt
from kiosk.catalogue.model import Output

JAKARTA = ZoneInfo("Asia/Jakarta")
FULL_NIK = "3201154107560001"  # planted: only its masked form may ever be printed
MASKED_NIK = "3201********0001"

REQUIREMENTS = (
    {"id": "KTP-el asli dan fotokopi", "en": "Original e-KTP and a photocopy"},
    {"id": "Kartu Keluarga asli dan fotokopi", "en": "Original family card and a photocopy"},
    {
        "id": "Surat pengantar RT/RW yang sudah ditandatangani dan dicap oleh ketua RT dan RW",
        "en": "A cover letter from the RT/RW, signed and stamped by the heads of the RT and RW",
    },
)


def mask_nik(nik: str) -> str:
    """The first four and last four digits, the rest starred, as every proof shows it."""
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


def make_receipt(
    nik: str | None = FULL_NIK,
    assisted: bool = False,
    output: Output = Output.LETTER,
    requirements: tuple[dict[str, str], ...] = REQUIREMENTS,
) -> Receipt:
    return Receipt(
        submission_id="6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e",
        tracking_code="K7QM-2XHD",
        service_id="surat-keterangan-domisili",
        service_title={"id": "Surat Keterangan Domisili", "en": "Certificate of Domicile"},
        created_at=datetime(2026, 11, 27, 9, 15, tzinfo=JAKARTA),
        zone_label="WIB",
        masked_nik=mask_nik(nik) if nik else None,
        requirements=requirements,
        ready_on=date(2026, 11, 30),
        output=output,
        assisted=assisted,
        office_name="Kantor Desa Sukamaju Kecamatan Cibeureum Kabupaten Sukabumi",
    )
