"""The documents' errors (and the submission lookup's) in plain words, in a language."""

from __future__ import annotations

from kiosk.applications.errors import ApplicationError
from kiosk.documents.errors import DocumentError
from kiosk.errors import KioskError
from kiosk.i18n import N_, translations
from kiosk.queue.messages import describe_error
from kiosk.security.sealing import SealBroken

SEAL_BROKEN = N_(
    "This application's data cannot be opened on this computer. Please call the technician."
)
UNEXPECTED = N_("The document could not be made. Please try again or call the technician.")


def describe_document_error(error: BaseException, language: str) -> str:
    """One or two sentences for staff; never the citizen's data, never a traceback."""
    _ = translations(language).gettext
    if isinstance(error, DocumentError):
        return _(error.msgid) % error.params if error.params else _(error.msgid)
    if isinstance(error, ApplicationError):
        return error.text(language)
    if isinstance(error, SealBroken):
        return _(SEAL_BROKEN)
    if isinstance(error, KioskError):
        return describe_error(error, language)
    return _(UNEXPECTED)
