"""What an application's sealed answers are bound to: everything its row says in the clear.

The tracking code, the service and its version are stored in the clear (status and
reprints work without the key), so they are bound to the sealed answers as associated
data: swap two rows' tracking codes, or change a row's service id in the database, and
its answers no longer open, so citizen B's NIK can never be printed on citizen A's code
as another kind of letter.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.applications.models import Application
from kiosk.security.guard import KeyUse
from kiosk.security.keys import DATA_KEY_NAME
from kiosk.security.sealing import FORMAT_VERSION, LEGACY_VERSION, SealBroken, Sealer

log = logging.getLogger(__name__)

SAMPLE_ROWS = 3  # rows tried when a key has no check value yet


def binding(submission_id: str, tracking_code: str, service_id: str, service_version: int) -> str:
    """The associated data of one application's sealed answers."""
    parts = ["application", submission_id, tracking_code, service_id, service_version]
    return json.dumps(parts, ensure_ascii=True, separators=(",", ":"))


def binding_of(row: Application) -> str:
    return binding(row.id, row.tracking_code, row.service_id, row.service_version)


def open_answers(sealer: Sealer, row: Application) -> dict[str, Any]:
    """The row's sealed content; SealBroken if the row or its blob was changed."""
    return sealer.unseal(row.sealed, binding_of(row))


def held_nik(content: dict[str, Any]) -> str | None:
    """The NIK of opened content for a receipt (masked there): the whole one, or after
    the retention period only its masked form (kiosk.applications.retention)."""
    nik = content.get("nik", content.get("masked_nik"))
    return nik if isinstance(nik, str) else None


def reseal_legacy_applications(session: Session, sealer: Sealer) -> int:
    """Re-seal format-1 applications (bound to their UUID only) bound to their whole row,
    in the caller's transaction; the number re-sealed. Run once, by
    kiosk.security.upgrades.run_once: afterwards a format-1 blob is only refused. A row
    that does not open is left as it is and logged by id: it opens nowhere anyway."""
    rows = session.scalars(select(Application).where(_format_is(LEGACY_VERSION))).all()
    done = 0
    for row in rows:
        try:
            row.sealed = sealer.reseal_legacy(row.sealed, row.id, binding_of(row))
        except SealBroken:
            log.error("application %s does not open: left as it was", row.id)
            continue
        done += 1
    if done:
        log.warning("re-sealed %d applications bound to their tracking code and service", done)
    return done


def _format_is(version: int) -> Any:
    return func.substr(Application.sealed, 1, 1) == bytes([version])


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Application)) or 0


def _opens(session: Session, key: bytes) -> bool | None:
    """Whether `key` opens one of the first applications (of either format)."""
    sealer = Sealer(key)
    tried = False
    for row in _sample(session):
        tried = True
        try:
            if row.sealed[:1] == bytes([FORMAT_VERSION]):
                open_answers(sealer, row)
            else:
                sealer.reseal_legacy(row.sealed, row.id, "")
        except SealBroken:
            continue
        return True
    return False if tried else None


def _sample(session: Session) -> list[Application]:
    """The oldest and the newest rows: a database once sealed with two keys (the old bug
    of a key re-created over data) shows it at either end."""
    oldest = select(Application).order_by(Application.created_at).limit(SAMPLE_ROWS)
    newest = select(Application).order_by(Application.created_at.desc()).limit(SAMPLE_ROWS)
    rows = {row.id: row for query in (oldest, newest) for row in session.scalars(query)}
    return list(rows.values())


DATA_KEY_USE = KeyUse(DATA_KEY_NAME, "applications", _count, _opens)
