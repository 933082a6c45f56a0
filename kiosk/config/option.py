"""What one setting is, and the `setting(...)` field that declares it on its section."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from kiosk.config.masking import Secret

SettingValue = str | int | float | bool | Path
Check = Callable[[SettingValue], str | None]
Derive = Callable[[Mapping[str, SettingValue]], SettingValue]
ENV_PREFIX = "KIOSK_"
_DECLARATION = "kiosk.setting"  # the field metadata key holding the declaration
T = TypeVar("T", bound=SettingValue)


class Kind(StrEnum):
    """The type of a setting as a technician writes it in kiosk.toml."""

    STR = "string"
    INT = "integer"
    FLOAT = "number"
    BOOL = "boolean"
    PATH = "path"


KINDS: dict[object, Kind] = {
    str: Kind.STR,
    int: Kind.INT,
    float: Kind.FLOAT,
    bool: Kind.BOOL,
    Path: Kind.PATH,
}


@dataclass(frozen=True)
class Option:
    """One setting. `default` None means it is derived at load time from the others
    (`derive`, described to a technician by `default_note`)."""

    key: str
    kind: Kind
    default: SettingValue | None
    description: str
    choices: tuple[SettingValue, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    env_aliases: tuple[str, ...] = ()
    default_note: str = ""
    check: Check | None = None
    secret: Secret = Secret.NONE
    derive: Derive | None = None

    @property
    def section(self) -> str:
        return self.key.partition(".")[0]

    @property
    def name(self) -> str:
        return self.key.partition(".")[2]

    @property
    def env_names(self) -> tuple[str, ...]:
        """The generic KIOSK_<SECTION>_<NAME> first, then any shorter alias."""
        generic = ENV_PREFIX + self.key.replace(".", "_").upper()
        return (generic, *self.env_aliases)


def setting(
    default: T,
    description: str,
    *,
    choices: tuple[T, ...] = (),
    minimum: float | None = None,
    maximum: float | None = None,
    env_aliases: tuple[str, ...] = (),
    check: Check | None = None,
    secret: Secret = Secret.NONE,
) -> T:
    """A section field with a fixed default; its key and kind come from the field."""
    declared = partial(
        Option,
        default=default,
        description=description,
        choices=choices,
        minimum=minimum,
        maximum=maximum,
        env_aliases=env_aliases,
        check=check,
        secret=secret,
    )
    field: T = dataclasses.field(default=default, metadata={_DECLARATION: declared})
    return field


def derived(
    description: str,
    *,
    derive: Derive,
    note: str,
    env_aliases: tuple[str, ...] = (),
    check: Check | None = None,
    secret: Secret = Secret.NONE,
) -> Any:
    """A section field whose default is computed at load time from the other settings
    (so it has none of its own: the loader always passes it)."""
    declared = partial(
        Option,
        default=None,
        description=description,
        env_aliases=env_aliases,
        default_note=note,
        check=check,
        secret=secret,
        derive=derive,
    )
    return dataclasses.field(metadata={_DECLARATION: declared})


def section_options(section: str, cls: type[Any]) -> tuple[Option, ...]:
    """The options declared by a section dataclass, in field order, named `section.field`
    and typed by the field's annotation."""
    hints = typing.get_type_hints(cls)
    return tuple(
        field.metadata[_DECLARATION](key=f"{section}.{field.name}", kind=KINDS[hints[field.name]])
        for field in dataclasses.fields(cls)
    )
