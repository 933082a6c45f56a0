"""The declarations: one typed field per setting, and everything else derived from it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.config import OPTIONS, Settings
from kiosk.config.option import Kind, Option
from kiosk.config.schema import OPTIONS_BY_KEY, SECTION_TYPES, PrinterSettings, UiSettings
from kiosk.config.values import from_toml


def test_every_declared_option_is_a_typed_field_and_back() -> None:
    declared = {option.key for option in OPTIONS}
    fields = {
        f"{section}.{field.name}"
        for section, cls in SECTION_TYPES.items()
        for field in dataclasses.fields(cls)
    }
    assert declared == fields
    assert set(SECTION_TYPES) == {f.name for f in dataclasses.fields(Settings)} - {"source"}


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("office.name", Kind.STR),
        ("printer.baudrate", Kind.INT),
        ("printer.status_timeout", Kind.FLOAT),
        ("ui.fullscreen", Kind.BOOL),
        ("paths.data_dir", Kind.PATH),
        ("security.credentials_dir", Kind.PATH),
    ],
)
def test_the_kind_comes_from_the_field_annotation(key: str, kind: Kind) -> None:
    assert OPTIONS_BY_KEY[key].kind is kind


@pytest.mark.parametrize(
    "option", [o for o in OPTIONS if o.default is not None], ids=lambda option: option.key
)
def test_every_fixed_default_passes_its_own_checks(option: Option) -> None:
    """A default outside its own choices or range would be refused once written down."""
    raw = str(option.default) if isinstance(option.default, Path) else option.default
    assert from_toml(option, raw) == option.default


def test_a_derived_default_says_how_and_has_no_fixed_value() -> None:
    derived = {o.key for o in OPTIONS if o.derive is not None}
    assert derived == {"paths.data_dir", "database.url"}
    assert all(OPTIONS_BY_KEY[key].default is None for key in derived)
    assert all(OPTIONS_BY_KEY[key].default_note for key in derived)


def test_a_section_built_alone_has_the_declared_defaults() -> None:
    """The dataclass default and the reference's default are one value."""
    assert PrinterSettings() == PrinterSettings(
        **{o.name: o.default for o in OPTIONS if o.section == "printer"}
    )
    assert UiSettings().language == OPTIONS_BY_KEY["ui.language"].default == "id"


def test_declaration_order_is_the_reference_order() -> None:
    assert [o.name for o in OPTIONS if o.section == "office"] == [
        "name",
        "timezone",
        "address",
        "place",
        "head_name",
        "head_title",
    ]
