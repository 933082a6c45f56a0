"""A chainable builder of ESC/POS bytes for one printer profile."""

from __future__ import annotations

import math
import re
from typing import Literal

from devices.escpos.constants import (
    ALIGN,
    ALIGN_CENTER,
    ALIGN_LEFT,
    ALIGN_RIGHT,
    BOLD,
    CANCEL_KANJI,
    CHARACTER_SIZE,
    CODE_PAGES,
    CUT,
    CUT_FEED_FULL,
    CUT_FEED_PARTIAL,
    INITIALIZE,
    LF,
    MAX_CHARACTER_MULTIPLIER,
    NV_IMAGE_NORMAL,
    PRINT_AND_FEED_LINES,
    PRINT_NV_IMAGE,
    QR_CN,
    QR_ERROR_CORRECTION,
    QR_FN_ERROR_CORRECTION,
    QR_FN_MODEL,
    QR_FN_MODULE_SIZE,
    QR_FN_PRINT,
    QR_FN_STORE,
    QR_MODEL_2,
    QR_STORE_M,
    SELECT_CODE_PAGE,
    SYMBOL,
    TRANSMIT_PAPER_SENSOR,
    TRANSMIT_STATUS,
)
from devices.escpos.profiles import PrinterProfile

Alignment = Literal["left", "center", "right"]
_ALIGNMENTS: dict[str, int] = {"left": ALIGN_LEFT, "center": ALIGN_CENTER, "right": ALIGN_RIGHT}

BYTE_MAX = 255  # single-byte parameters (n) range 0..255
QR_MODEL_N2 = 0  # GS ( k fn 065: n2 is always 0
QR_PRINT_M = 48  # GS ( k fn 081: m is always 48
QR_MIN_MODULE_DOTS, QR_MAX_MODULE_DOTS = 1, 16  # GS ( k fn 067: n = 1..16
QR_MAX_DATA_BYTES = 7089  # GS ( k fn 080: k <= 7089
SYMBOL_HEADER_LENGTH = 2  # cn and fn count in the pL pH length
# ESC 2 default line spacing: 1/6 inch, 30 dots at 180 dpi (used to turn dots into lines)
DEFAULT_LINE_SPACING_DOTS = 30
# Control characters in text would be taken as commands; LF alone is harmless.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_REPLACEMENT = "?"


