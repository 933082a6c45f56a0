"""What a person reads when the printer fails: before a number was used, or after."""

from __future__ import annotations

import pytest

from kiosk.printers import PrinterProblem, PrinterUnavailable
from kiosk.queue.errors import TicketVoided
from kiosk.queue.messages import describe_error

NO_NUMBER_USED = {
    "id": "Tidak ada nomor antrean yang terpakai.",
    "jv": "Mboten wonten nomer antrian ingkang kaangge.",
    "en": "No queue number was used.",
}
CANCELLED = {"id": "dibatalkan", "jv": "dipunbatalaken", "en": "was cancelled"}


@pytest.mark.parametrize("language", ["id", "jv", "en"])
def test_a_printer_refusing_before_the_number_says_none_was_used(language: str) -> None:
    message = describe_error(PrinterUnavailable(PrinterProblem.PAPER_OUT), language)
    assert message.endswith(NO_NUMBER_USED[language])


@pytest.mark.parametrize("language", ["id", "jv", "en"])
def test_a_voided_number_is_named_and_never_said_unused(language: str) -> None:
    message = describe_error(TicketVoided("A-022", PrinterProblem.PAPER_OUT), language)
    assert "A-022" in message and CANCELLED[language] in message
    assert NO_NUMBER_USED[language] not in message
    paper_out = describe_error(PrinterUnavailable(PrinterProblem.PAPER_OUT), language)
    assert message.startswith(paper_out.removesuffix(NO_NUMBER_USED[language]))


def test_the_indonesian_words_for_a_voided_number() -> None:
    assert describe_error(TicketVoided("B-004", PrinterProblem.UNPLUGGED), "id") == (
        "Printer tidak tersambung. Nomor antrean B-004 dibatalkan karena printer gagal "
        "mencetak, dan tidak akan dipanggil. Ambil nomor baru setelah printer berfungsi lagi, "
        "atau minta bantuan petugas."
    )
