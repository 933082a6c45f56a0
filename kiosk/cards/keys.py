"""What of the cards' data depends on which office key, and its one-off upgrades.

The key guard (kiosk.security.guard) asks these before it lets a key be created or
replaced: registered cards need the card key (their fingerprints) and the data key
(holders' sealed NIK and name); staff PINs need the PIN pepper. At start-up, once the
keys are checked, data written before the pepper and the bound seals is upgraded.
"""

from __future__ import annotations

import logging

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.cards.models import CardHolderRecord, StaffMember
from kiosk.cards.pins import PinHasher, is_legacy
from kiosk.security.guard import KeyUse
from kiosk.security.keys import CARD_KEY_NAME, DATA_KEY_NAME, PIN_PEPPER_NAME
from kiosk.security.sealing import SealBroken, Sealer
from kiosk.security.sealing import is_legacy as is_legacy_seal

log = logging.getLogger(__name__)

HOLDER_AAD_PREFIX = "card-holder:"
SAMPLE_ROWS = 3


def holder_binding(fingerprint: str) -> str:
    """A card holder's sealed NIK and name belong to that card and no other."""
    return HOLDER_AAD_PREFIX + fingerprint


def reseal_legacy_holders(session: Session, sealer: Sealer) -> int:
    """Holders' records of the first seal format, sealed again in the current one, in the
    caller's transaction (run once, by kiosk.security.upgrades.run_once)."""
    done = 0
    for holder in session.scalars(select(CardHolderRecord)).all():
        if not is_legacy_seal(holder.sealed):
            continue
        binding = holder_binding(holder.fingerprint)
        try:
            holder.sealed = sealer.reseal_legacy(holder.sealed, binding, binding)
        except SealBroken:
            log.error("card holder record %d does not open: left as it was", holder.id)
            continue
        done += 1
    if done:
        log.warning("re-sealed %d card holders' records", done)
    return done


def wrap_legacy_pins(session: Session, pins: PinHasher) -> int:
    """PIN hashes from before the pepper, keyed with it now (no PIN needed), in the
    caller's transaction. Run once (kiosk.security.upgrades.run_once): a plain scrypt
    hash written afterwards is never adopted, so nobody can plant a PIN they know."""
    done = 0
    for member in session.scalars(select(StaffMember)).all():
        wrapped = pins.wrap_legacy(member.pin_hash)
        if wrapped is not None:
            member.pin_hash = wrapped
            done += 1
    if done:
        log.warning("keyed %d staff PIN hashes with the PIN pepper", done)
    return done


def _holders(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(CardHolderRecord)) or 0


def _cards(session: Session) -> int:
    badges = select(func.count()).where(StaffMember.badge_fingerprint.is_not(None))
    return _holders(session) + (session.scalar(badges) or 0)


def _peppered_pins(session: Session) -> int:
    """Staff whose PIN hash needs the pepper (every hash but one from before it)."""
    members = session.scalars(select(StaffMember.pin_hash)).all()
    return sum(1 for stored in members if not is_legacy(stored))


def _holders_open(session: Session, key: bytes) -> bool | None:
    sealer = Sealer(key)
    query = select(CardHolderRecord).order_by(CardHolderRecord.id).limit(SAMPLE_ROWS)
    tried = False
    for holder in session.scalars(query):
        tried = True
        binding = holder_binding(holder.fingerprint)
        try:
            if is_legacy_seal(holder.sealed):
                sealer.reseal_legacy(holder.sealed, binding, binding)
            else:
                sealer.unseal(holder.sealed, binding)
        except SealBroken:
            continue
        return True
    return False if tried else None


KEY_USES = (
    KeyUse(DATA_KEY_NAME, "citizens' registered cards", _holders, _holders_open),
    KeyUse(CARD_KEY_NAME, "registered cards and staff badges", _cards),
    KeyUse(PIN_PEPPER_NAME, "staff PINs", _peppered_pins),
)
