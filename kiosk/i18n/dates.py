"""Dates in words for screens, tickets, receipts and letters: the day before the month.

English is written as in Indonesia, "17 August 1985", not "August 17, 1985": Babel's
plain "en" is American English, so English dates follow CLDR's en_ID, English as used
in Indonesia (day, month, year), which CLDR 44 added and Babel has had since 2.14, our
lower bound. en_GB writes the same dates; en_ID is chosen because it says why, and
follows Indonesia should CLDR ever tell the two apart. Indonesian and Javanese dates
follow their own locales.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date

from kiosk.i18n import DEFAULT_LANGUAGE

DATE_LOCALES = {"en": "en_ID"}  # a language whose dates are written as in another locale


@lru_cache(maxsize=16)  # a few languages; never grows with odd input
def date_locale(language: str) -> Locale:
    """The locale whose date formats `language`'s dates follow; Indonesian when unknown."""
    try:
        return Locale.parse(DATE_LOCALES.get(language, language))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(DEFAULT_LANGUAGE)


def date_in_words(day: date, language: str) -> str:
    """ "17 Agustus 1985", "17 August 1985": a birth date, a letter's date."""
    return str(format_date(day, "long", locale=date_locale(language)))


def date_with_weekday(day: date, language: str) -> str:
    """ "Sabtu, 17 Agustus 1985": the weekday helps a person plan a visit.

    The weekday before the long date rather than CLDR's full format, whose Indonesian
    pads the day with a zero ("Sabtu, 01 Januari 2000") where the long date does not.
    """
    weekday = format_date(day, "EEEE", locale=date_locale(language))
    return f"{weekday}, {date_in_words(day, language)}"
