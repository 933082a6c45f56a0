"""The loket setup at a counter PC: asked at the first sign-in, remembered for the next
clerk, changeable from the loket, and a bad file or a removed line asks again."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ui.counter.steps import SIGNAL_MS, counter_flow, set_up, sign_in
from tests.ui.helpers import tap, text
from ui.counter.loket import LoketFile, LoketSetup
from ui.window import KioskWindow


def sign_out(qtbot, window: KioskWindow) -> None:
    tap(qtbot, window, "counter_sign_out")
    assert window.current_screen == "home"
    assert window.staff is not None and not window.staff.signed_in


def test_the_first_clerk_chooses_the_loket_and_the_next_one_finds_it(
    qtbot, counter_window: KioskWindow, loket_file: Path
) -> None:
    sign_in(qtbot, counter_window)
    assert counter_window.current_screen == "counter_setup"
    assert not counter_window.page("counter_setup").findChild(object, "setup_save").isEnabled()
    set_up(qtbot, counter_window, 2, "AB")
    assert json.loads(loket_file.read_text()) == {"loket": 2, "lines": ["A", "B"]}
    sign_out(qtbot, counter_window)

    flow = sign_in(qtbot, counter_window)

    assert counter_window.current_screen == "counter"
    assert flow.setup == LoketSetup(2, ("A", "B"))
    assert text(counter_window, "counter_title") == "Loket 2: Siti Aminah"
    assert text(counter_window, "counter_lines") == "Lines: A, B"


def test_a_corrupt_file_asks_again(qtbot, counter_window: KioskWindow, loket_file: Path) -> None:
    loket_file.parent.mkdir(parents=True)
    loket_file.write_bytes(b'{"loket": 99, "lines": ["A"]')

    sign_in(qtbot, counter_window)

    assert counter_window.current_screen == "counter_setup"
    set_up(qtbot, counter_window, 4, "C")
    assert LoketFile(loket_file).load() == LoketSetup(4, ("C",))


def test_the_loket_is_changed_from_its_screen(
    qtbot, counter_window: KioskWindow, loket_file: Path
) -> None:
    LoketFile(loket_file).save(LoketSetup(2, ("A", "B")))
    flow = sign_in(qtbot, counter_window)
    tap(qtbot, counter_window, "counter_setup")
    assert counter_window.current_screen == "counter_setup"
    assert flow.setup_screen.number_buttons[2].isChecked()  # what is set now, shown
    tap(qtbot, counter_window, "setup_cancel")
    assert counter_window.current_screen == "counter"

    tap(qtbot, counter_window, "counter_setup")
    set_up(qtbot, counter_window, 3, "C")  # C added to A and B

    assert LoketFile(loket_file).load() == LoketSetup(3, ("A", "B", "C"))
    assert text(counter_window, "counter_title") == "Loket 3: Siti Aminah"


def test_cancelling_the_first_setup_signs_the_clerk_out(
    qtbot, counter_window: KioskWindow, loket_file: Path
) -> None:
    sign_in(qtbot, counter_window)
    tap(qtbot, counter_window, "setup_cancel")

    assert counter_window.current_screen == "home"
    assert counter_window.staff is not None and not counter_window.staff.signed_in
    assert not loket_file.exists()


def test_a_line_the_office_removed_is_dropped_and_none_left_asks_again(
    qtbot, counter_window: KioskWindow, loket_file: Path
) -> None:
    LoketFile(loket_file).save(LoketSetup(2, ("B", "Z")))
    flow = sign_in(qtbot, counter_window)
    qtbot.waitUntil(lambda: flow.setup == LoketSetup(2, ("B",)), timeout=SIGNAL_MS)
    qtbot.waitUntil(lambda: text(counter_window, "counter_lines") == "Lines: B", timeout=SIGNAL_MS)
    tap(qtbot, counter_window, "counter_sign_out")
    LoketFile(loket_file).save(LoketSetup(2, ("Z",)))

    sign_in(qtbot, counter_window)

    qtbot.waitUntil(lambda: counter_window.current_screen == "counter_setup", timeout=SIGNAL_MS)


def test_a_setup_that_cannot_be_saved_is_used_and_said(
    qtbot, counter_window: KioskWindow, loket_file: Path
) -> None:
    loket_file.parent.mkdir(parents=True)
    loket_file.mkdir()  # a folder where the file should be: the write fails
    sign_in(qtbot, counter_window)

    set_up(qtbot, counter_window, 6, "A")

    assert counter_flow(counter_window).setup == LoketSetup(6, ("A",))
    assert "could not remember the loket" in text(counter_window, "counter_message")
