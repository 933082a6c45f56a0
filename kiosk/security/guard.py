"""The key guard: never a key silently created over data sealed with another.

With an empty keyring a kiosk used to create fresh keys, and every earlier application,
badge and citizen's card stopped opening. Now the database keeps a check value of each
office key (table ``key_checks``), and every start compares the key store with it:

- the key matches its check value: go on;
- the key is missing or different and the database has a check value: refuse, whatever
  data there is (another PC of the office may be sealing with the right key right now);
- no check value yet (a new database, or one from before the checks): a key that is
  there is tried on the data that depends on it, and recorded; a key that is missing is
  created only when no data depends on it, and only when the caller may create keys.

The features say which data depends on which key (`KeyUse`); this module knows none of
them. It all happens in one write transaction, so two processes starting at once on one
database cannot both create a key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import Clock
from kiosk.db.engine import begin_write
from kiosk.security.errors import KeyProblem, KeysRefused
from kiosk.security.keys import (
    OFFICE_KEY_NAMES,
    KeyDamaged,
    OfficeKeys,
    check_value,
    key_from_text,
    key_text,
    new_key,
)
from kiosk.security.models import KeyCheck
from kiosk.security.ports import SecretStore

log = logging.getLogger(__name__)

RESTORE_HINT = (
    "Restore the office's keys: on a PC of this office whose kiosk still opens its data "
    "run `kiosk keys export FILE`, then here `kiosk keys import FILE` (or import the key "
    "file kept from the installation)"
)


@dataclass(frozen=True)
class KeyUse:
    """Data that depends on one key: how much there is, and whether a key opens it.

    `opens` tries a key on a sample of the data: True it opens, False it does not, None
    it cannot tell (a fingerprint cannot be checked without the card).
    """

    key_name: str
    what: str  # plural noun for a technician: "applications", "staff PINs"
    count: Callable[[Session], int]
    opens: Callable[[Session, bytes], bool | None] | None = None


@dataclass(frozen=True)
class KeyState:
    """What `kiosk keys status` shows of one key: never the key."""

    name: str
    in_store: bool
    recorded: bool  # the database has a check value for it
    matches: bool | None  # None when one of the two is missing
    data: Mapping[str, int]  # what depends on it: {"applications": 12, ...}


class KeyGuard:
    """Opens the office keys from the key store, checked against the database."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        store: SecretStore,
        uses: Iterable[KeyUse],
        clock: Clock,
        where: str = "the key store",
    ) -> None:
        self._sessions = sessions
        self._store = store
        self._uses = tuple(uses)
        self._clock = clock
        self._where = where

    def open(self, create: bool = False) -> OfficeKeys:
        """The three keys; KeysRefused when one is missing, different or damaged.

        `create`: make a key that exists nowhere yet and that no data needs (the kiosk's
        first start, `kiosk keys init`); technicians' other commands never create one.
        """
        # Read before the lock: a TPM2 may take seconds, and other kiosks wait for the lock.
        stored = {name: self._store.get_secret(name) for name in OFFICE_KEY_NAMES}
        with self._sessions() as session:
            _lock_checks(session)
            keys = {
                name: self._open_one(session, name, stored[name], create)
                for name in OFFICE_KEY_NAMES
            }
            session.commit()
        return OfficeKeys(*(keys[name] for name in OFFICE_KEY_NAMES))

    def status(self) -> list[KeyState]:
        """Each key as the store and the database know it, and the data depending on it."""
        with self._sessions() as session:
            return [self._state(session, name) for name in OFFICE_KEY_NAMES]

    def check_replacement(self, values: Mapping[str, str]) -> None:
        """Raise KeysRefused unless every key of `values` fits this database's data: an
        import must never put in a key that opens none of what is stored."""
        with self._sessions() as session:
            for name, value in sorted(values.items()):
                key = _parsed(name, value)
                check = session.get(KeyCheck, name)
                if check is not None:
                    if check.check_value != check_value(key):
                        raise self._refusal(session, name, KeyProblem.DIFFERENT, imported=True)
                elif self._fails_on_data(session, name, key):
                    raise self._refusal(session, name, KeyProblem.DIFFERENT, imported=True)

    def _open_one(self, session: Session, name: str, stored: str | None, create: bool) -> bytes:
        key = None if stored is None else _parsed(name, stored)
        check = session.get(KeyCheck, name)
        if check is not None and (key is None or check.check_value != check_value(key)):
            # Read before the lock; another process may have made the key since.
            stored = self._store.get_secret(name)
            key = None if stored is None else _parsed(name, stored)
        if check is not None:
            if key is None:
                raise self._refusal(session, name, KeyProblem.MISSING)
            if check.check_value != check_value(key):
                raise self._refusal(session, name, KeyProblem.DIFFERENT)
            return key
        if key is not None:
            if self._fails_on_data(session, name, key):
                raise self._refusal(session, name, KeyProblem.DIFFERENT)
            if not create:  # a technician's command (maybe another keyring) records nothing
                raise self._refusal(session, name, KeyProblem.NOT_RECORDED)
            self._record(session, name, key)
            return key
        if self._dependent(session, name):
            raise self._refusal(session, name, KeyProblem.MISSING)
        if not create:
            raise self._refusal(session, name, KeyProblem.NOT_CREATED)
        return self._create(session, name)

    def _create(self, session: Session, name: str) -> bytes:
        key = new_key()
        self._store.set_secret(name, key_text(key))
        kept = self._store.get_secret(name)
        if kept is None or _parsed(name, kept) != key:
            raise KeysRefused(name, KeyProblem.MISSING, f"{self._where} did not keep {name}")
        self._record(session, name, key)
        log.warning("created the new key %s in %s (no data depended on one)", name, self._where)
        return key

    def _record(self, session: Session, name: str, key: bytes) -> None:
        session.add(KeyCheck(name=name, check_value=check_value(key), created_at=self._clock.now()))
        session.flush()

    def _fails_on_data(self, session: Session, name: str, key: bytes) -> bool:
        """True when the key demonstrably does not open data that depends on it."""
        for use in self._uses_of(name):
            if use.opens is not None and use.opens(session, key) is False:
                return True
        return False

    def _dependent(self, session: Session, name: str) -> dict[str, int]:
        counts = {use.what: use.count(session) for use in self._uses_of(name)}
        return {what: count for what, count in counts.items() if count}

    def _uses_of(self, name: str) -> Sequence[KeyUse]:
        return [use for use in self._uses if use.key_name == name]

    def _state(self, session: Session, name: str) -> KeyState:
        stored = self._store.get_secret(name)
        check = session.get(KeyCheck, name)
        matches = None
        if stored is not None and check is not None:
            try:
                matches = check.check_value == check_value(key_from_text(name, stored))
            except KeyDamaged:
                matches = False
        return KeyState(
            name, stored is not None, check is not None, matches, self._dependent(session, name)
        )

    def _refusal(
        self, session: Session, name: str, problem: KeyProblem, imported: bool = False
    ) -> KeysRefused:
        data = describe_data(self._dependent(session, name))
        if problem is KeyProblem.NOT_RECORDED:
            message = (
                f"the {name} in {self._where} is not recorded in this database yet: start "
                "the kiosk once as its own user, or run `kiosk keys init`, so that it is "
                "checked against the data and recorded"
            )
        elif problem is KeyProblem.NOT_CREATED:
            message = (
                f"{self._where} holds no {name} yet: start the kiosk once as its own user "
                "(`kiosk run`, which creates its keys), or create them with `kiosk keys init`"
            )
        elif imported:
            message = (
                f"the {name} in this key file does not open {data or 'the data'} of this "
                "database; nothing was imported. Export the keys again from a PC of this "
                "office whose kiosk opens its data"
            )
        elif problem is KeyProblem.MISSING:
            message = (
                f"{self._where} has no {name}, but this database was set up with one"
                + (f" and holds {data} sealed with it" if data else "")
                + f". The kiosk will not create a new key over them. {RESTORE_HINT}"
            )
        else:
            message = (
                f"the {name} in {self._where} is not the key this database's data was "
                f"sealed with" + (f" ({data})" if data else "") + ". Nothing was changed. "
                f"{RESTORE_HINT}, with --replace"
            )
        log.critical("keys refused: %s", message)  # names keys and counts, never a value
        return KeysRefused(name, problem, message)


def describe_data(counts: Mapping[str, int]) -> str:
    """What depends on a key, for a technician: "12 applications, 3 staff PINs"."""
    return ", ".join(f"{count} {what}" for what, count in counts.items())


def _parsed(name: str, text_value: str) -> bytes:
    try:
        return key_from_text(name, text_value)
    except KeyDamaged as error:
        raise KeysRefused(name, KeyProblem.DAMAGED, f"{error}; {RESTORE_HINT}") from None


def _lock_checks(session: Session) -> None:
    """The database's write lock for the whole check: SQLite's BEGIN IMMEDIATE, or the
    key_checks table on PostgreSQL, so two starting processes take turns."""
    begin_write(session)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE key_checks IN SHARE ROW EXCLUSIVE MODE"))
