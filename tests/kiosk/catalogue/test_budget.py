"""The evaluation budget: hostile definitions are refused at load, quickly and in little
memory, and the limits leave the shipped services far from them."""

from __future__ import annotations

import shutil
import tracemalloc
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalogue import budget, checks
from kiosk.catalogue.budget import (
    MAX_ALLOCATED,
    MAX_CHECK_STEPS,
    MAX_STEPS,
    MAX_VALUE_DEPTH,
    MAX_VALUE_SIZE,
    MAX_WALK_STEPS,
    shared_steps,
)
from kiosk.catalogue.checks import choice_variables
from kiosk.catalogue.errors import DefinitionError, ExpressionOverBudget
from kiosk.catalogue.expressions import CelExpression, compile_expression
from kiosk.catalogue.loader import load_catalogue
from kiosk.catalogue.model import FieldType, ServiceDefinition
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.cli.main import main
from kiosk.wizard.sheet import AnswerSheet
from tests.helpers.definitions import (
    doubling_fields,
    list_literal,
    small_definition,
    small_definition_text,
)
from tests.helpers.expressions import BudgetsUsed

PLANTED_NIK = "3201011708450001"
SHIPPED_MARGIN = 50  # each limit is at least this many times what the shipped services use
SEED = "  - {name: f0, type: calculate, label: {id: F0}, calculation: '\"x\"'}"
# 27 doublings of one character: 128 MiB in its last field, 256 MiB in all, without a budget
DOUBLING_ATTACK = doubling_fields(SEED, 27)
FIRST_OVER = next(n for n in range(28) if 2**n + 1 > MAX_VALUE_SIZE)  # f<n>: 2**n characters
NESTED = list_literal(159)  # three of them make the 1,000-character filter of the attack
NESTED_MAP_FILTER = f"{NESTED}.map(a, {NESTED}.map(b, {NESTED})).size() > 0"


def cel(source: str, *names: str) -> CelExpression:
    return compile_expression(source, [*names, "today"], "fields/9/test")


def over_budget(source: str, names: tuple[str, ...] = (), **answers: Any) -> str:
    """The reason an evaluation of `source` stops for its budget."""
    with pytest.raises(ExpressionOverBudget) as stopped:
        cel(source, *names).evaluate(answers)
    assert stopped.value.reason.startswith("over the evaluation budget: ")
    return stopped.value.reason


def refused(text: str) -> list[str]:
    """The problems of a definition the loader refuses, each "location: problem"."""
    with pytest.raises(DefinitionError) as caught:
        small_definition("boros", text)
    return [f"{problem.field}: {problem.problem}" for problem in caught.value.problems]


def test_the_doubling_chain_is_refused_at_load_in_little_memory() -> None:
    tracemalloc.start()
    try:
        problems = refused(DOUBLING_ATTACK)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the first field past MAX_VALUE_SIZE characters, alone: the checks stop there
    assert problems == [
        f"fields/{FIRST_OVER} (f{FIRST_OVER})/calculation: over the evaluation budget: "
        f"a value larger than {MAX_VALUE_SIZE} units with typical answers"
    ]
    assert peak < 20 * 2**20  # bytes; without a budget: hundreds of MiB


def test_the_nested_map_filter_of_the_attack_is_refused_at_load() -> None:
    assert 950 <= len(NESTED_MAP_FILTER) <= 1000
    fields = f"""  - name: dusun
    type: select_one
    label: {{id: Dusun}}
    choice_filter: "{NESTED_MAP_FILTER}"
    choices:
      - {{value: krajan, label: {{id: Krajan}}}}
      - {{value: kulon, label: {{id: Kulon}}}}"""
    (problem,) = refused(fields)
    assert problem.startswith("fields/0 (dusun)/choice_filter: over the evaluation budget: ")


