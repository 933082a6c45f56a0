"""Each shipped service completed through the real screens, with the real catalogue and
the real Wizard; only storing and printing are faked."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.catalogue.validators import NIK_LENGTH
from kiosk.i18n import translations
from kiosk.queue.errors import QueueBusy
from kiosk.wizard import Stage, Wizard
from tests.helpers.definitions import sample_definition, small_definition
from tests.helpers.expressions import EvaluationCount
from tests.helpers.stubs import FakeClock
from tests.ui.fakes import shipped_services
from tests.ui.guided_steps import (
    NAME,
    NIK,
    agree_and_finish,
    current_step,
    fill_questions,
    give_valid_answer,
    next_step,
    open_service,
    problems_shown,
    read_summary,
    text_entry,
    type_keys,
    type_text,
    wizard_of,
)
from tests.ui.helpers import button, tap, text
from ui.guided.inputs import (
    AcknowledgeInput,
    AnswerInput,
    ChoiceInput,
    DateInput,
    NumberInput,
    TextInput,
)
from ui.guided.submitted import spelled

DOMISILI = "surat-keterangan-domisili"
MAX_BACKS = 40


def test_the_nine_services_are_shipped():
    assert len(shipped_services()) == 9


@pytest.mark.parametrize("service_id", sorted(shipped_services()))
def test_each_service_is_completed_through_the_screens(qtbot, guided, fake_services, service_id):
    open_service(qtbot, guided, service_id)
    seen = fill_questions(qtbot, guided)
    assert guided.current_screen == "summary"
    assert seen[0] == "nik"
    agree_and_finish(qtbot, guided)

    assert guided.current_screen == "submitted"
    [form] = fake_services.forms
    assert form.service_id == service_id
    assert form.nik == NIK
    assert not form.assisted
    receipt_code = next(iter(fake_services.stored))
    assert text(guided, "tracking_code") == spelled(receipt_code)
    assert text(guided, "take_receipt") == "Silakan ambil tanda terima Anda."
    assert fake_services.wizards[0].stage is Stage.WIPED  # stored: gone from memory
    assert guided.guided is not None and guided.guided.wizard is None
    assert threading.main_thread().ident not in fake_services.worker_threads
    tap(qtbot, guided, "finish")
    assert guided.current_screen == "home"
    code = guided.page("submitted").findChild(QLabel, "tracking_code")
    assert code.text() == "" and code.accessibleName() == ""  # not for the next person
    assert not guided.page("summary").values()


def test_every_answer_widget_is_built_before_the_first_question(qtbot, guided):
    # Built at the first citizen's Next, a keypad cost that citizen several ms a step.
    question = guided.page("question")
    built = question.findChildren(AnswerInput)
    kinds = {type(widget) for widget in built}
    assert kinds >= {NumberInput, DateInput, ChoiceInput, TextInput, AcknowledgeInput}
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided)
    assert guided.current_screen == "summary"
    assert question.findChildren(AnswerInput) == built  # the same widgets, reloaded


def test_an_answer_is_worked_out_before_next_is_tapped(qtbot, guided, monkeypatch):
    # RT has a constraint, and the address is calculated from it: both are evaluated
    # while the citizen looks for Next, so the tap itself evaluates nothing.
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="rt")
    counted = EvaluationCount(monkeypatch)
    form = guided.guided.form
    with qtbot.waitSignal(form._rehearsal.timeout, timeout=5_000):  # on the next turn
        type_keys(qtbot, guided, "7")
    ran = counted.runs
    assert ran >= 2  # the constraint and the calculation, worked out ahead
    assert not form._rehearsal.isActive()  # and nothing more is left for a later turn
    tap(qtbot, guided, "next")
    assert counted.runs == ran
    assert current_step(guided).name == "rw"
    shown = {row.field_name: row.value for row in wizard_of(guided).summary()}
    assert shown["rt"] == "7"  # kept by the tap, as without the head start


def test_a_failed_head_start_is_logged_and_next_does_the_work(qtbot, guided, monkeypatch, caplog):
    def fails(_wizard, _value):
        raise RuntimeError("3273011708850001")  # never logged: it could be a NIK

    monkeypatch.setattr(Wizard, "rehearse", fails)
    open_service(qtbot, guided, DOMISILI)
    type_keys(qtbot, guided, NIK)
    qtbot.waitUntil(lambda: "worked out ahead: RuntimeError" in caplog.text)
    tap(qtbot, guided, "next")
    assert current_step(guided).name == "nama"
    assert NIK not in caplog.text


def test_a_bad_nik_is_explained_in_plain_words_under_the_keypad(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    type_keys(qtbot, guided, NIK[:13])
    tap(qtbot, guided, "next")

    expected = translations("id").gettext(NIK_LENGTH)
    assert expected != NIK_LENGTH  # really in Indonesian
    assert problems_shown(guided) == expected
    assert current_step(guided).name == "nik"
    assert guided.voice.spoken[-1] == expected.replace("16", "enam belas")
    type_keys(qtbot, guided, NIK[13:])
    tap(qtbot, guided, "next")
    assert current_step(guided).name == "nama"


def test_back_keeps_the_answers(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="tempat_lahir")
    type_text(guided, "Band")  # typed, not yet confirmed with Next
    tap(qtbot, guided, "back")
    assert current_step(guided).name == "nama"
    assert text_entry(guided).text() == NAME
    tap(qtbot, guided, "back")
    assert current_step(guided).name == "nik"
    assert text(guided, "entry") == "3273 0117 0885 0001"
    tap(qtbot, guided, "next")
    tap(qtbot, guided, "next")
    assert current_step(guided).name == "tempat_lahir"
    assert text_entry(guided).text() == "Band"


def test_back_before_the_first_question_forgets_the_form(qtbot, guided, fake_services):
    open_service(qtbot, guided, DOMISILI)
    type_keys(qtbot, guided, NIK)
    tap(qtbot, guided, "back")
    tap(qtbot, guided, "delete_answers")  # asked first: a NIK was typed
    assert guided.current_screen == "guided_services"
    assert fake_services.wizards[0].stage is Stage.WIPED


def test_leaving_by_back_leaves_no_answer_in_a_hidden_screen(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided)
    assert guided.page("summary").values()  # the answers, shown to be checked
    tap(qtbot, guided, "back")  # from the summary to the last question...
    for _ in range(MAX_BACKS):  # ...and back through every one to the list
        if guided.current_screen != "question":
            break
        tap(qtbot, guided, "back")
    tap(qtbot, guided, "delete_answers")
    assert guided.current_screen == "guided_services"
    question = guided.page("question")
    assert text_entry(guided).text() == ""
    assert question.findChild(QLabel, "entry").text() == ""
    assert not guided.page("summary").values()


def test_the_nik_proposes_the_birth_date_to_confirm_or_change(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="tanggal_lahir")
    assert current_step(guided).proposed_from_nik
    assert text(guided, "proposal_value") == "17 Agustus 1985"
    assert button(guided, "confirm_proposal").text() == "Benar"
    tap(qtbot, guided, "change_proposal")
    assert text(guided, "year_value") == "1985"
    for name in ("date_year", "other_decades", "decade_1990", "year_1994"):
        tap(qtbot, guided, name)
    tap(qtbot, guided, "date_month")
    tap(qtbot, guided, "month_9")
    tap(qtbot, guided, "next")
    assert current_step(guided).name == "jenis_kelamin"
    fill_questions(qtbot, guided)
    assert guided.page("summary").values()["tanggal_lahir"] == "17 September 1994"


def test_a_held_birth_year_moves_to_another_decade_in_four_taps(qtbot, guided):
    # 1985 proposed, but the citizen was born in 2015.
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="tanggal_lahir")
    tap(qtbot, guided, "change_proposal")
    for name in ("date_year", "other_decades", "decade_2010", "year_2015"):
        tap(qtbot, guided, name)
    assert text(guided, "year_value") == "2015"
    assert guided.guided.question.input.value() == date(2015, 8, 17)


def test_the_summary_masks_the_nik_and_changes_an_answer_in_place(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided)
    summary = guided.page("summary")
    assert summary.values()["nik"] == "3273********0001"
    assert summary.findChild(QLabel, "value_nik").text() == "3273********0001"

    tap(qtbot, guided, "edit_nama")
    assert current_step(guided).name == "nama"
    type_text(guided, "Siti Aminah")
    tap(qtbot, guided, "next")
    assert guided.current_screen == "summary"  # every other answer was seen already
    assert summary.values()["nama"] == "Siti Aminah"


def test_nothing_is_stored_without_consent(qtbot, guided, fake_services):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided)
    read_summary(qtbot, guided)
    tap(qtbot, guided, "next")
    assert guided.current_screen == "consent"
    assert "UU PDP" in text(guided, "consent_text")
    tap(qtbot, guided, "back")
    assert guided.current_screen == "summary"
    tap(qtbot, guided, "next")
    tap(qtbot, guided, "cancel")
    tap(qtbot, guided, "delete_answers")

    assert guided.current_screen == "home"
    assert fake_services.forms == []
    assert fake_services.wizards[0].stage is Stage.WIPED


def test_a_receipt_that_did_not_print_shows_the_code_for_the_staff(qtbot, guided, fake_services):
    fake_services.print_fails = True
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided)
    agree_and_finish(qtbot, guided)

    code = next(iter(fake_services.stored))
    assert text(guided, "tracking_code") == spelled(code)
    assert text(guided, "not_printed") == "Tanda terima tidak bisa dicetak."
    assert text(guided, "take_receipt")  # write it down, or show it at the counter
    assert button(guided, "print_again").isEnabled()
    tap(qtbot, guided, "finish")  # dismissed: the form kept for "Coba lagi" is wiped
    assert fake_services.wizards[0].stage is Stage.WIPED


def test_a_failed_save_can_be_tried_again_with_the_same_answers(qtbot, guided, fake_services):
    fake_services.fail_with = QueueBusy("the database is busy")
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided)
    read_summary(qtbot, guided)
    tap(qtbot, guided, "next")
    assert guided.guided is not None
    with qtbot.waitSignal(guided.guided.finalise_failed, timeout=5_000):
        tap(qtbot, guided, "agree")
    assert guided.current_screen == "submission_problem"
    assert fake_services.forms == []

    fake_services.fail_with = None
    with qtbot.waitSignal(guided.guided.submitted, timeout=5_000):
        tap(qtbot, guided, "retry")
    assert guided.current_screen == "submitted"
    assert len(fake_services.forms) == 1


def test_the_finishing_screen_waits_for_the_store_and_a_second_tap_does_nothing(
    qtbot, guided, fake_services
):
    gate = fake_services.hold()
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided)
    read_summary(qtbot, guided)
    tap(qtbot, guided, "next")
    tap(qtbot, guided, "agree")
    assert guided.current_screen == "finishing"
    assert guided.guided is not None and guided.guided.busy
    guided.guided.consent.agree.emit()  # a late double tap
    guided.idle_watcher.timed_out.emit()
    assert guided.current_screen == "finishing"  # never leaves before the answer
    with qtbot.waitSignal(guided.guided.submitted, timeout=5_000):
        gate.set()
    assert len(fake_services.forms) == 1


def test_the_counter_sees_staff_hints_and_the_form_is_assisted(qtbot, make_guided, fake_services):
    counter = make_guided(role="counter")
    open_service(qtbot, counter, DOMISILI)
    fill_questions(qtbot, counter, stop_at="lama_tinggal")
    assert text(counter, "staff_hint") == (
        "Pendatang kurang dari 6 bulan perlu keterangan dari pemilik rumah."
    )
    assert not counter.voice.enabled and counter.voice.spoken == []
    assert not counter.page("question").speak_button.isVisible()
    fill_questions(qtbot, counter)
    agree_and_finish(qtbot, counter)
    assert fake_services.starts[0].assisted
    assert fake_services.forms[0].assisted


def test_the_kiosk_hides_staff_hints(qtbot, guided, fake_services):
    open_service(qtbot, guided, DOMISILI)
    fill_questions(qtbot, guided, stop_at="lama_tinggal")
    assert text(guided, "staff_hint") == ""
    assert not fake_services.starts[0].assisted


def test_an_acknowledgement_needs_the_big_agree_toggle(qtbot, guided, fake_services):
    definition = sample_definition()  # every field type, an acknowledgement among them
    flow = guided.guided
    assert flow is not None
    qtbot.waitUntil(lambda: bool(flow.services_screen.buttons))  # the first load is in
    fake_services.definitions = {definition.id: definition, **fake_services.definitions}
    flow.services_screen.set_services(fake_services.catalogue())
    open_service(qtbot, guided, definition.id)
    fill_questions(qtbot, guided, stop_at="pernyataan")
    tap(qtbot, guided, "next")
    assert problems_shown(guided)  # not agreed yet
    assert wizard_of(guided).current.name == "pernyataan"
    tap(qtbot, guided, "acknowledge")
    tap(qtbot, guided, "next")
    fill_questions(qtbot, guided)
    agree_and_finish(qtbot, guided)
    assert fake_services.forms[0].answers["pernyataan"] is True


def test_the_form_speaks_the_language_chosen_at_home(qtbot, guided, fake_services):
    tap(qtbot, guided, "language_en")
    open_service(qtbot, guided, DOMISILI)
    assert fake_services.starts[0].language == "en"
    assert text(guided, "progress") == "Step 1 of 14"
    assert text(guided, "question") == "Population Identity Number (NIK)"
    assert guided.voice.spoken[-1].startswith("Step one of fourteen.")


def test_a_slow_store_says_so_without_leaving_the_screen(qtbot, make_guided, fake_services):
    window = make_guided(printing_watchdog_seconds=0.05)
    gate = fake_services.hold()
    open_service(qtbot, window, DOMISILI)
    fill_questions(qtbot, window)
    read_summary(qtbot, window)
    tap(qtbot, window, "next")
    tap(qtbot, window, "agree")
    qtbot.waitUntil(lambda: text(window, "slow") != "")
    assert window.current_screen == "finishing"
    assert text(window, "slow") == "Ini lebih lama dari biasanya. Silakan panggil petugas."
    with qtbot.waitSignal(window.guided.submitted, timeout=5_000):
        gate.set()
    assert window.current_screen == "submitted"


READ_ONLY_SERVICE = """
  - {name: nik, type: nik, label: {id: NIK}, required: true}
  - {name: desa, type: text, label: {id: Desa Anda}, read_only: true, default: Sukamaju}
  - {name: nama, type: text, label: {id: Nama}, required: true}
