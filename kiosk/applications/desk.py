"""The guided procedures as the screens use them: pick one, fill it in, store it, print its
receipt, look its status up."""

from __future__ import annotations

import logging
import uuid
import weakref
from collections.abc import Callable, Mapping

from kiosk.applications.errors import ReceiptNotPrinted
from kiosk.applications.ports import ReceiptPrinter
from kiosk.applications.store import ApplicationStore
from kiosk.applications.types import Receipt, StatusView
from kiosk.catalogue.model import ServiceDefinition
from kiosk.clock import Clock
from kiosk.printers import PrinterProblem, PrinterUnavailable
from kiosk.wizard import Wizard

log = logging.getLogger(__name__)


class ApplicationDesk:
    """Implements ui.contracts.ApplicationsPort; `definitions` is the loaded catalogue by id."""

    def __init__(
        self,
        definitions: Mapping[str, ServiceDefinition],
        submissions: ApplicationStore,
        printer: ReceiptPrinter,
        clock: Clock,
        timezone: str,
        on_stored: Callable[[], None] | None = None,
    ) -> None:
        """`on_stored` is called after each new application is committed (sync sends it)."""
        self._definitions = definitions
        self._on_stored = on_stored or (lambda: None)
        self._submissions = submissions
        self._printer = printer
        self._clock = clock
        self._timezone = timezone
        # Forms already stored, by their wizard: a retry after a failure prints again
        # but never stores a second application.
        self._stored: weakref.WeakKeyDictionary[Wizard, Receipt] = weakref.WeakKeyDictionary()
        # One application id per wizard, drawn once: the store's idempotency key, so a
        # retry after a failure past the commit (or an ambiguous commit) finds the form
        # already stored instead of storing it under a new id and tracking code.
        self._ids: weakref.WeakKeyDictionary[Wizard, str] = weakref.WeakKeyDictionary()

    def catalogue(self) -> list[ServiceDefinition]:
        return sorted(self._definitions.values(), key=lambda d: d.title.get("id", d.id))

    def start(self, service_id: str, language: str, assisted: bool) -> Wizard:
        definition = self._definitions[service_id]
        return Wizard(definition, language, self._clock, assisted, timezone=self._timezone)

    def finalise(self, wizard: Wizard) -> Receipt:
        """Store the form (once, however often this is called for it), then print its
        receipt. Once stored, any failure is ReceiptNotPrinted: the citizen is told the
        application is in and shown its code, never asked to send it again."""
        form = wizard.result()
        receipt = self._stored.get(wizard)
        if receipt is None:
            application_id = self._ids.setdefault(wizard, str(uuid.uuid4()))
            # The definition the form was filled in with: a catalogue replaced meanwhile
            # (kiosk.catalogue.live) applies to the next citizen only.
            definition = wizard.definition
            receipt = self._submissions.finalise(form, definition, submission_id=application_id)
            self._stored[wizard] = receipt
            self._on_stored()
        try:
            self._printer.print_receipt(receipt, form.language)
        except PrinterUnavailable as error:
            raise ReceiptNotPrinted(receipt, error.problem) from error
        except Exception as error:  # a bad printer setting, an encoder bug: still stored
            log.error("receipt %s not printed: %s", receipt.tracking_code, type(error).__name__)
            raise ReceiptNotPrinted(receipt, PrinterProblem.NOT_RESPONDING) from error
        return receipt

    def status(self, tracking_code: str) -> StatusView:
        return self._submissions.status(tracking_code)
