"""Printer profiles as data: what the code asks instead of branching on model names."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devices.escpos.constants import CODE_PAGES

PROFILES_FILE = Path(__file__).with_name("profiles.toml")


@dataclass(frozen=True)
class PrinterProfile:
    """What a class of thermal printer can do (the fields are described in profiles.toml)."""

    name: str
    paper_width_mm: int
    dots_per_line: int
    columns: int  # characters per line in font A at normal size
    has_cutter: bool
    native_qr: bool
    code_page: str  # a key of constants.CODE_PAGES
    cut_feed_dots: int  # paper fed before the cut so the last line clears the blade
    stored_logo: int | None = None  # key of a logo in the printer's memory (FS p); None: none
    in_order_status: bool = True  # answers GS r in order; False on clones that ignore it


@functools.cache
def load_profiles(path: Path = PROFILES_FILE) -> dict[str, PrinterProfile]:
    """The profiles in the TOML file at ``path``, by name; read once per process."""
    with path.open("rb") as file:
        tables: dict[str, dict[str, Any]] = tomllib.load(file)
    return {name: _profile(name, fields) for name, fields in tables.items()}


def _profile(name: str, fields: dict[str, Any]) -> PrinterProfile:
    profile = PrinterProfile(name=name, **fields)
    if profile.code_page not in CODE_PAGES:
        known = ", ".join(CODE_PAGES)
        raise ValueError(f"profile {name!r}: unknown code page {profile.code_page!r} ({known})")
    return profile


PROFILES = load_profiles()
PROFILE_NAMES = tuple(PROFILES)


def get_profile(name: str) -> PrinterProfile:
    """The named profile; raises KeyError listing the known names."""
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise KeyError(f"unknown printer profile {name!r}; known profiles: {known}") from None
