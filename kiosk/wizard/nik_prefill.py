"""Answers a NIK already tells, offered to the citizen to confirm instead of typed again.

Naming convention for service definitions: a field of type `date` named
``tanggal_lahir`` (date of birth) and a field of type `select_one` named
``jenis_kelamin`` (sex) with the choices ``L`` (laki-laki, male) and ``P``
(perempuan, female) are filled from the nearest `nik` field before them, once
that NIK is answered and valid: the birth date it encodes, and the sex by the
+40 rule (women's day of birth plus 40). ``laki_laki`` and ``perempuan`` are
understood as choice values too. A field named otherwise (``tanggal_lahir_ayah``)
is never filled, and neither is a field that comes before any NIK.

The filled value is flagged as proposed until the citizen confirms it (Next) or
changes it. If the NIK is corrected later, a value still derived from it follows
the new NIK and must be confirmed again; a value the citizen typed is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.catalogue.model import Choice, Field, FieldType
from kiosk.catalogue.validators import NikInfo, Sex
from kiosk.wizard.conversion import Answer

BIRTH_DATE_FIELD = "tanggal_lahir"
SEX_FIELD = "jenis_kelamin"
SEX_VALUES: dict[Sex, tuple[str, ...]] = {
    Sex.MALE: ("L", "laki_laki"),
    Sex.FEMALE: ("P", "perempuan"),
}


def is_prefilled(field: Field) -> bool:
    """Whether the convention applies to `field` (its name and its type)."""
    return (field.name, field.type) in (
        (BIRTH_DATE_FIELD, FieldType.DATE),
        (SEX_FIELD, FieldType.SELECT_ONE),
    )


def proposal(field: Field, nik: NikInfo, choices: Sequence[Choice]) -> Answer | None:
    """The answer `nik` tells for `field`; None when it tells nothing offered there."""
    if not is_prefilled(field):
        return None
    if field.type is FieldType.DATE:
        return nik.birth_date
    offered = {choice.value for choice in choices}
    return next((value for value in SEX_VALUES[nik.sex] if value in offered), None)
