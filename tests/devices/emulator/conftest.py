"""Fixtures for the printer emulator tests: a clean emu:// registry and short paths."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.emulator import register_url_handler, reset_emulators


@pytest.fixture(autouse=True)
def emulators() -> Iterator[None]:
    """emu:// known to pyserial, and no emulated printer left over from another test."""
    register_url_handler()
    reset_emulators()
    yield
    reset_emulators()


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A private directory with a short path: Unix socket paths must stay under 108 bytes."""
    path = Path(tempfile.mkdtemp(prefix="emu-test-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)
