"""Printer profiles as data: what the code asks instead of branching on model names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrinterProfile:
    """What a class of thermal printer can do."""

    name: str
    paper_width_mm: int
    dots_per_line: int
    columns: int  # characters per line in font A at normal size
    has_cutter: bool
    native_qr: bool
    code_page: str  # a key of constants.CODE_PAGES
    cut_feed_dots: int  # paper fed before the cut so the last line clears the blade
    # Key (1..255) of a logo stored in the printer's non-volatile memory by its vendor
    # tool; printed with FS p, so no raster bytes cross the line. None = no logo.
    stored_logo: int | None = None
    # Answers GS r (in-order status) only after processing everything before it, so
    # a printed ticket can be proven. Some cheap clones ignore GS r: set False there
    # and only the real-time DLE EOT check before and after printing remains.
    in_order_status: bool = True


PROFILES: dict[str, PrinterProfile] = {
    "58mm": PrinterProfile(
        name="58mm",
        paper_width_mm=58,
        dots_per_line=384,
        columns=32,
        has_cutter=False,
        native_qr=True,
        code_page="cp437",
        cut_feed_dots=96,
    ),
    "80mm": PrinterProfile(
        name="80mm",
        paper_width_mm=80,
        dots_per_line=576,
        columns=48,
        has_cutter=True,
        native_qr=True,
        code_page="cp437",
        cut_feed_dots=96,
    ),
    "80mm-noqr": PrinterProfile(
        name="80mm-noqr",
        paper_width_mm=80,
        dots_per_line=576,
        columns=48,
        has_cutter=True,
        native_qr=False,
        code_page="cp437",
        cut_feed_dots=96,
    ),
    # An unknown 80 mm clone: assume the least (no GS r, no native QR code).
    "generic": PrinterProfile(
        name="generic",
        paper_width_mm=80,
        dots_per_line=576,
        columns=48,
        has_cutter=True,
        native_qr=False,
        code_page="cp437",
        cut_feed_dots=96,
        in_order_status=False,
    ),
}


def get_profile(name: str) -> PrinterProfile:
    """The named profile; raises KeyError listing the known names."""
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise KeyError(f"unknown printer profile {name!r}; known profiles: {known}") from None
