"""Wires staff documents for the screens and the CLI: DocumentMaker, PDFs, the A4 command."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session, sessionmaker

from kiosk.catalogue.model import ServiceDefinition
from kiosk.catalogue.shipped import shipped_definitions
from kiosk.cli.a4_printer import CommandA4Printer
from kiosk.cli.office_keys import open_office_keys
from kiosk.clock import SystemClock
from kiosk.config import Settings
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.db.migrate import upgrade
from kiosk.documents.desk import DocumentDesk
from kiosk.documents.maker import DocumentMaker
from kiosk.documents.types import Office
from kiosk.security.sealing import Sealer
from printing.pdf.documents import PdfDocuments


def office_of(settings: Settings) -> Office:
    office = settings.office
    return Office(office.name, office.address, office.place, office.head_name, office.head_title)


def build_documents(
    settings: Settings,
    sealer: Sealer | None = None,
    sessions: sessionmaker[Session] | None = None,
    definitions: Mapping[str, ServiceDefinition] | None = None,
) -> DocumentMaker:
    """The documents service over the configured database (or the running kiosk's
    `sessions`) and the shipped catalogue (or the running kiosk's `definitions`)."""
    if sessions is None:
        engine = create_engine_for(settings.database.url)
        upgrade(engine)
        sessions = session_factory(engine)
    if definitions is None:
        definitions = shipped_definitions()
    if sealer is None:  # a technician's command: the kiosk's keys, never new ones
        sealer = Sealer(open_office_keys(settings, sessions).data)
    return DocumentMaker(
        sessions,
        sealer,
        definitions,
        office_of(settings),
        SystemClock(),
        settings.office.timezone,
        PdfDocuments(),
    )


def build_document_desk(
    settings: Settings,
    sealer: Sealer | None = None,
    sessions: sessionmaker[Session] | None = None,
    definitions: Mapping[str, ServiceDefinition] | None = None,
) -> DocumentDesk:
    """What the staff's DocumentsScreen is given (see ui.documents)."""
    documents = build_documents(settings, sealer, sessions, definitions)
    return DocumentDesk(documents, CommandA4Printer(settings.documents.print_command))
