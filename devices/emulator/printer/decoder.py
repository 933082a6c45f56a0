"""A pure ESC/POS stream decoder for the emulated printer: bytes in, events out."""

from __future__ import annotations

import re
from typing import NamedTuple

from devices.emulator.printer import events as ev
from devices.escpos import constants as c

DEFAULT_CODEC = "cp437"
MAX_TEXT_RUN = 4096  # a longer run of text is emitted in chunks of this size
_CODECS = {number: codec for codec, number in c.CODE_PAGES.items()}
_TEXT_RUN = re.compile(rb"[\x09\x20-\xff]{1,%d}" % MAX_TEXT_RUN)
_HEAD = 4  # bytes of an unknown command kept in its event

_LF, _CR, _ESC, _GS, _FS, _DLE, _EOT = (
    ord(b) for b in (c.LF, b"\r", c.ESC, c.GS, c.FS, c.DLE, c.EOT)
)
_PREFIXES = frozenset({_ESC, _GS, _FS, _DLE})
_ENQ, _DC4 = 0x05, 0x14
_REALTIME_REQUESTS = range(c.STATUS_PRINTER, c.STATUS_PAPER_SENSOR + 1)
_TRANSMIT_REQUESTS = {
    n + offset: n
    for n in (c.TRANSMIT_PAPER_SENSOR, c.TRANSMIT_DRAWER)
    for offset in (0, c.TRANSMIT_ASCII_OFFSET)
}

# Commands the emulator does not render, by parameter count, so they are skipped whole.
# fmt: off
_ESC_PARAMS = {ord(k): n for k, n in {
    "!": 1, "-": 1, "2": 0, "3": 1, "G": 1, "M": 1, "J": 1, "R": 1, "V": 1, "{": 1, "p": 3,
    "$": 2, "\\": 2, " ": 1, "r": 1, "U": 1, "%": 1, "?": 1, "=": 1, "L": 0, "S": 0, "T": 1,
    "W": 8, "\x0c": 0, "i": 0, "m": 0, "c": 2,
}.items()}
_GS_PARAMS = {ord(k): n for k, n in {
    "B": 1, "H": 1, "h": 1, "w": 1, "f": 1, "L": 2, "W": 2, "a": 1, "I": 1, "b": 1,
    "E": 1, "\\": 2, "P": 2, "/": 1, ":": 0, "^": 3,
}.items()}
_FS_PARAMS = {ord(k): n for k, n in {
    "&": 0, "!": 1, "-": 1, "C": 1, "p": 2, "S": 2, "W": 1,
}.items()}
# fmt: on
_MAX_BARCODE = 255  # longest NUL-terminated barcode datum we wait for


class _Step(NamedTuple):
    """One parsed command: its event, the bytes it took, and payload bytes still to skip."""

    event: ev.Event
    length: int
    skip: int = 0


