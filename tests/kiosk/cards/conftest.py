"""Fixtures of cards: the registry over the migrated test database and an in-memory keyring."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.cards import StaffRole
from kiosk.cards.registry import CardRegistry
from kiosk.security.keys import OfficeKeys
from tests.helpers.stubs import FakeClock

CLERK_NUMBER = "1001"
CLERK_PIN = "482915"
CLERK_BADGE = "0A1B2C3D4E"
HOLDER_TAG = "1F00A1B2C3"


@pytest.fixture
def keys() -> OfficeKeys:
    return OfficeKeys.generate()


@pytest.fixture
def registry(sessions: sessionmaker[Session], keys: OfficeKeys, clock: FakeClock) -> CardRegistry:
    return CardRegistry(sessions, keys, clock)


@pytest.fixture
def clerk(registry: CardRegistry) -> str:
    """A clerk with a badge; returns the staff number."""
    registry.add_staff(CLERK_NUMBER, "Siti Aminah", StaffRole.CLERK, CLERK_PIN, CLERK_BADGE)
    return CLERK_NUMBER
