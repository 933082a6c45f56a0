"""The start screen's small line about sync: online or not, what waits, the last success.

Calm words for the citizen and the clerk (nothing is lost either way); refreshed off the
GUI thread every REFRESH_MS and whenever the start screen shows. Shown only once the
kiosk is enrolled with a centre.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from babel.dates import format_time
from PySide6.QtCore import QObject, QTimer

from kiosk.sync.types import SyncSummary
from ui.contracts import SyncPort
from ui.i18n import Tr
from ui.tasks import Policy, Tasks

REFRESH_MS = 30_000
# The centre no longer knows this kiosk (revoked, or its credential is gone): waiting
# will not help, a technician must enrol it again; its outbox stays meanwhile.
NEEDS_ENROLMENT = ("revoked", "unauthenticated")


def sync_text(summary: SyncSummary, tr: Tr, zone: tzinfo) -> str:
    """One short line at 1280 px; empty when the kiosk has no centre."""
    if not summary.enrolled:
        return ""
    count = {"count": summary.pending}
    if summary.last_problem in NEEDS_ENROLMENT:
        text = tr.ngettext(
            "Not connected: a technician must enrol this kiosk again. "
            "%(count)d application is kept safely here.",
            "Not connected: a technician must enrol this kiosk again. "
            "%(count)d applications are kept safely here.",
            summary.pending,
        )
        return text % count
    if summary.online and not summary.pending:
        first = tr("Online. Everything has been sent.")
    elif summary.online:
        first = tr.ngettext(
            "Online. %(count)d application is being sent.",
            "Online. %(count)d applications are being sent.",
            summary.pending,
        )
        first %= count
    elif summary.pending:
        first = tr.ngettext(
            "Offline. %(count)d application is kept safely, to be sent later.",
            "Offline. %(count)d applications are kept safely, to be sent later.",
            summary.pending,
        )
        first %= count
    else:
        first = tr("Offline. Nothing is waiting to be sent.")
    if summary.last_success_at is None:
        return first
    when = format_time(summary.last_success_at, "HH.mm", tzinfo=zone, locale=tr.language)
    return first + " " + tr("Last connected %(time)s.") % {"time": when}


class SyncWatch(QObject):
    """Asks `port` for the summary now and then; `show(text)` puts it on the screen."""

    def __init__(
        self, port: SyncPort, show: Callable[[SyncSummary], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._port = port
        self._show = show
        self._tasks = Tasks(self)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def refresh(self) -> None:
        self._tasks.add(
            self._port.summary,
            self._show,
            lambda error: None,  # not open yet, or the database is busy: try next time
            # the newest question wins: a refresh asked while one is on its way (coming
            # back to the start screen) must not be refused, or the line shows stale words
            policy=Policy.LATEST_ONLY,
            kind="summary",
        )

    def shutdown(self, msecs: int) -> bool:
        """No more refreshes; True once the one asked for has ended."""
        self._timer.stop()
        return self._tasks.wait_for_done(msecs)
