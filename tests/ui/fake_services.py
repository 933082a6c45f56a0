"""Guided services for the screens: the real catalogue and the real Wizard; only storing
and printing are faked (in memory), and a Voice that records instead of speaking."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache

from kiosk.catalogue.loader import load_catalogue
from kiosk.catalogue.model import ServiceDefinition
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.catalogue.validators import mask_nik
from kiosk.clock import Clock, SystemClock
from kiosk.printers import PrinterProblem
from kiosk.submissions.errors import ReceiptNotPrinted, SubmissionNotFound
from kiosk.submissions.tracking import new_tracking_code, normalise_tracking_code
from kiosk.submissions.types import Receipt, StatusView, SubmissionStatus
from kiosk.wizard import CompletedForm, Wizard
from ui.voice import Voice

WIB = timezone(timedelta(hours=7), "WIB")
OFFICE = "Kantor Desa Sukamaju"


@cache
def shipped_services() -> dict[str, ServiceDefinition]:
    loaded = load_catalogue(default_catalogue_dir())
    assert not loaded.problems, loaded.problems
    return loaded.services


@dataclass
class Start:
    service_id: str
    language: str
    assisted: bool


@dataclass
class FakeServices:
    """`finalise` keeps the form and answers like the real store; it can fail, fail to
    print after storing, or wait until a gate opens."""

    definitions: dict[str, ServiceDefinition] = field(default_factory=lambda: shipped_services())
    starts: list[Start] = field(default_factory=list)
    wizards: list[Wizard] = field(default_factory=list)
    forms: list[CompletedForm] = field(default_factory=list)
    stored: dict[str, StatusView] = field(default_factory=dict)
    print_fails: bool = False
    fail_with: Exception | None = None
    gate: threading.Event | None = None
    worker_threads: list[int] = field(default_factory=list)
    lookups: list[str] = field(default_factory=list)
    clock: Clock = field(default_factory=SystemClock)  # the wizards' clock

    def catalogue(self) -> list[ServiceDefinition]:
        self.worker_threads.append(threading.get_ident())
        return list(self.definitions.values())

    def start(self, service_id: str, language: str, assisted: bool) -> Wizard:
        self.starts.append(Start(service_id, language, assisted))
        wizard = Wizard(self.definitions[service_id], language, self.clock, assisted=assisted)
        self.wizards.append(wizard)
        return wizard

    def finalise(self, wizard: Wizard) -> Receipt:
        self.worker_threads.append(threading.get_ident())
        if self.gate is not None and not self.gate.wait(timeout=10):
            raise TimeoutError("the test never opened the gate")
        if self.fail_with is not None:
            raise self.fail_with
        form = wizard.result()
        self.forms.append(form)
        receipt = self._receipt(form)
        self.stored[receipt.tracking_code] = StatusView(
            tracking_code=receipt.tracking_code,
            service_title=receipt.service_title,
            status=SubmissionStatus.RECEIVED,
            updated_at=receipt.created_at,
            ready_on=receipt.ready_on,
        )
        if self.print_fails:
            raise ReceiptNotPrinted(receipt, PrinterProblem.PAPER_OUT)
        return receipt

    def status(self, tracking_code: str) -> StatusView:
        self.worker_threads.append(threading.get_ident())
        self.lookups.append(tracking_code)
        code = normalise_tracking_code(tracking_code)  # InvalidTrackingCode, like the store
        if code not in self.stored:
            raise SubmissionNotFound("no submission with this tracking code")
        return self.stored[code]

    def hold(self) -> threading.Event:
        self.gate = threading.Event()
        return self.gate

    def release(self) -> None:
        if self.gate is not None:
            self.gate.set()

    def _receipt(self, form: CompletedForm) -> Receipt:
        definition = self.definitions[form.service_id]
        return Receipt(
            submission_id=str(uuid.uuid4()),
            tracking_code=new_tracking_code(),
            service_id=definition.id,
            service_title=definition.title,
            created_at=datetime(2026, 3, 2, 9, 30, tzinfo=WIB),
            zone_label="WIB",
            masked_nik=mask_nik(form.nik) if form.nik else None,
            requirements=definition.requirements,
            ready_on=date(2026, 3, 2) + timedelta(days=definition.processing_days),
            output=definition.output,
            assisted=form.assisted,
            office_name=OFFICE,
        )


class RecordingVoice(Voice):
    """Says nothing; keeps what it would have said (numbers already in words)."""

    def __init__(self, enabled: bool = True) -> None:
        super().__init__(enabled=enabled)
        self.spoken: list[str] = []

    def _speak(self, text: str) -> None:
        self.spoken.append(text)
