"""Turning raw TOML or environment values into checked setting values, and back to TOML."""

from __future__ import annotations

import json
import math
from pathlib import Path

from kiosk.config.masking import Secret, shown
from kiosk.config.option import KINDS, Kind, Option, SettingValue

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


class ValueProblem(ValueError):
    """Why a value is not acceptable, in words for a technician (no key, no source)."""


def from_toml(option: Option, raw: object) -> SettingValue:
    """Check a TOML value strictly: TOML has types, so "9600" is not an integer."""
    value = _typed(option, raw)
    _check_limits(option, value)
    return value


def from_text(option: Option, text: str) -> SettingValue:
    """Parse an environment variable's text into the option's type, then check it."""
    value = _parse_text(option, text.strip())
    _check_limits(option, value)
    return value


def _typed(option: Option, raw: object) -> SettingValue:
    kind = option.kind
    if kind is Kind.BOOL and isinstance(raw, bool):
        return raw
    if kind is Kind.INT and isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if kind is Kind.FLOAT and isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    if kind is Kind.STR and isinstance(raw, str):
        return raw
    if kind is Kind.PATH and isinstance(raw, str):
        return Path(raw).expanduser()
    raise ValueProblem(f"expected {_article(kind)}, got {_describe(raw, option)}")


def _parse_text(option: Option, text: str) -> SettingValue:
    kind = option.kind
    try:
        if kind is Kind.INT:
            return int(text)
        if kind is Kind.FLOAT:
            return float(text)
    except ValueError:
        raise ValueProblem(f"{shown(option, text)!r} is not {_article(kind)}") from None
    if kind is Kind.BOOL:
        return _parse_bool(text)
    if kind is Kind.PATH:
        return Path(text).expanduser()
    return text


def _parse_bool(text: str) -> bool:
    word = text.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueProblem(f"{text!r} is not a boolean (use true or false)")


def _check_limits(option: Option, value: SettingValue) -> None:
    if option.choices and value not in option.choices:
        allowed = ", ".join(str(choice) for choice in option.choices)
        raise ValueProblem(f"{shown(option, value)!r} is not one of: {allowed}")
    if isinstance(value, float) and not math.isfinite(value):
        # nan passes every bound (each comparison is false) and inf defeats a timeout
        raise ValueProblem(f"{value} is not a finite number")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if option.minimum is not None and value < option.minimum:
            raise ValueProblem(f"{value} is below the minimum {option.minimum:g}")
        if option.maximum is not None and value > option.maximum:
            raise ValueProblem(f"{value} is above the maximum {option.maximum:g}")
    problem = option.check(value) if option.check else None
    if problem:
        raise ValueProblem(problem)


def _article(kind: Kind | str) -> str:
    word = str(kind)
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _describe(raw: object, option: Option) -> str:
    """The TOML type of a raw value in a setting's own words (integer, not int)."""
    kind = KINDS.get(type(raw))
    containers: dict[type, str] = {list: "array", dict: "table"}
    fallback = containers.get(type(raw), type(raw).__name__)
    name = str(kind) if kind is not None else fallback
    return f"{name} {raw!r}" if option.secret is Secret.NONE else _article(name)


def toml_literal(value: SettingValue) -> str:
    """A TOML literal; JSON string escapes are valid TOML basic-string escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)
