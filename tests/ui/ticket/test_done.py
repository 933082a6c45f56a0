"""The done screen says the priority the citizen chose, in the ticket's own words, reads it
aloud with the rest, and still fits a 1280 x 800 panel."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

import pytest

from kiosk.queue.types import Priority
from printing.document import TextLine
from printing.ticket import layout_ticket
from tests.ui.documents.test_layout import assert_fits_the_panel
from tests.ui.fakes import SERVICE_A, FakeQueue, RecordingVoice
from tests.ui.helpers import tap, tap_until_printing, text
from ui.window import KioskWindow

ON_THE_TICKET = {  # as printed (kiosk.queue.messages.priority_text)
    ("en", Priority.ELDERLY): "PRIORITY: ELDERLY",
    ("en", Priority.DISABLED): "PRIORITY: DISABILITY",
    ("en", Priority.PREGNANT): "PRIORITY: PREGNANT",
    ("id", Priority.ELDERLY): "PRIORITAS: LANSIA",
    ("id", Priority.DISABLED): "PRIORITAS: DISABILITAS",
    ("id", Priority.PREGNANT): "PRIORITAS: IBU HAMIL",
}


def take_ticket(qtbot, window: KioskWindow, priority: str, line: str = "A") -> object:
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000) as issued:
        tap_until_printing(qtbot, window, line, priority)
    assert window.current_screen == "done"
    return issued.args[0]


@pytest.mark.parametrize(("language", "priority"), ON_THE_TICKET)
def test_the_chosen_priority_shows_in_the_words_of_the_ticket(
    qtbot, window: KioskWindow, language: str, priority: Priority
) -> None:
    window.set_language(language)
    ticket = take_ticket(qtbot, window, priority.value)
    shown = text(window, "priority")
    assert shown == ON_THE_TICKET[language, priority]
    printed = layout_ticket(ticket, language, columns=48).elements
    assert shown in [element.text for element in printed if isinstance(element, TextLine)]


def test_no_priority_shows_no_priority_line(qtbot, window: KioskWindow) -> None:
    take_ticket(qtbot, window, "elderly")
    tap(qtbot, window, "finish")
    take_ticket(qtbot, window, "none")  # the next person's ticket: nothing left over
    assert text(window, "priority") == ""
    assert "PRIORITAS" not in window.tickets.done.spoken_text()


def test_the_priority_follows_a_change_of_language(qtbot, window: KioskWindow) -> None:
    take_ticket(qtbot, window, "disabled")
    window.set_language("en")
    assert text(window, "priority") == "PRIORITY: DISABILITY"


def test_the_done_screen_offers_its_texts_to_the_voice_with_the_priority(
    qtbot, window: KioskWindow
) -> None:
    window.set_language("en")
    offered: list[str] = []
    window.tickets.speak.connect(offered.append)
    take_ticket(qtbot, window, "pregnant", line="B")
    said = offered[-1]
    assert said == window.tickets.done.spoken_text()
    # Top to bottom, as the screen shows it; the priority in words a voice reads, not
    # spells; the number as the counter calls it ("B one"), not as printed ("B-001").
    parts = ["Your number", "B one", "Priority: pregnant", "Certificates", "3 people ahead"]
    assert [said.index(part) for part in parts] == sorted(said.index(part) for part in parts)
    assert said.endswith("Please take your ticket from the printer.")


def test_the_window_reads_the_done_screen_aloud(qtbot, guided: KioskWindow) -> None:
    tap_until_printing(qtbot, guided, "B", "elderly")
    qtbot.waitUntil(lambda: guided.current_screen == "done", timeout=5_000)
    spoken = cast(RecordingVoice, guided.voice).spoken
    qtbot.waitUntil(lambda: bool(spoken), timeout=5_000)
    said = spoken[-1]  # numbers already in words, as the voice reads them
    assert said.startswith("Nomor Anda.") and "Prioritas: lansia." in said
    assert said.endswith("Silakan ambil tiket Anda dari printer.")


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "contrast"])
@pytest.mark.parametrize("language", ["id", "jv", "en"])
def test_a_priority_ticket_with_long_directions_fits_the_panel(
    qtbot, window: KioskWindow, fake_queue: FakeQueue, language: str, high_contrast: bool
) -> None:
    """The longest done screen: a priority, and where to wait on two lines."""
    far = "Tunggu di kursi biru di ruang tunggu sebelah kanan, dekat loket dua dan tiga."
    fake_queue.service_list = [replace(SERVICE_A, where_to_wait={"id": far, "en": far})]
    window.refresh_lines()
    qtbot.waitUntil(lambda: not window.tickets.refreshing, timeout=5_000)
    window.set_language(language)
    window.set_high_contrast(high_contrast)
    take_ticket(qtbot, window, "disabled")
    done = window.tickets.done
    assert done.where_to_wait.heightForWidth(done.where_to_wait.width()) > 50  # two lines
    assert_fits_the_panel(window, done)
