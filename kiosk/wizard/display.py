"""Answers as the summary shows them: masked numbers, option labels, local dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.core import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from kiosk.catalogue.model import Field, FieldType
from kiosk.catalogue.validators import mask_nik
from kiosk.i18n import DEFAULT_LANGUAGE
from kiosk.i18n.dates import date_in_words
from kiosk.wizard.conversion import Answer
from kiosk.wizard.messages import NOT_ANSWERED, YES, text_in, translated

MASKED_TYPES = frozenset({FieldType.NIK, FieldType.KK_NUMBER})


def display_value(field: Field, answer: Answer | None, language: str) -> str:
    """One answer in words; NIK and KK numbers masked as 3201********0001."""
    if answer is None:
        return translated(NOT_ANSWERED, language)
    if field.type in MASKED_TYPES and isinstance(answer, str):
        return mask_nik(answer)
    if isinstance(answer, bool):
        return translated(YES, language)
    if isinstance(answer, list):
        return ", ".join(_choice_label(field, value, language) for value in answer)
    if field.type is FieldType.SELECT_ONE and isinstance(answer, str):
        return _choice_label(field, answer, language)
    if isinstance(answer, date):
        return date_in_words(answer, language)
    if isinstance(answer, int | Decimal):
        return format_decimal(answer, locale=_locale(language))
    return answer


def unmasked_value(field: Field, answer: Answer | None) -> str:
    """The whole number `display_value` masks; "" for an answer it shows as it is."""
    if field.type in MASKED_TYPES and isinstance(answer, str):
        return answer
    return ""


def _choice_label(field: Field, value: str, language: str) -> str:
    for choice in field.choices:
        if choice.value == value:
            return text_in(choice.label, language)
    return value


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)
