"""Staff and cards in the kiosk window: the "Petugas" button or a badge, then the PIN,
opens the staff menu and the documents; a citizen's card fills their form; walking away
signs the clerk out."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.wait_signal import SignalBlocker

from kiosk.catalogue.validators import mask_nik
from tests.helpers.definitions import FEMALE_NIK as OTHER_NIK
from tests.ui.conftest import WindowFactory, shown_windows
from tests.ui.documents.test_screen import CODE, FakeDocuments
from tests.ui.fakes import (
    BADGE,
    HOLDER_CARD,
    NUMBER,
    PIN,
    FakeQueue,
    FakeServices,
    FakeStaffPort,
    RecordingVoice,
)
from tests.ui.guided_steps import (
    NIK,
    current_step,
    fill_questions,
    open_service,
    type_keys,
    wizard_of,
)
from tests.ui.helpers import hold_office_name, tap, text
from ui.contracts import UiOptions
from ui.documents.screen import LETTER, LOOKUP, DocumentsScreen
from ui.guided.keypad import key_name
from ui.window import KioskWindow

SIGNAL_MS = 5_000
# Long enough for a card's lookup to come back even on a loaded machine: the tap must
# answer "Masih di sini?" before its countdown wipes the form.
STILL_THERE_SECONDS = 1.5
TIMER_SLACK_MS = 200  # a coarse Qt timer may fire up to 5 % late


@pytest.fixture
def staff_port() -> FakeStaffPort:
    return FakeStaffPort()


@pytest.fixture
def documents_port() -> FakeDocuments:
    return FakeDocuments()


@pytest.fixture
def make_staffed(
    qtbot,
    fake_queue: FakeQueue,
    fake_services: FakeServices,
    staff_port: FakeStaffPort,
    documents_port: FakeDocuments,
    options: UiOptions,
) -> Iterator[WindowFactory]:
    def build(chosen: UiOptions) -> KioskWindow:
        voice = RecordingVoice(enabled=chosen.voice_on)
        return KioskWindow(
            fake_queue,
            chosen,
            fake_services,
            voice,
            staff=staff_port,
            documents=documents_port,
        )

    def release() -> None:
        fake_queue.release()
        fake_services.release()
        documents_port.gate.set()

    yield from shown_windows(qtbot, options, build, release)


@pytest.fixture
def staffed(make_staffed: WindowFactory) -> KioskWindow:
    return make_staffed()


def answered(qtbot, screen: DocumentsScreen, kind: str) -> SignalBlocker:
    """Waits for the documents screen's answer to a `kind` call. The screen emits `done`
    once it has handled the answer: its buttons are enabled again once this returns,
    while the fake port records a print on the pool's thread before that."""
    return qtbot.waitSignal(
        screen.done, timeout=SIGNAL_MS, check_params_cb=lambda done, _: done == kind
    )


def walk_away(window: KioskWindow) -> None:
    """The idle timeout passes: what the window's idle timer emits (its timer is tested
    in test_flow.py and test_wizard_idle.py). The tests here keep the default 60 s, so
    that the timer never fires in the middle of their steps on a slow machine."""
    window.idle_watcher.timed_out.emit()


def sign_in_by_number(qtbot, window: KioskWindow) -> None:
    hold_office_name(qtbot, window)
    assert window.current_screen == "staff_sign_in"
    screen = window.staff.sign_in if window.staff else None
    assert screen is not None
    for digit in NUMBER:
        screen.number_entry.keypad.keys[digit].click()
    screen.next_button.click()
    with qtbot.waitSignal(screen.signed_in, timeout=SIGNAL_MS):
        for digit in PIN:
            screen.pin_keypad.keys[digit].click()


