"""The done screen: what comes next in the receipt's own words; a code whose receipt did
not print stays until dismissed, and "Coba lagi" prints it again, stored once."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.i18n.dates import date_with_weekday
from kiosk.queue.errors import QueueBusy
from kiosk.wizard import Stage
from printing.receipt import layout_receipt
from printing.receipt_words import LETTER_AFTER_CHECK
from tests.ui.fakes import shipped_services
from tests.ui.guided_steps import agree_and_finish, fill_questions, open_service, to_consent
from tests.ui.helpers import button, tap, text
from tests.ui.test_tour import button_problems
from tests.ui.tour import settled
from ui.guided.submitted import spelled

DOMISILI = "surat-keterangan-domisili"


@pytest.fixture
def english(make_guided):
    return make_guided(language="en")


def retry_shown(window) -> bool:
    return window.page("submitted").findChild(QPushButton, "print_again").isVisible()


def finish_domisili(qtbot, window) -> object:
    open_service(qtbot, window, DOMISILI)
    fill_questions(qtbot, window)
    with qtbot.waitSignal(window.guided.submitted, timeout=5_000) as done:
        agree_and_finish(qtbot, window)
    assert window.current_screen == "submitted"
    return done.args[0]


def items(window, name: str) -> list[str]:
    return [label.text() for label in window.page("submitted").findChildren(QLabel, name)]


def test_what_comes_next_is_said_in_the_receipts_words(qtbot, english):
    receipt = finish_domisili(qtbot, english)
    day = date_with_weekday(receipt.ready_on, "en")
    assert text(english, "code_heading") == "Tracking code"  # "Kode lacak", as on paper
    assert items(english, "next_step") == [
        "Take a queue number for line B.",  # the service's queue line (queue_service)
        LETTER_AFTER_CHECK,
        f"Come back on: {day}",
    ]
    assert items(english, "bring_item") == [
        r["en"] for r in shipped_services()[DOMISILI].requirements
    ]
    paper = " ".join(
        line.text for line in layout_receipt(receipt, "en", 48).elements if hasattr(line, "text")
    )
    for words in ["Tracking code", f"Come back on: {day}", LETTER_AFTER_CHECK]:
        assert " ".join(words.split()) in paper
    for item in items(english, "bring_item")[:3]:  # the short ones, unwrapped on paper
        assert item in paper
    spoken = english.voice.spoken[-1]
    assert "line B" in spoken and "Come back on" in spoken and "What to bring" in spoken
    assert not retry_shown(english)  # printed: nothing to try again


def test_a_printed_receipts_screen_still_times_out(qtbot, idle_english):
    finish_domisili(qtbot, idle_english)
    qtbot.waitUntil(lambda: idle_english.current_screen == "home", timeout=5_000)


def test_a_code_not_printed_stays_through_idle_until_dismissed(qtbot, idle_english, fake_services):
    window = idle_english
    fake_services.print_fails = True
    receipt = finish_domisili(qtbot, window)
    for _ in range(3):  # three idle periods: no "Masih di sini?", no wipe
        with qtbot.waitSignal(window.idle_watcher.timed_out, timeout=3_000):
            pass
    assert window.current_screen == "submitted"
    assert text(window, "tracking_code") == spelled(receipt.tracking_code)
    assert "counter" in text(window, "take_receipt")  # where the staff are
    assert button(window, "finish").text() == "I have the code"
    assert window.guided.busy and not window.guided.asking_still_there
    tap(qtbot, window, "finish")
    assert window.current_screen == "home"
    assert fake_services.wizards[0].stage is Stage.WIPED
    assert not window.guided.busy


def test_try_again_prints_the_same_application_once_stored(qtbot, english, fake_services):
    fake_services.print_fails = True
    first = finish_domisili(qtbot, english)
    assert text(english, "not_printed")
    assert button(english, "print_again").text() == "Try again"

    with qtbot.waitSignal(english.guided.submitted, timeout=5_000) as again:
        tap(qtbot, english, "print_again")  # the printer is still out of paper
    assert again.args[0].tracking_code == first.tracking_code
    assert english.current_screen == "submitted" and text(english, "not_printed")

    fake_services.print_fails = False  # paper put in
    with qtbot.waitSignal(english.guided.submitted, timeout=5_000) as printed:
        tap(qtbot, english, "print_again")
    assert printed.args[0].tracking_code == first.tracking_code
    assert len(fake_services.forms) == 1  # stored once, printed on the last try
    assert not text(english, "not_printed") and not retry_shown(english)
    assert text(english, "take_receipt") == "Please take your receipt."
    assert fake_services.wizards[0].stage is Stage.WIPED  # printed: answers gone
    assert not english.guided.busy


def test_try_again_while_printing_is_one_call(qtbot, english, fake_services):
    fake_services.print_fails = True
    finish_domisili(qtbot, english)
    gate = fake_services.hold()
    before = len(fake_services.worker_threads)
    tap(qtbot, english, "print_again")
    qtbot.waitUntil(lambda: len(fake_services.worker_threads) == before + 1)  # on its way
    assert button(english, "print_again").text() == "Printing…"
    assert not button(english, "print_again").isEnabled()
    english.page("submitted").print_again.emit()  # a double tap
    with qtbot.waitSignal(english.guided.submitted, timeout=5_000):
        gate.set()
    assert english.guided.shutdown(5_000)  # every call queued has run by now
    assert len(fake_services.worker_threads) == before + 1  # the double tap queued none


def test_a_failed_save_says_where_the_staff_are_and_try_again_stores_it(
    qtbot, english, fake_services
):
    fake_services.fail_with = QueueBusy("the database is busy")
    to_consent(qtbot, english, DOMISILI)
    with qtbot.waitSignal(english.guided.finalise_failed, timeout=5_000):
        tap(qtbot, english, "agree")
    assert english.current_screen == "submission_problem"
    assert text(english, "staff_where") == "If you need help, ask a staff member at the counter."
    assert english.voice.spoken[-1].endswith(text(english, "staff_where"))
    assert button(english, "retry").text() == "Try again"
    fake_services.fail_with = None
    with qtbot.waitSignal(english.guided.submitted, timeout=5_000):
        tap(qtbot, english, "retry")
    assert len(fake_services.forms) == 1


def test_slow_printing_says_where_the_staff_are(qtbot, make_guided, fake_services):
    window = make_guided(language="en", printing_watchdog_seconds=0.05)
    gate = fake_services.hold()
    to_consent(qtbot, window, DOMISILI)
    tap(qtbot, window, "agree")
    qtbot.waitUntil(lambda: bool(text(window, "slow")), timeout=5_000)
    assert "counter" in text(window, "staff_where")
    with qtbot.waitSignal(window.guided.submitted, timeout=5_000):
        gate.set()


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("language", ["id", "jv", "en"])
def test_the_not_printed_screen_has_whole_big_apart_buttons(
    qtbot, make_guided, fake_services, language, high_contrast
):
    window = make_guided(language=language, high_contrast=high_contrast)
    fake_services.print_fails = True
    finish_domisili(qtbot, window)
    settled(qtbot)
    assert button_problems(window) == []
    assert retry_shown(window)
    assert words_cut_off(window) == []


def words_cut_off(window) -> list[str]:
    """The shown buttons whose words need more width than they have."""
    page = window.page(window.current_screen)
    shown = [b for b in page.findChildren(QPushButton) if b.isVisibleTo(window) and b.text()]
    return [b.text() for b in shown if b.sizeHint().width() > b.width()]


@pytest.mark.parametrize("language", ["id", "jv", "en"])
def test_the_problem_screens_words_fit_their_buttons(qtbot, make_guided, fake_services, language):
    window = make_guided(language=language)
    fake_services.fail_with = QueueBusy("the database is busy")
    to_consent(qtbot, window, DOMISILI)
    with qtbot.waitSignal(window.guided.finalise_failed, timeout=5_000):
        tap(qtbot, window, "agree")
    settled(qtbot)
    assert words_cut_off(window) == [] and button_problems(window) == []


def test_a_huge_list_to_bring_leaves_done_on_the_panel(qtbot, english, fake_services):
    huge = {"id": "Dokumen " * 300, "en": "Document " * 300}
    definition = replace(shipped_services()[DOMISILI], id="huge", requirements=(huge,) * 60)
    fake_services.definitions = {
        **fake_services.definitions,
        "huge": definition,
    }  # not the cached dict
    english.guided.services_screen.set_services(fake_services.catalogue())
    to_consent(qtbot, english, "huge")
    with qtbot.waitSignal(english.guided.submitted, timeout=5_000):
        tap(qtbot, english, "agree")
    settled(qtbot)
    assert len(items(english, "bring_item")) == 60
    assert button_problems(english) == []  # "Selesai" whole, on the panel
    tap(qtbot, english, "finish")
    assert english.current_screen == "home"
