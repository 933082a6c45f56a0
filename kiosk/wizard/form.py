"""A finished, consented form: what the wizard hands to the submission store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

# Answers as JSON values: text, whole numbers, true, lists of choice values; dates
# are ISO "YYYY-MM-DD" strings and decimals strings such as "1.5".
JsonAnswer = str | int | bool | list[str]


@dataclass(frozen=True)
class CompletedForm:
    """Personal data lives in `answers` and `nik` only, and neither is in the repr."""

    service_id: str
    service_version: int
    answers: Mapping[str, JsonAnswer] = field(repr=False)
    assisted: bool  # a clerk filled it in at the counter
    language: str
    nik: str | None = field(repr=False)  # the first NIK answered: the applicant's
    consented_at: datetime  # aware; when the UU PDP statement was accepted
