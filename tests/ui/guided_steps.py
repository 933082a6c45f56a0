"""Filling guided services through the real screens, with a valid answer per field type."""

from __future__ import annotations

from datetime import date

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.catalogue.model import FieldType
from kiosk.catalogue.validators import check_kk_number, check_nik, check_phone
from kiosk.wizard import Stage, Step, Wizard
from tests.ui.fakes import RecordingVoice
from tests.ui.helpers import tap
from ui.guided.keypad import key_name
from ui.guided.letters import LetterEntry
from ui.guided.summary import SummaryScreen
from ui.window import KioskWindow

# Valid for python-stdnum and our validators (asserted below): Kota Bandung, 17-08-1985.
NIK = "3273011708850001"
KK_NUMBER = "3273011505100003"
PHONE = "081234567890"
NAME = "Budi Santoso"
WHOLE = "2"  # inside every integer constraint of the shipped services
DECIMAL = "3,2"  # a baby's weight in kg
assert check_nik(NIK).nik == NIK
assert check_kk_number(KK_NUMBER) == KK_NUMBER
assert check_phone(PHONE) == "+6281234567890"

KEYED = {
    FieldType.NIK: NIK,
    FieldType.KK_NUMBER: KK_NUMBER,
    FieldType.PHONE: PHONE,
    FieldType.INTEGER: WHOLE,
    FieldType.DECIMAL: DECIMAL,
}
MAX_STEPS = 60


def wizard_of(window: KioskWindow) -> Wizard:
    assert window.guided is not None and window.guided.wizard is not None
    return window.guided.wizard


def current_step(window: KioskWindow) -> Step:
    step = wizard_of(window).current
    assert step is not None, "no question is open"
    return step


def open_service(qtbot, window: KioskWindow, service_id: str) -> None:
    """Home -> "Layanan Surat & Dokumen" -> the service -> "Mulai": the first question."""
    open_intro(qtbot, window, service_id)
    voice = window.voice
    if isinstance(voice, RecordingVoice):  # the intro's words (tests/ui/guided/test_intro.py)
        voice.spoken.clear()  # stay behind: a test of the questions hears the questions
    tap(qtbot, window, "start")
    assert window.current_screen == "question"


def open_intro(qtbot, window: KioskWindow, service_id: str) -> None:
    """Home -> "Layanan Surat & Dokumen" -> the service's button (once the list is in):
    what to bring and how long, before the first question."""
    tap(qtbot, window, "guided_services")
    assert window.current_screen == "guided_services"
    page = window.page("guided_services")

    def shown() -> bool:  # a button added to a shown page appears on the next turn
        found = page.findChild(QPushButton, f"guided_{service_id}")
        return found is not None and found.isVisible()

    qtbot.waitUntil(shown)
    tap(qtbot, window, f"guided_{service_id}")
    assert window.current_screen == "service_intro"


def type_keys(qtbot, window: KioskWindow, text: str) -> None:
    for symbol in text:
        tap(qtbot, window, key_name(symbol))


def text_entry(window: KioskWindow) -> LetterEntry:
    """The text question's letter keypad with what was typed (hidden or not)."""
    entry = window.page("question").findChild(LetterEntry, "text_answer")
    assert entry is not None
    return entry


def type_text(window: KioskWindow, text: str) -> None:
    """Typed on a hardware keyboard (tests/ui/guided/test_letters.py taps the keys)."""
    entry = text_entry(window)
    assert entry.isVisible()
    entry.clear()
    QTest.keyClicks(entry, text)


def give_valid_answer(qtbot, window: KioskWindow, step: Step) -> None:
    """Answer `step` as a person would: keys, taps or typing (not Next)."""
    if step.proposed_from_nik:
        return  # confirmed with "Benar" by next_step
    if step.prefilled_from_card:
        return  # from the citizen's card: shown filled in, confirmed with Next
    if step.type in KEYED:
        type_keys(qtbot, window, KEYED[step.type])
    elif step.type is FieldType.DATE:
        pick_date(qtbot, window, wizard_of(window).today)
    elif step.type in (FieldType.SELECT_ONE, FieldType.SELECT_MULTIPLE):
        tap(qtbot, window, f"choice_{step.choices[0].value}")
    elif step.type is FieldType.TEXT:
        type_text(window, NAME)
    elif step.type is FieldType.ACKNOWLEDGE:
        tap(qtbot, window, "acknowledge")


def pick_date(qtbot, window: KioskWindow, when: date) -> None:
    """Choose `when` on the date entry as a finger does: the year by its decade, then
    the month by name, then the day (each part opened by its own button first)."""
    tap(qtbot, window, "date_year")
    decade = f"decade_{when.year - when.year % 10}"
    found = window.page("question").findChild(QPushButton, decade)
    if found is None or not found.isVisible():  # the years of a decade are shown
        tap(qtbot, window, "other_decades")
    for name in (decade, f"year_{when.year}", "date_month", f"month_{when.month}"):
        tap(qtbot, window, name)
    tap(qtbot, window, "date_day")
    tap(qtbot, window, f"day_{when.day}")


def next_step(qtbot, window: KioskWindow, step: Step) -> None:
    tap(qtbot, window, "confirm_proposal" if step.proposed_from_nik else "next")


def problems_shown(window: KioskWindow) -> str:
    label = window.page("question").findChild(QLabel, "problems")
    return label.text() if label is not None and label.isVisible() else ""


def fill_questions(qtbot, window: KioskWindow, stop_at: str | None = None) -> list[str]:
    """Answer every question validly until the summary (or the step `stop_at`);
    returns the names of the steps seen."""
    seen: list[str] = []
    for _ in range(MAX_STEPS):
        if window.current_screen != "question":
            return seen
        step = current_step(window)
        if step.name == stop_at:
            return seen
        seen.append(step.name)
        give_valid_answer(qtbot, window, step)
        next_step(qtbot, window, step)
        assert not problems_shown(window), (step.name, problems_shown(window))
    raise AssertionError(f"no summary after {MAX_STEPS} steps: {seen}")


def read_summary(qtbot, window: KioskWindow) -> int:
    """ "Show more" until the last answer was on screen and Next takes its place;
    returns the taps it took."""
    assert window.current_screen == "summary"
    page = window.page("summary")
    assert isinstance(page, SummaryScreen)
    for taps in range(MAX_STEPS):
        qtbot.waitUntil(lambda: not page.settling)  # laid out: does it all fit now?
        if page.next_button.isVisible():
            return taps
        tap(qtbot, window, "scroll_more")
    raise AssertionError(f"Next never came after {MAX_STEPS} taps on Show more")


def to_consent(qtbot, window: KioskWindow, service_id: str) -> None:
    """A service opened, every question answered, the summary read: the consent."""
    open_service(qtbot, window, service_id)
    fill_questions(qtbot, window)
    read_summary(qtbot, window)
    tap(qtbot, window, "next")
    assert window.current_screen == "consent"


def agree_and_finish(qtbot, window: KioskWindow) -> None:
    """Summary (read to its end) -> consent -> "Saya setuju", waiting for the receipt."""
    read_summary(qtbot, window)
    tap(qtbot, window, "next")
    assert window.current_screen == "consent"
    assert wizard_of(window).stage is Stage.CONSENT
    assert window.guided is not None
    with qtbot.waitSignal(window.guided.submitted, timeout=5_000):
        tap(qtbot, window, "agree")
