"""What the guided procedures need from the outside: a receipt printer."""

from __future__ import annotations

from typing import Protocol

from kiosk.applications.types import Receipt


class ReceiptPrinter(Protocol):
    """Prints a stored application's receipt (tracking code, QR code, masked NIK).

    Returns once the printer accepted the whole receipt; raises
    :class:`kiosk.printers.PrinterUnavailable` when it did not.
    """

    def print_receipt(self, receipt: Receipt, language: str) -> None: ...
