"""Queue numbers as printed and called out."""

from __future__ import annotations

CODE_DIGITS = 3


def format_code(prefix: str, number: int) -> str:
    """The code printed and called out: ``B-012`` (at least three digits, more if needed)."""
    return f"{prefix}-{number:0{CODE_DIGITS}d}"
