"""Builds the running parts from settings: database, printer, queue, guided procedures."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from devices.emulator import register_url_handler
from devices.escpos.printer import EscPosPrinter
from devices.escpos.profiles import get_profile
from devices.transport import SerialTransport
from kiosk import __version__
from kiosk.applications.desk import ApplicationDesk
from kiosk.applications.ports import ReceiptPrinter
from kiosk.applications.store import ApplicationStore
from kiosk.cards.registry import CardRegistry
from kiosk.catalogue.live import LiveCatalogue
from kiosk.catalogue.model import ServiceDefinition
from kiosk.catalogue.shipped import shipped_definitions
from kiosk.cli.documents_adapter import build_document_desk
from kiosk.cli.office_keys import open_office_keys
from kiosk.cli.printer_adapter import ThermalPrinter
from kiosk.cli.secrets import key_store
from kiosk.clock import Clock, SystemClock
from kiosk.config import ConfigError, Settings
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.db.migrate import upgrade
from kiosk.documents.desk import DocumentDesk
from kiosk.errors import KioskError
from kiosk.printers import PrinterWatch
from kiosk.queue.desk import QueueDesk
from kiosk.queue.lines import DEFAULT_LINES, seed_lines
from kiosk.security.sealing import Sealer
from kiosk.sync.catalogue import stored as stored_catalogue
from kiosk.sync.engine import SyncEngine
from kiosk.sync.health import HealthFacts, HealthSource
from kiosk.sync.models import STATE_ROW, SyncState
from kiosk.sync.worker import SyncWorker

log = logging.getLogger(__name__)

USER_AGENT = f"anjungan/{__version__}"


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]


def open_database(settings: Settings) -> Database:
    """Engine for the configured URL, migrated to head, with the default services seeded."""
    engine = create_engine_for(settings.database.url)
    upgrade(engine)
    sessions = session_factory(engine)
    with sessions() as session:
        seed_lines(session, DEFAULT_LINES)
        session.commit()
    return Database(engine, sessions)


def open_printer(settings: Settings) -> EscPosPrinter:
    """The configured printer; the port opens lazily, so an absent printer is no crash."""
    if not settings.printer.url:
        raise ConfigError(
            str(settings.source or "settings"),
            "not set: the printer's port, e.g. /dev/serial/by-id/... (see `kiosk devices list`)",
            key="printer.url",
        )
    if settings.printer.url.startswith("emu://"):
        log.warning("printer.url is the emulated printer (simulated hardware): nothing prints")
    register_url_handler()
    transport = SerialTransport(settings.printer.url, baudrate=settings.printer.baudrate)
    profile = get_profile(settings.printer.profile)
    if settings.printer.stored_logo:
        profile = replace(profile, stored_logo=settings.printer.stored_logo)
    return EscPosPrinter(transport, profile, status_timeout=settings.printer.status_timeout)


def build_queue(
    settings: Settings,
    database: Database,
    printer: EscPosPrinter,
    watch: PrinterWatch | None = None,
) -> QueueDesk:
    """The queue on the configured printer, after voiding the tickets a dead process left
    PRINTING (`kiosk run` and every `kiosk queue` command start here)."""
    queue = QueueDesk(
        database.sessions,
        ThermalPrinter(printer, watch),
        SystemClock(),
        office_name=settings.office.name,
        timezone=settings.office.timezone,
    )
    try:
        queue.void_abandoned()
    except (KioskError, SQLAlchemyError) as error:  # tickets still work; the next start retries
        log.error("could not check for tickets left printing: %s", type(error).__name__)
    return queue


@dataclass
class GuidedParts:
    """What needs the office keys: the guided procedures, the card registry, staff documents."""

    services: ApplicationDesk
    cards: CardRegistry
    documents: DocumentDesk
    sealer: Sealer
    catalogue: LiveCatalogue


def build_guided(
    settings: Settings,
    database: Database,
    printer: EscPosPrinter,
    on_stored: Callable[[], None] | None = None,
    watch: PrinterWatch | None = None,
) -> GuidedParts:
    """The parts that need the office keys (checked against the database first: never a
    new key over data sealed with another), sharing one Sealer and one loaded catalogue."""
    keys = open_office_keys(settings, database.sessions, create=True)
    sealer = Sealer(keys.data)
    definitions = LiveCatalogue(offered_definitions(database.sessions))
    return GuidedParts(
        build_application_desk(
            settings,
            database.sessions,
            ThermalPrinter(printer, watch),
            sealer,
            definitions,
            on_stored=on_stored,
        ),
        CardRegistry(database.sessions, keys, SystemClock()),
        build_document_desk(settings, sealer, database.sessions, definitions),
        sealer,
        definitions,
    )


def offered_definitions(sessions: sessionmaker[Session]) -> dict[str, ServiceDefinition]:
    """The centre's last signed catalogue if it still verifies, else the shipped one."""
    with sessions() as session:
        state = session.get(SyncState, STATE_ROW)
        catalogue = stored_catalogue(session, state.signing_key) if state else None
    return catalogue.definitions if catalogue else shipped_definitions()


def build_sync(
    settings: Settings,
    database: Database,
    guided: GuidedParts,
    doorbell: threading.Event,
    health: HealthSource | None = None,
) -> SyncWorker:
    """The background sync of the outbox with the centre (idle until enrolled); a new
    catalogue from the centre goes to the running desks for the next citizen."""
    engine = SyncEngine(
        database.sessions,
        guided.sealer,
        key_store(settings),
        settings.sync,
        SystemClock(),
        USER_AGENT,
        on_catalogue=guided.catalogue.replace,
        health=health,
    )
    return SyncWorker(engine, settings.sync, doorbell=doorbell)


def build_application_desk(
    settings: Settings,
    sessions: sessionmaker[Session],
    printer: ReceiptPrinter,
    sealer: Sealer,
    definitions: Mapping[str, ServiceDefinition],
    clock: Clock | None = None,
    on_stored: Callable[[], None] | None = None,
) -> ApplicationDesk:
    """The guided procedures: sealed applications, receipts on `printer`."""
    clock = clock or SystemClock()
    submissions = ApplicationStore(
        sessions, sealer, clock, settings.office.name, settings.office.timezone
    )
    zone = settings.office.timezone
    return ApplicationDesk(definitions, submissions, printer, clock, zone, on_stored)


def health_of(queue: QueueDesk, watch: PrinterWatch) -> HealthSource:
    """What the centre's health report says about this kiosk's printer and queue."""

    def facts() -> HealthFacts:
        waiting = sum(queue.waiting_count(line.code) for line in queue.lines())
        return HealthFacts(watch.printer, watch.paper, waiting)

    return facts