"""


def test_a_read_only_answer_is_shown_and_next_moves_on(qtbot, guided, fake_services):
    definition = small_definition("nilai-tetap", READ_ONLY_SERVICE)
    fake_services.definitions[definition.id] = definition
    guided.guided.services_screen.set_services(fake_services.catalogue())
    open_service(qtbot, guided, definition.id)
    type_keys(qtbot, guided, NIK)
    tap(qtbot, guided, "next")
    assert current_step(guided).name == "desa"
    assert text(guided, "read_only_value") == "Sukamaju"
    assert guided.voice.spoken[-1].endswith("Desa Anda. Sukamaju.")  # read out too
    assert not text_entry(guided).isVisible()
    tap(qtbot, guided, "next")
    assert current_step(guided).name == "nama" and not problems_shown(guided)
    assert text(guided, "read_only_value") == ""  # hidden on a question that is asked


READ_ONLY_PHONE = """
  - {name: hp, type: phone, label: {id: Nomor HP Anda}, read_only: true, default: "081234567890"}
  - {name: nama, type: text, label: {id: Nama}, required: true}
"""


def test_a_read_only_number_that_identifies_a_person_is_shown_but_never_read_aloud(
    qtbot, guided, fake_services
):
    definition = small_definition("nomor-tetap", READ_ONLY_PHONE)
    fake_services.definitions[definition.id] = definition
    guided.guided.services_screen.set_services(fake_services.catalogue())
    open_service(qtbot, guided, definition.id)
    assert current_step(guided).name == "hp"
    assert "1234" in text(guided, "read_only_value").replace(" ", "")
    spoken = guided.voice.spoken[-1]  # digits are spoken as words: nothing after the label
    assert spoken.endswith("Nomor HP Anda.") and "satu" in spoken  # "Langkah satu dari dua"


ONE_DATE = """
  - {name: tanggal, type: date, label: {id: Tanggal kejadian}, required: true}
