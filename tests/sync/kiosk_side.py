"""A kiosk for the end-to-end sync tests: its own migrated SQLite, office key, credential
and engine, filling in the shipped e-KTP form as a citizen would."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.models import Application, OutboxItem
from kiosk.applications.store import ApplicationStore
from kiosk.catalogue.shipped import shipped_definitions
from kiosk.clock import SystemClock
from kiosk.config.schema import SyncSettings
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.security.keys import new_key
from kiosk.security.sealing import Sealer
from kiosk.sync.client import CentralClient
from kiosk.sync.engine import RoundReport, SyncEngine
from kiosk.sync.errors import SyncError
from kiosk.sync.state import save_enrolment
from kiosk.wizard import Wizard
from tests.helpers.database import copy_template
from tests.helpers.forms import completed
from tests.helpers.secrets import MemorySecretStore

SERVICE_ID = "perekaman-ektp"
QUICK = SyncSettings(
    connect_timeout=3.0, read_timeout=5.0, batch_bytes=2048
)  # a few applications per batch: several batches


@dataclass
class SyncingKiosk:
    sessions: sessionmaker[Session]
    sealer: Sealer = field(default_factory=lambda: Sealer(new_key()))
    secrets: MemorySecretStore = field(default_factory=MemorySecretStore)
    clock: Any = field(default_factory=SystemClock)
    name: str = ""

    @classmethod
    def fresh(cls, template: Path, directory: Path, **fields: Any) -> SyncingKiosk:
        directory.mkdir(parents=True, exist_ok=True)
        return cls.fresh_at(copy_template(template, directory), **fields)

    @classmethod
    def fresh_at(cls, database_url: str, **fields: Any) -> SyncingKiosk:
        return cls(session_factory(create_engine_for(database_url)), **fields)

    def enrol(self, url: str, code: str, name: str) -> None:
        client = CentralClient(url, None, timeouts=(5.0, 30.0))
        try:
            enrolment = client.enrol(code, name, "0.1.0")
        finally:
            client.close()
        save_enrolment(self.sessions, self.secrets, url, enrolment, self.clock.now())
        self.name = name

    def point_at(self, url: str) -> None:
        """Talk to the centre through another address (a proxy) from now on."""
        from kiosk.sync.models import STATE_ROW, SyncState

        with self.sessions() as session:
            session.get_one(SyncState, STATE_ROW).central_url = url
            session.commit()

    def engine(self, settings: SyncSettings = QUICK, **changes: Any) -> SyncEngine:
        return SyncEngine(
            self.sessions,
            self.sealer,
            self.secrets,
            replace(settings, **changes),
            self.clock,
            "anjungan-test",
        )

    def finalise(self, count: int) -> list[str]:
        """`count` e-KTP applications stored as the desk stores them; their UUIDs."""
        definition = shipped_definitions()[SERVICE_ID]
        store = ApplicationStore(
            self.sessions, self.sealer, self.clock, "Kantor Uji", "Asia/Jakarta"
        )
        return [
            store.finalise(
                completed(Wizard(definition, "id", self.clock)).result(), definition
            ).submission_id
            for _ in range(count)
        ]

    def sync_until_sent(self, engine: SyncEngine, rounds: int = 40) -> list[str]:
        """Rounds until nothing is pending and a round went well; the problems met."""
        problems: list[str] = []
        for _ in range(rounds):
            try:
                report: RoundReport = engine.run_once()
            except SyncError as problem:
                problems.append(problem.problem)
                continue
            if self.pending() == 0 and report is not None:
                return problems
        raise AssertionError(f"still {self.pending()} pending after {rounds} rounds: {problems}")

    def pending(self) -> int:
        with self.sessions() as session:
            rows = session.scalars(select(OutboxItem).where(OutboxItem.sent_at.is_(None)))
            return len(rows.all())

    def outcomes(self) -> Counter[str | None]:
        with self.sessions() as session:
            return Counter(session.scalars(select(OutboxItem.outcome)).all())

    def application(self, application_id: str) -> Application:
        with self.sessions() as session:
            return session.get_one(Application, application_id)