class EscPosEncoder:
    """Accumulates ESC/POS commands; every method returns self for chaining.

    Device-neutral layouts call this and hand `to_bytes()` to the printer, so
    tests can assert the exact bytes without a device.
    """

    def __init__(self, profile: PrinterProfile) -> None:
        self._profile = profile
        self._buffer = bytearray()

    @property
    def profile(self) -> PrinterProfile:
        return self._profile

    def to_bytes(self) -> bytes:
        return bytes(self._buffer)

    def raw(self, data: bytes) -> EscPosEncoder:
        """Append bytes as they are (an escape hatch for commands not built here)."""
        self._buffer += data
        return self

    def initialize(self) -> EscPosEncoder:
        """ESC @: clear the print buffer and reset every mode to its power-on default."""
        return self.raw(INITIALIZE)

    def code_page(self) -> EscPosEncoder:
        """FS . then ESC t n: leave Kanji mode, select the profile's single-byte code page."""
        page = CODE_PAGES[self._profile.code_page]
        return self.raw(CANCEL_KANJI + SELECT_CODE_PAGE + bytes([page]))

    def align(self, alignment: Alignment) -> EscPosEncoder:
        """ESC a n: justify the following lines (0 left, 1 center, 2 right)."""
        if alignment not in _ALIGNMENTS:
            raise ValueError(f"alignment must be left, center or right, not {alignment!r}")
        return self.raw(ALIGN + bytes([_ALIGNMENTS[alignment]]))

    def bold(self, on: bool = True) -> EscPosEncoder:
        """ESC E n: emphasized mode on when the lowest bit of n is 1."""
        return self.raw(BOLD + bytes([int(on)]))

    def size(self, width: int = 1, height: int = 1) -> EscPosEncoder:
        """GS ! n: character width and height multipliers, each 1..8.

        The high nibble of n is width - 1, the low nibble height - 1.
        """
        for name, value in (("width", width), ("height", height)):
            if not 1 <= value <= MAX_CHARACTER_MULTIPLIER:
                raise ValueError(f"{name} must be 1..{MAX_CHARACTER_MULTIPLIER}, not {value}")
        return self.raw(CHARACTER_SIZE + bytes([(width - 1) << 4 | (height - 1)]))

    def text(self, text: str) -> EscPosEncoder:
        """Text in the profile's code page, without a line feed.

        Characters the code page lacks, and control characters other than LF
        (the printer would take them as commands), print as "?".
        """
        printable = _CONTROL_CHARACTERS.sub(_REPLACEMENT, text)
        return self.raw(printable.encode(self._profile.code_page, errors="replace"))

    def line(self, text: str = "") -> EscPosEncoder:
        """Text then LF: print the line buffer and feed one line."""
        return self.text(text).raw(LF)

    def feed(self, lines: int = 1) -> EscPosEncoder:
        """ESC d n: print the buffer and feed n lines (0..255)."""
        return self.raw(PRINT_AND_FEED_LINES + bytes([_check_byte("lines", lines)]))

    def cut(self, partial: bool = True) -> EscPosEncoder:
        """GS V 66 n (partial) or GS V 65 n (full): feed n dots, then cut.

        n is the profile's cut_feed_dots, so the last line clears the blade.
        Without a cutter, feed the same distance in lines so the ticket can be
        torn off below the print.
        """
        feed_dots = _check_byte("cut_feed_dots", self._profile.cut_feed_dots)
        if not self._profile.has_cutter:
            return self.feed(math.ceil(feed_dots / DEFAULT_LINE_SPACING_DOTS))
        function = CUT_FEED_PARTIAL if partial else CUT_FEED_FULL
        return self.raw(CUT + bytes([function, feed_dots]))

    def transmit_paper_status(self) -> EscPosEncoder:
        """GS r 1: send back the paper sensors once everything before is processed.

        Unlike DLE EOT this waits its turn in the printer's buffer, so its reply
        proves the bytes before it were printed; a stopped printer never replies.
        """
        return self.raw(TRANSMIT_STATUS + bytes([TRANSMIT_PAPER_SENSOR]))

    def stored_logo(self, key: int) -> EscPosEncoder:
        """FS p n m: print the logo kept in the printer's memory under key n (1..255)."""
        if not 1 <= key <= BYTE_MAX:
            raise ValueError(f"stored logo key must be 1..{BYTE_MAX}, not {key}")
        return self.raw(PRINT_NV_IMAGE + bytes([key, NV_IMAGE_NORMAL]))

    def qr(
        self,
        data: str | bytes,
        module_dots: int = 6,
        error_correction: Literal["L", "M", "Q", "H"] = "M",
    ) -> EscPosEncoder:
        """A QR code (model 2) drawn by the printer itself, GS ( k with cn = 49.

        fn 065 model, fn 067 module size, fn 069 error correction, fn 080 store
        the data (pL pH = len(data) + 3), fn 081 print it. Text is UTF-8.
        Raises ValueError if the profile has no native QR or the data does not fit.
        """
        payload = data.encode("utf-8") if isinstance(data, str) else data
        self._check_qr(payload, module_dots, error_correction)
        level = QR_ERROR_CORRECTION[error_correction]
        self._symbol(QR_FN_MODEL, bytes([QR_MODEL_2, QR_MODEL_N2]))
        self._symbol(QR_FN_MODULE_SIZE, bytes([module_dots]))
        self._symbol(QR_FN_ERROR_CORRECTION, bytes([level]))
        self._symbol(QR_FN_STORE, bytes([QR_STORE_M]) + payload)
        return self._symbol(QR_FN_PRINT, bytes([QR_PRINT_M]))

    def _check_qr(self, payload: bytes, module_dots: int, error_correction: str) -> None:
        if not self._profile.native_qr:
            raise ValueError(f"printer profile {self._profile.name!r} has no native QR code")
        if not 1 <= len(payload) <= QR_MAX_DATA_BYTES:
            raise ValueError(f"QR data must be 1..{QR_MAX_DATA_BYTES} bytes, not {len(payload)}")
        if not QR_MIN_MODULE_DOTS <= module_dots <= QR_MAX_MODULE_DOTS:
            limits = f"{QR_MIN_MODULE_DOTS}..{QR_MAX_MODULE_DOTS}"
            raise ValueError(f"QR module size must be {limits} dots, not {module_dots}")
        if error_correction not in QR_ERROR_CORRECTION:
            raise ValueError(f"QR error correction must be L, M, Q or H, not {error_correction!r}")

    def _symbol(self, function: int, parameters: bytes) -> EscPosEncoder:
        """GS ( k pL pH cn fn parameters, where pL + pH * 256 counts cn, fn and parameters."""
        length = SYMBOL_HEADER_LENGTH + len(parameters)
        header = SYMBOL + length.to_bytes(2, "little") + bytes([QR_CN, function])
        return self.raw(header + parameters)


def _check_byte(name: str, value: int) -> int:
    if not 0 <= value <= BYTE_MAX:
        raise ValueError(f"{name} must be 0..{BYTE_MAX}, not {value}")
    return value
