"""Enrolment codes, kiosks and their tokens: only SHA-256 of a code or a token is stored.

A code is twelve symbols of an alphabet without look-alikes (about 60 bits), works
once and expires; a token is 32 random bytes. Neither needs a slow hash: they are
random and long, so their SHA-256 cannot be reversed by guessing.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from central.centre import Centre
from central.database import reading
from central.errors import EnrolmentCodeInvalid, KioskRevoked, NotFound, Unauthenticated
from central.models import EnrolmentCode, Kiosk

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L, U
CODE_SYMBOLS = 12
CODE_GROUP = 4
TOKEN_BYTES = 32  # 43 url-safe base64 characters
_IGNORED = re.compile(r"[\s\-]")


@dataclass(frozen=True)
class Enrolled:
    kiosk_id: uuid.UUID
    token: str  # given to the kiosk once; the centre keeps its SHA-256


@dataclass(frozen=True)
class KioskView:
    id: uuid.UUID
    name: str
    enrolled_at: datetime
    revoked_at: datetime | None
    software_version: str | None


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalised_code(text: str) -> str:
    return _IGNORED.sub("", text).upper()


def make_code(centre: Centre, name: str, hours: float | None = None) -> tuple[str, datetime]:
    """A new one-time code for a kiosk called `name`, and when it expires."""
    symbols = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_SYMBOLS))
    code = "-".join(symbols[i : i + CODE_GROUP] for i in range(0, CODE_SYMBOLS, CODE_GROUP))
    now = centre.clock()
    expires_at = now + timedelta(hours=hours if hours is not None else centre.settings.code_hours)
    row = EnrolmentCode(
        code_sha256=sha256_hex(symbols), name=name.strip(), created_at=now, expires_at=expires_at
    )
    with centre.sessions.begin() as session:
        session.add(row)
    return code, expires_at


def enrol(centre: Centre, code: str, software_version: str | None) -> Enrolled:
    """Trade `code` for a kiosk and its token; the code is spent in the same transaction,
    so two kiosks racing with one code get one kiosk and one refusal."""
    now = centre.clock()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    kiosk_id = uuid.uuid4()
    spend = (
        update(EnrolmentCode)
        .where(EnrolmentCode.code_sha256 == sha256_hex(normalised_code(code)))
        .where(EnrolmentCode.used_at.is_(None), EnrolmentCode.expires_at > now)
        .values(used_at=now, kiosk_id=kiosk_id)
        .returning(EnrolmentCode.name)
    )
    with centre.sessions.begin() as session:
        session.add(
            Kiosk(
                id=kiosk_id,
                name="",
                token_sha256=sha256_hex(token),
                enrolled_at=now,
                software_version=software_version,
            )
        )
        session.flush()  # the code's row refers to the kiosk
        name = session.execute(spend).scalar_one_or_none()
        if name is None:
            raise EnrolmentCodeInvalid("the enrolment code is wrong, used or expired")
        session.execute(update(Kiosk).where(Kiosk.id == kiosk_id).values(name=name))
    return Enrolled(kiosk_id, token)


def authenticate(centre: Centre, token: str | None) -> uuid.UUID:
    """The kiosk the token belongs to; Unauthenticated or KioskRevoked otherwise."""
    if not token:
        raise Unauthenticated("no token")
    query = select(Kiosk.id, Kiosk.revoked_at).where(Kiosk.token_sha256 == sha256_hex(token))
    with reading(centre.engine) as connection:  # every request: as few round trips as can be
        row = connection.execute(query).one_or_none()
    if row is None:
        raise Unauthenticated("unknown token")
    if row.revoked_at is not None:
        raise KioskRevoked("this kiosk has been revoked by an operator")
    kiosk_id: uuid.UUID = row.id
    return kiosk_id


def revoke(centre: Centre, kiosk_id: uuid.UUID) -> KioskView:
    """Revoke a kiosk at once; revoking twice keeps the first time."""
    with centre.sessions.begin() as session:
        kiosk = session.get(Kiosk, kiosk_id, with_for_update=True)
        if kiosk is None:
            raise NotFound(f"no kiosk {kiosk_id}")
        if kiosk.revoked_at is None:
            kiosk.revoked_at = centre.clock()
        return _view(kiosk)


def kiosks(centre: Centre) -> list[KioskView]:
    with centre.sessions() as session:
        rows = session.scalars(select(Kiosk).order_by(Kiosk.enrolled_at, Kiosk.name))
        return [_view(kiosk) for kiosk in rows]


def _view(kiosk: Kiosk) -> KioskView:
    return KioskView(
        kiosk.id, kiosk.name, kiosk.enrolled_at, kiosk.revoked_at, kiosk.software_version
    )
