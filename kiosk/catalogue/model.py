"""The shape of a loaded service definition (modelled on XLSForm), shared by every layer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

Texts = Mapping[str, str]  # language code ("id", "en", "jv") -> text; "id" always present


class FieldType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    SELECT_ONE = "select_one"
    SELECT_MULTIPLE = "select_multiple"
    NIK = "nik"  # Nomor Induk Kependudukan, 16 digits
    KK_NUMBER = "kk_number"  # Nomor Kartu Keluarga, 16 digits
    PHONE = "phone"  # Indonesian phone number
    NOTE = "note"  # text shown, nothing asked
    ACKNOWLEDGE = "acknowledge"  # consent: must be confirmed
    CALCULATE = "calculate"  # computed, not shown
    HIDDEN = "hidden"  # carried along, not shown


ASKED_TYPES = frozenset(
    {
        FieldType.TEXT,
        FieldType.INTEGER,
        FieldType.DECIMAL,
        FieldType.DATE,
        FieldType.SELECT_ONE,
        FieldType.SELECT_MULTIPLE,
        FieldType.NIK,
        FieldType.KK_NUMBER,
        FieldType.PHONE,
        FieldType.ACKNOWLEDGE,
    }
)


class Expression(Protocol):
    """A compiled expression (CEL). Variables: every field by its name (None when not
    answered), `value` for the field being checked (in `constraint`), `choice` (a map
    of the choice's `value` and filter columns, in `choice_filter`), `today` (a date).
    A syntax error or an unknown variable is found when the definition is loaded."""

    source: str

    def evaluate(self, variables: Mapping[str, Any]) -> Any: ...


@dataclass(frozen=True)
class Choice:
    value: str
    label: Texts
    filters: Mapping[str, str] = field(default_factory=dict)  # e.g. {"province": "32"}


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    label: Texts
    hint: Texts = field(default_factory=dict)
    staff_hint: Texts = field(default_factory=dict)  # shown only at the counter
    audio: Texts = field(default_factory=dict)  # language -> audio file path, relative
    required: bool = False
    required_message: Texts = field(default_factory=dict)
    constraint: Expression | None = None
    constraint_message: Texts = field(default_factory=dict)
    relevant: Expression | None = None  # skip logic: asked only when true
    calculation: Expression | None = None  # for CALCULATE (and defaults computed)
    default: str | None = None
    read_only: bool = False
    choices: tuple[Choice, ...] = ()
    choice_filter: Expression | None = None  # cascades, e.g. regency by province


class Handler(StrEnum):
    VILLAGE = "village"  # the village office completes it
    CENTRAL = "central"  # sent on to a central agency (Dukcapil, Polres, ...)


class Output(StrEnum):
    RECEIPT = "receipt"  # a thermal receipt only
    LETTER = "letter"  # staff print a letter after checking the documents


@dataclass(frozen=True)
class ServiceDefinition:
    id: str  # slug, e.g. "surat-keterangan-domisili"
    version: int
    title: Texts
    description: Texts
    fields: tuple[Field, ...]
    requirements: tuple[Texts, ...]  # documents to bring
    processing_days: int  # working days until it is ready
    handler: Handler
    agency: Texts  # who handles it, e.g. {"id": "Kantor Desa"} or {"id": "Disdukcapil"}
    output: Output
    queue_service: str = "B"  # the queue service code the citizen is sent to
    letter_template: str | None = None  # name of a printing/ letter template

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)


@dataclass(frozen=True)
class DefinitionProblem:
    """Why one service file did not load (or, as a warning, what is amiss in one that
    did): which file, which field, what is wrong."""

    path: str
    field: str  # a JSON-pointer-like location, e.g. "fields/3 (nama)/constraint"
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.problem}"
