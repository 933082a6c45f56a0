"""The wizard's state machine: steps, relevance, validation, NIK proposals, summary, consent."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.catalogue.loader import load_catalogue
from kiosk.catalogue.model import ServiceDefinition
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.catalogue.validators import NIK_LENGTH
from kiosk.i18n import translations
from kiosk.wizard import Stage, Wizard, WizardWiped, WrongStage, consent_text
from kiosk.wizard.messages import (
    ACKNOWLEDGE_NEEDED,
    CONSTRAINT_FAILED,
    NOT_A_WHOLE_NUMBER,
    REQUIRED,
)
from tests.helpers.definitions import FEMALE_NIK, KK_NUMBER, MALE_NIK, small_definition
from tests.helpers.expressions import EvaluationCount
from tests.helpers.stubs import FakeClock
from tests.kiosk.wizard.conftest import ANSWERS, MakeWizard, complete, fill, go_to


def names_of_steps(wizard: Wizard) -> list[str]:
    """Walk forward without answering anything new, collecting the step names."""
    names = []
    while wizard.stage is Stage.QUESTIONS and wizard.current is not None:
        names.append(wizard.current.name)
        if wizard.next():
            break
    return names


def test_the_first_step_is_the_note_and_counts_the_relevant_steps(wizard: Wizard) -> None:
    step = wizard.current
    assert step is not None
    assert (step.name, step.label, step.index) == ("sambutan", "Selamat datang.", 1)
    # 13 shown: the note and 12 asked; the two business questions are not relevant yet
    assert step.total == 13
    assert wizard.next() == []
    assert wizard.current is not None and wizard.current.index == 2


def test_answering_yes_brings_in_the_business_questions(wizard: Wizard) -> None:
    go_to(wizard, "punya_usaha")
    assert wizard.answer("ya") == []
    assert wizard.current is not None and wizard.current.total == 15
    assert wizard.next() == []
    assert wizard.current is not None and wizard.current.name == "nama_usaha"


def test_answers_of_fields_that_become_irrelevant_are_dropped(make_wizard: MakeWizard) -> None:
    wizard = make_wizard()
    complete(wizard, {**ANSWERS, "punya_usaha": "ya", "nama_usaha": "Warung Sari"})
    assert wizard.result().answers["nama_usaha"] == "Warung Sari"

    fresh = make_wizard()
    go_to(fresh, "nama_usaha", {**ANSWERS, "punya_usaha": "ya"})
    assert fresh.answer("Warung Sari") == []
    assert fresh.back()
    assert fresh.answer("tidak") == []
    complete(fresh)
    answers = fresh.result().answers
    assert "nama_usaha" not in answers
    assert "jumlah_pegawai" not in answers  # its default went with it


def test_a_default_is_offered_when_its_question_becomes_relevant(wizard: Wizard) -> None:
    go_to(wizard, "jumlah_pegawai", {**ANSWERS, "punya_usaha": "ya", "nama_usaha": "Warung"})
    step = wizard.current
    assert step is not None and (step.answer, step.answer_text) == (1, "1")


def test_next_is_refused_until_a_required_question_is_answered(wizard: Wizard) -> None:
    go_to(wizard, "nama")
    assert wizard.next() == ["Nama wajib diisi."]
    assert wizard.current is not None and wizard.current.name == "nama"
    assert wizard.answer("   ") == ["Nama wajib diisi."]
    assert wizard.answer("Budi") == []
    assert wizard.next() == []


def test_back_keeps_the_answers_and_stops_at_the_first_step(wizard: Wizard) -> None:
    assert wizard.back() is False
    go_to(wizard, "tanggal_lahir")
    assert wizard.back()
    step = wizard.current
    assert step is not None and (step.name, step.answer) == ("nama", "Budi Santoso")
    assert wizard.back() and wizard.back()
    assert wizard.back() is False
    assert wizard.current is not None and wizard.current.index == 1


def test_a_refused_answer_changes_nothing_and_blocks_next(wizard: Wizard) -> None:
    go_to(wizard, "nama")
    assert wizard.answer("Budi") == []
    assert wizard.answer("Al") == ["Nama terlalu pendek."]
    step = wizard.current
    assert step is not None and step.answer == "Budi"
    assert step.problems == ("Nama terlalu pendek.",)
    assert wizard.next() == ["Nama terlalu pendek."]  # not the old "Budi"
    assert wizard.answer("Budiman") == []
    assert wizard.current is not None and wizard.current.problems == ()
    assert wizard.next() == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [("id", "Nama wajib diisi."), ("en", "The name is required.")],
)
def test_required_messages_come_in_the_wizard_language(
    make_wizard: MakeWizard, language: str, expected: str
) -> None:
    wizard = make_wizard(language)
    go_to(wizard, "nama")
    assert wizard.next() == [expected]


def test_a_constraint_message_missing_in_a_language_falls_back_to_a_generic_one(
    make_wizard: MakeWizard,
) -> None:
    english = make_wizard("en")
    go_to(english, "nama")
    assert english.answer("Al") == ["This answer is not possible. Please check it."]
    indonesian = make_wizard("id")
    go_to(indonesian, "nama")
    assert indonesian.answer("Al") == ["Nama terlalu pendek."]
    assert translations("en").gettext(CONSTRAINT_FAILED) == CONSTRAINT_FAILED


@pytest.mark.parametrize("language", ["id", "en"])
def test_type_problems_are_translated(make_wizard: MakeWizard, language: str) -> None:
    wizard = make_wizard(language)
    gettext = translations(language).gettext
    go_to(wizard, "nik")
    assert wizard.answer("12345") == [gettext(NIK_LENGTH)]
    fill(wizard, {**ANSWERS, "punya_usaha": "ya", "nama_usaha": "Warung"}, "jumlah_pegawai")
    assert wizard.answer("banyak") == [gettext(NOT_A_WHOLE_NUMBER)]
    assert wizard.answer("501") == [
        "Isi angka 0 sampai 500." if language == "id" else "Enter a number from 0 to 500."
    ]


def test_the_nik_message_is_indonesian_at_an_indonesian_kiosk(wizard: Wizard) -> None:
    go_to(wizard, "nik")
    assert wizard.answer("3273") == ["NIK harus 16 angka."]


def test_numbers_and_dates_are_understood_forgivingly(wizard: Wizard) -> None:
    go_to(wizard, "tanggal_lahir")
    assert wizard.answer("1985-02-30") != []
    assert wizard.answer("17/08/1985") != []
    assert wizard.answer("2999-01-01") == ["Tanggal lahir tidak boleh di masa depan."]
    assert wizard.answer(datetime(1985, 8, 17, 10, 30, tzinfo=UTC)) == []
    assert wizard.current is not None and wizard.current.answer == date(1985, 8, 17)
    fill(wizard, {**ANSWERS, "punya_usaha": "ya", "nama_usaha": "Warung"}, "jumlah_pegawai")
    assert wizard.answer(" 1.200 ") == ["Isi angka 0 sampai 500."]  # a thousands dot: 1200
    assert wizard.answer("12") == []
    assert wizard.next() == []
    assert wizard.answer("1.500,25") == []
    assert wizard.current is not None and str(wizard.current.answer) == "1500.25"
    assert wizard.answer("2,5") == []
    assert wizard.current is not None and str(wizard.current.answer) == "2.5"


def test_the_phone_number_is_kept_normalised(wizard: Wizard) -> None:
    complete(wizard)
    assert wizard.result().answers["no_hp"] == "+6281234567890"


def test_birth_date_and_sex_are_proposed_from_the_nik_for_confirmation(wizard: Wizard) -> None:
    go_to(wizard, "tanggal_lahir")
    step = wizard.current
    assert step is not None
    assert (step.answer, step.proposed_from_nik) == (date(1985, 8, 17), True)
    assert wizard.next() == []  # "Ya, benar": confirmed
    step = wizard.current
    assert step is not None and step.name == "jenis_kelamin"
    assert (step.answer, step.proposed_from_nik) == ("L", True)
    assert wizard.back()
    assert wizard.current is not None and wizard.current.proposed_from_nik is False


def test_a_woman_s_nik_proposes_p_by_the_plus_40_rule(wizard: Wizard) -> None:
    go_to(wizard, "jenis_kelamin", {**ANSWERS, "nik": FEMALE_NIK})
    step = wizard.current
    assert step is not None and (step.answer, step.proposed_from_nik) == ("P", True)
    complete(wizard, {**ANSWERS, "nik": FEMALE_NIK})
    assert wizard.result().answers["tanggal_lahir"] == "1985-08-17"


def test_a_changed_proposal_is_the_citizen_s_own_and_survives_a_new_nik(wizard: Wizard) -> None:
    go_to(wizard, "tanggal_lahir")
    assert wizard.answer("1985-08-18") == []
    step = wizard.current
    assert step is not None and (step.answer, step.proposed_from_nik) == (date(1985, 8, 18), False)
    fill(wizard)
    wizard.edit("nik")
    assert wizard.answer(FEMALE_NIK) == []
    assert wizard.next() == []
    step = wizard.current  # the sex followed the new NIK and must be confirmed again
    assert step is not None and (step.name, step.answer) == ("jenis_kelamin", "P")
    assert step.proposed_from_nik
    assert wizard.next() == []
    assert wizard.stage is Stage.SUMMARY
    rows = {row.field_name: row.value for row in wizard.summary()}
    assert rows["tanggal_lahir"] == "18 Agustus 1985"  # the citizen's own, kept
    assert rows["jenis_kelamin"] == "Perempuan"


def test_the_age_is_calculated_from_the_birth_date(wizard: Wizard) -> None:
    complete(wizard)
    answers = wizard.result().answers
    assert answers["umur"] == 38  # born 1985-08-17, today 2024-05-06
    assert answers["kanal"] == "anjungan"  # the hidden value comes along


def test_regencies_follow_the_province(wizard: Wizard) -> None:
    go_to(wizard, "kabupaten")
    step = wizard.current
    assert step is not None
    assert [choice.value for choice in step.choices] == ["3273", "3201"]
    assert wizard.answer("3374") != []  # Semarang is not in Jawa Barat
    assert wizard.answer("3273") == []
    assert wizard.back()
    assert wizard.answer("33") == []
    assert wizard.next() == []
    step = wizard.current
    assert step is not None and step.answer is None  # Bandung was dropped
    assert [choice.label for choice in step.choices] == ["Kota Semarang"]


def test_the_summary_masks_the_nik_and_kk_and_speaks_plainly(wizard: Wizard) -> None:
    fill(wizard)
    assert wizard.stage is Stage.SUMMARY
    rows = {row.field_name: (row.label, row.value) for row in wizard.summary()}
    assert "sambutan" not in rows and "umur" not in rows and "kanal" not in rows
    assert rows["nik"] == ("NIK pemohon", "3273********0001")
    assert rows["no_kk"][1] == "3273********0003"
    assert rows["tanggal_lahir"][1] == "17 Agustus 1985"
    assert rows["jenis_kelamin"][1] == "Laki-laki"
    assert rows["dokumen"][1] == "KTP-el, Kartu Keluarga"
    assert rows["luas_tanah"][1] == "1,5"
    assert rows["pernyataan"][1] == translations("id").gettext("Yes")
    summary_text = repr(wizard.summary())
    assert MALE_NIK not in summary_text and KK_NUMBER not in summary_text


def test_the_summary_carries_the_whole_numbers_apart_for_show(wizard: Wizard) -> None:
    fill(wizard)
    unmasked = {row.field_name: row.unmasked for row in wizard.summary()}
    assert unmasked["nik"] == MALE_NIK and unmasked["no_kk"] == KK_NUMBER
    assert {name for name, whole in unmasked.items() if whole} == {"nik", "no_kk"}


def test_edit_reopens_one_answer_and_next_returns_to_the_summary(wizard: Wizard) -> None:
    fill(wizard)
    wizard.edit("nama")
    step = wizard.current
    assert step is not None and (step.name, step.answer) == ("nama", "Budi Santoso")
    assert wizard.answer("Budi Santosa") == []
    assert wizard.next() == []
    assert wizard.stage is Stage.SUMMARY
    rows = {row.field_name: row.value for row in wizard.summary()}
    assert rows["nama"] == "Budi Santosa"


def test_edit_asks_the_questions_a_change_brings_in(wizard: Wizard) -> None:
    fill(wizard)
    wizard.edit("punya_usaha")
    assert wizard.answer("ya") == []
    assert wizard.next() == []
    assert wizard.current is not None and wizard.current.name == "nama_usaha"
    assert wizard.next() == [translations("id").gettext(REQUIRED)]
    assert wizard.answer("Warung") == []
    assert names_of_steps(wizard) == ["nama_usaha", "jumlah_pegawai"]
    assert wizard.stage is Stage.SUMMARY


def test_edit_needs_the_summary_and_a_shown_question(wizard: Wizard) -> None:
    with pytest.raises(WrongStage):
        wizard.edit("nama")
    fill(wizard)
    with pytest.raises(KeyError):
        wizard.edit("nama_usaha")  # not relevant
    with pytest.raises(KeyError):
        wizard.edit("umur")  # calculated, never shown


def test_an_acknowledgement_must_be_confirmed(wizard: Wizard) -> None:
    go_to(wizard, "pernyataan")
    message = translations("id").gettext(ACKNOWLEDGE_NEEDED)
    assert wizard.next() == [message]
    assert wizard.answer(False) == [message]
    assert wizard.answer(True) == []
    assert wizard.next() == []


def test_consent_comes_after_the_summary_and_is_required(wizard: Wizard) -> None:
    fill(wizard)
    with pytest.raises(WrongStage):
        wizard.result()
    with pytest.raises(WrongStage):
        wizard.accept_consent()
    stages = []
    assert wizard.next() == []
    stages.append(wizard.stage)
    assert wizard.next() != []  # Next is not consent
    with pytest.raises(WrongStage):
        wizard.result()
    assert wizard.back()
    stages.append(wizard.stage)
    assert wizard.next() == []
    wizard.accept_consent()
    stages.append(wizard.stage)
    assert stages == [Stage.CONSENT, Stage.SUMMARY, Stage.COMPLETE]


def test_the_result_carries_the_answers_and_who_filled_it(make_wizard: MakeWizard) -> None:
    wizard = make_wizard("en", assisted=True)
    complete(wizard)
    form = wizard.result()
    assert (form.service_id, form.service_version) == ("layanan-uji", 3)
    assert (form.assisted, form.language, form.nik) == (True, "en", MALE_NIK)
    assert form.answers["dokumen"] == ["ktp", "kk"]  # in the options' order
    assert form.answers["luas_tanah"] == "1.5"
    assert form.answers["tanggal_lahir"] == "1985-08-17"
    assert form.answers["pernyataan"] is True
    assert "sambutan" not in form.answers
    assert form.consented_at.tzinfo is not None
    assert MALE_NIK not in repr(form)


def test_the_consent_text_names_the_law_and_what_is_collected() -> None:
    english = consent_text("en")
    assert "Law No. 27 of 2022" in english and "NIK" in english
    assert consent_text("id") == "\n\n".join(
        translations("id").gettext(paragraph) for paragraph in english_paragraphs()
    )


def english_paragraphs() -> list[str]:
    from kiosk.wizard.consent import CONSENT_PARAGRAPHS

    return list(CONSENT_PARAGRAPHS)


def test_staff_hints_are_shown_only_when_assisted(make_wizard: MakeWizard) -> None:
    for assisted, expected in ((False, None), (True, "Cocokkan dengan KTP asli.")):
        wizard = make_wizard(assisted=assisted)
        go_to(wizard, "nik")
        step = wizard.current
        assert step is not None and step.staff_hint == expected
        assert step.hint == "16 angka pada KTP-el."


def test_a_language_without_texts_falls_back_to_indonesian(make_wizard: MakeWizard) -> None:
    wizard = make_wizard("jv")
    go_to(wizard, "nik")
    assert wizard.current is not None and wizard.current.label == "NIK pemohon"


def test_wipe_forgets_everything_and_closes_the_wizard(wizard: Wizard) -> None:
    complete(wizard)
    wizard.wipe()
    assert wizard.stage is Stage.WIPED
    assert wizard._sheet.answers == {}  # white box: nothing left in memory to leak
    for action in (lambda: wizard.current, wizard.next, wizard.back, wizard.summary):
        with pytest.raises(WizardWiped):
            action()
    with pytest.raises(WizardWiped):
        wizard.answer("x")
    with pytest.raises(WizardWiped):
        wizard.result()
    assert MALE_NIK not in repr(wizard)


def test_answer_outside_the_questions_is_refused(wizard: Wizard) -> None:
    fill(wizard)
    with pytest.raises(WrongStage):
        wizard.answer("x")


def test_every_shipped_service_opens_on_its_first_question(clock: FakeClock) -> None:
    services = load_catalogue(default_catalogue_dir()).services
    assert services
    for definition in services.values():
        wizard = Wizard(definition, "id", clock)
        step = wizard.current
        assert step is not None and step.index == 1 and step.total >= 1, definition.id


def test_the_shipped_domisili_service_proposes_birth_date_and_sex(clock: FakeClock) -> None:
    definition = load_catalogue(default_catalogue_dir()).services["surat-keterangan-domisili"]
    wizard = Wizard(definition, "id", clock)
    answers = {"nik": FEMALE_NIK, "nama": "Siti Aminah", "tempat_lahir": "Bandung"}
    go_to(wizard, "tanggal_lahir", answers)
    assert wizard.current is not None and wizard.current.answer == date(1985, 8, 17)
    go_to(wizard, "jenis_kelamin", answers)
    step = wizard.current
    assert step is not None and (step.answer, step.proposed_from_nik) == ("perempuan", True)


VALUES: list[Any] = [
    MALE_NIK,
    FEMALE_NIK,
    KK_NUMBER,
    "12345",
    "Budi Santoso",
    "Al",
    "32",
    "33",
    "3273",
    "3374",
    "ya",
    "tidak",
    "L",
    "P",
    "1985-08-18",
    "2999-01-01",
    "1,5",
    "1.200",
    "0812 3456 7890",
    "banyak",
    "",
    None,
    True,
    False,
    7,
    ["ktp", "kk"],
    ["nope"],
    date(1990, 1, 1),
    object(),
]
ACTIONS = st.one_of(
    st.tuples(st.just("answer"), st.sampled_from(VALUES)),
    st.tuples(st.sampled_from(["next", "back", "accept"]), st.none()),
    st.tuples(st.just("edit"), st.integers(min_value=0, max_value=20)),
)


def act(wizard: Wizard, action: str, argument: Any) -> None:
    """One screen action; WrongStage is the expected refusal of an action out of place."""
    try:
        if action == "answer":
            wizard.answer(argument)
        elif action == "next":
            wizard.next()
        elif action == "back":
            wizard.back()
        elif action == "accept":
            wizard.accept_consent()
        elif action == "edit":
            rows = wizard.summary()
            wizard.edit(rows[argument % len(rows)].field_name)
    except WrongStage:
        pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(from_summary=st.booleans(), actions=st.lists(ACTIONS, max_size=60))
def test_any_sequence_of_actions_keeps_the_wizard_consistent(
    definition: ServiceDefinition, from_summary: bool, actions: list[tuple[str, Any]]
) -> None:
    """From the start, or from a filled-in summary (so edits and consent are reached)."""
    wizard = Wizard(definition, "id", FakeClock())
    if from_summary:
        fill(wizard)
    for action, argument in actions:
        act(wizard, action, argument)
        if wizard.stage is Stage.QUESTIONS:
            step = wizard.current
            assert step is not None and 1 <= step.index <= step.total
        if wizard.stage is Stage.COMPLETE:
            form = wizard.result()
            assert "nik" in form.answers and "nama" in form.answers
            assert "nama_usaha" in form.answers or form.answers["punya_usaha"] == "tidak"


def test_a_rehearsed_answer_is_given_and_moved_on_from_without_evaluating_again(
    wizard: Wizard, monkeypatch: pytest.MonkeyPatch
) -> None:
    go_to(wizard, "punya_usaha")
    counted = EvaluationCount(monkeypatch)
    wizard.rehearse("ya")  # brings in the business questions: their relevance runs
    assert counted.runs > 0
    step = wizard.current
    assert step is not None and (step.name, step.answer, step.total) == ("punya_usaha", None, 13)
    ran = counted.runs
    assert wizard.answer("ya") == []
    assert wizard.next() == []
    assert counted.runs == ran
    assert wizard.current is not None and wizard.current.name == "nama_usaha"
    assert wizard.current.total == 15


def test_a_rehearsed_constraint_is_not_checked_again(
    wizard: Wizard, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(wizard, {**ANSWERS, "punya_usaha": "ya", "nama_usaha": "Warung"}, "jumlah_pegawai")
    counted = EvaluationCount(monkeypatch)
    wizard.rehearse("12")
    ran = counted.runs
    assert ran > 0
    assert wizard.answer("12") == []
    assert counted.runs == ran


@pytest.mark.parametrize("value", ["", "abc", "9999", None])
def test_rehearsing_a_bad_or_empty_answer_changes_nothing(wizard: Wizard, value: object) -> None:
    fill(wizard, {**ANSWERS, "punya_usaha": "ya", "nama_usaha": "Warung"}, "jumlah_pegawai")
    before = (wizard.current, wizard.summary())
    wizard.rehearse(value)
    assert (wizard.current, wizard.summary()) == before


def test_rehearsing_outside_the_questions_does_nothing_and_a_wiped_form_refuses(
    wizard: Wizard,
) -> None:
    fill(wizard)
    assert wizard.stage is Stage.SUMMARY
    summary = wizard.summary()
    wizard.rehearse("ya")
    assert wizard.stage is Stage.SUMMARY and wizard.summary() == summary
    wizard.wipe()
    with pytest.raises(WizardWiped):
        wizard.rehearse("ya")


CALCULATED_SHOWN = """
  - {name: nama, type: text, label: {id: Nama}, required: true}
  - name: sapaan
    type: text
    label: {id: Sapaan}
    read_only: true
    required: true
    calculation: 'nama == null ? null : "Bapak/Ibu " + nama'
