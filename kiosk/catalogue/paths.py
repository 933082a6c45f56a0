"""Where the shipped service definitions live (no loading: cheap to import at start-up)."""

from __future__ import annotations

from pathlib import Path


def default_catalogue_dir() -> Path:
    """The services shipped with the kiosk (their recordings' paths start here too)."""
    return Path(__file__).with_name("services")
