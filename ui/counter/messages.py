"""The counter's outcomes and problems in plain words for the clerk (English msgids)."""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.queue.errors import CounterBusy, InvalidTransition, QueueBusy, UnknownLine
from kiosk.queue.messages import describe_error
from kiosk.queue.types import TicketState
from ui.i18n import Tr

S = TicketState


def describe_counter_error(error: BaseException, tr: Tr) -> str:
    """What went wrong and what to do; the queue's own wording where it has one."""
    if isinstance(error, CounterBusy):
        return tr(
            "Ticket %(code)s is still at this loket. Finish it, hold it or mark it "
            "as not present first."
        ) % {"code": error.code}
    if isinstance(error, InvalidTransition):
        return tr(
            "That ticket was changed meanwhile, perhaps at another loket. The screen "
            "now shows what is current."
        )
    if isinstance(error, UnknownLine):
        return tr(
            "Queue line %(code)s is not in use any more. Choose this loket's lines again."
        ) % {"code": error.code}
    if isinstance(error, QueueBusy | KioskError):
        return describe_error(error, tr.language)
    return unreachable_text(tr)


def unreachable_text(tr: Tr) -> str:
    """A database that does not answer (a cable, the server PC): said calmly."""
    return tr("The queue database cannot be reached. Trying again...")


def state_text(state: TicketState, tr: Tr) -> str:
    """Where the ticket at the loket stands."""
    return {
        S.CALLED: tr("Called, waiting for the citizen"),
        S.SERVING: tr("Being served"),
    }.get(state, "")


def done_text(action: str, code: str, tr: Tr) -> str:
    """A short confirmation of what the last tap did (the board shows the rest)."""
    texts = {
        "finish": tr("%(code)s is done."),
        "no_show": tr("%(code)s was marked as not present."),
        "hold": tr("%(code)s is set aside. Resume it when the citizen is back."),
    }
    return texts[action] % {"code": code} if action in texts else ""
