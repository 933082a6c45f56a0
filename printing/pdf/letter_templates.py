"""The wording of the village letters (surat keterangan), filled from a submission's answers.

Answers come already in words (kiosk.documents.answers: choice labels, dates written out);
ISO dates in fields named `tanggal_*` are still written out here. Answer names read:
  domisili, tidak-mampu, usaha, skck: nama, nik, tempat_lahir, tanggal_lahir, alamat,
                keperluan; optional jenis_kelamin and pekerjaan (printed when answered)
  surat-keterangan-usaha also: nama_usaha, jenis_usaha, alamat_usaha; optional mulai_usaha
  surat-pengantar-skck also: kantor_polisi
  surat-keterangan-kelahiran: nama_bayi, jenis_kelamin_bayi, tanggal_lahir_bayi,
                tempat_persalinan, anak_ke, nama_ibu, nik_ibu, nama, nik, hubungan_pelapor;
                optional berat_bayi, nama_ayah, nik_ayah
  surat-keterangan-kematian: nama_almarhum, nik_almarhum, tanggal_kematian,
                tempat_kematian, sebab_kematian, nama, nik, hubungan_pelapor;
                optional no_kk, tempat_pemakaman
  surat-pengantar-pindah: nama, nik, no_kk, alasan_pindah, jenis_kepindahan,
                alamat_tujuan, provinsi_tujuan, tanggal_pindah; optional jumlah_pindah,
                kabupaten_tujuan
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from kiosk.i18n import translations
from kiosk.i18n.dates import date_in_words

Answers = Mapping[str, object]
Details = tuple[tuple[str, str], ...]


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
    answers: Answers = field(repr=False)  # personal data: never in a traceback or log
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
            return date_in_words(value, self.language)
        if value is None or not str(value).strip():
            return None
        return self._maybe_date(name, str(value).strip())

    def _maybe_date(self, name: str, text: str) -> str:
        if not name.startswith("tanggal_"):
            return text
        try:
            return date_in_words(date.fromisoformat(text), self.language)
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


def _rows(*rows: tuple[str, str | None]) -> Details:
    return tuple((label, value) for label, value in rows if value is not None)


def _reporter(filling: _Filling) -> str:
    _ = filling.gettext
    return _(
        "This was reported by %(name)s, NIK %(nik)s, the %(relation)s, "
        "who vouches for the truth of these details."
    ) % {
        "name": filling.required("nama"),
        "nik": filling.required("nik"),
        "relation": _mid_sentence(filling.required("hubungan_pelapor")),
    }


def _mid_sentence(label: str) -> str:
    """A choice label inside a sentence: "Tetangga / ketua RT" -> "tetangga / ketua RT"
    (only the first letter, and not of an acronym such as "RT")."""
    first = label.split(" ", 1)[0]
    if first.isupper() and len(first) > 1:
        return label
    return label[:1].lower() + label[1:]


def _truthfully(filling: _Filling) -> str:
    return filling.gettext("This letter is issued truthfully, to be used as needed.")


def _birth(filling: _Filling) -> FilledLetter:
    _ = filling.gettext
    weight = filling.optional("berat_bayi")
    details = _rows(
        (_("Name"), filling.required("nama_bayi")),
        (_("Sex"), filling.required("jenis_kelamin_bayi")),
        (_("Date of birth"), filling.required("tanggal_lahir_bayi")),
        (_("Place of delivery"), filling.required("tempat_persalinan")),
        (_("Child number"), filling.required("anak_ke")),
        (_("Weight at birth"), f"{weight} kg" if weight else None),
        (_("Mother's name"), filling.required("nama_ibu")),
        (_("Mother's NIK"), filling.required("nik_ibu")),
        (_("Father's name"), filling.optional("nama_ayah")),
        (_("Father's NIK"), filling.optional("nik_ayah")),
    )
    statement = _(
        "The child named above was truly born on %(date)s to parents who are residents of our area."
    ) % {"date": filling.required("tanggal_lahir_bayi")}
    purpose = _(
        "This statement is issued so that the birth certificate can be made at the "
        "Civil Registration Office (Disdukcapil)."
    )
    body = (statement, _reporter(filling), purpose, _truthfully(filling))
    return FilledLetter(_("Birth Statement").upper(), details, body)


def _death(filling: _Filling) -> FilledLetter:
    _ = filling.gettext
    details = _rows(
        (_("Name"), filling.required("nama_almarhum")),
        (_("NIK"), filling.required("nik_almarhum")),
        (_("Family Card number"), filling.optional("no_kk")),
        (_("Date of death"), filling.required("tanggal_kematian")),
        (_("Place of death"), filling.required("tempat_kematian")),
        (_("Cause of death"), filling.required("sebab_kematian")),
        (_("Place of burial"), filling.optional("tempat_pemakaman")),
    )
    statement = _(
        "The person named above, a resident of our area, truly passed away on %(date)s."
    ) % {"date": filling.required("tanggal_kematian")}
    purpose = _(
        "This statement is issued so that the death certificate can be made and the "
        "Family Card updated at the Civil Registration Office (Disdukcapil)."
    )
    body = (statement, _reporter(filling), purpose, _truthfully(filling))
    return FilledLetter(_("Death Statement").upper(), details, body)


def _destination(filling: _Filling) -> str:
    parts = (
        filling.required("alamat_tujuan"),
        filling.optional("kabupaten_tujuan"),
        filling.required("provinsi_tujuan"),
    )
    return ", ".join(part for part in parts if part)


def _moving(filling: _Filling) -> FilledLetter:
    _ = filling.gettext
    details = _rows(
        (_("Name"), filling.required("nama")),
        (_("NIK"), filling.required("nik")),
        (_("Family Card number"), filling.required("no_kk")),
        (_("Reason for moving"), filling.required("alasan_pindah")),
        (_("Who is moving"), filling.required("jenis_kepindahan")),
        (_("Number of people moving"), filling.optional("jumlah_pindah")),
        (_("Destination address"), _destination(filling)),
        (_("Planned moving date"), filling.required("tanggal_pindah")),
    )
    statement = _(
        "The person named above is a resident of our area who intends to move to the "
        "destination address above."
    )
    purpose = _(
        "This cover letter is issued so that the moving certificate (SKPWNI) can be "
        "processed at the Civil Registration Office (Disdukcapil)."
    )
    return FilledLetter(
        _("Cover Letter for Moving Out").upper(),
        details,
        (statement, purpose, _truthfully(filling)),
    )


def _police_clearance(filling: _Filling) -> FilledLetter:
    _ = filling.gettext
    statement = _(
        "The person named above is truly a resident of our area and, to the best of our "
        "knowledge, is of good conduct and has never been involved in a criminal case."
    )
    where = _(
        "This cover letter is given to apply for a police clearance certificate (SKCK) "
        "at the %(office)s."
    ) % {"office": filling.required("kantor_polisi")}
    body = (statement, where, *_closing(filling))
    return FilledLetter(
        _("Cover Letter for a Police Certificate (SKCK)").upper(), _person(filling), body
    )


TEMPLATES: dict[str, Callable[[_Filling], FilledLetter]] = {
    "surat-keterangan-domisili": _domicile,
    "surat-keterangan-tidak-mampu": _low_income,
    "surat-keterangan-usaha": _business_letter,
    "surat-keterangan-kelahiran": _birth,
    "surat-keterangan-kematian": _death,
    "surat-pengantar-pindah": _moving,
    "surat-pengantar-skck": _police_clearance,
}


def fill_letter(template: str, answers: Answers, language: str) -> FilledLetter:
    """The wording of `template` for these answers; MissingAnswer (a ValueError) names
    the first answer it needs and lacks, ValueError an unknown template."""
    if template not in TEMPLATES:
        raise ValueError(f"no letter template named {template!r}; known: {sorted(TEMPLATES)}")
    return TEMPLATES[template](_Filling(template, answers, language))
