"""A kiosk process that reserves one ticket and holds it PRINTING until told to go on.

Run as ``python -m tests.helpers.printing_child DATABASE_URL``: it says ``printing ID``
on stdout once the ticket is committed PRINTING and its printer "prints", then waits for
a line on stdin (or its death: the tests SIGKILL it there) before the ticket is issued.
"""

from __future__ import annotations

import sys

from kiosk.clock import SystemClock
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.queue.desk import QueueDesk
from kiosk.queue.types import IssuedTicket


class HoldingPrinter:
    """Ready at once; holds each ticket until a line arrives on stdin."""

    def check_ready(self) -> None:
        pass

    def print_ticket(self, ticket: IssuedTicket, language: str) -> None:
        print(f"printing {ticket.ticket_id}", flush=True)
        sys.stdin.readline()


def main(url: str) -> None:
    engine = create_engine_for(url)
    queue = QueueDesk(
        session_factory(engine), HoldingPrinter(), SystemClock(), "Kantor Uji", "Asia/Jakarta"
    )
    print(f"issued {queue.issue_ticket('A').code}", flush=True)
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
