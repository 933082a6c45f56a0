"""Line-terminated barcode and QR scanners: each code arrives as one line of text."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from devices.readers.counts import in_words

CR = b"\r"
LF = b"\n"
CRLF = CR + LF
LINE_ENDS = CRLF  # stripped from both ends of every line, whatever the terminator
DEFAULT_TERMINATOR = CR  # the factory suffix of most serial scanners
# The suffixes a scanner can be set to send after each code, by the name settings use.
TERMINATORS = {"cr": CR, "lf": LF, "crlf": CRLF, "tab": b"\t"}
DEFAULT_MAX_LENGTH = 512  # bytes; a QR code holds more, but nothing we print does


@dataclass
class ScannerStats:
    """What the parser made of the bytes it was fed.

    ``lines`` counts the codes returned; ``overlong`` lines longer than
    ``max_length`` and ``undecodable`` lines not valid in the encoding, both dropped
    whole (a code with a byte missing could name another submission).
    """

    lines: int = 0
    overlong: int = 0
    undecodable: int = 0

    @property
    def bad_input(self) -> int:
        """What was dropped as unreadable (a wrong baud rate or suffix, a bad cable)."""
        return self.overlong + self.undecodable

    @property
    def dropped(self) -> int:
        """Everything counted as dropped: a scanner sends no repeats, so ``bad_input``."""
        return self.bad_input

    def summary(self) -> str:
        """The drops in words, e.g. ``2 overlong lines and 1 undecodable line``."""
        return in_words(
            [
                (self.overlong, "overlong line", "overlong lines"),
                (self.undecodable, "undecodable line", "undecodable lines"),
            ]
        )


class LineScannerParser:
    """Turns a scanner's byte stream into scanned codes; a pure object fed bytes.

    A scanner in serial (or USB-CDC) mode sends each code followed by its
    configured suffix. Besides ``terminator``, CR and LF are stripped from both
    ends of a line, so a scanner sending CR LF works with either setting. Empty
    lines are dropped; ``feed`` never raises. A line growing past ``max_length``
    without a terminator is dropped up to the next terminator, so memory stays
    bounded.
    """

    def __init__(
        self,
        terminator: bytes = DEFAULT_TERMINATOR,
        max_length: int = DEFAULT_MAX_LENGTH,
        encoding: str = "utf-8",
    ) -> None:
        if not terminator:
            raise ValueError("the terminator must be at least one byte")
        if max_length < 1:
            raise ValueError(f"max_length must be at least 1, not {max_length}")
        codecs.lookup(encoding)  # LookupError now rather than on the first scan
        self.terminator = bytes(terminator)
        self.max_length = max_length
        self.encoding = encoding
        self.stats = ScannerStats()
        self._buffer = bytearray()
        self._discarding = False  # inside an overlong line, waiting for its end
        # Room for a CR LF pair around the terminator before a line counts as overlong.
        self._limit = max_length + len(LINE_ENDS)

    def feed(self, data: bytes) -> list[str]:
        """Take the next bytes from the scanner; returns the codes they complete."""
        self._buffer += data
        codes = []
        while (end := self._buffer.find(self.terminator)) != -1:
            line = bytes(self._buffer[:end])
            del self._buffer[: end + len(self.terminator)]
            code = self._finish(line)
            if code is not None:
                codes.append(code)
        self._limit_unterminated()
        return codes

    def _finish(self, line: bytes) -> str | None:
        if self._discarding:
            self._discarding = False  # the end of an overlong line, already counted
            return None
        content = line.strip(LINE_ENDS)
        if not content:
            return None
        if len(content) > self.max_length:
            self.stats.overlong += 1
            return None
        try:
            code = content.decode(self.encoding)
        except UnicodeDecodeError:
            self.stats.undecodable += 1
            return None
        self.stats.lines += 1
        return code

    def _limit_unterminated(self) -> None:
        if len(self._buffer) <= self._limit:
            return
        if not self._discarding:
            self.stats.overlong += 1
            self._discarding = True
        # Keep what could be the start of a terminator split across two reads.
        keep = len(self.terminator) - 1
        del self._buffer[: len(self._buffer) - keep]
