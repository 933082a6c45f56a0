"""Opening the office keys for a command or the kiosk: the key store, checked by the key
guard against the data of every feature, then the one-off upgrades that need the keys."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from kiosk.cards.keys import KEY_USES as CARD_KEY_USES
from kiosk.cards.keys import reseal_legacy_holders, wrap_legacy_pins
from kiosk.cards.pins import PinHasher
from kiosk.cli.secrets import key_store
from kiosk.config import Settings
from kiosk.ports import SecretStore, SystemClock
from kiosk.security.guard import KeyGuard, KeyUse
from kiosk.security.keys import OfficeKeys
from kiosk.security.sealing import Sealer
from kiosk.submissions.binding import DATA_KEY_USE, reseal_legacy_applications

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


def upgrade_sealed_data(sessions: sessionmaker[Session], keys: OfficeKeys) -> None:
    """Seals of the first format re-sealed bound to their rows, and PIN hashes from
    before the pepper keyed with it; each a no-op once done."""
    sealer = Sealer(keys.data)
    reseal_legacy_applications(sessions, sealer)
    reseal_legacy_holders(sessions, sealer)
    wrap_legacy_pins(sessions, PinHasher(keys.pin_pepper))
