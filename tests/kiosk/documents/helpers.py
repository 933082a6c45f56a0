"""Complete answers for a shipped service, built from its own field definitions."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.catalogue.loader import load_catalogue
from kiosk.catalogue.model import FieldType, Output, ServiceDefinition
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.wizard import CompletedForm
from kiosk.wizard.form import JsonAnswer
from tests.helpers.definitions import FEMALE_NIK, KK_NUMBER, MALE_NIK

SKIPPED = frozenset({FieldType.NOTE, FieldType.ACKNOWLEDGE, FieldType.HIDDEN})
OTHER = "lainnya"


def shipped_services() -> dict[str, ServiceDefinition]:
    loaded = load_catalogue(default_catalogue_dir())
    assert not loaded.problems, loaded.problems
    return loaded.services


def letter_services() -> list[ServiceDefinition]:
    return [d for d in shipped_services().values() if d.output is Output.LETTER]


def complete_answers(definition: ServiceDefinition) -> dict[str, JsonAnswer]:
    """A value for every field that takes one: the first choice that is not "other",
    dates in 2024, and texts saying whose field they are ("Isi nama_bayi")."""
    answers: dict[str, JsonAnswer] = {}
    for field in definition.fields:
        if field.type in SKIPPED:
            continue
        answers[field.name] = _value(field.type, field.name, [c.value for c in field.choices])
    return answers


def _value(kind: FieldType, name: str, choices: list[str]) -> JsonAnswer:
    usual = [value for value in choices if value != OTHER] or choices
    values: dict[FieldType, JsonAnswer] = {
        FieldType.NIK: FEMALE_NIK if "ibu" in name else MALE_NIK,
        FieldType.KK_NUMBER: KK_NUMBER,
        FieldType.PHONE: "081234567890",
        FieldType.DATE: "2024-04-01",
        FieldType.INTEGER: 2,
        FieldType.DECIMAL: "3.2",
        FieldType.SELECT_ONE: usual[0] if usual else "",
        FieldType.SELECT_MULTIPLE: usual[:1],
    }
    return values.get(kind, f"Isi {name}")


def form_for(
    definition: ServiceDefinition, answers: dict[str, JsonAnswer], language: str = "id"
) -> CompletedForm:
    nik = answers.get("nik")
    return CompletedForm(
        service_id=definition.id,
        service_version=definition.version,
        answers=answers,
        assisted=True,
        language=language,
        nik=nik if isinstance(nik, str) else None,
        consented_at=datetime(2024, 5, 6, 2, 0, tzinfo=UTC),
    )