def test_the_pin_opens_the_staff_menu_and_the_documents(
    qtbot, staffed: KioskWindow, documents_port: FakeDocuments
) -> None:
    sign_in_by_number(qtbot, staffed)
    assert staffed.current_screen == "staff_menu"
    assert "Siti Aminah" in text(staffed, "staff_title")
    tap(qtbot, staffed, "staff_documents")
    assert staffed.current_screen == "documents"
    screen = staffed.page("documents")
    with answered(qtbot, screen, LOOKUP):
        assert screen.take_code(f"ANJUNGAN:S:{CODE}")  # the scanner goes to the shown screen
    assert screen.summary is not None
    with answered(qtbot, screen, LETTER):
        tap(qtbot, staffed, "print_letter")
    assert documents_port.printed == [("letter", CODE, "id")]
    tap(qtbot, staffed, "close")
    assert staffed.current_screen == "staff_menu"
    tap(qtbot, staffed, "staff_sign_out")
    assert staffed.current_screen == "home"
    assert staffed.staff is not None and not staffed.staff.signed_in


def test_a_badge_tapped_at_home_asks_for_that_clerks_pin(
    qtbot, staffed: KioskWindow, staff_port: FakeStaffPort
) -> None:
    staffed.on_card_tapped(BADGE)
    qtbot.waitUntil(lambda: staffed.current_screen == "staff_sign_in", timeout=SIGNAL_MS)
    assert staffed.staff is not None
    screen = staffed.staff.sign_in
    assert "Siti Aminah" in screen.prompt.text()
    assert not staffed.staff.signed_in  # the badge alone lets nobody in
    with qtbot.waitSignal(screen.signed_in, timeout=SIGNAL_MS):
        for digit in PIN:
            screen.pin_keypad.keys[digit].click()
    assert ("sign_in_with_badge", BADGE, PIN) in staff_port.calls
    assert staffed.current_screen == "staff_menu"


def test_walking_away_signs_the_clerk_out(qtbot, staffed: KioskWindow) -> None:
    sign_in_by_number(qtbot, staffed)
    assert staffed.staff is not None and staffed.staff.signed_in
    walk_away(staffed)
    assert staffed.current_screen == "home"
    assert not staffed.staff.signed_in


def test_a_citizens_card_at_home_fills_the_next_form(qtbot, staffed: KioskWindow) -> None:
    staffed.on_card_tapped(HOLDER_CARD)
    notice = staffed.home.card_notice
    qtbot.waitUntil(notice.isVisible, timeout=SIGNAL_MS)
    assert "NIK" in text(staffed, "card_notice")
    open_service(qtbot, staffed, "surat-keterangan-domisili")
    step = current_step(staffed)
    assert step.name == "nik" and step.answer == NIK and step.prefilled_from_card
    # A copied card must not show a whole NIK: masked, as on the receipt.
    assert text(staffed, "entry") == mask_nik(NIK)
    tap(qtbot, staffed, "next")  # the citizen only confirms: nothing typed
    step = current_step(staffed)
    assert step.name == "nama" and step.answer == "Budi Santoso"


def test_a_confirmed_nik_from_a_card_stays_masked_on_back_and_on_change(
    qtbot, staffed: KioskWindow
) -> None:
    staffed.on_card_tapped(HOLDER_CARD)
    qtbot.waitUntil(staffed.home.card_notice.isVisible, timeout=SIGNAL_MS)
    open_service(qtbot, staffed, "surat-keterangan-domisili")
    tap(qtbot, staffed, "next")  # confirmed: no longer a proposal
    assert current_step(staffed).name == "nama"
    tap(qtbot, staffed, "back")
    assert current_step(staffed).name == "nik"
    assert text(staffed, "entry") == mask_nik(NIK)
    fill_questions(qtbot, staffed)
    assert staffed.current_screen == "summary"
    tap(qtbot, staffed, "edit_nik")  # "Ubah" on the summary
    assert current_step(staffed).name == "nik"
    assert text(staffed, "entry") == mask_nik(NIK)


def test_a_masked_nik_from_a_card_is_typed_again_from_nothing(qtbot, staffed: KioskWindow) -> None:
    staffed.on_card_tapped(HOLDER_CARD)
    qtbot.waitUntil(staffed.home.card_notice.isVisible, timeout=SIGNAL_MS)
    open_service(qtbot, staffed, "surat-keterangan-domisili")
    tap(qtbot, staffed, key_name("3"))  # not the card's NIK: the citizen's own number
    assert text(staffed, "entry") == "3"
    type_keys(qtbot, staffed, OTHER_NIK[1:])
    tap(qtbot, staffed, "next")
    assert current_step(staffed).name == "nama"
    assert wizard_of(staffed).summary()[0].value == mask_nik(OTHER_NIK)


