"""Staff documents as the screens and the CLI use them: DocumentService, PDFs, A4 printer."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session, sessionmaker

from kiosk.catalogue.loader import load_catalogue
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.cli.office_keys import open_office_keys
from kiosk.clock import SystemClock
from kiosk.config import Settings
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.db.migrate import upgrade
from kiosk.documents.a4 import A4Printer
from kiosk.documents.service import DocumentService
from kiosk.documents.types import DocumentSummary, Office
from kiosk.security.sealing import Sealer
from printing.pdf.documents import PdfDocuments

log = logging.getLogger(__name__)


class KioskDocuments:
    """Implements ui.documents.contracts.DocumentsPort: every call blocks (database,
    unsealing, the print command), so the screen calls it off the GUI thread."""

    def __init__(self, documents: DocumentService, printer: A4Printer) -> None:
        self._documents = documents
        self._printer = printer

    def lookup(self, tracking_code: str) -> DocumentSummary:
        return self._documents.summary(tracking_code)

    def print_proof(self, tracking_code: str, language: str) -> None:
        self._printer.print_pdf(self._documents.proof_pdf(tracking_code, language))

    def print_letter(self, tracking_code: str, language: str) -> None:
        self._printer.print_pdf(self._documents.letter_pdf(tracking_code, language))


def office_of(settings: Settings) -> Office:
    office = settings.office
    return Office(office.name, office.address, office.place, office.head_name, office.head_title)


def build_documents(
    settings: Settings, sealer: Sealer | None = None, sessions: sessionmaker[Session] | None = None
) -> DocumentService:
    """The documents service over the configured database (or the running kiosk's
    `sessions`) and the shipped catalogue."""
    if sessions is None:
        engine = create_engine_for(settings.database.url)
        upgrade(engine)
        sessions = session_factory(engine)
    loaded = load_catalogue(default_catalogue_dir())
    for problem in loaded.problems:
        log.error("service definition not loaded: %s", problem)
    if sealer is None:  # a technician's command: the kiosk's keys, never new ones
        sealer = Sealer(open_office_keys(settings, sessions).data)
    return DocumentService(
        sessions,
        sealer,
        loaded.services,
        office_of(settings),
        SystemClock(),
        settings.office.timezone,
        PdfDocuments(),
    )


def build_kiosk_documents(
    settings: Settings, sealer: Sealer | None = None, sessions: sessionmaker[Session] | None = None
) -> KioskDocuments:
    """What the staff's DocumentsScreen is given (see ui.documents)."""
    documents = build_documents(settings, sealer, sessions)
    return KioskDocuments(documents, A4Printer(settings.documents.print_command))