class EscPosDecoder:
    """Turns an ESC/POS byte stream into events, keeping partial commands across feeds.

    Like pyserial's Packetizer it has no port and no thread: feed it whatever the line
    delivered. Text is emitted when the byte after it arrives (a printer prints a line
    only on LF or a command), so splitting a stream anywhere yields the same events.
    Garbage never raises: anything not understood becomes an UnknownCommand.
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._codec = DEFAULT_CODEC
        self._qr_data = b""
        self._skip_event: ev.Event | None = None
        self._skip_remaining = 0

    @property
    def pending(self) -> int:
        """Bytes received but not yet part of an emitted event."""
        skipped = 0 if self._skip_event is None else self._skip_event.size - self._skip_remaining
        return len(self._buffer) + skipped

    def feed(self, data: bytes) -> list[ev.Event]:
        """Decode ``data`` (after what was kept from earlier feeds); complete events only."""
        self._buffer += data
        events: list[ev.Event] = []
        pos = 0
        while True:
            pos = self._skip_payload(pos, events)
            if self._skip_event is not None:
                break
            step = self._parse(pos)
            if step is None:
                break
            pos += step.length
            if step.skip:
                self._skip_event, self._skip_remaining = step.event, step.skip
            else:
                events.append(step.event)
        del self._buffer[:pos]
        return events

    def _skip_payload(self, pos: int, events: list[ev.Event]) -> int:
        if self._skip_event is None:
            return pos
        taken = min(self._skip_remaining, len(self._buffer) - pos)
        self._skip_remaining -= taken
        if not self._skip_remaining:
            events.append(self._skip_event)
            self._skip_event = None
        return pos + taken

    def _has(self, pos: int, count: int) -> bool:
        return len(self._buffer) >= pos + count

    def _parse(self, pos: int) -> _Step | None:
        if not self._has(pos, 1):
            return None
        first = self._buffer[pos]
        if first == _LF:
            return _Step(ev.LineFeed(), 1)
        if first == _CR:
            return _Step(ev.CarriageReturn(), 1)
        prefixed = {_ESC: self._parse_esc, _GS: self._parse_gs, _FS: self._parse_fs}
        if first in prefixed:
            return prefixed[first](pos) if self._has(pos, 2) else None
        if first == _DLE:
            return self._parse_dle(pos)
        match = _TEXT_RUN.match(self._buffer, pos)
        if match is None:
            return self._unknown(pos, 1)
        if match.end() == len(self._buffer) and match.end() - pos < MAX_TEXT_RUN:
            return None  # the run may go on in the next feed
        raw = bytes(match.group())
        return _Step(ev.Text(raw.decode(self._codec, errors="replace"), len(raw)), len(raw))

    def _unknown(self, pos: int, length: int, skip: int = 0) -> _Step:
        head = bytes(self._buffer[pos : pos + min(length, _HEAD)])
        return _Step(ev.UnknownCommand(head, length + skip), length, skip)

    def _unknown_prefixed(self, pos: int, params: dict[int, int]) -> _Step | None:
        """A command we skip by its parameter count; an unknown one takes two bytes."""
        count = params.get(self._buffer[pos + 1])
        if count is not None:
            return self._unknown(pos, 2 + count) if self._has(pos, 2 + count) else None
        # Do not swallow the start of the next command.
        return self._unknown(pos, 1 if self._buffer[pos + 1] in _PREFIXES else 2)

    def _parse_esc(self, pos: int) -> _Step | None:
        function = self._buffer[pos + 1]
        if function == c.INITIALIZE[1]:
            self._codec, self._qr_data = DEFAULT_CODEC, b""
            return _Step(ev.Initialize(), 2)
        if function in (c.ALIGN[1], c.BOLD[1], c.PRINT_AND_FEED_LINES[1], c.SELECT_CODE_PAGE[1]):
            return self._esc_with_parameter(pos, function) if self._has(pos, 3) else None
        if function == ord("*"):
            return self._esc_bit_image(pos)
        return self._unknown_prefixed(pos, _ESC_PARAMS)

    def _esc_with_parameter(self, pos: int, function: int) -> _Step:
        n = self._buffer[pos + 2]
        if function == c.ALIGN[1]:
            alignment = n - ord("0") if n >= ord("0") else n
            if alignment not in (c.ALIGN_LEFT, c.ALIGN_CENTER, c.ALIGN_RIGHT):
                return self._unknown(pos, 3)
            return _Step(ev.SetAlignment(alignment), 3)
        if function == c.BOLD[1]:
            return _Step(ev.SetBold(bool(n & 1)), 3)
        if function == c.PRINT_AND_FEED_LINES[1]:
            return _Step(ev.FeedLines(n), 3)
        codec = _CODECS.get(n)
        self._codec = codec or self._codec
        return _Step(ev.SelectCodePage(n, codec), 3)

    def _esc_bit_image(self, pos: int) -> _Step | None:
        """ESC * m nL nH d1..dk: k = columns, times 3 in 24-dot modes."""
        if not self._has(pos, 5):
            return None
        mode, low, high = self._buffer[pos + 2 : pos + 5]
        columns = low + high * 256
        return self._unknown(pos, 5, skip=columns * (1 if mode in (0, 1) else 3))

    def _parse_gs(self, pos: int) -> _Step | None:
        function = self._buffer[pos + 1]
        if function == c.CHARACTER_SIZE[1]:
            if not self._has(pos, 3):
                return None
            n = self._buffer[pos + 2]
            return _Step(ev.SetCharacterSize((n >> 4 & 0x07) + 1, (n & 0x07) + 1), 3)
        parsers = {
            c.CUT[1]: self._gs_cut,
            ord("("): self._gs_function,
            ord("v"): self._gs_raster,
            ord("k"): self._gs_barcode,
            ord("*"): self._gs_downloaded_image,
            c.TRANSMIT_STATUS[1]: self._gs_transmit_status,
        }
        if function in parsers:
            return parsers[function](pos)
        return self._unknown_prefixed(pos, _GS_PARAMS)

    def _gs_transmit_status(self, pos: int) -> _Step | None:
        """GS r n with n = 1/49 (paper sensor) or 2/50 (drawer); other n are unknown."""
        if not self._has(pos, 3):
            return None
        request = _TRANSMIT_REQUESTS.get(self._buffer[pos + 2])
        if request is None:
            return self._unknown(pos, 3)
        return _Step(ev.TransmitStatus(request), 3)

    def _gs_cut(self, pos: int) -> _Step | None:
        if not self._has(pos, 3):
            return None
        mode = self._buffer[pos + 2]
        if mode in (c.CUT_FULL, c.CUT_PARTIAL, ord("0"), ord("1")):
            return _Step(ev.Cut(mode in (c.CUT_PARTIAL, ord("1")), 0, 3), 3)
        if mode in (c.CUT_FEED_FULL, c.CUT_FEED_PARTIAL, 103, 104):
            if not self._has(pos, 4):
                return None
            partial = mode in (c.CUT_FEED_PARTIAL, 104)
            return _Step(ev.Cut(partial, self._buffer[pos + 3], 4), 4)
        return self._unknown(pos, 3)

    def _gs_function(self, pos: int) -> _Step | None:
        """GS ( fn pL pH ...: every function says its own length, so any can be skipped."""
        if not self._has(pos, 5):
            return None
        length = self._buffer[pos + 3] + self._buffer[pos + 4] * 256
        is_qr = bytes(self._buffer[pos : pos + 3]) == c.SYMBOL and length >= 2
        if is_qr and not self._has(pos, 6):
            return None
        if is_qr and self._buffer[pos + 5] == c.QR_CN:
            return self._qr(pos, length) if self._has(pos, 5 + length) else None
        return self._unknown(pos, 5, skip=length)

    def _qr(self, pos: int, length: int) -> _Step:
        function = self._buffer[pos + 6]
        params = bytes(self._buffer[pos + 7 : pos + 5 + length])
        size = 5 + length
        settings = {
            c.QR_FN_MODEL: "model",
            c.QR_FN_MODULE_SIZE: "module_size",
            c.QR_FN_ERROR_CORRECTION: "error_correction",
        }
        if function in settings and params:
            return _Step(ev.QrSetting(settings[function], params[0], size), size)
        if function == c.QR_FN_STORE and params:
            self._qr_data = params[1:]
            return _Step(ev.QrStore(self._qr_data, size), size)
        if function == c.QR_FN_PRINT:
            return _Step(ev.QrPrint(self._qr_data, size), size)
        return self._unknown(pos, size)

    def _gs_raster(self, pos: int) -> _Step | None:
        """GS v 0 m xL xH yL yH d1..dk with k = x bytes * y dots."""
        if not self._has(pos, 3):
            return None
        if self._buffer[pos + 2] != ord("0"):
            return self._unknown(pos, 2)
        if not self._has(pos, 8):
            return None
        x_low, x_high, y_low, y_high = self._buffer[pos + 4 : pos + 8]
        width_bytes, height = x_low + x_high * 256, y_low + y_high * 256
        payload = width_bytes * height
        return _Step(ev.RasterImage(width_bytes * 8, height, 8 + payload), 8, payload)

    def _gs_barcode(self, pos: int) -> _Step | None:
        """GS k m: data NUL-terminated (m 0..6) or counted by n (m 65..79)."""
        if not self._has(pos, 3):
            return None
        mode = self._buffer[pos + 2]
        if mode <= 6:
            end = self._buffer.find(c.NUL, pos + 3, pos + 4 + _MAX_BARCODE)
            if end >= 0:
                return self._unknown(pos, end + 1 - pos)
            return self._unknown(pos, 3) if self._has(pos, 4 + _MAX_BARCODE) else None
        if 65 <= mode <= 79:
            return self._unknown(pos, 4, skip=self._buffer[pos + 3]) if self._has(pos, 4) else None
        return self._unknown(pos, 3)

    def _gs_downloaded_image(self, pos: int) -> _Step | None:
        """GS * x y d1..dk with k = x * y * 8."""
        if not self._has(pos, 4):
            return None
        return self._unknown(pos, 4, skip=self._buffer[pos + 2] * self._buffer[pos + 3] * 8)

    def _parse_fs(self, pos: int) -> _Step | None:
        if self._buffer[pos + 1] == c.CANCEL_KANJI[1]:
            return _Step(ev.CancelKanji(), 2)
        if self._buffer[pos + 1] == c.PRINT_NV_IMAGE[1]:
            return _Step(ev.StoredLogo(self._buffer[pos + 2]), 4) if self._has(pos, 4) else None
        return self._unknown_prefixed(pos, _FS_PARAMS)

    def _parse_dle(self, pos: int) -> _Step | None:
        """DLE EOT n (status), DLE ENQ n, DLE DC4 fn ...; a lone DLE is one unknown byte."""
        if not self._has(pos, 2):
            return None
        function = self._buffer[pos + 1]
        if function not in (_EOT, _ENQ, _DC4):
            return self._unknown(pos, 1)
        if not self._has(pos, 3):
            return None
        request = self._buffer[pos + 2]
        if function == _EOT and request in _REALTIME_REQUESTS:
            return _Step(ev.StatusQuery(request), 3)
        if function == _DC4:
            return self._dle_dc4(pos, request)
        return self._unknown(pos, 3)

    def _dle_dc4(self, pos: int, function: int) -> _Step | None:
        """DLE DC4 8 with its seven fixed bytes clears the buffers; other fn take 5 bytes.

        fn 8 with wrong parameters is three unknown bytes, so nothing after it is lost.
        """
        if function != c.CLEAR_BUFFERS_FN:
            return self._unknown(pos, 5) if self._has(pos, 5) else None
        size = len(c.CLEAR_BUFFERS)
        received = bytes(self._buffer[pos : pos + size])
        if not c.CLEAR_BUFFERS.startswith(received):
            return self._unknown(pos, 3)
        return _Step(ev.ClearBuffers(), size) if len(received) == size else None
