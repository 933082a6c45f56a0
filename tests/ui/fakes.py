"""Fakes of the ports the screens are given: the queue, the guided services (the real
catalogue and Wizard, storing and printing in memory), the staff port, and a Voice that
records instead of speaking."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache

from kiosk.applications.errors import ApplicationNotFound, ReceiptNotPrinted
from kiosk.applications.tracking import new_tracking_code, normalise_tracking_code
from kiosk.applications.types import ApplicationStatus, Receipt, StatusView
from kiosk.cards import (
    CardHolder,
    StaffBadge,
    StaffLockedOut,
    StaffRole,
    StaffSession,
    UnknownCard,
    UnknownStaff,
    WrongPin,
)
from kiosk.catalogue.loader import load_catalogue
from kiosk.catalogue.model import ServiceDefinition
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.catalogue.validators import mask_nik
from kiosk.clock import Clock, SystemClock
from kiosk.printers import PrinterProblem
from kiosk.queue.types import IssuedTicket, Priority, QueueLine
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

    definitions: dict[str, ServiceDefinition] = field(
        default_factory=lambda: dict(shipped_services())
    )
    starts: list[Start] = field(default_factory=list)
    wizards: list[Wizard] = field(default_factory=list)
    forms: list[CompletedForm] = field(default_factory=list)
    stored: dict[str, StatusView] = field(default_factory=dict)
    print_fails: bool = False
    fail_with: Exception | None = None
    gate: threading.Event | None = None
    worker_threads: list[int] = field(default_factory=list)
    lookups: list[str] = field(default_factory=list)
    receipts: dict[int, Receipt] = field(default_factory=dict)  # by id() of the wizard
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
        receipt = self.receipts.get(id(wizard))  # stored once, as the real desk does
        if receipt is None:
            receipt = self._store(wizard, form)
        if self.print_fails:
            raise ReceiptNotPrinted(receipt, PrinterProblem.PAPER_OUT)
        return receipt

    def _store(self, wizard: Wizard, form: CompletedForm) -> Receipt:
        self.forms.append(form)
        receipt = self._receipt(form)
        self.receipts[id(wizard)] = receipt  # the wizard stays in self.wizards: ids hold
        self.stored[receipt.tracking_code] = StatusView(
            tracking_code=receipt.tracking_code,
            service_title=receipt.service_title,
            status=ApplicationStatus.RECEIVED,
            updated_at=receipt.created_at,
            ready_on=receipt.ready_on,
        )
        return receipt

    def status(self, tracking_code: str) -> StatusView:
        self.worker_threads.append(threading.get_ident())
        self.lookups.append(tracking_code)
        code = normalise_tracking_code(tracking_code)  # InvalidTrackingCode, like the store
        if code not in self.stored:
            raise ApplicationNotFound("no submission with this tracking code")
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


SERVICE_A = QueueLine(
    code="A",
    prefix="A",
    names={"id": "Administrasi Kependudukan", "en": "Population records"},
    descriptions={"id": "KTP, KK, akta kelahiran", "en": "ID card, family card, birth"},
    where_to_wait={"id": "Tunggu di kursi biru.", "en": "Wait on the blue chairs."},
)
SERVICE_B = QueueLine(
    code="B",
    prefix="B",
    names={"id": "Surat Keterangan", "en": "Certificates"},
    descriptions={"id": "Surat domisili, surat usaha", "en": "Residence and business letters"},
    where_to_wait={"id": "Tunggu di depan loket 2.", "en": "Wait in front of counter 2."},
)


@dataclass
class IssueCall:
    line_code: str
    priority: Priority | None
    language: str
    thread_id: int


@dataclass
class FakeQueue:
    """Answers like the real queue; can fail with an error or hold until a gate opens.

    With `services_gate`, `lines()` waits as the composition root's deferred queue does
    while the database opens. The screens never ask for lines on the GUI thread (the
    database may still be opening, or slow): doing so fails the test.
    """

    service_list: list[QueueLine] = field(default_factory=lambda: [SERVICE_A, SERVICE_B])
    people_ahead: int = 3
    minutes_per_person: int = 7
    fail_with: Exception | None = None
    gate: threading.Event | None = None  # when set, issue_ticket waits for it
    services_gate: threading.Event | None = None
    services_fail_with: Exception | None = None
    calls: list[IssueCall] = field(default_factory=list)
    started: threading.Event = field(default_factory=threading.Event)
    _numbers: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def lines(self) -> list[QueueLine]:
        assert threading.current_thread() is not threading.main_thread(), "lines on the GUI thread"
        if self.services_gate is not None and not self.services_gate.wait(timeout=10):
            raise TimeoutError("the test never opened the services gate")
        if self.services_fail_with is not None:
            raise self.services_fail_with
        return list(self.service_list)

    def issue_ticket(
        self, line_code: str, priority: Priority | None = None, language: str = "id"
    ) -> IssuedTicket:
        with self._lock:
            self.calls.append(IssueCall(line_code, priority, language, threading.get_ident()))
        self.started.set()
        if self.gate is not None and not self.gate.wait(timeout=10):
            raise TimeoutError("the test never opened the gate")
        if self.fail_with is not None:
            raise self.fail_with
        service = next(s for s in self.service_list if s.code == line_code)
        with self._lock:
            number = self._numbers.get(line_code, 0) + 1
            self._numbers[line_code] = number
        return IssuedTicket(
            ticket_id=len(self.calls),
            code=f"{service.prefix}-{number:03d}",
            number=number,
            business_date=date(2026, 3, 2),
            line=service,
            priority=priority,
            issued_at=datetime(2026, 3, 2, 8, 15, tzinfo=WIB),
            zone_label="WIB",
            people_ahead=self.people_ahead,
            estimated_wait_minutes=self.people_ahead * self.minutes_per_person,
            office_name="Kantor Desa Sukamaju",
        )

    def hold(self) -> threading.Event:
        """Make the next tickets wait until the returned event is set."""
        self.gate = threading.Event()
        return self.gate

    def hold_services(self) -> threading.Event:
        """Keep the service list from arriving until the returned event is set."""
        self.services_gate = threading.Event()
        return self.services_gate

    @property
    def lines_held(self) -> bool:
        """The line list waits for the test to open its gate."""
        return self.services_gate is not None and not self.services_gate.is_set()

    def release(self) -> None:
        """Open every gate, so that no pool thread is left waiting after a test."""
        for gate in (self.gate, self.services_gate):
            if gate is not None:
                gate.set()


NUMBER, PIN, BADGE, HOLDER_CARD = "1001", "482915", "0A1B2C3D4E", "1F00A1B2C3"
NOW = datetime(2024, 5, 6, 2, 0, tzinfo=UTC)
LOCKED_UNTIL = datetime(2024, 5, 6, 2, 15, tzinfo=UTC)  # 09:15 WIB


class FakeStaffPort:
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.locked = False
        self.threads: set[str] = set()
        self._lock = threading.Lock()

    def _record(self, *call: str) -> None:
        with self._lock:
            self.calls.append(call)
            self.threads.add(threading.current_thread().name)

    def sign_in(self, staff_number: str, pin: str) -> StaffSession:
        self._record("sign_in", staff_number, pin)
        if staff_number != NUMBER:
            raise UnknownStaff()
        return self._check(pin)

    def sign_in_with_badge(self, tag: str, pin: str) -> StaffSession:
        self._record("sign_in_with_badge", tag, pin)
        if tag != BADGE:
            raise UnknownCard()
        return self._check(pin)

    def identify_staff(self, tag: str) -> StaffBadge | None:
        self._record("identify_staff", tag)
        found = self._identify(tag)
        return found if isinstance(found, StaffBadge) else None

    def identify(self, tag: str) -> StaffBadge | CardHolder | None:
        self._record("identify", tag)
        return self._identify(tag)

    def _identify(self, tag: str) -> StaffBadge | CardHolder | None:
        if tag == BADGE:
            return StaffBadge(NUMBER, "Siti Aminah", StaffRole.CLERK)
        if tag == HOLDER_CARD:
            return CardHolder("3273011708850001", "Budi Santoso", NOW)
        return None

    def _check(self, pin: str) -> StaffSession:
        if self.locked:
            raise StaffLockedOut(LOCKED_UNTIL)
        if pin != PIN:
            raise WrongPin(4)
        return StaffSession(NUMBER, "Siti Aminah", StaffRole.CLERK, NOW)
