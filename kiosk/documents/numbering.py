"""Letter numbers (nomor surat), derived, not counted: no table, the same on every reprint.

Format: ``CLASSIFICATION/TRACKING-CODE/MONTH/YEAR``, e.g. ``474.1/K7QM-2XHD/XI/2026``:

- CLASSIFICATION is the archive classification code of the letter's subject (kode
  klasifikasi arsip, Permendagri 78/2012): 470 population, 474.1 births, 474.3 deaths,
  475 moving, 331 public order (SKCK), 460 social welfare (SKTM), 510 trade (SKU);
  a template without its own code gets 470.
- TRACKING-CODE is the submission's tracking code: unique per submission, so the
  number is unique; staff and the QR find the submission again from it.
- MONTH (Roman numerals) and YEAR are those of the submission in the office's zone,
  not of the printing day, so a reprint months later carries the same number.
"""

from __future__ import annotations

from datetime import date

DEFAULT_CLASSIFICATION = "470"  # kependudukan: population
CLASSIFICATIONS: dict[str, str] = {
    "surat-keterangan-domisili": "470",
    "surat-keterangan-kelahiran": "474.1",
    "surat-keterangan-kematian": "474.3",
    "surat-pengantar-pindah": "475",
    "surat-pengantar-skck": "331",
    "surat-keterangan-tidak-mampu": "460",
    "surat-keterangan-usaha": "510",
}
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def classification(template: str) -> str:
    return CLASSIFICATIONS.get(template, DEFAULT_CLASSIFICATION)


def letter_number(template: str, tracking_code: str, submitted_on: date) -> str:
    """The number of the letter `template` for the submission `tracking_code`."""
    month = ROMAN_MONTHS[submitted_on.month - 1]
    return f"{classification(template)}/{tracking_code}/{month}/{submitted_on.year}"
