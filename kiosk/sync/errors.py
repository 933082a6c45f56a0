"""What can go wrong talking to the centre, each with the slug the kiosk records.

`retry` says whether trying the same request later can succeed: a dead line, a busy
or broken centre, or an answer that is not the centre's (a hotspot's login page) can
pass; a revoked kiosk, a refused enrolment or an insecure address cannot.
"""

from __future__ import annotations

from kiosk.errors import KioskError


class SyncError(KioskError):
    """Base of the sync errors; `problem` is stored as the last problem."""

    problem = "sync"
    retry = True


class CentralUnreachable(SyncError):
    """No answer: no line, no route, refused, reset or timed out."""

    problem = "unreachable"


class CentralBusy(SyncError):
    """429 or 503: try again, after `retry_after` seconds when the centre said so."""

    problem = "busy"

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class CentralFault(SyncError):
    """The centre failed (5xx): the batch is sent again unchanged later."""

    problem = "server_fault"


class CentralAnswerInvalid(SyncError):
    """An answer that is not what the contract says: wrong type, garbage, too big."""

    problem = "bad_answer"


class NotAuthenticated(SyncError):
    """The centre does not know this kiosk's credential: enrol it again."""

    problem = "unauthenticated"
    retry = False


class KioskRevoked(SyncError):
    """An operator revoked this kiosk; its outbox stays until it is enrolled again."""

    problem = "revoked"
    retry = False


class EnrolmentRefused(SyncError):
    """The enrolment code is wrong, used or expired."""

    problem = "enrolment_refused"
    retry = False


class InsecureAddress(SyncError):
    """An address the kiosk will not send citizen data to (plain http to another host)."""

    problem = "insecure_address"
    retry = False


class NotEnrolled(SyncError):
    """The kiosk has no centre yet: `kiosk enrol URL CODE`."""

    problem = "not_enrolled"
    retry = False


class CatalogueRefused(SyncError):
    """A catalogue whose signature or content does not hold: the old one stays."""

    problem = "catalogue_refused"
