"""The summary: answers in blocks, "Ubah" beside each, the NIK whole only on "Show" and
never read aloud, and Next only once the last answer was on screen."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QLabel

from kiosk.wizard import SummaryRow
from kiosk.wizard.conversion import MAX_TEXT_LENGTH
from tests.helpers.definitions import small_definition
from tests.ui.fakes import shipped_services
from tests.ui.guided_steps import (
    NIK,
    current_step,
    fill_questions,
    open_service,
    read_summary,
    type_text,
)
from tests.ui.helpers import button, tap, text
from ui.guided.summary import SummaryScreen
from ui.guided.summary_blocks import ABOUT_YOU, ADDRESS, REQUEST, summary_blocks
from ui.i18n import Tr

DOMISILI = "surat-keterangan-domisili"
MASKED = "3273********0001"


@pytest.fixture
def english(make_guided):
    return make_guided(language="en")


def at_summary(qtbot, window, service_id: str = DOMISILI) -> None:
    open_service(qtbot, window, service_id)
    fill_questions(qtbot, window)
    assert window.current_screen == "summary"


def block_titles(window) -> list[str]:
    page = window.page("summary")
    return [label.text() for label in page.findChildren(QLabel, "block_title")]


def test_the_answers_come_in_blocks_in_the_forms_order(qtbot, english):
    at_summary(qtbot, english)
    assert block_titles(english) == ["About you", "Address", "Your request"]
    page = english.page("summary")
    tops = {
        name: page.findChild(QLabel, f"value_{name}").mapTo(page, page.rect().topLeft()).y()
        for name in ("nik", "no_hp", "rt", "keperluan")
    }
    assert tops["nik"] < tops["no_hp"] < tops["rt"] < tops["keperluan"]
    assert set(page.edit_buttons) == set(page.values())  # "Change" beside every answer


def test_the_nik_is_masked_until_show_and_never_read_aloud(qtbot, english):
    at_summary(qtbot, english)
    assert text(english, "value_nik") == MASKED
    said = list(english.voice.spoken)
    assert said[-1] == "Please check your answers. Tap Show more to see every answer."
    tap(qtbot, english, "show_nik")
    assert text(english, "value_nik") == "3273 0117 0885 0001"  # as on the card
    assert text(english, "value_nik").replace(" ", "") == NIK
    assert button(english, "show_nik").text() == "Hide"
    tap(qtbot, english, "show_nik")
    assert text(english, "value_nik") == MASKED
    assert english.voice.spoken == said  # showing it says nothing


def test_next_waits_until_the_last_answer_was_on_screen(qtbot, english):
    at_summary(qtbot, english)
    page = english.page("summary")
    qtbot.waitUntil(lambda: not page.settling)
    assert not page.next_button.isVisible() and not page.next_button.isEnabled()
    assert button(english, "scroll_more").isVisible()
    assert text(english, "scroll_hint")
    english.page("summary").next.emit()  # even a stray signal: the wizard is not moved on
    taps = read_summary(qtbot, english)
    assert taps >= 1
    bar = page.scroll_area.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0
    assert button(english, "next").isEnabled() and not text(english, "scroll_hint")
    tap(qtbot, english, "next")
    assert english.current_screen == "consent"


def test_dragging_to_the_end_is_as_good_as_show_more(qtbot, english):
    at_summary(qtbot, english)
    page = english.page("summary")
    qtbot.waitUntil(lambda: not page.settling)
    bar = page.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    assert not page.next_button.isVisible()
    bar.setValue(bar.maximum())
    assert page.next_button.isVisible() and page.next_button.isEnabled()


def test_a_summary_that_fits_lets_the_citizen_on_at_once(qtbot, english, fake_services):
    definition = small_definition(
        "pendek", "  - {name: nama, type: text, label: {id: Nama, en: Name}, required: true}"
    )
    fake_services.definitions = {
        **fake_services.definitions,
        definition.id: definition,
    }  # not the cached dict
    english.guided.services_screen.set_services(fake_services.catalogue())
    at_summary(qtbot, english, definition.id)
    assert read_summary(qtbot, english) == 0
    assert block_titles(english) == ["Your request"]  # no phone question: one block


def test_change_goes_to_the_question_and_back_with_next_still_there(qtbot, english):
    at_summary(qtbot, english)
    read_summary(qtbot, english)
    tap(qtbot, english, "edit_nama")
    assert current_step(english).name == "nama"
    type_text(english, "Siti Aminah")
    tap(qtbot, english, "next")
    assert english.current_screen == "summary"
    assert english.page("summary").values()["nama"] == "Siti Aminah"
    assert read_summary(qtbot, english) == 0  # read once: not again after a change


def test_a_shown_nik_is_masked_again_after_a_change(qtbot, english):
    at_summary(qtbot, english)
    tap(qtbot, english, "show_nik")
    tap(qtbot, english, "edit_nik")
    tap(qtbot, english, "next")  # the NIK kept as it was
    while english.current_screen == "question":  # birth date and sex proposed again
        tap(qtbot, english, "confirm_proposal")
    assert english.current_screen == "summary"
    assert text(english, "value_nik") == MASKED


def test_a_wiped_form_leaves_nothing_on_the_summary(qtbot, english):
    at_summary(qtbot, english)
    tap(qtbot, english, "show_nik")
    english.restart_for_next_person()
    page = english.page("summary")
    assert not page.values() and not page.findChildren(QLabel, "block_title")
    assert not page.read_to_end


# -- the blocks, Qt-free ------------------------------------------------------


def rows_of(definition) -> list[SummaryRow]:
    asked = [f for f in definition.fields if f.type.value not in ("note", "calculate", "hidden")]
    return [SummaryRow(f.name, f.name, "x", True) for f in asked]


@pytest.mark.parametrize("service_id", sorted(shipped_services()))
def test_every_shipped_service_keeps_every_row_once_and_about_you_first(service_id):
    definition = shipped_services()[service_id]
    rows = rows_of(definition)
    blocks = summary_blocks(rows, definition)
    assert sorted(r.field_name for b in blocks for r in b.rows) == sorted(
        r.field_name for r in rows
    )
    assert blocks[0].title == ABOUT_YOU and blocks[0].rows[0].field_name == "nik"
    assert [b.title for b in blocks] == [
        t for t in (ABOUT_YOU, ADDRESS, REQUEST) if t in {b.title for b in blocks}
    ]


@given(st.lists(st.text(max_size=40), max_size=30))
def test_any_field_names_are_kept_in_blocks_without_a_crash(names):
    definition = shipped_services()[DOMISILI]
    rows = [SummaryRow(name, name, "x", True) for name in names]
    blocks = summary_blocks(rows, definition)
    assert [r for b in blocks for r in b.rows] == rows  # no phone field among them: one block
    assert all(b.rows for b in blocks)


def test_a_500_letter_answer_without_spaces_keeps_change_on_the_panel(qtbot):
    screen = SummaryScreen()
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    long = "X" * MAX_TEXT_LENGTH  # as long as a text answer may be
    screen.show_rows([SummaryRow("a", "A", long, True), SummaryRow("b", "B", "ok", True)], Tr())
    qtbot.waitUntil(lambda: not screen.settling)
    change = screen.edit_buttons["a"]
    viewport = screen.scroll_area.viewport()
    right = change.mapTo(viewport, change.rect().topRight()).x()
    assert right < viewport.width()
    assert screen.values()["a"] == long  # only the drawing may break it
