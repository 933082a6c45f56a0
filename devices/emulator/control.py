"""Line commands that change or inspect an emulated printer, as sent to its control socket."""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Callable

from devices.emulator.printer import EmulatedPrinter

STATE_COMMANDS: dict[str, Callable[[EmulatedPrinter], None]] = {
    "paper-out": EmulatedPrinter.paper_out,
    "paper-near-end": EmulatedPrinter.paper_near_end,
    "paper-ok": EmulatedPrinter.paper_ok,
    "offline": EmulatedPrinter.go_offline,
    "online": EmulatedPrinter.go_online,
    "cover-open": EmulatedPrinter.open_cover,
    "cover-close": EmulatedPrinter.close_cover,
    "cutter-jam": EmulatedPrinter.jam_cutter,
    "cutter-ok": EmulatedPrinter.clear_cutter,
}
# Commands taking a whole number: ``paper-out-after 3`` ends the roll 3 lines from now,
# ``noise 5`` sends 5 bytes of line noise ahead of the printer's next reply.
COUNT_COMMANDS: dict[str, Callable[[EmulatedPrinter, int], None]] = {
    "paper-out-after": EmulatedPrinter.paper_runs_out_after,
    "noise": EmulatedPrinter.send_noise,
}
QUERY_COMMANDS = ("tickets", "stats", "received")
OK = "ok"


def command_names() -> list[str]:
    """Every printer command as a technician types it, e.g. ``noise N``."""
    counted = [f"{name} N" for name in COUNT_COMMANDS]
    return [*STATE_COMMANDS, *counted, *QUERY_COMMANDS]


def answer(printer: EmulatedPrinter, command: str) -> str | None:
    """The one-line reply to ``command``, or None when it is not a printer command.

    ``tickets`` answers a JSON list of rendered ticket texts, ``stats`` a JSON object
    of counters and state, ``received`` a JSON object with every raw byte received
    (``base64``) and how many older ones were dropped (``dropped``); the others change
    the printer and answer ``ok``, or ``error: ...`` when a count is missing, not a whole
    number or out of range.
    """
    name, _, argument = command.partition(" ")
    if name in COUNT_COMMANDS:
        return _run_count_command(printer, name, argument.strip())
    if command in STATE_COMMANDS:
        STATE_COMMANDS[command](printer)
        return OK
    if command == "tickets":
        return json.dumps([ticket.text for ticket in printer.tickets])
    if command == "stats":
        return json.dumps(describe(printer))
    if command == "received":
        raw = base64.b64encode(printer.received).decode("ascii")
        return json.dumps({"base64": raw, "dropped": printer.stats.received_dropped})
    return None


def _run_count_command(printer: EmulatedPrinter, name: str, argument: str) -> str:
    if not argument.isdigit():
        return f"error: {name} needs a whole number, e.g. '{name} 3', got {argument!r}"
    try:
        COUNT_COMMANDS[name](printer, int(argument))
    except ValueError as error:
        return f"error: {error}"
    return OK


def describe(printer: EmulatedPrinter) -> dict[str, object]:
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
