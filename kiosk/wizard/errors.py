"""Errors of wizard use out of order: the screens prevent them, the core still refuses."""

from __future__ import annotations

from kiosk.errors import KioskError


class WizardError(KioskError):
    """Base of the wizard's errors."""


class WizardWiped(WizardError):
    """The form was wiped (idle timeout or finished): start a new wizard."""


class WrongStage(WizardError):
    """An action that the current stage does not offer, e.g. result() before consent."""
