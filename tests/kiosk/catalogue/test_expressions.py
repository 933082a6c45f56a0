"""CEL expressions: compiled without eval, checked for names and size, evaluated with
answers converted both ways; every failure is an ExpressionError, never a crash."""

from __future__ import annotations

import builtins
import contextlib
import logging
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from kiosk.catalogue.errors import ExpressionError
from kiosk.catalogue.expressions import MAX_TREE_DEPTH, CelExpression, compile_expression
from kiosk.errors import KioskError

NAMES = ["nama", "umur", "berat", "tanggal", "jenis", "pilihan", "setuju", "provinsi"]
TODAY = date(2026, 3, 15)
PLANTED_NIK = "3201011708450001"


def cel(source: str, *extra: str) -> CelExpression:
    return compile_expression(source, [*NAMES, "today", *extra], "fields/9/test")


def run(source: str, **answers: Any) -> Any:
    return cel(source, "value", "choice").evaluate({"today": TODAY, **answers})


def test_a_constraint_reads_the_value_being_checked() -> None:
    constraint = cel("value >= 17 && value <= 120", "value")
    assert constraint.evaluate({"value": 17}) is True
    assert constraint.evaluate({"value": 16}) is False


@pytest.mark.parametrize(
    ("answer", "expected"), [("lainnya", True), ("kerja", False), (None, False)]
)
def test_relevant_with_an_answer_or_none(answer: str | None, expected: bool) -> None:
    assert run('jenis == "lainnya"', jenis=answer) is expected


def test_a_name_missing_from_the_answers_is_null() -> None:
    assert cel("jenis == null").evaluate({}) is True


@pytest.mark.parametrize("answer", [0, 7, 2.5, "teks", True, [1], date(2020, 1, 1)])
def test_any_answer_equals_or_differs_from_null(answer: Any) -> None:
    assert run("pilihan == null", pilihan=answer) is False
    assert run("pilihan != null", pilihan=answer) is True


def test_ints_and_doubles_compare() -> None:
    assert run("berat >= 1 && umur < 2.5 && umur == 2.0", berat=Decimal("1.5"), umur=2) is True


def test_select_multiple_answers_are_lists() -> None:
    source = 'pilihan != null && "pendidikan" in pilihan'
    assert run(source, pilihan=["pekerjaan", "pendidikan"]) is True
    assert run(source, pilihan=[]) is False
    assert run(source, pilihan=None) is False
    assert run("pilihan.exists(p, p.startsWith('pen'))", pilihan=("pendidikan",)) is True


def test_a_choice_filter_reads_the_choice_columns() -> None:
    choice_filter = cel("choice.province == provinsi", "choice")
    choices = [{"value": "3201", "province": "32"}, {"value": "3578", "province": "35"}]
    kept = [c["value"] for c in choices if choice_filter.evaluate({"choice": c, "provinsi": "32"})]
    assert kept == ["3201"]


def test_dates_are_timestamps_and_come_back_as_dates() -> None:
    assert run("tanggal <= today", tanggal=TODAY) is True
    assert run("tanggal <= today", tanggal=TODAY + timedelta(days=1)) is False
    assert run("today - tanggal", tanggal=date(2026, 3, 5)) == timedelta(days=10)
    assert run("tanggal.getFullYear()", tanggal=date(1999, 12, 31)) == 1999
    assert run('date("2024-02-29")') == date(2024, 2, 29)
    assert run('tanggal > date("2000-01-01")', tanggal=date(2000, 1, 2)) is True


@pytest.mark.parametrize(
    ("born", "years"), [(date(2009, 3, 15), 17), (date(2009, 3, 16), 16), (None, None)]
)
def test_age_counts_whole_years(born: date | None, years: int | None) -> None:
    assert run("age(tanggal, today)", tanggal=born) == years


def test_days_between_and_a_missing_today() -> None:
    assert run("days_between(tanggal, today)", tanggal=date(2026, 3, 1)) == 14
    days = cel("days_between(tanggal, today)").evaluate({"tanggal": date.today()})
    assert days == 0


def test_calculations_return_python_values() -> None:
    assert run('nama + " (" + string(umur) + ")"', nama="Siti", umur=40) == "Siti (40)"
    assert run("[umur, umur * 2]", umur=3) == [3, 6]
    assert run("{'a': berat}", berat=0.5) == {"a": 0.5}
    assert run("setuju ? 'ya' : null", setuju=False) is None


