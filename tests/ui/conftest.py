"""Qt offscreen, a fake queue, and a kiosk window wired to it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from kiosk.queue.types import IssuedTicket, Priority, ServiceInfo
from tests.ui.fake_services import FakeServices, RecordingVoice
from ui.contracts import UiOptions
from ui.window import KioskWindow

WindowFactory = Callable[..., KioskWindow]
WIB = timezone(timedelta(hours=7), "WIB")

SERVICE_A = ServiceInfo(
    code="A",
    prefix="A",
    names={"id": "Administrasi Kependudukan", "en": "Population records"},
    descriptions={"id": "KTP, KK, akta kelahiran", "en": "ID card, family card, birth"},
    where_to_wait={"id": "Tunggu di kursi biru.", "en": "Wait on the blue chairs."},
)
SERVICE_B = ServiceInfo(
    code="B",
    prefix="B",
    names={"id": "Surat Keterangan", "en": "Certificates"},
    descriptions={"id": "Surat domisili, surat usaha", "en": "Residence and business letters"},
    where_to_wait={"id": "Tunggu di depan loket 2.", "en": "Wait in front of counter 2."},
)


@dataclass
class IssueCall:
    service_code: str
    priority: Priority | None
    language: str
    thread_id: int


@dataclass
class FakeQueue:
    """Answers like the real queue; can fail with an error or hold until a gate opens.

    With `services_gate`, `services()` behaves like the composition root's DeferredQueue
    while the database opens: an empty list on the GUI thread, a wait elsewhere.
    """

    service_list: list[ServiceInfo] = field(default_factory=lambda: [SERVICE_A, SERVICE_B])
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

    def services(self) -> list[ServiceInfo]:
        if self.services_gate is not None:
            if threading.current_thread() is threading.main_thread():
                if not self.services_gate.is_set():
                    return []
            elif not self.services_gate.wait(timeout=10):
                raise TimeoutError("the test never opened the services gate")
        if self.services_fail_with is not None:
            raise self.services_fail_with
        return list(self.service_list)

    def issue_ticket(
        self, service_code: str, priority: Priority | None = None, language: str = "id"
    ) -> IssuedTicket:
        with self._lock:
            self.calls.append(IssueCall(service_code, priority, language, threading.get_ident()))
        self.started.set()
        if self.gate is not None and not self.gate.wait(timeout=10):
            raise TimeoutError("the test never opened the gate")
        if self.fail_with is not None:
            raise self.fail_with
        service = next(s for s in self.service_list if s.code == service_code)
        with self._lock:
            number = self._numbers.get(service_code, 0) + 1
            self._numbers[service_code] = number
        return IssuedTicket(
            ticket_id=len(self.calls),
            code=f"{service.prefix}-{number:03d}",
            number=number,
            business_date=date(2026, 3, 2),
            service=service,
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

    def release(self) -> None:
        """Open every gate, so that no pool thread is left waiting after a test."""
        for gate in (self.gate, self.services_gate):
            if gate is not None:
                gate.set()


@pytest.fixture
def fake_queue() -> Iterator[FakeQueue]:
    queue = FakeQueue()
    yield queue
    queue.release()


@pytest.fixture
def options() -> UiOptions:
    return UiOptions(office_name="Kantor Desa Sukamaju", fullscreen=False)


def shown_windows(
    qtbot: Any,
    options: UiOptions,
    build: Callable[[UiOptions], KioskWindow],
    release: Callable[[], None],
) -> Iterator[WindowFactory]:
    """A factory of shown kiosk windows (keyword arguments replace fields of `options`);
    `release` unblocks the fakes before pytest-qt closes a window (which waits for its
    workers), and every window must shut down cleanly at the end."""
    windows: list[KioskWindow] = []

    def make(**changes: Any) -> KioskWindow:
        kiosk = build(replace(options, **changes))
        qtbot.addWidget(kiosk, before_close_func=lambda _kiosk: release())
        kiosk.resize(1280, 800)
        kiosk.show()
        qtbot.waitExposed(kiosk)
        windows.append(kiosk)
        return kiosk

    yield make
    release()
    for kiosk in windows:
        assert kiosk.shutdown(5_000), "a call was still running"


@pytest.fixture
def make_window(qtbot, fake_queue: FakeQueue, options: UiOptions) -> Iterator[WindowFactory]:
    """Build a shown kiosk window; keyword arguments replace fields of `options`."""

    def build(chosen: UiOptions) -> KioskWindow:
        return KioskWindow(fake_queue, chosen)

    yield from shown_windows(qtbot, options, build, fake_queue.release)


@pytest.fixture
def window(make_window: WindowFactory) -> KioskWindow:
    return make_window()


# -- guided services (tests/ui/fake_services.py) ------------------------------


@pytest.fixture
def fake_services() -> Iterator[FakeServices]:
    services = FakeServices()
    yield services
    services.release()


@pytest.fixture
def make_guided(
    qtbot, fake_queue: FakeQueue, fake_services: FakeServices, options: UiOptions
) -> Iterator[WindowFactory]:
    """A shown kiosk window with guided services and a RecordingVoice (`window.voice`),
    enabled as the role says; keyword arguments replace fields of `options`."""

    def build(chosen: UiOptions) -> KioskWindow:
        voice = RecordingVoice(enabled=chosen.voice_on)
        return KioskWindow(fake_queue, chosen, fake_services, voice)

    def release() -> None:
        fake_queue.release()
        fake_services.release()

    yield from shown_windows(qtbot, options, build, release)


@pytest.fixture
def guided(make_guided: WindowFactory) -> KioskWindow:
    return make_guided()
