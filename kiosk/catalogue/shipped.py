"""The shipped catalogue of guided procedures, loaded once by whoever wires the kiosk."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.catalogue.loader import load_catalogue
from kiosk.catalogue.model import ServiceDefinition
from kiosk.catalogue.paths import default_catalogue_dir

log = logging.getLogger(__name__)


def shipped_definitions(directory: Path | None = None) -> dict[str, ServiceDefinition]:
    """Every definition in `directory` (the shipped one by default) that loads, by id; a
    broken file is logged and the others still load.

    Recordings are played from the catalogue's folder (UiOptions.recordings): a missing one
    is logged by the loader as a warning, and the voice reads the text instead.
    """
    directory = directory or default_catalogue_dir()
    loaded = load_catalogue(directory, recordings=directory)
    for problem in loaded.problems:
        log.error("service definition not loaded: %s", problem)
    return dict(loaded.services)
