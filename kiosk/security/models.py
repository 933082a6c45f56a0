"""ORM model of the key checks: which key the database's sealed data belongs to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.db.base import Base
from kiosk.db.timestamps import UTCDateTime


class KeyCheck(Base):
    """One office key's check value (kiosk.security.keys.check_value), never the key."""

    __tablename__ = "key_checks"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    check_value: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DataUpgrade(Base):
    """A one-off upgrade of stored data that needs the keys (kiosk.security.upgrades),
    done once: its row is written in the same transaction as the upgrade."""

    __tablename__ = "data_upgrades"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    done_at: Mapped[datetime] = mapped_column(UTCDateTime)
