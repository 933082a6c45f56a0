"""What the screens need from the core, so that ui depends on no concrete class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kiosk.queue.types import IssuedTicket, Priority, ServiceInfo


class QueuePort(Protocol):
    """The queue service as the kiosk screens use it.

    `issue_ticket` blocks while the ticket prints, so the ui only calls it off
    the GUI thread (see `ui.worker`).
    """

    def services(self) -> list[ServiceInfo]: ...

    def issue_ticket(
        self, service_code: str, priority: Priority | None = None, language: str = "id"
    ) -> IssuedTicket: ...


@dataclass(frozen=True)
class UiOptions:
    """How the kiosk screens behave; the seconds may be fractions (tests use short ones)."""

    office_name: str
    language: str = "id"
    idle_timeout_seconds: float = 60
    high_contrast: bool = False
    fullscreen: bool = True
    done_screen_seconds: float = 15
    loading_timeout_seconds: float = 15  # how long a tap waits for the service list
    printing_watchdog_seconds: float = 60  # a ticket call silent this long: printer problem
