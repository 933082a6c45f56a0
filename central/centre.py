"""One district's centre as the operations see it: settings, keys, database, definitions."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from central import catalogue
from central.catalogue import Definitions, SignedCatalogue
from central.clock import Clock, utc_now
from central.database import check_reachable, create_engine_for, session_factory
from central.keys import CentreKeys, load_keys
from central.migrate import upgrade
from central.settings import Settings


@dataclass
class Centre:
    """What the CLI and the HTTP API share; one per process, safe across threads."""

    settings: Settings
    keys: CentreKeys
    engine: Engine
    clock: Clock = utc_now
    sessions: sessionmaker[Session] = field(init=False)
    definitions: Definitions = field(init=False)
    _signed: SignedCatalogue | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.sessions = session_factory(self.engine)
        self.definitions = Definitions()

    @classmethod
    def open(cls, settings: Settings, migrate: bool = False, clock: Clock = utc_now) -> Centre:
        """Keys loaded and database reached (and migrated), or SetupError in one line."""
        keys = load_keys(settings.key_file)
        engine = create_engine_for(settings.database_url)
        try:
            check_reachable(engine)
            if migrate:
                upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(settings, keys, engine, clock)

    def serve_catalogue(self) -> SignedCatalogue:
        """Read the folder, record its definitions as served, sign; kept for the process."""
        sources = catalogue.read_folder(self.settings.catalogue_dir)
        issued_at = catalogue.record(self.sessions, sources, self.clock())
        self._signed = catalogue.signed_catalogue(sources, issued_at, self.keys.signing)
        return self._signed

    def signed_catalogue(self) -> SignedCatalogue:
        return self._signed or self.serve_catalogue()

    def close(self) -> None:
        self.engine.dispose()
