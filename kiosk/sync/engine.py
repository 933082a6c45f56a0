"""One sync round: send the outbox, apply statuses, take a new catalogue, report health.

Blocking, for a background thread (kiosk.sync.worker) or the `kiosk sync now`
command, never for the GUI thread. Each batch's answers and each page of statuses is
its own transaction, so a round cut short by the line keeps everything already
answered; the next round resumes from what is still pending.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.retention import forget_finished_answers
from kiosk.catalogue.model import ServiceDefinition
from kiosk.clock import Clock
from kiosk.config.schema import SyncSettings
from kiosk.db.engine import begin_write
from kiosk.security.ports import SecretStore
from kiosk.security.sealing import Sealer
from kiosk.sync.catalogue import store, verified
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import CatalogueRefused, KioskRevoked, SyncError
from kiosk.sync.health import HealthFacts, HealthSource, health_report
from kiosk.sync.lease import sync_lease
from kiosk.sync.models import SyncState
from kiosk.sync.outbox import apply_results, count_pending, next_batch
from kiosk.sync.sealing import public_key_from_bytes
from kiosk.sync.state import load_state, load_token, record_outcome
from kiosk.sync.statuses import apply_page

log = logging.getLogger(__name__)


@dataclass
class RoundReport:
    """What one round did; `outcomes` counts the centre's answers per kind."""

    outcomes: Counter[str] = field(default_factory=Counter)
    unreadable: int = 0
    statuses: int = 0
    forgotten: int = 0  # finished applications whose answers were deleted (retention)
    catalogue: str | None = None  # the version of a new catalogue taken
    catalogue_refused: str | None = None  # why a new catalogue was not taken
    another_station: bool = False  # skipped: another station of the office was syncing

    @property
    def sent(self) -> int:
        return sum(self.outcomes.values())


class SyncEngine:
    """Everything one round needs; the HTTP session is kept between rounds."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        sealer: Sealer,
        secrets: SecretStore,
        settings: SyncSettings,
        clock: Clock,
        user_agent: str,
        progress: Callable[[RoundReport], None] | None = None,
        on_catalogue: Callable[[dict[str, ServiceDefinition]], None] | None = None,
        health: HealthSource | None = None,
    ) -> None:
        """`on_catalogue` gets each new verified catalogue (the running kiosk offers it
        to the next citizen)."""
        self._sessions = sessions
        self._sealer = sealer
        self._secrets = secrets
        self._settings = settings
        self._clock = clock
        self._user_agent = user_agent
        self._progress = progress or (lambda report: None)
        self._on_catalogue = on_catalogue or (lambda definitions: None)
        self._health = health or HealthFacts
        self._client: CentralClient | None = None
        self._client_for_key: tuple[str, str] | None = None

    def run_once(self) -> RoundReport:
        """One round; raises a SyncError (recorded as the last problem) if it stopped.

        Only while holding the office's sync lease (kiosk.sync.lease): when another
        station of the office is syncing, nothing is done (`another_station`)."""
        with sync_lease(self._sessions.kw["bind"]) as held:
            if not held:
                return RoundReport(another_station=True)
            return self._round()

    def _round(self) -> RoundReport:
        report = RoundReport()
        try:
            with self._sessions() as session:
                state = load_state(session)
            if state.revoked_at is not None:
                raise KioskRevoked("an operator revoked this kiosk: enrol it again")
            client = self._client_of(state)
            self._send_outbox(client, state, report)
            self._pull_statuses(client, report)
            self._refresh_catalogue(client, state, report)
            self._minimise(report)
            self._report_health(client)
        except SyncError as problem:
            record_outcome(self._sessions, self._clock.now(), problem)
            raise
        record_outcome(self._sessions, self._clock.now(), None)
        return report

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _client_of(self, state: SyncState) -> CentralClient:
        token = load_token(self._secrets)
        key = (state.central_url, token)
        if self._client is None or self._client_for_key != key:
            self.close()
            timeouts = (self._settings.connect_timeout, self._settings.read_timeout)
            self._client = CentralClient(
                state.central_url,
                token,
                timeouts=timeouts,
                ca_bundle=self._settings.ca_bundle,
                user_agent=self._user_agent,
            )
            self._client_for_key = key
        return self._client

    def _send_outbox(self, client: CentralClient, state: SyncState, report: RoundReport) -> None:
        centre_key = public_key_from_bytes(state.sealing_key)
        while True:
            with self._sessions() as session:
                batch = next_batch(
                    session, self._sealer, centre_key, self._settings.batch_bytes, self._clock.now()
                )
                session.commit()  # rows set aside as unreadable
            report.unreadable += batch.unreadable
            if not batch.items:
                return
            results = client.upload(batch.items)
            with self._sessions() as session:
                begin_write(session)
                apply_results(session, results, self._clock.now())
                session.commit()
            report.outcomes.update(result.outcome for result in results)
            self._progress(report)

    def _pull_statuses(self, client: CentralClient, report: RoundReport) -> None:
        while True:
            with self._sessions() as session:
                cursor = load_state(session).status_cursor
            page = client.status_changes(cursor)
            with self._sessions() as session:
                begin_write(session)
                report.statuses += apply_page(session, load_state(session), page)
                session.commit()
            self._progress(report)
            if not page.more or page.cursor <= cursor:
                return

    def _minimise(self, report: RoundReport) -> None:
        with self._sessions() as session:
            begin_write(session)
            report.forgotten = forget_finished_answers(
                session, self._sealer, self._clock.now(), self._settings.retention_days
            )
            session.commit()

    def _refresh_catalogue(
        self, client: CentralClient, state: SyncState, report: RoundReport
    ) -> None:
        """A new signed catalogue, if the centre has one: verified, stored, offered."""
        known = f'"{state.catalogue_version}"' if state.catalogue_version else None
        document = client.catalogue(known)
        if document is None:
            return
        try:
            catalogue = verified(document, state.signing_key)
        except CatalogueRefused as refused:
            # The kiosk keeps the catalogue it has; the round itself went well.
            log.error("new catalogue refused: %s", refused)
            report.catalogue_refused = str(refused)
            return
        with self._sessions() as session:
            begin_write(session)
            store(session, document, catalogue.version, self._clock.now())
            load_state(session).catalogue_version = catalogue.version
            session.commit()
        report.catalogue = catalogue.version
        self._on_catalogue(catalogue.definitions)
        log.info("new catalogue %s with %d services", catalogue.version, len(catalogue.definitions))

    def _report_health(self, client: CentralClient) -> None:
        with self._sessions() as session:
            pending = count_pending(session)
        version = self._user_agent.rpartition("/")[2]
        client.report_health(health_report(self._health(), pending, self._clock.now(), version))
