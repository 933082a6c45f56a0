"""The emulated printer's control commands: change its state, or read what it printed."""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Callable

from devices.emulator.printer.model import EmulatedPrinter
from devices.emulator.pty.control import Command, Commands

Printer = EmulatedPrinter


def _state(change: Callable[[Printer], None]) -> Command[Printer]:
    """A command that changes the printer's state and answers ``ok``."""

    def run(printer: Printer, _argument: str) -> None:
        change(printer)

    return Command(run)


def _counted(name: str, change: Callable[[Printer, int], None]) -> Command[Printer]:
    """A command taking a whole number: ``noise 5``."""

    def run(printer: Printer, argument: str) -> None:
        if not argument.isdigit():
            raise ValueError(f"{name} needs a whole number, e.g. '{name} 3', got {argument!r}")
        change(printer, int(argument))

    return Command(run, argument="N")


def _tickets(printer: Printer, _argument: str) -> str:
    return json.dumps([ticket.text for ticket in printer.tickets])


def _stats(printer: Printer, _argument: str) -> str:
    return json.dumps(describe(printer))


def _received(printer: Printer, _argument: str) -> str:
    raw = base64.b64encode(printer.received).decode("ascii")
    return json.dumps({"base64": raw, "dropped": printer.stats.received_dropped})


# ``paper-out-after 3`` ends the roll 3 lines from now, ``noise 5`` sends 5 bytes of
# line noise ahead of the printer's next reply. ``tickets`` answers a JSON list of
# rendered ticket texts, ``stats`` a JSON object of counters and state, ``received`` a
# JSON object with every raw byte received (``base64``) and how many older ones were
# dropped (``dropped``).
COMMANDS: Commands[Printer] = {
    "paper-out": _state(Printer.paper_out),
    "paper-near-end": _state(Printer.paper_near_end),
    "paper-ok": _state(Printer.paper_ok),
    "offline": _state(Printer.go_offline),
    "online": _state(Printer.go_online),
    "cover-open": _state(Printer.open_cover),
    "cover-close": _state(Printer.close_cover),
    "cutter-jam": _state(Printer.jam_cutter),
    "cutter-ok": _state(Printer.clear_cutter),
    "paper-out-after": _counted("paper-out-after", Printer.paper_runs_out_after),
    "noise": _counted("noise", Printer.send_noise),
    "tickets": Command(_tickets),
    "stats": Command(_stats),
    "received": Command(_received),
}


def describe(printer: Printer) -> dict[str, object]:
    """Counters and state of ``printer`` as plain JSON-ready values."""
    return {
        **dataclasses.asdict(printer.stats),
        "paper": printer.paper.value,
        "online": printer.online,
        "cover_open": printer.cover_open,
        "cutter_error": printer.cutter_error,
        "lines_until_paper_out": printer.lines_until_paper_out,
        "pending_noise": printer.pending_noise,
        "vanished": printer.vanished,
        "profile": printer.profile.name,
    }
