"""Envelope version 2: content deflated with a frozen preset dictionary, a third smaller."""

from __future__ import annotations

import json
import random
import zlib
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.catalogue.model import FieldType, ServiceDefinition
from kiosk.catalogue.shipped import shipped_definitions
from kiosk.sync import dictionary
from kiosk.sync.sealing import _SUITE, Label, canonical_json, open_at_centre, seal_for_centre

LABEL = Label("5b0c1f0e-8d3a-4c57-9a51-3f2d1e0b7c6a", "K7QM-2XHD", "sk_domisili", 3)
NAMES = ("Siti Aminah", "Budi Santoso", "Sri Wahyuni", "Agus Setiawan", "Dewi Lestari")
PLACES = ("Jl. Merdeka No. 12 RT 003 RW 005", "Dusun Krajan RT 001 RW 002", "Gg. Mawar 7")


def filled(definition: ServiceDefinition, rng: random.Random) -> dict[str, Any]:
    """A plausible finished form of `definition`: random choices, names, places, dates."""
    answers: dict[str, Any] = {}
    for field in definition.fields:
        if field.choices:
            answers[field.name] = rng.choice(field.choices).value
        elif field.type in (FieldType.NIK, FieldType.KK_NUMBER):
            answers[field.name] = "3174" + "".join(rng.choices("0123456789", k=12))
        elif field.type is FieldType.DATE:
            answers[field.name] = (
                f"19{rng.randint(40, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            )
        elif field.type in (FieldType.INTEGER, FieldType.DECIMAL):
            answers[field.name] = rng.randint(1, 20)
        elif field.type is FieldType.PHONE:
            answers[field.name] = f"+62812{rng.randint(1000000, 9999999)}"
        elif field.type is FieldType.TEXT:
            answers[field.name] = rng.choice(NAMES if "nama" in field.name else PLACES)
    return {
        "answers": answers,
        "assisted": False,
        "consented_at": "2026-12-06T01:48:24.204095+00:00",
        "created_at": "2026-12-06T01:48:24Z",
        "language": "id",
        "nik": "3174" + "".join(rng.choices("0123456789", k=12)),
    }


def deflated(content: dict[str, Any], zdict: bytes | None) -> int:
    deflater = zlib.compressobj(9, zdict=zdict) if zdict else zlib.compressobj(9)
    return len(deflater.compress(canonical_json(content)) + deflater.flush())


def test_the_dictionary_makes_every_shipped_service_at_least_a_quarter_smaller() -> None:
    rng = random.Random(7)
    for definition in shipped_definitions().values():
        contents = [filled(definition, rng) for _ in range(10)]
        plain = sum(deflated(content, None) for content in contents)
        preset = sum(deflated(content, dictionary.content_dictionary()) for content in contents)
        assert preset <= 0.75 * plain, (definition.id, plain, preset)


def test_version_2_seals_with_it_and_version_1_envelopes_still_open() -> None:
    centre = X25519PrivateKey.generate()
    content = filled(shipped_definitions()["surat-keterangan-domisili"], random.Random(1))
    sealed = seal_for_centre(content, LABEL, centre.public_key())
    assert sealed[0] == 2
    assert open_at_centre(sealed, LABEL, centre) == content
    old = zlib.compress(canonical_json(content), 9)
    version_1 = bytes([1]) + _SUITE.encrypt(old, centre.public_key(), info=LABEL.info(1))
    assert open_at_centre(version_1, LABEL, centre) == content


def test_a_changed_dictionary_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = json.loads(dictionary.FILE.read_text(encoding="utf-8"))
    document["pieces"][0] = '"nama_baru":'
    changed = tmp_path / dictionary.FILE.name
    changed.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(dictionary, "FILE", changed)
    dictionary.content_dictionary.cache_clear()
    try:
        with pytest.raises(dictionary.DictionaryChanged):
            dictionary.content_dictionary()
    finally:
        dictionary.content_dictionary.cache_clear()
