"""The preset dictionary that envelope version 2 deflates an application's content with.

One application is a few hundred bytes of JSON: too short for deflate to learn its
own words, so on a village line its field names and choice values cost nearly their
full length every time. Both ends therefore start deflate from the same dictionary
(zlib's ``zdict``): the content's skeleton, the shipped services' field names and
choice values, and common words of Indonesian addresses. This shrinks the sealed
content by about a third (measured on the shipped services; see
tests/kiosk/sync/test_dictionary.py).

The dictionary is frozen with its envelope version: the centre must open every
version-2 envelope ever sent, so `content-dictionary-2.json` never changes (its
SHA-256 is checked on load). A better dictionary is a new file and a new version.
`build_pieces` shows how this one was made, from the catalogue shipped at the time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from kiosk.catalogue.model import ServiceDefinition

FILE = Path(__file__).with_name("content-dictionary-2.json")
SHA256 = "227d87334aa0dda5033386d82dfde4fabd78ff2704c31c625a7ed59b32a6e8d9"

# Indonesian addresses and names as kiosks see them; later pieces are cheaper to
# refer to (deflate's distances), so the JSON skeleton every content has comes last.
ADDRESS_WORDS = (
    "Jalan ",
    "Jl. ",
    "Gang ",
    "Gg. ",
    "No. ",
    " RT 00",
    " RW 00",
    "Dusun ",
    "Desa ",
    "Kelurahan ",
    "Kecamatan ",
    "Kabupaten ",
    "Kota ",
    "Provinsi ",
    "Perumahan ",
    "Blok ",
)
SKELETON = (
    '{"answers":{',
    '},"assisted":false,"consented_at":"2026-',
    'T00:00:00.000000+00:00","created_at":"2026-',
    'T00:00:00Z","language":"id","nik":"3',
)


class DictionaryChanged(RuntimeError):
    """The frozen dictionary file is not the one envelopes of its version were made with."""


@cache
def content_dictionary() -> bytes:
    """The dictionary of envelope version 2, checked against its pinned digest."""
    pieces = json.loads(FILE.read_text(encoding="utf-8"))["pieces"]
    data = "".join(pieces).encode("utf-8")
    if hashlib.sha256(data).hexdigest() != SHA256:
        raise DictionaryChanged(f"{FILE.name} changed: old envelopes would not open")
    return data


def build_pieces(definitions: Iterable[ServiceDefinition]) -> list[str]:
    """Field names and choice values of `definitions`, then addresses, then the skeleton."""
    words: set[str] = set()
    for definition in definitions:
        for field in definition.fields:
            words.add(f'"{field.name}":')
            words.update(f'"{choice.value}"' for choice in field.choices)
    return [*sorted(words), *ADDRESS_WORDS, *SKELETON]
