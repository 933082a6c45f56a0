"""Which queue numbers reached a printer, read from every raw byte it received.

The raw log of the emulated printer (simulated hardware) is cut into documents at each
ESC @ (every ticket starts with it). A number counts as printed in a document as soon as
its bytes are there (the code line, or the QR payload holding it), even if the rest of
that ticket never arrived. A ticket is complete when the printer, fed that document
alone, cuts a ticket whose QR code holds the number: every line before the QR code came
out, and the cut after it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from devices.emulator import EmulatedPrinter
from devices.escpos.constants import INITIALIZE, TRANSMIT_PAPER_SENSOR, TRANSMIT_STATUS

CODE = re.compile(rb"\b[A-Z]-\d{3}\b")
PROOF_REQUEST = TRANSMIT_STATUS + bytes([TRANSMIT_PAPER_SENSOR])  # GS r 1 ends every ticket


@dataclass(frozen=True)
class PrintedDocument:
    """One document as the printer received it, from its ESC @ to the next one."""

    start: int  # offset of its ESC @ in the raw log
    end: int  # where the next document starts
    sent_end: int  # just after the GS r 1 the kiosk sends behind a ticket (else: end)
    codes: frozenset[str]  # every queue number whose bytes arrived in it
    complete: frozenset[str]  # numbers whose whole ticket was printed and cut


def printed_documents(raw: bytes, business_date: str) -> list[PrintedDocument]:
    starts = [match.start() for match in re.finditer(re.escape(INITIALIZE), raw)]
    bounds = zip(starts, [*starts[1:], len(raw)], strict=True)
    return [_decode(raw, start, end, business_date) for start, end in bounds]


def _decode(raw: bytes, start: int, end: int, business_date: str) -> PrintedDocument:
    data = raw[start:end]
    codes = frozenset(code.decode("ascii") for code in CODE.findall(data))
    printer = EmulatedPrinter("80mm")
    printer.receive(data)
    complete = frozenset(
        code
        for code in codes
        for ticket in printer.tickets
        if f"[QR: ANJUNGAN:T:{business_date}:{code}]" in ticket.body
    )
    proof = data.find(PROOF_REQUEST)
    sent_end = end if proof < 0 else start + proof + len(PROOF_REQUEST)
    return PrintedDocument(start, end, sent_end, codes, complete)


def printed_twice(documents: list[PrintedDocument]) -> dict[str, int]:
    """Numbers found in more than one document, with how many."""
    counts = Counter(code for document in documents for code in document.codes)
    return {code: count for code, count in sorted(counts.items()) if count > 1}
