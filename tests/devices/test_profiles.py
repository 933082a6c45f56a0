"""Printer profiles are data: the TOML file next to profiles.py, read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from devices.escpos.constants import CODE_PAGES
from devices.escpos.profiles import (
    PROFILE_NAMES,
    PROFILES,
    PROFILES_FILE,
    get_profile,
    load_profiles,
)


def test_the_data_file_holds_every_profile_once() -> None:
    assert PROFILE_NAMES == ("58mm", "80mm", "80mm-noqr", "generic")
    assert load_profiles(PROFILES_FILE) is load_profiles(PROFILES_FILE)  # cached
    for name, profile in PROFILES.items():
        assert profile.name == name and profile.code_page in CODE_PAGES
    assert not PROFILES["generic"].in_order_status and PROFILES["80mm"].in_order_status
    assert PROFILES["58mm"].stored_logo is None


def test_an_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known profiles: 58mm, 80mm"):
        get_profile("99mm")


def test_a_bad_code_page_or_field_is_refused(tmp_path: Path) -> None:
    fields = "paper_width_mm = 80\ndots_per_line = 576\ncolumns = 48\nhas_cutter = true\n"
    fields += "native_qr = true\ncut_feed_dots = 96\n"
    bad_page = tmp_path / "page.toml"
    bad_page.write_text(f'[odd]\n{fields}code_page = "cp000"\n')
    with pytest.raises(ValueError, match="unknown code page"):
        load_profiles(bad_page)
    unknown_field = tmp_path / "field.toml"
    unknown_field.write_text(f'[odd]\n{fields}code_page = "cp437"\ncolour = true\n')
    with pytest.raises(TypeError):
        load_profiles(unknown_field)
