"""Every text of the shipped services and queue services is in Jawa too."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.catalogue.loader import load_catalogue
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.i18n import LANGUAGES
from kiosk.queue.lines import DEFAULT_LINES
from kiosk.wizard.messages import text_in

SERVICE_FILES = sorted(default_catalogue_dir().glob("*.yaml"))
NOT_TEXTS = {"audio"}  # per language too, but file paths


def texts_in(node: Any, where: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every mapping of language -> text below `node` (the file's own `id` is its slug)."""
    if isinstance(node, Mapping):
        if "id" in node and where:
            yield where, node
            return
        for name, child in node.items():
            if name not in NOT_TEXTS:
                yield from texts_in(child, f"{where}/{name}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from texts_in(child, f"{where}/{index}")


def test_there_are_nine_service_files():
    assert len(SERVICE_FILES) == 9


@pytest.mark.parametrize("path", SERVICE_FILES, ids=lambda path: path.stem)
def test_every_text_with_indonesian_has_javanese(path: Path):
    found = list(texts_in(yaml.safe_load(path.read_text(encoding="utf-8")), ""))
    assert len(found) > 20
    for where, texts in found:
        assert "jv" in texts and set(texts) <= set(LANGUAGES), (where, sorted(texts))
        assert all(isinstance(t, str) and t.strip() for t in texts.values()), where


def test_the_loaded_services_speak_javanese():
    loaded = load_catalogue(default_catalogue_dir())
    assert not loaded.problems
    domisili = loaded.services["surat-keterangan-domisili"]
    assert text_in(domisili.field("jenis_kelamin").label, "jv") == "Jinis kelamin"
    assert [text_in(c.label, "jv") for c in domisili.field("jenis_kelamin").choices] == [
        "Kakung",
        "Putri",
    ]
    for service in loaded.services.values():
        assert all("jv" in requirement for requirement in service.requirements), service.id


@pytest.mark.parametrize("service", DEFAULT_LINES, ids=lambda service: service.code)
def test_the_queue_services_are_named_in_every_language(service):
    for texts in (service.names, service.descriptions, service.where_to_wait):
        assert set(texts) == set(LANGUAGES)
        assert all(text.strip() for text in texts.values())
