"""The catalogue the centre serves: definition files, recorded once, signed for kiosks.

Each worker reads the same folder at start and records every definition it serves
(id, version, text) in the database, where it stays after the file changes: an
application made with an older version is still checked against that version's text.
A definition whose text changed without a new version is refused at start (kiosks
would hold two different forms under one version). Everything in the signed payload
comes from the folder and the database, so every worker signs the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from central.database import insert_ignoring_duplicates
from central.errors import SetupError
from central.models import ServedDefinition
from kiosk.catalogue.errors import DefinitionError
from kiosk.catalogue.loader import MAX_FILE_BYTES, SUFFIXES, load_definition_text
from kiosk.catalogue.model import ServiceDefinition
from kiosk.sync.signatures import sign

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    service_id: str
    version: int
    text: str


@dataclass(frozen=True)
class SignedCatalogue:
    version: str  # the ETag, without quotes
    payload: bytes
    signature: bytes


def read_folder(folder: Path) -> list[Source]:
    """Every definition file in `folder` that loads; a broken one is logged and left out."""
    if not folder.is_dir():
        raise SetupError(f"the catalogue folder {folder} does not exist")
    sources = []
    for path in sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file()):
        source = _read_file(path)
        if source is not None:
            sources.append(source)
    return sorted(sources, key=lambda source: (source.service_id, source.version))


def _read_file(path: Path) -> Source | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SetupError("too large")
        text = path.read_text(encoding="utf-8")
        definition = load_definition_text(text, str(path))
    except (OSError, UnicodeDecodeError, DefinitionError, SetupError) as error:
        log.error("service definition not served: %s: %s", path, error)
        return None
    return Source(definition.id, definition.version, text)


def record(sessions: sessionmaker[Session], sources: list[Source], now: datetime) -> datetime:
    """Record `sources` as served; returns when the newest of them was first served."""
    if not sources:
        return now
    rows = [
        {"service_id": s.service_id, "version": s.version, "source": s.text, "first_served_at": now}
        for s in sources
    ]
    with sessions.begin() as session:
        statement = insert_ignoring_duplicates(session, ServedDefinition, rows)
        session.execute(statement)
        stored = {(d.service_id, d.version): d for d in session.scalars(select(ServedDefinition))}
    for source in sources:
        kept = stored[(source.service_id, source.version)]
        if kept.source != source.text:
            raise SetupError(
                f"service {source.service_id} version {source.version} changed since it was "
                "first served; give the changed definition a new version"
            )
    return max(stored[(s.service_id, s.version)].first_served_at for s in sources)


def signed_catalogue(
    sources: list[Source], issued_at: datetime, centre_key: Ed25519PrivateKey
) -> SignedCatalogue:
    """The payload and signature exactly as docs/sync.md gives them; ETag = version."""
    services = [{"id": s.service_id, "version": s.version, "source": s.text} for s in sources]
    version = hashlib.sha256(_canonical(services)).hexdigest()
    document = {"version": version, "issued_at": _rfc3339(issued_at), "services": services}
    payload = _canonical(document)
    return SignedCatalogue(version, payload, sign(payload, centre_key))


def _canonical(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _rfc3339(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Definitions:
    """Definitions by (id, version), from the database, each parsed once per process."""

    def __init__(self) -> None:
        self._parsed: dict[tuple[str, int], ServiceDefinition] = {}

    def get(self, session: Session, service_id: str, version: int) -> ServiceDefinition | None:
        """Read within `session`'s transaction (on SQLite a second one would wait for it)."""
        key = (service_id, version)
        definition = self._parsed.get(key)
        if definition is None:
            definition = self._load(session, service_id, version)
            if definition is not None:
                self._parsed[key] = definition
        return definition

    def _load(self, session: Session, service_id: str, version: int) -> ServiceDefinition | None:
        row = session.get(ServedDefinition, (service_id, version))
        if row is None:
            return None  # not cached: the definition may be served later
        return load_definition_text(row.source, f"{service_id} v{version}")