def test_a_citizens_card_during_a_form_fills_it(qtbot, staffed: KioskWindow) -> None:
    open_service(qtbot, staffed, "surat-keterangan-domisili")
    assert wizard_of(staffed).current is not None
    staffed.on_card_tapped(HOLDER_CARD)
    qtbot.waitUntil(
        lambda: current_step(staffed).answer == NIK,
        timeout=SIGNAL_MS,
    )
    assert not staffed.home.card_notice.isVisibleTo(staffed.home)


def test_a_badge_during_a_citizens_form_is_ignored(
    qtbot, staffed: KioskWindow, staff_port: FakeStaffPort
) -> None:
    open_service(qtbot, staffed, "surat-keterangan-domisili")
    assert staffed.staff is not None
    with qtbot.waitSignal(staffed.staff.badge_ignored, timeout=SIGNAL_MS):
        staffed.on_card_tapped(BADGE)
    assert ("identify", BADGE) in staff_port.calls
    assert staffed.current_screen == "question"


def test_every_screen_fits_a_1280_by_800_panel(staffed: KioskWindow) -> None:
    """A kiosk runs full screen: a screen taller than the panel would be cut off."""
    too_tall = {
        screen.name: screen.minimumSizeHint().height()
        for screen in staffed.stack.screens()
        if screen.minimumSizeHint().height() > 800 or screen.minimumSizeHint().width() > 1280
    }
    assert too_tall == {}


def test_a_card_left_at_home_is_forgotten_before_the_next_citizen(
    qtbot, staffed: KioskWindow
) -> None:
    staffed.on_card_tapped(HOLDER_CARD)
    qtbot.waitUntil(staffed.home.card_notice.isVisible, timeout=SIGNAL_MS)
    assert staffed.guided is not None and staffed.guided.holds_card_answers
    walk_away(staffed)
    assert not staffed.home.card_notice.isVisible()
    assert not staffed.guided.holds_card_answers  # the citizen walked away: idle wiped it
    open_service(qtbot, staffed, "surat-keterangan-domisili")
    step = current_step(staffed)
    assert step.answer is None and not step.prefilled_from_card


def test_a_card_tapped_during_masih_di_sini_answers_it(qtbot, make_staffed: WindowFactory) -> None:
    window = make_staffed(still_there_seconds=STILL_THERE_SECONDS)
    open_service(qtbot, window, "surat-keterangan-domisili")
    guided, staff = window.guided, window.staff
    assert guided is not None and staff is not None
    walk_away(window)
    assert window.current_screen == "still_there" and guided.asking_still_there
    countdown_ends = time.monotonic() + STILL_THERE_SECONDS
    with qtbot.waitSignal(staff.holder_identified, timeout=SIGNAL_MS):
        window.on_card_tapped(HOLDER_CARD)  # the citizen is here: their card, tapped
    assert current_step(window).answer == NIK
    assert not guided.asking_still_there
    assert window.current_screen == "question"
    # Nothing wipes the form when the old countdown would have ended. No new countdown
    # can start meanwhile: the idle timer (60 s) does not fire during the test.
    left_ms = max(0, round((countdown_ends - time.monotonic()) * 1000))
    with qtbot.assertNotEmitted(guided.form_wiped, wait=left_ms + TIMER_SLACK_MS):
        pass
    assert guided.wizard is not None and guided.form.wizard is not None


def test_the_card_notice_goes_when_its_answers_are_used_and_the_form_left(
    qtbot, staffed: KioskWindow
) -> None:
    staffed.on_card_tapped(HOLDER_CARD)
    qtbot.waitUntil(staffed.home.card_notice.isVisible, timeout=SIGNAL_MS)
    open_service(qtbot, staffed, "surat-keterangan-domisili")  # the card's answers used
    tap(qtbot, staffed, "back")  # to the list, the form forgotten
    tap(qtbot, staffed, "back")  # home
    assert staffed.current_screen == "home"
    assert staffed.guided is not None and not staffed.guided.holds_card_answers
    assert not staffed.home.card_notice.isVisibleTo(staffed.home)


