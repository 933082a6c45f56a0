"""Errors of printing a submission's documents; each carries a plain, translatable sentence."""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.i18n import N_

NO_LETTER = N_("This service does not produce a letter. Print the proof instead.")
SERVICE_NOT_OFFERED = N_(
    "This service is no longer in this kiosk's catalogue, so its letter cannot be printed."
)
LETTER_NEEDS_ANSWER = N_(
    "The letter cannot be made: the answer to '%(question)s' is missing from the application."
)
PRINT_COMMAND_MISSING = N_(
    "The A4 print command '%(command)s' was not found. "
    "Check documents.print_command in the settings."
)
PRINT_REJECTED = N_("The A4 printer did not accept the document: %(reason)s")
PRINT_TIMED_OUT = N_(
    "The A4 printer did not answer within %(seconds)d seconds. "
    "Check that it is switched on, then try again."
)


class DocumentError(KioskError):
    """Base of the documents' errors; `msgid` and `params` make the plain sentence."""

    msgid = ""

    @property
    def params(self) -> dict[str, object]:
        return {}


class NoLetterForService(DocumentError):
    """The submission's service gives a receipt only (`output: receipt`)."""

    msgid = NO_LETTER

    def __init__(self, service_id: str) -> None:
        super().__init__(f"service {service_id!r} produces no letter")
        self.service_id = service_id


class ServiceNotOffered(DocumentError):
    """The submission's service is not in the loaded catalogue any more."""

    msgid = SERVICE_NOT_OFFERED

    def __init__(self, service_id: str) -> None:
        super().__init__(f"service {service_id!r} is not in the catalogue")
        self.service_id = service_id


class LetterNeedsAnswer(DocumentError):
    """The letter template needs an answer the submission lacks (wraps MissingAnswer).

    `question` is the field's label (a question text, never an answer), for the sentence.
    """

    msgid = LETTER_NEEDS_ANSWER

    def __init__(self, template: str, field: str, question: str = "") -> None:
        super().__init__(f"letter {template!r} needs the answer {field!r}")
        self.template = template
        self.field = field
        self.question = question or field

    @property
    def params(self) -> dict[str, object]:
        return {"question": self.question}


class A4PrintFailed(DocumentError):
    """The A4 print command did not take the document; nothing was left on disk."""


class PrintCommandMissing(A4PrintFailed):
    msgid = PRINT_COMMAND_MISSING

    def __init__(self, command: str) -> None:
        super().__init__(f"print command not found: {command!r}")
        self.command = command

    @property
    def params(self) -> dict[str, object]:
        return {"command": self.command}


class PrintRejected(A4PrintFailed):
    msgid = PRINT_REJECTED

    def __init__(self, reason: str) -> None:
        super().__init__(f"the A4 printer did not accept the document: {reason}")
        self.reason = reason

    @property
    def params(self) -> dict[str, object]:
        return {"reason": self.reason}


class PrintTimedOut(A4PrintFailed):
    msgid = PRINT_TIMED_OUT

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the A4 print command did not finish within {seconds:g} s")
        self.seconds = seconds

    @property
    def params(self) -> dict[str, object]:
        return {"seconds": round(self.seconds)}
