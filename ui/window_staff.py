"""The kiosk window's staff side: the sign-in, menu, loket and documents, built at first
use, and where a tapped card goes (a badge to the sign-in, a citizen's card to a form)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ui.contracts import QueuePort, UiOptions
from ui.counter.contracts import CounterParts
from ui.documents.contracts import DocumentsPort
from ui.staff.contracts import StaffPort
from ui.staff.reports import ReportsPort

if TYPE_CHECKING:
    from ui.staff.flow import StaffFlow
    from ui.window import KioskWindow

log = logging.getLogger(__name__)


class StaffSide:
    """Everything staff-facing of one window; `flow` is None until first built."""

    def __init__(
        self,
        window: KioskWindow,
        port: StaffPort | None,
        documents: DocumentsPort | None,
        counter: CounterParts | None,
        reports: ReportsPort | None,
    ) -> None:
        self._window = window
        self._port, self._documents = port, documents
        self._counter, self._reports = counter, reports  # a counter PC: the loket after the PIN
        self.flow: StaffFlow | None = None

    @property
    def wanted(self) -> bool:
        return self._port is not None

    def build(self, queue: QueuePort, options: UiOptions) -> StaffFlow | None:
        """The staff flow (None without staff), built now if not yet."""
        if self.flow is not None or self._port is None:
            return self.flow
        from ui.counter.style import counter_stylesheet
        from ui.guided.style import guided_stylesheet
        from ui.staff.flow import StaffFlow

        window = self._window
        staff = StaffFlow(
            self._port,
            self._documents,
            options.timezone,
            window,
            counter=self._counter,
            lines=queue,
            counter_first=options.role == "counter",
            reports=self._reports,
        )
        staff.use_language(window.words)
        self._connect(staff)
        at_loket = set(staff.counter.screens) if staff.counter is not None else set()
        for screen in staff.screens:  # last, as for the guided flow
            window.add_screen(
                screen, counter_stylesheet if screen in at_loket else guided_stylesheet
            )
        self.flow = staff
        return staff

    def _connect(self, staff: StaffFlow) -> None:
        window = self._window
        staff.show_screen.connect(self._show_staff_screen)
        staff.home_requested.connect(window.go_home)
        staff.holder_identified.connect(self._on_card_holder)
        staff.link_chosen.connect(self._on_counter_link)
        staff.loket_opened.connect(lambda: window.set_larger_text(False))  # the citizen's

    def _show_staff_screen(self, name: str) -> None:
        """Staff's screens in the usual text size: larger text was the citizen's choice."""
        if name == "staff_sign_in":
            self._window.set_larger_text(False)
        self._window.show_screen(name)

    def _on_counter_link(self, name: str) -> None:
        """From the loket: a form filled in for the citizen, or a status lookup."""
        from ui.counter.screen import FORMS, STATUS

        guided = self._window.guided
        if guided is None:
            log.info("the counter's %s needs the guided services", name)
        elif name == FORMS:
            guided.reset()
            guided.open_services()
        elif name == STATUS:
            guided.reset()
            guided.open_status()

    def on_card_unclaimed(self, tag: str) -> None:
        """A badge opens the staff sign-in, a citizen's card fills their form; not while a
        ticket or a receipt is printing."""
        window = self._window
        guided = window.guided_if_built
        busy = (
            window.tickets.awaiting_ticket
            or (guided is not None and guided.busy)
            or (self.flow is not None and self.flow.busy)
        )
        staff = window.staff
        if not busy and staff is not None:
            in_form = guided is not None and guided.in_form
            for_a_form = in_form or window.current_screen in ("home", "guided_services")
            staff.card_tapped(tag, badges_welcome=not in_form, holders_welcome=for_a_form)

    def _on_card_holder(self, answers: object) -> None:
        """A citizen's card, looked up: into their open form, or kept for the form they
        start from the start screen; anywhere else (a staff screen) it is dropped."""
        window = self._window
        guided = window.guided
        if guided is None:
            return
        if guided.in_form:
            guided.prefill(answers)
        elif window.current_screen in ("home", guided.services_screen.name):
            guided.prefill(answers)
            window.home.show_card_notice(True)
        else:
            log.info("a citizen's card read on the %s screen was dropped", window.current_screen)
