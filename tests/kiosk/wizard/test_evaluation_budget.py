"""A citizen's answers cannot make an expression hang or crash the kiosk: an evaluation
over its budget is a definition fault (logged by field, never with a value), and the
citizen goes on."""

from __future__ import annotations

import logging

import pytest

from kiosk.catalogue.budget import MAX_VALUE_SIZE, MAX_WALK_STEPS, shared_steps
from kiosk.wizard import Stage, Wizard
from kiosk.wizard import sheet as sheet_module
from kiosk.wizard.conversion import MAX_TEXT_LENGTH
from tests.helpers.definitions import doubling_fields, small_definition
from tests.helpers.stubs import FakeClock

PLANTED_NIK = "3201011708450001"
LONGEST_TEXT = (PLANTED_NIK + " ") * (MAX_TEXT_LENGTH // 17) + "x" * (MAX_TEXT_LENGTH % 17)
TYPICAL = len("contoh")  # the load-time probe's text answer
# Enough doublings for the longest answer to go over, few enough for the probe to pass.
DOUBLINGS = next(n for n in range(40) if MAX_TEXT_LENGTH * 2**n > MAX_VALUE_SIZE)
FIRST = """  - {name: catatan, type: text, label: {id: Catatan}, required: true}
  - {name: f0, type: calculate, label: {id: F0}, calculation: 'catatan == null ? "" : catatan'}"""
GROWING = f"""{doubling_fields(FIRST, DOUBLINGS)}
  - name: ringkasan
    type: text
    label: {{id: Ringkasan}}
    read_only: true
    required: true
    calculation: f{DOUBLINGS}
  - {{name: nama, type: text, label: {{id: Nama}}, required: true}}"""


@pytest.fixture
def warnings(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.WARNING, logger="kiosk.wizard")
    return caplog


def test_a_calculation_a_long_answer_makes_too_large_is_dropped(
    clock: FakeClock, warnings: pytest.LogCaptureFixture
) -> None:
    assert len(LONGEST_TEXT) == MAX_TEXT_LENGTH
    assert TYPICAL * 2**DOUBLINGS < MAX_VALUE_SIZE  # the definition loads
    wizard = Wizard(small_definition("tumbuh", GROWING), "id", clock)
    assert wizard.answer(LONGEST_TEXT) == [] and wizard.next() == []
    step = wizard.current
    assert step is not None and (step.name, step.answer) == ("ringkasan", None)
    assert wizard.next() == []  # read-only and empty: the definition's fault
    step = wizard.current
    assert step is not None and step.name == "nama"
    assert f"(f{DOUBLINGS}): over the evaluation budget: a value larger than" in warnings.text
    assert "ringkasan" in warnings.text
    assert PLANTED_NIK not in warnings.text


def options(count: int) -> str:
    return "\n".join(f"      - {{value: o{n}, label: {{id: O{n}}}}}" for n in range(count))


NESTED_BY_AN_ANSWER = f"""  - name: pilihan
    type: select_multiple
    label: {{id: Pilihan}}
    choices:
{options(200)}
  - name: dusun
    type: select_one
    label: {{id: Dusun}}
    required: true
    choice_filter: >-
      pilihan == null ? true :
      pilihan.map(a, pilihan.map(b, a + b)).size() > 0 && choice.value != "o1"
    choices:
{options(3)}"""


def test_a_filter_an_answer_makes_too_long_offers_every_option_once_stopped(
    clock: FakeClock, warnings: pytest.LogCaptureFixture
) -> None:
    """Checked at load with one option picked; a citizen picks all 200 (40,000 steps of
    the inner map): the first option's filter is stopped and the others not tried."""
    wizard = Wizard(small_definition("bersarang", NESTED_BY_AN_ANSWER), "id", clock)
    assert wizard.answer(["o0"]) == [] and wizard.next() == []
    step = wizard.current
    assert step is not None and [c.value for c in step.choices] == ["o0", "o2"]
    assert wizard.back()

    assert wizard.answer([f"o{n}" for n in range(200)]) == [] and wizard.next() == []
    step = wizard.current
    assert step is not None and step.name == "dusun"
    assert [c.value for c in step.choices] == ["o0", "o1", "o2"]  # the filter's fault
    assert wizard.answer("o1") == [] and wizard.next() == []
    assert wizard.stage is Stage.SUMMARY
    failures = [r.getMessage() for r in warnings.records if "(dusun)" in r.getMessage()]
    assert failures and all("over the evaluation budget: more than" in f for f in failures)
    assert len(failures) == 2  # once a walk (after each of the two answers), not an option


CASCADE = f"""  - {{name: kode, type: text, label: {{id: Kode}}, required: true}}
  - name: dusun
    type: select_one
    label: {{id: Dusun}}
    required: true
    choice_filter: choice.value == kode
    choices:
{options(30)}
  - name: alasan
    type: text
    label: {{id: Alasan}}
    relevant: dusun == kode
"""


def test_a_walk_over_its_budget_asks_and_offers_rather_than_freeze(
    clock: FakeClock, warnings: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = Wizard(small_definition("jalan", CASCADE), "id", clock)
    with shared_steps(MAX_WALK_STEPS, "measured") as walk:  # one walk: every option tried
        assert wizard.answer("o3") == []
    assert wizard.next() == []
    step = wizard.current
    assert step is not None and [c.value for c in step.choices] == ["o3"]
    assert wizard.back()

    monkeypatch.setattr(sheet_module, "MAX_WALK_STEPS", walk.steps // 2)
    assert wizard.answer("o29") == [] and wizard.next() == []
    step = wizard.current
    assert step is not None and step.name == "dusun"
    offered = [c.value for c in step.choices]
    assert "o0" not in offered  # tried before the walk ran out
    assert offered[-2:] == ["o28", "o29"]  # the rest offered unchecked
    assert step.total == 3  # "alasan" counted: its relevant had no steps left
    assert f"more than {walk.steps // 2} steps in one walk of the form" in warnings.text
    assert wizard.answer("o29") == [] and wizard.next() == []
    while wizard.stage is Stage.QUESTIONS:
        assert wizard.next() == []
    assert wizard.stage is Stage.SUMMARY