"""


def test_a_read_only_question_with_a_calculation_shows_its_value_and_lets_next_pass(
    clock: FakeClock,
) -> None:
    definition = small_definition("nilai-dihitung", CALCULATED_SHOWN)
    wizard = Wizard(definition, "id", clock)
    assert wizard.answer("Budi") == [] and wizard.next() == []
    step = wizard.current
    assert step is not None and (step.name, step.answer) == ("sapaan", "Bapak/Ibu Budi")
    assert wizard.answer("Pak Lurah") != []  # not the citizen's to change
    assert wizard.next() == []
    assert wizard.stage is Stage.SUMMARY
    rows = {row.field_name: row for row in wizard.summary()}
    assert rows["sapaan"].value == "Bapak/Ibu Budi" and not rows["sapaan"].editable


def test_the_consent_names_every_question_of_this_form(wizard: Wizard) -> None:
    fill(wizard, {**ANSWERS, "punya_usaha": "ya", "nama_usaha": "Warung Sari"})
    text = wizard.consent_text()
    labels = [row.label.rstrip(".?:") for row in wizard.summary()]
    assert labels and all(label in text for label in labels)
    assert "Nama usaha" in text  # a question brought in by an answer is named too
    assert text.startswith(consent_text("id").split("\n\n")[0])
    assert "Warung Sari" not in text  # the questions, never the answers


CALCULATED_BROKEN = """
  - {name: nama, type: text, label: {id: Nama}, required: true}
  - name: kosong
    type: text
    label: {id: Kosong}
    read_only: true
    required: true
    calculation: 'nama == "Budi" ? null : nama'
  - name: pendek
    type: text
    label: {id: Pendek}
    read_only: true
    calculation: nama
    constraint: size(value) < 3
    constraint_message: {id: Terlalu panjang}
