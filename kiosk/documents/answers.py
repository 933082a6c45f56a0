"""Stored answers as documents print them: choice labels, dates in words, "other" spelled out.

A select answer is stored as its choice's value (``laki_laki``); documents show the label
in their language, else in Indonesian. When the choice is ``lainnya`` (other) and the form
asked a text question only for that case (``relevant: keperluan == "lainnya"``), the text
typed there is printed instead of the word "Other".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from babel.core import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from kiosk.catalogue.model import Field, FieldType, ServiceDefinition
from kiosk.catalogue.validators import mask_nik
from kiosk.i18n import DEFAULT_LANGUAGE, dates
from kiosk.wizard.messages import YES, text_in, translated

OTHER_VALUE = "lainnya"
MASKED_TYPES = frozenset({FieldType.NIK, FieldType.KK_NUMBER})
NOT_PRINTED = frozenset({FieldType.NOTE, FieldType.ACKNOWLEDGE, FieldType.HIDDEN})


def printable_answers(
    definition: ServiceDefinition, answers: Mapping[str, object], language: str
) -> dict[str, str]:
    """Every stored answer in words, by field name, unmasked (for the letter)."""
    printed: dict[str, str] = {}
    for field in definition.fields:
        value = answers.get(field.name)
        if value is None or field.type in NOT_PRINTED:
            continue
        printed[field.name] = _in_words(definition, field, value, answers, language)
    return printed


def answer_rows(
    definition: ServiceDefinition, answers: Mapping[str, object], language: str
) -> tuple[tuple[str, str], ...]:
    """(question label, answer in words) in the form's order, NIK and KK numbers masked;
    the "other" text fields are folded into their choice. For the proof."""
    folded = {_other_text_field(definition, field) for field in definition.fields}
    rows = []
    for field in definition.fields:
        value = answers.get(field.name)
        if value is None or field.type in NOT_PRINTED or field.name in folded:
            continue
        if field.type in MASKED_TYPES and isinstance(value, str):
            shown = mask_nik(value)
        else:
            shown = _in_words(definition, field, value, answers, language)
        rows.append((text_in(field.label, language), shown))
    return tuple(rows)


def _in_words(
    definition: ServiceDefinition,
    field: Field,
    value: object,
    answers: Mapping[str, object],
    language: str,
) -> str:
    if field.type is FieldType.SELECT_ONE and isinstance(value, str):
        return _choice_in_words(definition, field, value, answers, language)
    if isinstance(value, list):
        return ", ".join(_label(field, str(item), language) for item in value)
    if isinstance(value, bool):
        return translated(YES, language)
    if field.type is FieldType.DATE and isinstance(value, str | date):
        return date_in_words(value, language)
    if field.type in (FieldType.INTEGER, FieldType.DECIMAL) or isinstance(value, int):
        return _number(value, language)
    return str(value)


def _choice_in_words(
    definition: ServiceDefinition,
    field: Field,
    value: str,
    answers: Mapping[str, object],
    language: str,
) -> str:
    if value == OTHER_VALUE:
        other = _other_text_field(definition, field)
        typed = answers.get(other) if other else None
        if isinstance(typed, str) and typed.strip():
            return typed.strip()
    return _label(field, value, language)


def _label(field: Field, value: str, language: str) -> str:
    """The choice's label in `language`, else Indonesian; an unknown value as stored."""
    for choice in field.choices:
        if choice.value == value:
            return text_in(choice.label, language)
    return value


def _other_text_field(definition: ServiceDefinition, field: Field) -> str | None:
    """The text field asked only when `field` is answered ``lainnya``, if there is one."""
    if field.type is not FieldType.SELECT_ONE:
        return None
    asked_for_other = re.compile(rf'\s*{re.escape(field.name)}\s*==\s*"{OTHER_VALUE}"\s*')
    for candidate in definition.fields:
        relevant = candidate.relevant.source if candidate.relevant else ""
        if candidate.type is FieldType.TEXT and asked_for_other.fullmatch(relevant):
            return candidate.name
    return None


def date_in_words(value: str | date, language: str) -> str:
    """An ISO date (or a date) as "1 Juli 1956"; text that is not a date stays as it is."""
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            return value
    return dates.date_in_words(day, language)


def _number(value: object, language: str) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format_decimal(number, locale=_locale(language))


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)
