"""The service catalogue from the centre: verified, parsed whole, stored, offered next.

The signature is checked with the key the kiosk learnt at enrolment before a byte of
the payload is parsed; then every definition must load with the kiosk's own loader
(schema, expressions, budgets). One bad definition refuses the whole catalogue: the
kiosk keeps offering the one it has. The signed bytes are stored as sent and verified
again at each start, so a catalogue changed in the database is not offered either.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kiosk.catalogue.errors import DefinitionError
from kiosk.catalogue.loader import load_definition_text
from kiosk.catalogue.model import ServiceDefinition
from kiosk.sync.errors import CatalogueRefused
from kiosk.sync.models import CatalogueDocument
from kiosk.sync.signatures import SignatureInvalid, signing_key_from_bytes, verify
from kiosk.sync.wire import SignedDocument

log = logging.getLogger(__name__)

MAX_SERVICES = 200


@dataclass(frozen=True)
class VerifiedCatalogue:
    version: str
    definitions: dict[str, ServiceDefinition]


def verified(document: SignedDocument, signing_key: bytes) -> VerifiedCatalogue:
    """The catalogue if the centre signed exactly these bytes and every definition
    loads; CatalogueRefused otherwise."""
    try:
        verify(document.payload, document.signature, signing_key_from_bytes(signing_key))
    except (SignatureInvalid, ValueError):
        raise CatalogueRefused("the catalogue's signature is not the centre's") from None
    try:
        body = json.loads(document.payload.decode("utf-8"))
        version = body["version"]
        entries = body["services"]
        if not isinstance(version, str) or not isinstance(entries, list):
            raise TypeError("version or services of the wrong type")
        if len(entries) > MAX_SERVICES:
            raise ValueError("too many services")
        definitions = [_definition(entry) for entry in entries]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, DefinitionError) as error:
        raise CatalogueRefused(f"the catalogue does not load: {error}") from None
    by_id = {definition.id: definition for definition in definitions}
    if len(by_id) != len(definitions):
        raise CatalogueRefused("the catalogue names a service twice")
    return VerifiedCatalogue(version[:64], by_id)


def _definition(entry: object) -> ServiceDefinition:
    if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
        raise TypeError("a service without its definition text")
    definition = load_definition_text(entry["source"], f"<centre:{entry.get('id')}>")
    if (definition.id, definition.version) != (entry.get("id"), entry.get("version")):
        raise ValueError(f"service {entry.get('id')!r} says it is another one")
    return definition


def store(session: Session, document: SignedDocument, version: str, now: datetime) -> None:
    """Keep the signed bytes as sent (the previous catalogue goes), in the caller's
    transaction."""
    session.execute(delete(CatalogueDocument))
    session.add(
        CatalogueDocument(
            version=version,
            payload=document.payload,
            signature=document.signature,
            received_at=now,
        )
    )


def stored(session: Session, signing_key: bytes) -> VerifiedCatalogue | None:
    """The stored catalogue, verified again; None if there is none or it fails."""
    row = session.scalars(select(CatalogueDocument)).first()
    if row is None:
        return None
    try:
        return verified(SignedDocument(row.payload, row.signature, None), signing_key)
    except CatalogueRefused as refused:
        log.error("the stored catalogue is refused (%s): the shipped one is offered", refused)
        return None
