"""What the kiosk remembers about the centre: its enrolment, keys, sync progress, catalogue.

One row. The kiosk's credential is not here: it lives in the key store (issue 4), so
a copy of the database cannot talk to the centre. The centre's public keys are here:
they are public, and the envelope and the catalogue are checked against them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.db.base import Base
from kiosk.db.timestamps import UTCDateTime

STATE_ROW = 1


class SyncState(Base):
    """The kiosk's enrolment with one centre, the status cursor and the last outcome."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    central_url: Mapped[str] = mapped_column(String(2048))
    kiosk_id: Mapped[str] = mapped_column(String(36))
    sealing_key: Mapped[bytes] = mapped_column(LargeBinary)  # X25519, 32 bytes
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)  # Ed25519, 32 bytes
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status_cursor: Mapped[int] = mapped_column(Integer, default=0)
    catalogue_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_problem: Mapped[str | None] = mapped_column(String(32), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class CatalogueDocument(Base):
    """The last catalogue the centre signed, kept as sent: verified again at each start."""

    __tablename__ = "catalogue_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
