"""Dates in words put the day before the month in every language, English included, on the
screens (the summary), the ticket, the receipt, the proof and the letters."""

from __future__ import annotations

from datetime import date

import pytest
from babel import localedata
from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from kiosk.catalogue.model import Field, FieldType
from kiosk.documents import answers
from kiosk.i18n import LANGUAGES
from kiosk.i18n.dates import date_in_words, date_locale, date_with_weekday
from kiosk.wizard.display import display_value
from printing.pdf.letter_templates import fill_letter
from printing.ticket import layout_ticket
from tests.helpers.tickets import make_ticket
from tests.printing.test_letter_pdf import ANSWERS

INDEPENDENCE = date(1985, 8, 17)  # a Saturday
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
BORN = Field(name="tanggal_lahir", type=FieldType.DATE, label={"id": "Tanggal lahir"})


def test_english_dates_read_day_month_year() -> None:
    assert date_in_words(INDEPENDENCE, "en") == "17 August 1985"
    assert date_with_weekday(INDEPENDENCE, "en") == "Saturday, 17 August 1985"


def test_babel_knows_english_as_written_in_indonesia() -> None:
    """en_ID came with CLDR 44 (Babel 2.14, the lower bound in pyproject.toml)."""
    assert localedata.exists("en_ID")
    assert str(date_locale("en")) == "en_ID"


@given(day=DAYS, language=st.sampled_from(sorted(LANGUAGES)))
def test_every_language_writes_the_day_then_its_month_then_the_year(
    day: date, language: str
) -> None:
    """The same words the explicit "d MMMM y" patterns gave before, for Indonesian and
    Javanese unchanged, and for English now in that order too."""
    assert date_in_words(day, language) == format_date(day, "d MMMM y", locale=language)
    weekday = format_date(day, "EEEE, d MMMM y", locale=language)
    assert date_with_weekday(day, language) == weekday


@pytest.mark.parametrize("language", ["", "xx", "../../etc/passwd", "en_US\x00", "e" * 10_000])
def test_an_unknown_language_writes_indonesian_dates(language: str) -> None:
    assert date_in_words(INDEPENDENCE, language) == "17 Agustus 1985"


def test_the_summary_shows_an_english_date_day_first() -> None:
    assert display_value(BORN, INDEPENDENCE, "en") == "17 August 1985"  # not "August 17, 1985"
    assert display_value(BORN, INDEPENDENCE, "id") == "17 Agustus 1985"


def test_documents_write_english_answers_day_first() -> None:
    assert answers.date_in_words("1985-08-17", "en") == "17 August 1985"
    filled = fill_letter(
        "surat-keterangan-domisili", {**ANSWERS, "tanggal_lahir": INDEPENDENCE}, "en"
    )
    assert "Sukabumi, 17 August 1985" in dict(filled.details).values()


def test_the_english_ticket_writes_the_day_first() -> None:
    text = layout_ticket(make_ticket(), "en", 48).plain_text()
    assert "Friday, 27 November 2026" in text
