"""Loads settings for a command, turning a bad file into one clear line."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping

from kiosk.config import Settings, load_settings


def settings_for(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from --config, KIOSK_CONFIG or the platform path, then KIOSK_* variables."""
    return load_settings(args.config, os.environ if environ is None else environ)
