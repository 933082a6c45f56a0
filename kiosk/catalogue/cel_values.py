"""Answers to CEL values and back, and the functions and operators expressions use.

Conventions: a date is a CEL timestamp at 00:00 UTC (so `value <= today` and
`today - value` work, and `value.getFullYear()` is the calendar year); a
timestamp result comes back as a `date`. Integers are CEL ints, decimals
(`float` or `Decimal`) CEL doubles, select_multiple answers lists of strings,
an unanswered field `null`. As in the current CEL specification, `==` and `!=`
compare anything with null, and ints and doubles compare with each other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from celpy import celtypes
from celpy.evaluation import bool_eq, bool_ge, bool_gt, bool_le, bool_lt, bool_ne


class UnsupportedValue(TypeError):
    """A Python value (or a CEL result) with no counterpart on the other side."""


def to_cel(value: Any) -> Any:
    """The CEL value for one answer."""
    if value is None:
        return None
    if isinstance(value, bool):
        return celtypes.BoolType(value)
    if isinstance(value, int):
        return celtypes.IntType(value)
    if isinstance(value, float | Decimal):
        return celtypes.DoubleType(float(value))
    if isinstance(value, str):
        return celtypes.StringType(value)
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return celtypes.TimestampType(aware)
    if isinstance(value, date):
        return date_to_timestamp(value)
    if isinstance(value, list | tuple | set | frozenset):
        return celtypes.ListType([to_cel(item) for item in value])
    if isinstance(value, Mapping):
        return celtypes.MapType({to_cel(key): to_cel(item) for key, item in value.items()})
    raise UnsupportedValue(f"no CEL value for a {type(value).__name__}")


def from_cel(value: Any) -> Any:
    """The Python value of a CEL result."""
    converters: list[tuple[type, Callable[[Any], Any]]] = [
        (celtypes.BoolType, bool),
        (celtypes.IntType, int),
        (celtypes.UintType, int),
        (celtypes.DoubleType, float),
        (celtypes.StringType, str),
        (celtypes.TimestampType, lambda stamp: stamp.astimezone(UTC).date()),
        (celtypes.DurationType, lambda span: timedelta(seconds=span.total_seconds())),
        (celtypes.ListType, lambda items: [from_cel(item) for item in items]),
        (celtypes.MapType, lambda items: {from_cel(k): from_cel(v) for k, v in items.items()}),
    ]
    if value is None:
        return None
    for cel_type, convert in converters:
        if isinstance(value, cel_type):
            return convert(value)
    if isinstance(value, bool | int | float | str):  # cel-python returns some results plain
        return value
    raise UnsupportedValue(f"a {type(value).__name__} result has no Python value")


def date_to_timestamp(day: date) -> celtypes.TimestampType:
    return celtypes.TimestampType(datetime(day.year, day.month, day.day, tzinfo=UTC))


def _as_date(value: Any) -> date:
    if not isinstance(value, datetime):
        raise TypeError("expected a date")
    return value.astimezone(UTC).date()


def cel_date(text: Any) -> Any:
    """`date("2024-08-17")`: a date literal (a timestamp at 00:00 UTC)."""
    if text is None:
        return None
    return date_to_timestamp(date.fromisoformat(str(text)))


def cel_age(birth: Any, on: Any) -> Any:
    """`age(birth_date, today)`: whole years completed on `on`; null if either is null."""
    if birth is None or on is None:
        return None
    born, day = _as_date(birth), _as_date(on)
    years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return celtypes.IntType(years)


def cel_days_between(start: Any, end: Any) -> Any:
    """`days_between(start, end)`: calendar days from start to end; null if either is null."""
    if start is None or end is None:
        return None
    return celtypes.IntType((_as_date(end) - _as_date(start)).days)


HELPERS: Mapping[str, Callable[..., Any]] = {
    "date": cel_date,
    "age": cel_age,
    "days_between": cel_days_between,
}


NUMBERS = (celtypes.IntType, celtypes.UintType, celtypes.DoubleType)


def _numeric_pair(left: Any, right: Any) -> tuple[Any, Any]:
    """An int and a double compare as two doubles."""
    mixed = isinstance(left, celtypes.DoubleType) != isinstance(right, celtypes.DoubleType)
    if mixed and isinstance(left, NUMBERS) and isinstance(right, NUMBERS):
        return celtypes.DoubleType(left), celtypes.DoubleType(right)
    return left, right


def _comparison(base: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def compare(left: Any, right: Any) -> Any:
        return base(*_numeric_pair(left, right))

    return compare


def _equality(base: Callable[[Any, Any], Any], when_null: bool) -> Callable[[Any, Any], Any]:
    def equal(left: Any, right: Any) -> Any:
        if left is None or right is None:
            return celtypes.BoolType((left is None and right is None) == when_null)
        return base(*_numeric_pair(left, right))

    return equal


OPERATORS: Mapping[str, Callable[..., Any]] = {
    "_==_": _equality(bool_eq, when_null=True),
    "_!=_": _equality(bool_ne, when_null=False),
    "_<_": _comparison(bool_lt),
    "_<=_": _comparison(bool_le),
    "_>_": _comparison(bool_gt),
    "_>=_": _comparison(bool_ge),
}