def test_a_citizens_card_on_a_staff_screen_is_dropped(
    qtbot, staffed: KioskWindow, staff_port: FakeStaffPort
) -> None:
    sign_in_by_number(qtbot, staffed)
    assert staffed.current_screen == "staff_menu"
    assert staffed.staff is not None
    # The answer has come back to the GUI thread (and was dropped) before the checks.
    with qtbot.waitSignal(staffed.staff.card_identified, timeout=SIGNAL_MS) as identified:
        staffed.on_card_tapped(HOLDER_CARD)
    assert identified.args == [None]  # only badges were looked for: the card is none
    assert staff_port.calls[-1] == ("identify_staff", HOLDER_CARD)
    assert ("identify", HOLDER_CARD) not in staff_port.calls  # the record stays sealed
    assert staffed.current_screen == "staff_menu"
    assert staffed.guided is not None and not staffed.guided.holds_card_answers
    assert not staffed.home.card_notice.isVisibleTo(staffed.home)


def test_cancelling_a_badges_sign_in_signs_the_last_clerk_out(qtbot, staffed: KioskWindow) -> None:
    sign_in_by_number(qtbot, staffed)
    assert staffed.staff is not None and staffed.staff.signed_in
    staffed.on_card_tapped(BADGE)  # another badge on the staff menu: a new sign-in
    qtbot.waitUntil(lambda: staffed.current_screen == "staff_sign_in", timeout=SIGNAL_MS)
    assert not staffed.staff.signed_in
    tap(qtbot, staffed, "cancel")
    assert staffed.current_screen == "home" and not staffed.staff.signed_in


def test_idle_waits_for_a_letter_still_printing(
    qtbot, staffed: KioskWindow, documents_port: FakeDocuments
) -> None:
    sign_in_by_number(qtbot, staffed)
    tap(qtbot, staffed, "staff_documents")
    screen = staffed.page("documents")
    documents_port.gate.clear()  # the A4 printer takes its time
    with answered(qtbot, screen, LOOKUP):
        assert screen.take_code(CODE)
    tap(qtbot, staffed, "print_letter")
    assert not screen.close_button.isEnabled()  # the clerk waits for the printer
    screen.forget()  # even a screen reset (a new visit, a sign-out) keeps it in use
    assert staffed.in_use
    walk_away(staffed)  # idle passes while the letter prints...
    assert staffed.current_screen == "documents" and staffed.in_use
    # The forgotten call's answer is dropped: `released` says that it ended.
    with qtbot.waitSignal(screen.released, timeout=SIGNAL_MS):
        documents_port.gate.set()
    assert documents_port.printed == [("letter", CODE, "id")]
    assert not staffed.in_use
    walk_away(staffed)  # ...and the next idle timeout ends the visit
    assert staffed.current_screen == "home"
    assert staffed.staff is not None and not staffed.staff.signed_in


@pytest.mark.parametrize("language", ["id", "jv", "en"])
def test_the_documents_code_keys_fit_a_finger_and_the_example_shows_whole(
    staffed: KioskWindow, language: str
) -> None:
    staffed.set_language(language)
    screen = staffed.page("documents")
    staffed.show_screen("documents")
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    widths = sorted(key.width() for key in screen.keypad.keys.values())
    assert widths[0] >= 64, widths
    assert widths[-2] - widths[0] <= 2, widths  # even: all but the long delete key
    entry = screen.entry
    needed = entry.fontMetrics().horizontalAdvance(entry.placeholderText())
    assert entry.contentsRect().width() >= needed  # the example code is not cut off


def test_the_staff_sign_in_is_in_the_usual_text_size(qtbot, staffed: KioskWindow) -> None:
    """Larger text was the last citizen's choice; the clerk's keypads fit at the usual size."""
    staffed.set_larger_text(True)
    hold_office_name(qtbot, staffed)
    assert staffed.current_screen == "staff_sign_in"
    assert staffed.larger_text is False
