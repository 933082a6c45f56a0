"""Opening the office keys for a command or the kiosk: the key store, checked by the key
guard against the data of every feature, then the one-off upgrades that need the keys."""

from __future__ import annotations

import logging

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.binding import DATA_KEY_USE, reseal_legacy_applications
from kiosk.cards.keys import KEY_USES as CARD_KEY_USES
from kiosk.cards.keys import reseal_legacy_holders, wrap_legacy_pins
from kiosk.cards.models import StaffMember
from kiosk.cards.pins import PinHasher
from kiosk.cli.secrets import key_store
from kiosk.clock import SystemClock
from kiosk.config import Settings
from kiosk.db.engine import begin_write
from kiosk.errors import KioskError
from kiosk.security.guard import KeyGuard, KeyUse
from kiosk.security.keys import PIN_PEPPER_NAME, OfficeKeys, key_text, new_key
from kiosk.security.models import KeyCheck
from kiosk.security.ports import SecretStore
from kiosk.security.sealing import Sealer
from kiosk.security.upgrades import run_once

log = logging.getLogger(__name__)

KEY_USES: tuple[KeyUse, ...] = (DATA_KEY_USE, *CARD_KEY_USES)


def key_guard(
    settings: Settings, sessions: sessionmaker[Session], store: SecretStore | None = None
) -> KeyGuard:
    store = store if store is not None else key_store(settings)
    where = getattr(store, "description", "the key store")
    return KeyGuard(sessions, store, KEY_USES, SystemClock(), where)


def open_office_keys(
    settings: Settings,
    sessions: sessionmaker[Session],
    create: bool = False,
    store: SecretStore | None = None,
) -> OfficeKeys:
    """The checked keys, with the data sealed before the checks brought up to date.

    `create` only for the kiosk itself and `kiosk keys init`: a technician's command run
    as another user (another keyring) must never make keys of its own.
    """
    keys = key_guard(settings, sessions, store).open(create=create)
    upgrade_sealed_data(sessions, keys)
    return keys


UPGRADE_NAME = "0005-bound-seals-and-peppered-pins"


def upgrade_sealed_data(sessions: sessionmaker[Session], keys: OfficeKeys) -> int | None:
    """Once, in one transaction: seals of the first format re-sealed bound to their rows,
    and PIN hashes from before the pepper keyed with it. None when already done."""
    sealer, pins = Sealer(keys.data), PinHasher(keys.pin_pepper)

    def upgrade(session: Session) -> int:
        resealed = reseal_legacy_applications(session, sealer)
        resealed += reseal_legacy_holders(session, sealer)
        wrapped = wrap_legacy_pins(session, pins)
        if wrapped:
            log.warning(
                "the PIN pepper is new: make a new key file now (kiosk keys export); "
                "older key files lack it"
            )
        return resealed + wrapped

    return run_once(sessions, UPGRADE_NAME, SystemClock(), upgrade)


PINS_RESET = "reset"  # no hash at all: verify() refuses it, `kiosk staff pin` sets a new one


def replace_lost_pepper(
    settings: Settings, sessions: sessionmaker[Session], store: SecretStore | None = None
) -> list[str]:
    """The way back from a lost PIN pepper (no key file holds it): every staff PIN is
    cleared, then a new pepper is made and recorded. Returns the staff numbers that need
    a new PIN. Refused while the key store's pepper still fits the database."""
    store = store if store is not None else key_store(settings)
    guard = key_guard(settings, sessions, store)
    pepper = next(state for state in guard.status() if state.name == PIN_PEPPER_NAME)
    if pepper.matches:
        raise KioskError("the PIN pepper in the key store fits this database: nothing to replace")
    with sessions() as session:
        begin_write(session)
        session.execute(delete(KeyCheck).where(KeyCheck.name == PIN_PEPPER_NAME))
        session.execute(update(StaffMember).values(pin_hash=PINS_RESET))
        numbers = list(session.scalars(select(StaffMember.staff_number).where(StaffMember.active)))
        session.commit()
    store.set_secret(PIN_PEPPER_NAME, key_text(new_key()))
    log.warning("a new PIN pepper replaced a lost one; every staff PIN was cleared")
    open_office_keys(settings, sessions, create=True, store=store)  # records the new one
    return numbers
