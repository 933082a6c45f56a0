"""Fixtures of the day's report: the office day of scene.py played on a real database."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.applications.store import ApplicationStore
from kiosk.security.keys import new_key
from kiosk.security.sealing import Sealer
from tests.kiosk.reports.scene import OFFICE, ZONE_NAME, Scene, play_applications, play_queue_day
from tests.kiosk.reports.scene import scene as new_scene


def played(sessions: sessionmaker[Session]) -> tuple[Scene, dict[str, str]]:
    """The whole scene: its queue day and its applications (their ids by sync state)."""
    scene = new_scene(sessions)
    store = ApplicationStore(sessions, Sealer(new_key()), scene.clock, OFFICE, ZONE_NAME)
    play_queue_day(scene)
    return scene, play_applications(scene, store)


@pytest.fixture
def day(sessions: sessionmaker[Session]) -> tuple[Scene, dict[str, str]]:
    return played(sessions)
