"""Errors of stored submissions that a person is told about."""

from __future__ import annotations

from kiosk.applications.types import Receipt
from kiosk.errors import KioskError
from kiosk.i18n import N_, translations
from kiosk.printers import PrinterProblem

TRACKING_CODE_INVALID = N_(
    "This tracking code is not valid. Please check the code printed on your receipt."
)
SUBMISSION_NOT_FOUND = N_("No application with this tracking code is stored at this office.")


class ApplicationError(KioskError):
    """Base of the submissions' errors; `msgid` is a translatable plain sentence."""

    msgid = ""

    def text(self, language: str) -> str:
        return translations(language).gettext(self.msgid)


class InvalidTrackingCode(ApplicationError):
    """Not a tracking code: wrong length, a letter we never use, or the check symbol fails."""

    msgid = TRACKING_CODE_INVALID


class ApplicationNotFound(ApplicationError):
    """A well-formed tracking code that this database does not know."""

    msgid = SUBMISSION_NOT_FOUND


RECEIPT_NOT_PRINTED = N_(
    "Your application is saved, but the receipt could not be printed. "
    "Please show this code to a staff member."
)


class ReceiptNotPrinted(ApplicationError):
    """The submission IS stored; only its receipt did not print (the screen shows the code)."""

    msgid = RECEIPT_NOT_PRINTED

    def __init__(self, receipt: Receipt, problem: PrinterProblem) -> None:
        super().__init__(f"receipt {receipt.tracking_code} not printed: {problem.value}")
        self.receipt = receipt
        self.problem = problem


ANSWERS_FORGOTTEN = N_(
    "The answers of this application were deleted after the retention period, as the law "
    "on personal data asks. Only its receipt can be printed again."
)


class AnswersForgotten(ApplicationError):
    """The application is finished and its answers were deleted (kiosk.applications.retention)."""

    msgid = ANSWERS_FORGOTTEN
