"""What a citizen typed or tapped, turned into an answer of the field's type.

Forgiving where it is safe: spaces are ignored in numbers, Indonesian thousands dots
("1.500.000") and decimal commas ("2,5") are understood; dates come as a `date` or as
ISO "YYYY-MM-DD". NIK, KK and phone numbers go through kiosk.catalogue.validators.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from kiosk.catalogue.errors import InvalidAnswer
from kiosk.catalogue.model import Choice, Field, FieldType
from kiosk.catalogue.validators import check_kk_number, check_nik, check_phone
from kiosk.wizard.form import JsonAnswer
from kiosk.wizard.messages import (
    NOT_A_CHOICE,
    NOT_A_DATE,
    NOT_A_NUMBER,
    NOT_A_WHOLE_NUMBER,
    NOT_VALID,
    TOO_LONG,
)

Answer = str | int | Decimal | date | bool | list[str]

MAX_TEXT_LENGTH = 500
MAX_DIGITS = 15
WHOLE = re.compile(rf"[+-]?\d{{1,{MAX_DIGITS}}}")
GROUPED_WHOLE = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")  # 1.500.000
PLAIN_DECIMAL = re.compile(rf"[+-]?\d{{1,{MAX_DIGITS}}}([.,]\d{{1,{MAX_DIGITS}}})?")
GROUPED_DECIMAL = re.compile(rf"[+-]?\d{{1,3}}(\.\d{{3}})+(,\d{{1,{MAX_DIGITS}}})?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_empty(field: Field, raw: object) -> bool:
    """Nothing given: None, blank text, an empty list, or an unticked acknowledgement."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return True
    if isinstance(raw, list | tuple | set | frozenset) and not raw:
        return True
    return field.type is FieldType.ACKNOWLEDGE and raw is False


def convert(field: Field, raw: object, choices: Sequence[Choice], today: date) -> Answer | None:
    """The answer for `raw`, None when it is empty; raises InvalidAnswer (a msgid)."""
    if is_empty(field, raw):
        return None
    if field.type in (FieldType.SELECT_ONE, FieldType.SELECT_MULTIPLE):
        return _choice_answer(field, raw, choices)
    if field.type is FieldType.NIK:
        return check_nik(_text(raw), today).nik
    converter = CONVERTERS.get(field.type)
    if converter is None:
        raise InvalidAnswer(NOT_VALID)  # notes, calculations and hidden fields take none
    return converter(raw)


def _text(raw: object) -> str:
    if not isinstance(raw, str):
        raise InvalidAnswer(NOT_VALID)
    return raw


def _plain_text(raw: object) -> str:
    text = " ".join(_text(raw).split())  # no newlines or tabs on a receipt or a letter
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidAnswer(TOO_LONG)
    return text


def _whole_number(raw: object) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    text = re.sub(r"\s", "", _text(raw))
    if GROUPED_WHOLE.fullmatch(text):
        text = text.replace(".", "")
    if not WHOLE.fullmatch(text):
        raise InvalidAnswer(NOT_A_WHOLE_NUMBER)
    return int(text)


def _decimal(raw: object) -> Decimal:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return Decimal(raw)
    if isinstance(raw, Decimal) and raw.is_finite():
        return raw
    text = re.sub(r"\s", "", _text(raw))
    if GROUPED_DECIMAL.fullmatch(text):
        text = text.replace(".", "")
    elif not PLAIN_DECIMAL.fullmatch(text):
        raise InvalidAnswer(NOT_A_NUMBER)
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise InvalidAnswer(NOT_A_NUMBER) from None


def _date(raw: object) -> date:
    if isinstance(raw, date):
        return date(raw.year, raw.month, raw.day)  # a datetime loses its time
    text = _text(raw).strip()
    if not ISO_DATE.fullmatch(text):
        raise InvalidAnswer(NOT_A_DATE)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidAnswer(NOT_A_DATE) from None


def _acknowledgement(raw: object) -> bool:
    if raw is not True:
        raise InvalidAnswer(NOT_VALID)
    return True


def _choice_answer(field: Field, raw: object, choices: Sequence[Choice]) -> Answer:
    available = [choice.value for choice in choices]
    if field.type is FieldType.SELECT_ONE:
        if not isinstance(raw, str) or raw not in available:
            raise InvalidAnswer(NOT_A_CHOICE)
        return raw
    picked = raw.split() if isinstance(raw, str) else raw
    if not isinstance(picked, list | tuple | set | frozenset):
        raise InvalidAnswer(NOT_A_CHOICE)
    if any(not isinstance(value, str) or value not in available for value in picked):
        raise InvalidAnswer(NOT_A_CHOICE)
    return [value for value in available if value in picked]  # the options' order, once


CONVERTERS: Mapping[FieldType, Callable[[object], Answer]] = {
    FieldType.TEXT: _plain_text,
    FieldType.INTEGER: _whole_number,
    FieldType.DECIMAL: _decimal,
    FieldType.DATE: _date,
    FieldType.KK_NUMBER: lambda raw: check_kk_number(_text(raw)),
    FieldType.PHONE: lambda raw: check_phone(_text(raw)),
    FieldType.ACKNOWLEDGE: _acknowledgement,
}


def to_json(answer: Answer) -> JsonAnswer:
    """The answer as stored (sealed): dates ISO, decimals as strings."""
    if isinstance(answer, Decimal):
        return str(answer)
    if isinstance(answer, date):
        return answer.isoformat()
    if isinstance(answer, list):
        return list(answer)
    return answer


def answer_text(answer: Answer | None) -> str:
    """The answer as an input box shows it again: digits, ISO dates, spaced choices."""
    if answer is None or isinstance(answer, bool):
        return ""
    if isinstance(answer, list):
        return " ".join(answer)
    if isinstance(answer, date):
        return answer.isoformat()
    return str(answer)