"""


def test_a_date_starts_from_the_offices_month_not_the_machines(qtbot, guided, fake_services):
    # 00:30 WIB on 1 January 2025 is still 31 December 2024 in UTC, the machine's zone here.
    fake_services.clock = FakeClock(datetime(2024, 12, 31, 17, 30, tzinfo=UTC))
    definition = small_definition("satu-tanggal", ONE_DATE)
    fake_services.definitions[definition.id] = definition
    guided.guided.services_screen.set_services(fake_services.catalogue())
    open_service(qtbot, guided, definition.id)
    assert (text(guided, "month_value"), text(guided, "year_value")) == ("Januari", "2025")
    tap(qtbot, guided, "day_1")  # one tap: the day; the office's month and year are shown
    assert guided.guided.question.input.value() == date(2025, 1, 1)


def test_back_and_next_stay_in_the_same_place_on_every_question(qtbot, guided):
    open_service(qtbot, guided, DOMISILI)
    places = set()
    for _ in range(30):
        if guided.current_screen != "question":
            break
        page = guided.page("question")
        qtbot.waitUntil(lambda: button(guided, "back").isVisible())
        page.layout().activate()
        # Next is hidden on a NIK proposal ("Benar" moves on), its place kept.
        for name, widget in (("back", page.back_button), ("next", page.next_button)):
            places.add((name, widget.mapTo(guided, widget.rect().topLeft()), widget.size()))
        step = current_step(guided)
        give_valid_answer(qtbot, guided, step)
        next_step(qtbot, guided, step)
    assert guided.current_screen == "summary"
    assert len(places) == 2, places  # one place for Back, one for Next, on all 14


def place(window, name: str):
    widget = button(window, name)
    window.page(window.current_screen).layout().activate()
    return widget.mapTo(window, widget.rect().topLeft()), widget.size()


def test_back_and_the_way_on_keep_their_places_from_the_list_to_the_receipt(
    qtbot, guided, fake_services
):
    guided.guided.open_services()
    qtbot.waitUntil(lambda: guided.current_screen == "guided_services")
    list_back = place(guided, "back")
    tap(qtbot, guided, "back")  # home again
    open_service(qtbot, guided, DOMISILI)
    assert place(guided, "back") == list_back  # the list's Back is where a question's is
    question_next = place(guided, "next")
    fill_questions(qtbot, guided)
    agree_and_finish(qtbot, guided)
    assert guided.current_screen == "submitted"
    assert place(guided, "finish") == question_next  # "Selesai" is where Next was
