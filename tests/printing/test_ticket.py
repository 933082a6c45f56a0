"""The ticket layout: content, wrapping to the paper, priority mark and QR."""

from __future__ import annotations

import pytest

from kiosk.queue.types import Priority
from printing.document import Cut, QrCode, TextLine
from printing.ticket import NUMBER_SIZE, layout_ticket
from tests.helpers.tickets import make_ticket


@pytest.mark.parametrize("columns", [32, 48])
def test_every_line_fits_the_paper(columns: int) -> None:
    document = layout_ticket(make_ticket(), "id", columns)
    for element in document.elements:
        if isinstance(element, TextLine):
            assert len(element.text) * element.width <= columns, element


def test_indonesian_ticket_content() -> None:
    text = layout_ticket(make_ticket(), "id", 48).plain_text()
    assert "B-012" in text
    assert "Surat Keterangan" in text
    assert "KANTOR DESA SUKAMAJU" in text
    assert "Jumat, 27 November 2026" in text
    assert "09:15 WIB" in text
    assert "3 orang di depan Anda" in text
    assert "21 menit" in text
    assert "ruang tunggu" in text


def test_english_ticket_content() -> None:
    text = layout_ticket(make_ticket(people_ahead=1), "en", 48).plain_text()
    assert "1 person ahead of you" in text
    assert "Friday, 27 November 2026" in text
    assert "waiting room" in text


def test_number_is_large_and_qr_holds_the_ticket_code() -> None:
    document = layout_ticket(make_ticket(), "id", 48)
    number = next(e for e in document.elements if isinstance(e, TextLine) and e.text == "B-012")
    assert (number.width, number.height) == (NUMBER_SIZE, NUMBER_SIZE)
    qr = [e for e in document.elements if isinstance(e, QrCode)]
    assert [q.data for q in qr] == ["ANJUNGAN:T:2026-11-27:B-012"]
    assert isinstance(document.elements[-1], Cut)


def test_no_qr_when_the_printer_has_none() -> None:
    document = layout_ticket(make_ticket(), "id", 48, native_qr=False)
    assert not any(isinstance(e, QrCode) for e in document.elements)


def test_priority_mark_only_on_priority_tickets() -> None:
    plain = layout_ticket(make_ticket(), "id", 48).plain_text()
    elderly = layout_ticket(make_ticket(priority=Priority.ELDERLY), "id", 48).plain_text()
    assert "PRIORITAS" not in plain
    assert "PRIORITAS: LANSIA" in elderly


def test_nobody_ahead_says_so_without_a_wait_estimate() -> None:
    text = layout_ticket(make_ticket(people_ahead=0), "id", 48).plain_text()
    assert "Tidak ada orang di depan Anda." in text
    assert "menunggu" not in text.lower()


def test_logo_only_when_asked_and_never_as_an_image() -> None:
    from printing.document import Logo

    assert not any(isinstance(e, Logo) for e in layout_ticket(make_ticket(), "id", 48).elements)
    with_logo = layout_ticket(make_ticket(), "id", 48, logo=True)
    assert isinstance(with_logo.elements[0], Logo)
