"""The date entry on the real question screen at 1280 x 800: every grid it opens fits
with the question, its hint and Back/Next, in both themes; a 1950s birth date is four
taps from the question to Next."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.definitions import small_definition
from tests.ui.guided_steps import current_step, open_service
from tests.ui.helpers import tap, text
from tests.ui.test_tour import button_problems
from tests.ui.tour import settled
from ui.window import KioskWindow

BIRTH_DATE = """
  - name: tanggal_lahir
    type: date
    label: {id: Tanggal lahir, en: Date of birth}
    hint: {id: "Lihat KTP Anda: tanggal, bulan dan tahun lahir.", en: "See your KTP."}
    required: true
    constraint: value <= today
    constraint_message: {id: Tanggal lahir tidak boleh di masa depan., en: Not in the future.}
  - {name: catatan, type: text, label: {id: Catatan}}
"""


@pytest.fixture
def birth_question(qtbot, make_guided, fake_services, request) -> KioskWindow:
    definition = small_definition("lahir", BIRTH_DATE)
    fake_services.definitions = {definition.id: definition, **fake_services.definitions}
    window = make_guided(high_contrast=request.param)
    window.guided.services_screen.set_services(fake_services.catalogue())
    open_service(qtbot, window, definition.id)
    return window


def fits(qtbot, window: KioskWindow, where: str) -> None:
    settled(qtbot)
    assert button_problems(window) == [], where
    assert window.height() <= 800 and window.page("question").minimumSizeHint().height() <= 800


@pytest.mark.parametrize("birth_question", [False, True], ids=["normal", "hc"], indirect=True)
def test_every_grid_fits_the_panel_with_the_question_and_its_buttons(qtbot, birth_question):
    window = birth_question
    fits(qtbot, window, "decades")
    tap(qtbot, window, "decade_1950")
    fits(qtbot, window, "years")
    tap(qtbot, window, "year_1955")
    fits(qtbot, window, "months")
    tap(qtbot, window, "month_1")
    tap(qtbot, window, "day_31")
    fits(qtbot, window, "31 days")
    tap(qtbot, window, "date_month")
    tap(qtbot, window, "month_2")  # 31 February: dropped, with a message over the days
    fits(qtbot, window, "days with a message")
    tap(qtbot, window, "next")  # no day: the wizard asks for an answer, under the days
    assert text(window, "problems") == "Mohon jawab pertanyaan ini."
    fits(qtbot, window, "days with a prompt and the wizard's problem")
    tap(qtbot, window, "day_1")
    tap(qtbot, window, "date_year")
    tap(qtbot, window, "other_decades")
    tap(qtbot, window, "decade_2020")
    tap(qtbot, window, f"year_{window.guided.wizard.today.year}")
    tap(qtbot, window, "date_month")
    tap(qtbot, window, "month_12")
    tap(qtbot, window, "date_day")
    tap(qtbot, window, "day_31")
    tap(qtbot, window, "next")
    if window.guided.wizard.today < date(window.guided.wizard.today.year, 12, 31):
        assert text(window, "problems") == "Tanggal lahir tidak boleh di masa depan."
        fits(qtbot, window, "days with the wizard's problem under them")


@pytest.mark.parametrize("birth_question", [False], ids=["normal"], indirect=True)
def test_a_1950s_birth_date_is_four_taps_then_next(qtbot, birth_question):
    window = birth_question
    for name in ("decade_1950", "year_1955", "month_8", "day_17"):
        tap(qtbot, window, name)
    assert window.guided.question.input.value() == date(1955, 8, 17)
    tap(qtbot, window, "next")
    assert current_step(window).name == "catatan"  # taken: the fifth tap moves on
