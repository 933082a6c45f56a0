"""Loads settings for a command, turning a bad file into one clear line."""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Mapping

from kiosk.config import Settings, load_settings
from kiosk.config.masking import shown
from kiosk.config.schema import OPTIONS_BY_KEY

log = logging.getLogger(__name__)


def settings_for(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from --config, KIOSK_CONFIG or the platform path, then KIOSK_* variables;
    a debug line says where from and which database (its password hidden)."""
    settings = load_settings(args.config, os.environ if environ is None else environ)
    database = shown(OPTIONS_BY_KEY["database.url"], settings.database.url)
    log.debug("settings from %s; database %s", settings.source or "defaults", database)
    return settings
