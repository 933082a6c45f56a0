"""Errors the centre expects and explains in one line, to a technician or to a kiosk."""

from __future__ import annotations


class CentralError(Exception):
    """Base of every error the centre explains to a person; the message is one line."""


class SetupError(CentralError):
    """A setting, a key file or a database the technician must fix before serving."""


class NotFound(CentralError):
    """No application, kiosk or code by that reference."""


class Refused(CentralError):
    """An operation that is not allowed as asked (a transition, a missing message)."""


class Unauthenticated(CentralError):
    """No token, or one the centre never issued."""


class KioskRevoked(CentralError):
    """A token of a kiosk an operator has revoked."""


class EnrolmentCodeInvalid(CentralError):
    """A wrong, used or expired enrolment code: one error for all three."""
