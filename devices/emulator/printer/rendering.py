"""A readable text rendering of what the emulated printer put on paper, one ticket per cut.

Format (plain text, one string per ticket):

- each printed line is laid out over the profile's columns: left, centred or right
  aligned by padding with spaces (trailing spaces dropped), wrapping like the printer
  does when a line overflows; an enlarged character takes ``width`` columns;
- ``**bold**`` surrounds bold text;
- ``[WxH]`` precedes text printed W times wider and H times taller (``[2x2]A-023``);
  ``[1x1]`` marks a return to normal size within the same line. Markers take no
  columns: alignment is computed on what the paper shows;
- a QR symbol is the line ``[QR: <data>]``, a raster image ``[IMAGE <w>x<h>]`` (dots),
  aligned like text;
- blank lines fed just before the cut are dropped;
- ``RenderedTicket.text`` ends with a footer ``-- full cut, 812 bytes --`` giving the
  cut and the number of raw bytes that made the ticket.

A cut ends a ticket even on a profile without a cutter: there it is where staff tear.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from devices.emulator.printer import events as ev
from devices.escpos import constants as c
from devices.escpos.profiles import PrinterProfile

_TAB_STOP = 8  # default horizontal tab positions, in characters
TEAR_OFF_FEED_LINES = 3  # ESC d n with n >= this ends a ticket on a printer without cutter


@dataclass(frozen=True)
class RenderedTicket:
    """One cut-off piece of paper, as readable text."""

    lines: tuple[str, ...]
    raw_bytes: int
    cut: str  # "full", "partial", or "torn" (a printer without cutter fed the paper out)

    @property
    def body(self) -> str:
        """The printed lines only."""
        return "\n".join(self.lines)

    @property
    def text(self) -> str:
        """The printed lines and a footer naming the cut and the raw byte count."""
        return "\n".join((*self.lines, f"-- {self.cut} cut, {self.raw_bytes} bytes --"))


@dataclass(frozen=True)
class _Style:
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass
class _Run:
    style: _Style
    text: str = ""


@dataclass
class _Line:
    alignment: int = c.ALIGN_LEFT
    runs: list[_Run] = field(default_factory=list)
    cells: int = 0


class TicketRenderer:
    """Applies decoded events in order, like the print head, and yields a ticket per cut."""

    def __init__(self, profile: PrinterProfile) -> None:
        self._columns = profile.columns
        self._has_cutter = profile.has_cutter
        self._style = _Style()
        self._alignment = c.ALIGN_LEFT
        self._line = _Line()
        self._lines: list[str] = []
        self._raw_bytes = 0

    @property
    def pending_lines(self) -> tuple[str, ...]:
        """Lines printed since the last cut (the paper still in the printer)."""
        return tuple(self._lines)

    def apply(self, event: ev.Event) -> RenderedTicket | None:
        """Take one event; returns the finished ticket when the event is a cut."""
        if isinstance(event, ev.StatusQuery):
            return None  # answered in real time, never part of the paper
        self._raw_bytes += event.size
        if isinstance(event, ev.Cut):
            return self._cut("partial" if event.partial else "full")
        self._print(event)
        if self._is_tear_off(event):
            return self._cut("torn")
        return None

    def _is_tear_off(self, event: ev.Event) -> bool:
        """Without a cutter, a long feed (ESC d >= 3) is where the citizen tears the paper."""
        return (
            not self._has_cutter
            and isinstance(event, ev.FeedLines)
            and event.lines >= TEAR_OFF_FEED_LINES
        )

    def _print(self, event: ev.Event) -> None:
        if isinstance(event, ev.Initialize):
            self._reset_modes()
            self._line = _Line()
        elif isinstance(event, ev.SetAlignment):
            self._alignment = event.alignment
        elif isinstance(event, ev.SetBold):
            self._style = _Style(event.on, self._style.width, self._style.height)
        elif isinstance(event, ev.SetCharacterSize):
            self._style = _Style(self._style.bold, event.width, event.height)
        elif isinstance(event, ev.Text):
            self._add_text(event.text)
        elif isinstance(event, ev.LineFeed):
            self._print_line()
        elif isinstance(event, ev.FeedLines):
            self._feed(event.lines)
        elif isinstance(event, ev.QrPrint):
            self._print_block(f"[QR: {event.data.decode('utf-8', errors='replace')}]")
        elif isinstance(event, ev.StoredLogo):
            self._print_block(f"[LOGO {event.key}]")
        elif isinstance(event, ev.RasterImage):
            self._print_block(f"[IMAGE {event.width_dots}x{event.height_dots}]")

    def _reset_modes(self) -> None:
        self._style = _Style()
        self._alignment = c.ALIGN_LEFT

    def _add_text(self, text: str) -> None:
        for char in text:
            if char == "\t":
                column = self._line.cells // self._style.width
                self._add_text(" " * (_TAB_STOP - column % _TAB_STOP))
            else:
                self._add_char(char)

    def _add_char(self, char: str) -> None:
        if self._line.cells + self._style.width > self._columns and self._line.runs:
            self._print_line()  # the printer wraps a full line by itself
        if not self._line.runs:
            self._line.alignment = self._alignment  # ESC a counts at the start of a line
        if not self._line.runs or self._line.runs[-1].style != self._style:
            self._line.runs.append(_Run(self._style))
        self._line.runs[-1].text += char
        self._line.cells += self._style.width

    def _print_line(self) -> None:
        self._lines.append(self._layout(self._line))
        self._line = _Line()

    def _feed(self, lines: int) -> None:
        """ESC d n: print the line buffer (its own line counts as one) then feed."""
        if self._line.runs:
            self._print_line()
            lines -= 1
        self._lines.extend("" for _ in range(max(lines, 0)))

    def _print_block(self, label: str) -> None:
        if self._line.runs:
            self._print_line()
        block = _Line(self._alignment, [_Run(_Style(), label)], len(label))
        self._lines.append(self._layout(block))

    def _layout(self, line: _Line) -> str:
        spare = max(self._columns - line.cells, 0)
        indent = {c.ALIGN_CENTER: spare // 2, c.ALIGN_RIGHT: spare}.get(line.alignment, 0)
        return (" " * indent + _marked(line.runs)).rstrip()

    def _cut(self, how: str) -> RenderedTicket:
        if self._line.runs:
            self._print_line()
        while self._lines and not self._lines[-1]:
            self._lines.pop()
        ticket = RenderedTicket(tuple(self._lines), self._raw_bytes, how)
        self._lines, self._raw_bytes = [], 0
        return ticket


def _marked(runs: list[_Run]) -> str:
    """Runs with their bold and size markers."""
    parts: list[str] = []
    size = (1, 1)
    for run in runs:
        if (run.style.width, run.style.height) != size:
            size = (run.style.width, run.style.height)
            parts.append(f"[{size[0]}x{size[1]}]")
        parts.append(f"**{run.text}**" if run.style.bold else run.text)
    return "".join(parts)


def render_tickets(events: list[ev.Event], profile: PrinterProfile) -> list[RenderedTicket]:
    """The tickets cut from ``events``; anything after the last cut is still on the roll."""
    renderer = TicketRenderer(profile)
    tickets = (renderer.apply(event) for event in events)
    return [ticket for ticket in tickets if ticket is not None]
