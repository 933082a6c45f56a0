"""What a receipt tells the citizen: the code's name, when to come back, what to bring;
the done screen shows the same sentences, so the paper and the screen never differ."""

from __future__ import annotations

from kiosk.applications.types import Receipt
from kiosk.catalogue.model import Output
from kiosk.i18n import N_, pick_language, translations
from kiosk.i18n.dates import date_with_weekday

TRACKING_CODE = N_("Tracking code")  # "Kode lacak": one term on paper and on screen
COME_BACK_ON = N_("Come back on")
WHAT_TO_BRING = N_("What to bring:")
LETTER_AFTER_CHECK = N_("Staff will print your letter after checking your documents.")


def come_back_on(receipt: Receipt, language: str) -> str:
    """The ready date with its weekday: "Senin, 3 Maret 2026"."""
    return date_with_weekday(receipt.ready_on, language)


def things_to_bring(receipt: Receipt, language: str) -> list[str]:
    return [pick_language(texts, language) for texts in receipt.requirements]


def letter_note(receipt: Receipt, language: str) -> str:
    """For a letter: staff print it once they have checked the documents ("" otherwise)."""
    if receipt.output is not Output.LETTER:
        return ""
    return translations(language).gettext(LETTER_AFTER_CHECK)
