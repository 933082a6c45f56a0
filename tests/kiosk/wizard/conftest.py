"""Fixtures of the wizard: the test service, a fixed clock, a fresh wizard, a filler."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from kiosk.catalogue.model import ServiceDefinition
from kiosk.wizard import Stage, Wizard
from tests.helpers.definitions import KK_NUMBER, MALE_NIK, sample_definition
from tests.helpers.stubs import FakeClock

# Everything the test service asks, except what the NIK proposes and the note.
ANSWERS: Mapping[str, Any] = {
    "nik": MALE_NIK,
    "nama": "Budi Santoso",
    "no_kk": KK_NUMBER,
    "no_hp": "0812 3456 7890",
    "provinsi": "32",
    "kabupaten": "3273",
    "punya_usaha": "tidak",
    "luas_tanah": "1,5",
    "dokumen": ["kk", "ktp"],
    "pernyataan": True,
}

MakeWizard = Callable[..., Wizard]


@pytest.fixture(scope="session")
def definition() -> ServiceDefinition:
    return sample_definition()


@pytest.fixture
def make_wizard(definition: ServiceDefinition, clock: FakeClock) -> MakeWizard:
    def make(language: str = "id", assisted: bool = False) -> Wizard:
        return Wizard(definition, language, clock, assisted=assisted)

    return make


@pytest.fixture
def wizard(make_wizard: MakeWizard) -> Wizard:
    return make_wizard()


def fill(wizard: Wizard, answers: Mapping[str, Any] = ANSWERS, stop_at: str | None = None) -> None:
    """Answer and move on until the summary (or until the step `stop_at`)."""
    while wizard.stage is Stage.QUESTIONS:
        step = wizard.current
        assert step is not None
        if step.name == stop_at:
            return
        if step.name in answers:
            assert wizard.answer(answers[step.name]) == [], step.name
        assert wizard.next() == [], step.name


def go_to(wizard: Wizard, name: str, answers: Mapping[str, Any] = ANSWERS) -> None:
    fill(wizard, answers, stop_at=name)
    assert wizard.current is not None and wizard.current.name == name


def complete(wizard: Wizard, answers: Mapping[str, Any] = ANSWERS) -> None:
    """All the way to a consented form."""
    fill(wizard, answers)
    assert wizard.next() == []  # summary -> consent
    wizard.accept_consent()
