"""The answer sheet's walk after every change: skip logic, calculations and cascades stay
exact while only the expressions whose inputs changed run again."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.catalogue.expressions import CelExpression
from kiosk.catalogue.model import Expression, ServiceDefinition
from kiosk.wizard import Stage, Wizard
from kiosk.wizard.memo import ExpressionMemo
from tests.helpers.stubs import FakeClock
from tests.kiosk.wizard.conftest import ANSWERS, MakeWizard, complete, fill, go_to
from tests.kiosk.wizard.test_machine import ACTIONS, act

BUSINESS = {**ANSWERS, "punya_usaha": "ya", "nama_usaha": "Warung Sari", "jumlah_pegawai": 4}


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each expression (by its location) is really evaluated."""
    counted: Counter[str] = Counter()
    evaluate = CelExpression.evaluate

    def counting(self: CelExpression, variables: Mapping[str, Any]) -> Any:
        counted[self.context] += 1
        return evaluate(self, variables)

    monkeypatch.setattr(CelExpression, "evaluate", counting)
    return counted


def summary_of(wizard: Wizard) -> dict[str, str]:
    return {row.field_name: row.value for row in wizard.summary()}


def test_an_edit_from_the_summary_that_hides_questions_drops_their_answers(
    wizard: Wizard,
) -> None:
    fill(wizard, BUSINESS)
    assert summary_of(wizard)["nama_usaha"] == "Warung Sari"
    wizard.edit("punya_usaha")
    assert wizard.answer("tidak") == []
    assert wizard.next() == []
    assert wizard.stage is Stage.SUMMARY
    assert "nama_usaha" not in summary_of(wizard) and "jumlah_pegawai" not in summary_of(wizard)

    wizard.edit("punya_usaha")  # back to "ya": asked again, the old answers gone
    assert wizard.answer("ya") == []
    assert wizard.next() == []
    step = wizard.current
    assert step is not None and (step.name, step.answer) == ("nama_usaha", None)
    assert wizard.answer("Toko Makmur") == []
    assert wizard.next() == []
    step = wizard.current
    assert step is not None and (step.name, step.answer) == ("jumlah_pegawai", 1)  # the default


def test_a_calculation_follows_an_edit_from_the_summary(wizard: Wizard) -> None:
    fill(wizard)
    wizard.edit("tanggal_lahir")
    assert wizard.answer(date(2000, 1, 1)) == []
    assert wizard.next() == []
    assert wizard.next() == []  # summary -> consent
    wizard.accept_consent()
    assert wizard.result().answers["umur"] == 24  # today is 2024-05-06


def test_a_new_nik_moves_the_proposed_birth_date_and_the_age_with_it(
    make_wizard: MakeWizard,
) -> None:
    wizard = make_wizard()
    complete(wizard)
    assert wizard.result().answers["umur"] == 38
    other = make_wizard()
    fill(other)
    other.edit("nik")
    assert other.answer("3273010101000003") == []  # born 2000-01-01
    assert other.next() == []
    step = other.current
    assert step is not None and (step.name, step.answer) == ("tanggal_lahir", date(2000, 1, 1))
    fill(other)
    complete(other)
    assert other.result().answers["umur"] == 24


def test_a_calculation_reading_today_follows_the_date(wizard: Wizard, clock: FakeClock) -> None:
    go_to(wizard, "tanggal_lahir")
    assert wizard.answer(date(1985, 5, 7)) == []  # a birthday tomorrow
    fill(wizard)
    clock.advance(days=1)
    wizard.edit("nama")
    assert wizard.answer("Budi S.") == []  # any change walks the sheet again
    assert wizard.next() == []
    assert wizard.next() == []
    wizard.accept_consent()
    assert wizard.result().answers["umur"] == 39


def test_a_cascade_edited_from_the_summary_asks_its_dependant_again(wizard: Wizard) -> None:
    fill(wizard)
    wizard.edit("provinsi")
    assert wizard.answer("33") == []
    assert wizard.next() == []
    step = wizard.current
    assert step is not None and (step.name, step.answer) == ("kabupaten", None)
    assert [choice.value for choice in step.choices] == ["3374"]
    assert wizard.answer("3374") == []
    assert wizard.next() == []
    assert wizard.stage is Stage.SUMMARY


def test_an_answer_no_expression_reads_runs_no_expression(
    wizard: Wizard, runs: Counter[str]
) -> None:
    go_to(wizard, "no_hp")
    runs.clear()
    assert wizard.answer(ANSWERS["no_hp"]) == []
    assert wizard.next() == []
    assert wizard.current is not None
    assert runs == Counter()


def test_an_answer_runs_its_constraint_once_and_what_reads_it(
    wizard: Wizard, runs: Counter[str]
) -> None:
    go_to(wizard, "punya_usaha")
    runs.clear()
    assert wizard.answer("ya") == []
    assert wizard.next() == []
    assert runs == Counter({"fields/11/relevant": 1, "fields/12/relevant": 1})
    runs.clear()
    assert wizard.answer("Warung") == []
    assert wizard.next() == []  # on to jumlah_pegawai, its default 1 offered
    assert wizard.next() == []
    assert runs == Counter({"fields/12/constraint": 1})  # its default checked on Next


def test_wipe_forgets_the_remembered_results(wizard: Wizard) -> None:
    complete(wizard)
    memo = wizard._sheet.memo  # white box: results may hold a NIK's digits
    assert len(memo) > 0
    wizard.wipe()
    assert len(memo) == 0


class Unremembered(ExpressionMemo):
    """The reference: every expression evaluated every time, as before the memo."""

    def evaluate(self, expression: Expression, variables: Mapping[str, Any]) -> Any:
        return expression.evaluate(variables)


def observed(wizard: Wizard) -> tuple[Any, ...]:
    """Everything a screen can see of the wizard."""
    if wizard.stage is Stage.WIPED:
        return (wizard.stage,)
    step = wizard.current
    result = wizard.result().answers if wizard.stage is Stage.COMPLETE else None
    return (wizard.stage, step, wizard.summary(), dict(wizard._sheet.answers), result)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    from_summary=st.booleans(),
    actions=st.lists(st.one_of(ACTIONS, st.tuples(st.just("tomorrow"), st.none())), max_size=60),
)
def test_the_memo_changes_nothing_a_screen_can_see(
    definition: ServiceDefinition, from_summary: bool, actions: list[tuple[str, Any]]
) -> None:
    clocks = FakeClock(), FakeClock()
    remembering, reference = (Wizard(definition, "id", clock) for clock in clocks)
    reference._sheet.memo = Unremembered()
    for wizard in (remembering, reference):
        if from_summary:
            fill(wizard, BUSINESS)
    for action, argument in actions:
        for wizard, clock in zip((remembering, reference), clocks, strict=True):
            if action == "tomorrow":
                clock.advance(days=1)
            else:
                act(wizard, action, argument)
        assert observed(remembering) == observed(reference)
