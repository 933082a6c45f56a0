"""The wizard's plain, translatable messages, and texts of a definition picked by language."""

from __future__ import annotations

from kiosk.catalogue.model import Texts
from kiosk.i18n import DEFAULT_LANGUAGE, N_, translations

REQUIRED = N_("Please answer this question.")
ACKNOWLEDGE_NEEDED = N_("Please confirm to continue.")
CONSTRAINT_FAILED = N_("This answer is not possible. Please check it.")
CONSTRAINT_UNCHECKED = N_("This answer could not be checked. Please ask the staff for help.")
NOT_VALID = N_("This answer is not valid.")
NOT_A_WHOLE_NUMBER = N_("Please enter a whole number, for example 12.")
NOT_A_NUMBER = N_("Please enter a number, for example 2,5.")
NOT_A_DATE = N_("Please enter a real date.")
NOT_A_CHOICE = N_("Please choose one of the options shown.")
TOO_LONG = N_("This answer is too long.")
READ_ONLY = N_("This answer cannot be changed here.")
CONSENT_NEEDED = N_("Please read the statement and agree to continue.")
NOT_ANSWERED = N_("(not answered)")
YES = N_("Yes")


def translated(msgid: str, language: str) -> str:
    return translations(language).gettext(msgid)


def text_in(texts: Texts, language: str) -> str:
    """The text in `language`, else in Indonesian (always present in a definition)."""
    return texts.get(language) or texts.get(DEFAULT_LANGUAGE) or ""


def optional_text_in(texts: Texts, language: str) -> str | None:
    return text_in(texts, language) or None


def message_in(texts: Texts, fallback: str, language: str) -> str:
    """The definition's own message in `language`, else the generic `fallback` msgid
    translated: a plain sentence in the citizen's language beats a precise one in another."""
    return texts.get(language) or translated(fallback, language)