def test_names_are_the_variables_read_not_the_macro_variables() -> None:
    expression = cel("pilihan.exists(p, p == nama) && age(tanggal, today) > 1")
    assert expression.names == frozenset({"pilihan", "nama", "tanggal", "today"})
    assert expression.source.startswith("pilihan")


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("umur >", "syntax error at column"),
        ("", "empty expression"),
        ("alamat == 'x'", "unknown name 'alamat'"),
        ("value > 1", "unknown name 'value'"),
        ("__import__('os')", "unknown function '__import__'"),
        ("eval('1')", "unknown function 'eval'"),
        ("nama.__class__", "field names starting with _ are not allowed"),
        ("nama.reduce(a, b, 0, a)", "unknown function 'reduce'"),
        ("pilihan.exists(p.q, true)", "must be a plain name"),
        ("pilihan.map(p)", "takes a variable and an expression"),
        ("[1].map(a, [2].map(b, [3].map(c, c)))", "map() nested too deeply"),
        (".nama", "names starting with a dot"),
        ("google.protobuf.Int32Value{value: 1}", "message construction"),
        ("umur + " * 200 + "1", "longer than 1000 characters"),
        ("(" * 60 + "umur" + ")" * 60, "nested too deeply"),
        ("-" * 300 + "umur", "nested too deeply"),
    ],
)
def test_mistakes_and_hostile_sources_do_not_compile(source: str, reason: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        cel(source)
    assert reason in caught.value.reason
    assert caught.value.context == "fields/9/test"
    assert isinstance(caught.value, KioskError)


def test_the_macro_variable_is_bound_only_inside_the_macro() -> None:
    with pytest.raises(ExpressionError, match="unknown name 'p'"):
        cel("pilihan.exists(p, true) && p == 1")


def test_an_expression_just_under_the_nesting_limit_evaluates() -> None:
    depth = 0
    while True:
        source = "(" * (depth + 1) + "umur" + ")" * (depth + 1) + " == 1"
        try:
            expression = cel(source)
        except ExpressionError:
            break
        depth += 1
    assert depth >= 10
    assert "(" * depth in expression.source
    assert expression.evaluate({"umur": 1}) is True
    assert MAX_TREE_DEPTH >= 100


def test_nothing_is_evaled(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("eval/exec/compile called")

    for name in ("eval", "exec", "compile"):
        monkeypatch.setattr(builtins, name, refuse)
    expression = cel("umur * 2 > 10 && nama.startsWith('S')")
    assert expression.evaluate({"umur": 6, "nama": "Siti"}) is True


@pytest.mark.parametrize(
    ("source", "answers", "reason"),
    [
        ("umur > 3", {"umur": None}, "no operation for these types"),
        ("umur / 0 == 1", {"umur": 1}, "division by zero"),
        ("int(nama) > 1", {"nama": "dua"}, "out of range or not convertible"),
        ("choice.kota == '1'", {"choice": {"value": "1"}}, "no such key"),
        ("date(nama) < today", {"nama": "31-12-2020"}, "out of range or not convertible"),
        ("age(nama, today) > 1", {"nama": "x"}, "no operation for these types"),
        ("nama", {"nama": object()}, "no CEL value for a object"),
        ("umur + 1", {"umur": 2**63 - 1}, "out of range"),
    ],
)
def test_evaluation_failures_raise_expression_error(
    source: str, answers: dict[str, Any], reason: str
) -> None:
    with pytest.raises(ExpressionError) as caught:
        cel(source, "choice").evaluate({"today": TODAY, **answers})
    assert reason in caught.value.reason


def test_an_evaluation_error_never_repeats_the_answers() -> None:
    with pytest.raises(ExpressionError) as caught:
        cel("int(nama) > 1").evaluate({"nama": PLANTED_NIK + "x"})
    assert PLANTED_NIK not in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_cel_python_never_logs_the_answers(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for source in ("int(nama) > 1", "nama > 1", "nama.contains(1)", "nama == 'x'"):
        with contextlib.suppress(ExpressionError):
            cel(source).evaluate({"nama": PLANTED_NIK})
    assert PLANTED_NIK not in caplog.text
