"""The wording of the village letters (surat keterangan), filled from a submission's answers.

Answer names the templates read (values are text, or dates for `tanggal_lahir`):
  every letter: nama, nik, tempat_lahir, tanggal_lahir, alamat, keperluan;
                optional jenis_kelamin and pekerjaan (printed when answered)
  surat-keterangan-usaha also: nama_usaha, jenis_usaha, alamat_usaha; optional mulai_usaha
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_date

from kiosk.i18n import translations

Answers = Mapping[str, object]
Details = tuple[tuple[str, str], ...]
BIRTH_DATE_FORMAT = "d MMMM y"


class MissingAnswer(ValueError):
    """A letter needs an answer the submission does not have; `field` names it."""

    def __init__(self, template: str, field: str) -> None:
        super().__init__(f"letter {template!r} needs the answer {field!r}, which is missing")
        self.template = template
        self.field = field


@dataclass(frozen=True)
class FilledLetter:
    """A letter's title, the citizen's details (label, value) and its body paragraphs."""

    title: str
    details: Details = field(repr=False)  # personal data: never in a log line
    body: tuple[str, ...] = field(repr=False)


@dataclass(frozen=True)
class _Filling:
    """What one template reads: the answers, in which language, for which letter."""

    template: str
    answers: Answers
    language: str

    def gettext(self, message: str) -> str:
        return translations(self.language).gettext(message)

    def required(self, name: str) -> str:
        value = self.optional(name)
        if value is None:
            raise MissingAnswer(self.template, name)
        return value

    def optional(self, name: str) -> str | None:
        value = self.answers.get(name)
        if isinstance(value, date):
            return format_date(value, BIRTH_DATE_FORMAT, locale=self.language)
        if value is None or not str(value).strip():
            return None
        return self._maybe_date(name, str(value).strip())

    def _maybe_date(self, name: str, text: str) -> str:
        if not name.startswith("tanggal_"):
            return text
        try:
            return format_date(date.fromisoformat(text), BIRTH_DATE_FORMAT, locale=self.language)
        except ValueError:
            return text  # already written out, e.g. "14 Maret 1956"


def _person(filling: _Filling) -> Details:
    _ = filling.gettext
    birth = f"{filling.required('tempat_lahir')}, {filling.required('tanggal_lahir')}"
    rows = [
        (_("Name"), filling.required("nama")),
        (_("NIK"), filling.required("nik")),
        (_("Place/date of birth"), birth),
        (_("Sex"), filling.optional("jenis_kelamin")),
        (_("Occupation"), filling.optional("pekerjaan")),
        (_("Address"), filling.required("alamat")),
    ]
    return tuple((label, value) for label, value in rows if value is not None)


def _business(filling: _Filling) -> Details:
    _ = filling.gettext
    rows = [
        (_("Business name"), filling.required("nama_usaha")),
        (_("Type of business"), filling.required("jenis_usaha")),
        (_("Business address"), filling.required("alamat_usaha")),
        (_("In business since"), filling.optional("mulai_usaha")),
    ]
    return tuple((label, value) for label, value in rows if value is not None)


def _closing(filling: _Filling) -> tuple[str, str]:
    _ = filling.gettext
    purpose = filling.required("keperluan").rstrip(".")
    return (
        _("This letter is issued for the following purpose: %(purpose)s.") % {"purpose": purpose},
        _("This letter is issued truthfully, to be used as needed."),
    )


def _domicile(filling: _Filling) -> FilledLetter:
    _ = filling.gettext
    statement = _(
        "The person named above is truly a resident living at the address above, within our area."
    )
    body = (statement, *_closing(filling))
    return FilledLetter(_("Certificate of Domicile").upper(), _person(filling), body)


def _low_income(filling: _Filling) -> FilledLetter:
    _ = filling.gettext
    statement = _(
        "The person named above is truly a resident of our area and, to the best of "
        "our knowledge, belongs to a low-income family."
    )
    body = (statement, *_closing(filling))
    return FilledLetter(_("Certificate of Low Income").upper(), _person(filling), body)


def _business_letter(filling: _Filling) -> FilledLetter:
    _ = filling.gettext
    statement = _(
        "The person named above truly runs the business described above, located in our area."
    )
    details = _person(filling) + _business(filling)
    body = (statement, *_closing(filling))
    return FilledLetter(_("Certificate of Business").upper(), details, body)


TEMPLATES: dict[str, Callable[[_Filling], FilledLetter]] = {
    "surat-keterangan-domisili": _domicile,
    "surat-keterangan-tidak-mampu": _low_income,
    "surat-keterangan-usaha": _business_letter,
}


def fill_letter(template: str, answers: Answers, language: str) -> FilledLetter:
    """The wording of `template` for these answers; MissingAnswer (a ValueError) names
    the first answer it needs and lacks, ValueError an unknown template."""
    if template not in TEMPLATES:
        raise ValueError(f"no letter template named {template!r}; known: {sorted(TEMPLATES)}")
    return TEMPLATES[template](_Filling(template, answers, language))