def test_kiosk_services_check_reports_the_attack_and_loads_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attack = tmp_path / "boros.yaml"
    attack.write_text(small_definition_text("boros", DOUBLING_ATTACK), encoding="utf-8")
    shutil.copy(default_catalogue_dir() / "perekaman-ektp.yaml", tmp_path)

    assert main(["services", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    where = f"fields/{FIRST_OVER} (f{FIRST_OVER})/calculation"
    assert f"error    {attack}: {where}: over the evaluation budget" in out
    assert "ok       perekaman-ektp" in out
    assert "1 services loaded, 0 warnings, 1 refused" in out


def test_macro_bodies_count_their_steps() -> None:
    reason = over_budget(f"{list_literal(100)}.map(a, {list_literal(100)}.map(b, b)).size() > 0")
    assert reason.endswith(f"more than {MAX_STEPS} steps")


def test_an_error_value_cannot_swallow_the_budget() -> None:
    """`||` and `exists` turn CEL errors into values; the budget is no such error."""
    heavy = f"{list_literal(200)}.exists(a, {list_literal(200)}.exists(b, b == 1))"
    assert "steps" in over_budget(f"{heavy} || true")
    assert "steps" in over_budget(f"true || {heavy}")


def test_a_value_too_large_is_stopped_and_never_shown() -> None:
    nama = PLANTED_NIK * (MAX_VALUE_SIZE // len(PLANTED_NIK) // 2 + 1)
    reason = over_budget("size(nama + nama) > 0", ("nama",), nama=nama)
    assert reason.endswith(f"a value larger than {MAX_VALUE_SIZE} units")
    assert PLANTED_NIK not in reason


def test_a_shared_part_counts_each_time_it_appears() -> None:
    """[x, x] of x, again and again, is small in memory but huge once converted."""
    source = "[nama]" + "".join(f".map(v{n}, [v{n}, v{n}])" for n in range(30)) + ".size() > 0"
    reason = over_budget(source, ("nama",), nama="x" * (MAX_VALUE_SIZE // 10))
    assert reason.endswith(f"a value larger than {MAX_VALUE_SIZE} units")


def test_values_nested_too_deeply_are_refused_at_load() -> None:
    seed = "  - {name: f0, type: calculate, label: {id: F0}, calculation: '[1]'}"
    wrapped = [
        f"  - {{name: f{n}, type: calculate, label: {{id: F{n}}}, calculation: '[f{n - 1}]'}}"
        for n in range(1, MAX_VALUE_DEPTH + 2)
    ]
    (problem,) = refused("\n".join([seed, *wrapped]))
    assert problem == (
        f"fields/{MAX_VALUE_DEPTH} (f{MAX_VALUE_DEPTH})/calculation: over the evaluation "
        f"budget: lists or maps nested more than {MAX_VALUE_DEPTH} deep with typical answers"
    )


def test_values_made_and_dropped_count_too() -> None:
    """Each long string is dropped at once, yet they were all made."""
    nama = "x" * (MAX_VALUE_SIZE // 3)
    source = f"{list_literal(3 * MAX_ALLOCATED // MAX_VALUE_SIZE + 1)}.all(a, size(nama + 'y') > 0)"
    reason = over_budget(source, ("nama",), nama=nama)
    assert reason.endswith(f"more than {MAX_ALLOCATED} units of values made")


def test_cpu_time_is_a_backstop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "MAX_CPU_SECONDS", 0.0)
    assert over_budget("1 + 1 + 1 == 3").endswith("s of CPU time")


def test_evaluations_in_a_pool_share_its_steps() -> None:
    expression = cel("umur + 1 > 2", "umur")
    with shared_steps(MAX_STEPS, "for measuring") as measured:
        expression.evaluate({"umur": 2})
    limit = 2 * measured.steps
    with shared_steps(MAX_STEPS, "outer") as outer, shared_steps(limit, "for this test"):
        assert expression.evaluate({"umur": 2}) is True
        assert expression.evaluate({"umur": 2}) is True
        with pytest.raises(ExpressionOverBudget, match=f"more than {limit} steps for this test"):
            expression.evaluate({"umur": 2})
    assert outer.steps > limit  # pools nest: each is charged
    assert expression.evaluate({"umur": 2}) is True  # outside the pool: its own budget


def test_all_the_checks_of_a_definition_share_one_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each option's filter is cheap, but there are many options: the checks stop."""
    monkeypatch.setattr(checks, "MAX_CHECK_STEPS", 3_000)
    choices = "\n".join(f"      - {{value: d{n}, label: {{id: D{n}}}}}" for n in range(100))
    fields = f"""  - name: dusun
    type: select_one
    label: {{id: Dusun}}
    choice_filter: "{list_literal(10)}.exists(a, a == 0)"
    choices:
{choices}"""
    (problem,) = refused(fields)
    assert problem.startswith("fields/0 (dusun)/choice_filter: over the evaluation budget: ")
    assert "more than 3000 steps for all the checks of this definition" in problem


def options(prefix: str, count: int, filters: str = "") -> str:
    return "\n".join(
        f"      - {{value: {prefix}{n}, label: {{id: X}}{filters.format(n=n)}}}"
        for n in range(count)
    )


CASCADE = f"""  - name: provinsi
    type: select_one
    label: {{id: Provinsi}}
    choices:
{options("p", 30)}
  - name: kabupaten
    type: select_one
    label: {{id: Kabupaten}}
    choice_filter: choice.provinsi == provinsi && {list_literal(5)}.all(a, a == 0)
    choices:
{options("k", 30, ", filters: {{provinsi: p{n}}}")}"""


def test_a_cascade_check_over_budget_names_the_parent_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The probes fit; the cascade check, option by option, goes over."""
    definition = small_definition("kaskade", CASCADE)
    with shared_steps(MAX_CHECK_STEPS, "measured") as probing:
        assert checks.probe_problems(definition) == []
    monkeypatch.setattr(checks, "MAX_CHECK_STEPS", probing.steps + 100)
    ((where, problem),) = checks.expression_problems(definition)
    assert where == "fields/1 (kabupaten)/choice_filter"
    assert problem.startswith("over the evaluation budget: more than ")
    assert "steps for all the checks of this definition when provinsi is 'p" in problem


# -- the shipped services, far from every limit


def biggest_answer(field: Any, option: int = -1) -> Any:
    """The largest answer a citizen can give to `field` (every option, the longest text);
    of a select_one, the option at that index."""
    if field.type is FieldType.SELECT_MULTIPLE:
        return [choice.value for choice in field.choices]
    if field.type is FieldType.SELECT_ONE:
        return field.choices[option].value
    return {
        FieldType.TEXT: "x" * 500,
        FieldType.INTEGER: 10**15 - 1,
        FieldType.DECIMAL: Decimal("99999999999999.9"),
        FieldType.DATE: date(1950, 1, 1),
        FieldType.NIK: PLANTED_NIK,
        FieldType.KK_NUMBER: PLANTED_NIK,
        FieldType.PHONE: "+6281234567890",
        FieldType.ACKNOWLEDGE: True,
    }.get(field.type)


def walk_with_biggest_answers(service: ServiceDefinition, option: int) -> int:
    """Walk the form with the biggest answers, then evaluate each constraint on its
    biggest answer and each filter on each option; the steps the walk took (its pool's)."""
    sheet = AnswerSheet(service)
    for field in service.fields:
        answer = biggest_answer(field, option)
        if answer is not None:
            sheet.answers[field.name] = answer
    with shared_steps(MAX_CHECK_STEPS, "measured") as walk:
        sheet.recompute(date(2026, 3, 15))
    variables = sheet.variables(date(2026, 3, 15))
    for field in service.fields:
        if field.constraint is not None:
            field.constraint.evaluate({**variables, "value": biggest_answer(field)})
        for choice in field.choices if field.choice_filter is not None else ():
            field.choice_filter.evaluate({**variables, "choice": choice_variables(choice)})
    return walk.steps


def test_the_shipped_services_stay_far_from_every_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_catalogue(default_catalogue_dir())
    assert loaded.problems == [] and len(loaded.services) == 9
    used = BudgetsUsed(monkeypatch)
    to_check, to_walk = [], []
    for service in loaded.services.values():
        with shared_steps(10 * MAX_CHECK_STEPS, "measured") as checked:
            assert checks.expression_problems(service) == []
        to_check.append(checked.steps)
        to_walk.extend(walk_with_biggest_answers(service, option) for option in (0, -1))
    assert max(to_check) * SHIPPED_MARGIN <= MAX_CHECK_STEPS
    assert max(to_walk) * SHIPPED_MARGIN <= MAX_WALK_STEPS
    assert used.most("steps") * SHIPPED_MARGIN <= MAX_STEPS
    assert used.most("largest") * SHIPPED_MARGIN <= MAX_VALUE_SIZE
    assert used.most("allocated") * SHIPPED_MARGIN <= MAX_ALLOCATED
    assert used.most("largest") > 500  # measured: the 500-character texts were read
