"""The emulated printer's mechanism: paper, cover, cutter, online, and what its sensors report."""

from __future__ import annotations

import enum

from devices.escpos import constants as c

DRAWER_PIN_LOW = 0x00  # GS r 2 reply: no drawer on the kick-out connector


class Paper(enum.Enum):
    """What the paper sensors see."""

    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"


class Mechanism:
    """What stops the printer, and the status bytes that say so.

    Plain state: the printer's lock guards it. ``lines_until_paper_out`` counts down a
    roll set to end (``use_paper``); None while the roll is not set to end.
    """

    def __init__(self) -> None:
        self.paper = Paper.OK
        self.online = True
        self.cover_open = False
        self.cutter_error = False
        self.lines_until_paper_out: int | None = None

    def can_print(self) -> bool:
        return self.online and not (self.cover_open or self.cutter_error or self.paper is Paper.OUT)

    def end_roll(self) -> None:
        self.paper, self.lines_until_paper_out = Paper.OUT, None

    def use_paper(self, lines: int) -> bool:
        """Count ``lines`` off a roll set to end; True when that ended it just now."""
        if self.lines_until_paper_out is None:
            return False
        self.lines_until_paper_out -= lines
        if self.lines_until_paper_out > 0:
            return False
        self.end_roll()
        return True

    def status_byte(self, request: int) -> int:
        """The byte a DLE EOT ``request`` (1..4) is answered with right now."""
        bits = 0
        if request == c.STATUS_PRINTER and not self.can_print():
            bits = c.STATUS_BIT_OFFLINE
        elif request == c.STATUS_OFFLINE_CAUSE:
            bits = (
                (c.STATUS_BIT_COVER_OPEN if self.cover_open else 0)
                | (c.STATUS_BIT_PAPER_END_STOP if self.paper is Paper.OUT else 0)
                | (c.STATUS_BIT_ERROR if self.cutter_error else 0)
            )
        elif request == c.STATUS_ERROR_CAUSE and self.cutter_error:
            bits = c.STATUS_BIT_CUTTER_ERROR
        elif request == c.STATUS_PAPER_SENSOR:
            sensors = {Paper.NEAR_END: c.STATUS_BITS_NEAR_END, Paper.OUT: c.STATUS_BITS_PAPER_END}
            bits = sensors.get(self.paper, 0)
        return c.STATUS_FIXED_VALUE | bits

    def transmitted_byte(self, request: int) -> int:
        """The GS r ``request`` reply (1 paper sensor, 2 drawer), once all before it printed."""
        if request != c.TRANSMIT_PAPER_SENSOR:
            return DRAWER_PIN_LOW
        # Never "paper end" (0x0C): without paper it has stopped and does not get here.
        return c.TRANSMITTED_BITS_NEAR_END if self.paper is Paper.NEAR_END else 0
