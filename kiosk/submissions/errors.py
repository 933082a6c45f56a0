"""Errors of stored submissions that a person is told about."""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.i18n import N_, translations

TRACKING_CODE_INVALID = N_(
    "This tracking code is not valid. Please check the code printed on your receipt."
)
SUBMISSION_NOT_FOUND = N_("No application with this tracking code is stored at this office.")


class SubmissionError(KioskError):
    """Base of the submissions' errors; `msgid` is a translatable plain sentence."""

    msgid = ""

    def text(self, language: str) -> str:
        return translations(language).gettext(self.msgid)


class InvalidTrackingCode(SubmissionError):
    """Not a tracking code: wrong length, a letter we never use, or the check symbol fails."""

    msgid = TRACKING_CODE_INVALID


class SubmissionNotFound(SubmissionError):
    """A well-formed tracking code that this database does not know."""

    msgid = SUBMISSION_NOT_FOUND