"""


def test_a_read_only_value_that_fails_its_own_checks_never_traps_the_citizen(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    definition = small_definition("nilai-rusak", CALCULATED_BROKEN)
    wizard = Wizard(definition, "id", clock)
    assert wizard.answer("Budi") == [] and wizard.next() == []
    with caplog.at_level(logging.WARNING, logger="kiosk.wizard.machine"):
        step = wizard.current
        assert step is not None and (step.name, step.answer) == ("kosong", None)
        assert wizard.next() == []  # required, but nothing the citizen could give
        step = wizard.current
        assert step is not None and (step.name, step.answer) == ("pendek", "Budi")
        assert wizard.next() == []  # breaks its constraint: the definition's fault
        assert wizard.stage is Stage.SUMMARY
        assert wizard.next() == []  # the summary lets them on to consent
    assert wizard.stage is Stage.CONSENT
    logged = caplog.text
    assert "kosong" in logged and "pendek" in logged and "Budi" not in logged


EMPTIED_BY_A_CASCADE = """
  - {name: kode, type: text, label: {id: Kode wilayah}, required: true}
  - name: dusun
    type: select_one
    label: {id: Dusun}
    required: true
    choice_filter: choice.kode == kode
    choices:
      - {value: krajan, label: {id: Krajan}, filters: {kode: A}}
"""


def test_a_choice_list_left_empty_by_a_cascade_never_traps_the_citizen(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    definition = small_definition("dusun-kosong", EMPTIED_BY_A_CASCADE)
    wizard = Wizard(definition, "id", clock)
    assert wizard.answer("B") == [] and wizard.next() == []
    step = wizard.current
    assert step is not None and step.name == "dusun" and step.choices == ()
    with caplog.at_level(logging.WARNING, logger="kiosk.wizard.machine"):
        assert wizard.next() == []  # nothing to pick: the definition's fault
    assert wizard.stage is Stage.SUMMARY
    assert "dusun" in caplog.text and "no choice left" in caplog.text


def test_a_required_choice_with_choices_left_is_still_required(clock: FakeClock) -> None:
    wizard = Wizard(small_definition("dusun-kosong", EMPTIED_BY_A_CASCADE), "id", clock)
    assert wizard.answer("A") == [] and wizard.next() == []
    assert wizard.next() != []  # "Krajan" is offered: an answer is needed
