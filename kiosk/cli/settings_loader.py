"""Loads settings for a command, turning a bad file into one clear line."""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Mapping

from kiosk.config import Settings, load_settings
from kiosk.config.masking import shown
from kiosk.config.schema import OPTIONS_BY_KEY
from kiosk.private_files import PRIVATE_DIR_MODE, tighten

log = logging.getLogger(__name__)


def settings_for(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from --config, KIOSK_CONFIG or the platform path, then KIOSK_* variables.

    An existing data folder open to other users is tightened to 0700 (the database
    creates a missing one so, see kiosk.db.engine).
    """
    settings = load_settings(args.config, os.environ if environ is None else environ)
    database = shown(OPTIONS_BY_KEY["database.url"], settings.database.url)
    log.debug("settings from %s; database %s", settings.source or "defaults", database)
    if settings.paths.data_dir.is_dir():
        tighten(settings.paths.data_dir, PRIVATE_DIR_MODE)
    return settings
