"""A technician's reference of every setting, derived from the schema."""

from __future__ import annotations

from kiosk.config.locations import CONFIG_ENV, default_config_path
from kiosk.config.option import Option
from kiosk.config.schema import OPTIONS, SECTIONS
from kiosk.config.values import toml_literal


def describe_settings() -> str:
    """Plain text for `kiosk config show --defaults` and the README."""
    lines = [
        f"Settings are read from {default_config_path()} (or the file in ${CONFIG_ENV}),",
        "then environment variables override them.",
        "",
    ]
    for section in SECTIONS:
        lines.append(f"[{section}]")
        for option in OPTIONS:
            if option.section == section:
                lines.extend(describe_option(option))
        lines.append("")
    return "\n".join(lines)


def describe_option(option: Option) -> list[str]:
    """A few indented lines: key, type, default, limits, env vars, description."""
    default = option.default_note or (
        toml_literal(option.default) if option.default is not None else ""
    )
    lines = [f"  {option.key} ({option.kind.value}, default {default})"]
    if option.choices:
        lines.append("    one of: " + ", ".join(str(choice) for choice in option.choices))
    if option.minimum is not None or option.maximum is not None:
        lines.append(f"    range: {_bound(option.minimum)} .. {_bound(option.maximum)}")
    lines.append("    environment: " + ", ".join(option.env_names))
    lines.append(f"    {option.description}")
    return lines


def _bound(limit: float | None) -> str:
    return "" if limit is None else f"{limit:g}"
