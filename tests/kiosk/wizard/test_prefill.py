"""Prefilling identity answers from a registered card: shown, confirmed, never forced."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.wizard import Stage, Wizard, WizardWiped, WrongStage
from tests.helpers.definitions import FEMALE_NIK, KK_NUMBER, MALE_NIK
from tests.kiosk.wizard.conftest import ANSWERS, complete, fill, go_to

CARD_VALUES = {"nik": MALE_NIK, "nama": "Budi Santoso"}


def test_nik_and_name_are_filled_and_shown_to_be_confirmed(wizard: Wizard) -> None:
    assert wizard.prefill(CARD_VALUES) == ["nik", "nama"]
    go_to(wizard, "nik", {})
    step = wizard.current
    assert step is not None
    assert (step.answer, step.answer_text) == (MALE_NIK, MALE_NIK)
    assert step.prefilled_from_card and not step.proposed_from_nik
    assert wizard.next() == []  # Next confirms
    step = wizard.current
    assert step is not None and step.name == "nama"
    assert (step.answer, step.prefilled_from_card) == ("Budi Santoso", True)


def test_a_card_value_confirmed_unchanged_is_still_known_to_be_the_cards(wizard: Wizard) -> None:
    wizard.prefill(CARD_VALUES)
    go_to(wizard, "nik", {})
    assert wizard.answer(MALE_NIK) == [] and wizard.next() == []  # Next with it on screen
    assert wizard.back()
    step = wizard.current
    assert step is not None and step.name == "nik"
    assert step.from_card and not step.prefilled_from_card  # confirmed, still masked
    assert wizard.answer(FEMALE_NIK) == []  # the citizen's own number: theirs now
    step = wizard.current
    assert step is not None and not step.from_card


def test_a_prefilled_nik_proposes_birth_date_and_sex(wizard: Wizard) -> None:
    wizard.prefill({"nik": FEMALE_NIK})
    go_to(wizard, "tanggal_lahir", {"nama": "Sari"})
    step = wizard.current
    assert step is not None
    assert step.answer == date(1985, 8, 17)
    assert step.proposed_from_nik and not step.prefilled_from_card
    assert wizard.next() == []
    step = wizard.current
    assert step is not None and (step.name, step.answer) == ("jenis_kelamin", "P")


def test_a_completed_form_carries_the_prefilled_answers(wizard: Wizard) -> None:
    wizard.prefill(CARD_VALUES)
    complete(wizard, {k: v for k, v in ANSWERS.items() if k not in CARD_VALUES})
    form = wizard.result()
    assert form.nik == MALE_NIK
    assert form.answers["nama"] == "Budi Santoso"
    assert form.answers["tanggal_lahir"] == "1985-08-17"


def test_the_summary_sends_back_to_an_unconfirmed_card_value(wizard: Wizard) -> None:
    without_kk = {k: v for k, v in ANSWERS.items() if k != "no_kk"}
    go_to(wizard, "provinsi", without_kk)  # the optional KK number was left empty
    assert wizard.prefill({"no_kk": KK_NUMBER}) == ["no_kk"]
    fill(wizard, without_kk)
    assert wizard.stage is Stage.SUMMARY
    assert wizard.next() == []  # not on to consent: first confirm the card's value
    step = wizard.current
    assert step is not None and (step.name, step.prefilled_from_card) == ("no_kk", True)
    fill(wizard, without_kk)
    assert wizard.next() == [] and wizard.stage is Stage.CONSENT


def test_answered_unknown_or_invalid_values_are_left_alone(wizard: Wizard) -> None:
    go_to(wizard, "nama", {"nik": FEMALE_NIK})
    filled = wizard.prefill({"nik": MALE_NIK, "nama": "Bu", "warna": "merah", "sambutan": "x"})
    assert filled == []  # nik answered, the name too short, no such field, a note
    assert wizard.prefill({"nama": "Sari Dewi"}) == ["nama"]
    fill(wizard, {k: v for k, v in ANSWERS.items() if k not in {"nik", "nama"}})
    rows = {row.field_name: row.value for row in wizard.summary()}
    assert rows["nama"] == "Sari Dewi"
    assert rows["jenis_kelamin"] == "Perempuan"  # still from the NIK typed first


def test_a_card_value_the_citizen_changes_is_theirs(wizard: Wizard) -> None:
    wizard.prefill(CARD_VALUES)
    go_to(wizard, "nama", {})
    assert wizard.answer("Budi Santosa") == []
    step = wizard.current
    assert step is not None and not step.prefilled_from_card
    assert wizard.next() == []
    assert wizard.stage is Stage.QUESTIONS


def test_prefill_needs_the_questions_stage(wizard: Wizard) -> None:
    wizard.wipe()
    with pytest.raises(WizardWiped):
        wizard.prefill(CARD_VALUES)


def test_prefill_after_consent_is_refused(wizard: Wizard) -> None:
    complete(wizard)
    with pytest.raises(WrongStage):
        wizard.prefill(CARD_VALUES)
