"""What the screens need from the core, so that ui depends on no concrete class."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from kiosk.applications.types import Receipt, StatusView
from kiosk.catalogue.model import ServiceDefinition
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.queue.types import IssuedTicket, Priority, QueueLine
from kiosk.sync.types import SyncSummary

if TYPE_CHECKING:
    from kiosk.wizard import Wizard

Role = Literal["kiosk", "counter"]


class QueuePort(Protocol):
    """The queue service as the kiosk screens use it.

    `issue_ticket` blocks while the ticket prints, so the ui only calls it off
    the GUI thread (see `ui.tasks`).
    """

    def lines(self) -> list[QueueLine]: ...

    def issue_ticket(
        self, line_code: str, priority: Priority | None = None, language: str = "id"
    ) -> IssuedTicket: ...


class SyncPort(Protocol):
    """Sync with the centre as the start screen shows it; `summary` reads the database,
    so the ui calls it off the GUI thread."""

    def summary(self) -> SyncSummary: ...


class ApplicationsPort(Protocol):
    """The guided services (letters and documents) as the screens use them.

    `catalogue`, `finalise` and `status` may touch the database or a device, so the
    ui calls them off the GUI thread (see `ui.tasks`); `start` only builds
    an in-memory `Wizard` from the loaded catalogue and is called on the GUI thread.
    """

    def catalogue(self) -> list[ServiceDefinition]:
        """The services a citizen may choose, in the order shown."""
        ...

    def start(self, service_id: str, language: str, assisted: bool) -> Wizard:
        """A fresh wizard; `assisted` when a clerk fills it in at the counter."""
        ...

    def finalise(self, wizard: Wizard) -> Receipt:
        """Store the consented form (one transaction), then print its receipt.

        Blocks. When the form was stored but the receipt did not print, raises
        `kiosk.applications.errors.ReceiptNotPrinted` (it carries the receipt): the
        screen then shows the code. Any other error means nothing was stored, and the
        same wizard may be finalised again.
        """
        ...

    def status(self, tracking_code: str) -> StatusView:
        """The last known status; raises a KioskError for an invalid or unknown code."""
        ...


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
    role: Role = "kiosk"  # "counter": a clerk fills forms in for citizens
    timezone: str = "Asia/Jakarta"  # the office's, for times shown (a staff lockout's end)
    voice_enabled: bool | None = None  # None: on at the kiosk, off at the counter
    still_there_seconds: float = 20  # "Masih di sini?" countdown before a form is wiped
    recordings_dir: Path | None = None  # where services' audio paths start; None: shipped
    card_reader: bool = True  # one is configured: the NIK question says a card may be held

    @property
    def recordings(self) -> Path:
        """The directory a field's `audio` path is relative to (its service file's)."""
        return self.recordings_dir if self.recordings_dir is not None else default_catalogue_dir()

    @property
    def assisted(self) -> bool:
        """Forms are filled in by a clerk (staff hints shown, recorded as assisted)."""
        return self.role == "counter"

    @property
    def voice_on(self) -> bool:
        return self.voice_enabled if self.voice_enabled is not None else self.role == "kiosk"
