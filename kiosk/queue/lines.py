"""The queue services an office starts with, and how they are seeded into the database."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.db.engine import begin_write
from kiosk.queue.models import Line
from kiosk.queue.types import QueueLine

WAIT_IN_WAITING_ROOM: Mapping[str, str] = {
    "id": "Silakan tunggu di ruang tunggu; nomor Anda akan dipanggil.",
    "en": "Please wait in the waiting room; your number will be called.",
    "jv": "Mangga ngentosi ing ruang tunggu; nomer panjenengan badhe dipuntimbali.",
}


@dataclass(frozen=True)
class LineDefinition:
    """A queue service as shipped; staff may later rename or disable it in the database."""

    code: str
    prefix: str
    names: Mapping[str, str]
    descriptions: Mapping[str, str]
    where_to_wait: Mapping[str, str] = field(default_factory=lambda: WAIT_IN_WAITING_ROOM)
    range_start: int = 1
    range_end: int = 999
    avg_service_minutes: int = 10
    sort_order: int = 0

    def to_row(self) -> Line:
        return Line(
            code=self.code,
            prefix=self.prefix,
            names=dict(self.names),
            descriptions=dict(self.descriptions),
            where_to_wait=dict(self.where_to_wait),
            range_start=self.range_start,
            range_end=self.range_end,
            avg_service_minutes=self.avg_service_minutes,
            enabled=True,
            sort_order=self.sort_order,
        )


DEFAULT_LINES: tuple[LineDefinition, ...] = (
    LineDefinition(
        code="A",
        prefix="A",
        names={
            "id": "Administrasi Kependudukan",
            "en": "Civil Registration",
            "jv": "Administrasi Kependudukan",
        },
        descriptions={
            "id": "KTP, Kartu Keluarga, akta kelahiran dan kematian, pindah datang.",
            "en": "ID cards, family cards, birth and death certificates, change of address.",
            "jv": "KTP, Kartu Keluarga, akta kelahiran lan kematian, pindhah dhateng.",
        },
        avg_service_minutes=10,
        sort_order=1,
    ),
    LineDefinition(
        code="B",
        prefix="B",
        names={"id": "Surat Keterangan", "en": "Certificates and Letters", "jv": "Serat Katrangan"},
        descriptions={
            "id": "Surat keterangan domisili, usaha, tidak mampu, dan surat pengantar.",
            "en": "Letters of domicile, business, low income, and cover letters.",
            "jv": "Serat katrangan domisili, usaha, kirang mampu, lan serat pengantar.",
        },
        avg_service_minutes=7,
        sort_order=2,
    ),
    LineDefinition(
        code="C",
        prefix="C",
        names={
            "id": "Pengaduan / Lainnya",
            "en": "Complaints / Other",
            "jv": "Pengaduan / Sanesipun",
        },
        descriptions={
            "id": "Pengaduan, pertanyaan, dan keperluan lain.",
            "en": "Complaints, questions and anything else.",
            "jv": "Pengaduan, pitakenan, lan keperluan sanesipun.",
        },
        avg_service_minutes=12,
        sort_order=3,
    ),
)


def seed_lines(session: Session, definitions: Iterable[LineDefinition]) -> int:
    """Insert the definitions whose code is missing. Existing rows keep every text staff
    set; they only gain the languages added since (e.g. Basa Jawa for an office that
    started with Indonesian and English).

    Each insert has its own savepoint, so a second kiosk seeding the same shared database
    at the same moment is harmless. Returns how many were inserted. The caller commits.
    """
    if not session.in_transaction():
        begin_write(session)  # SQLite: no other kiosk inserts between our read and write
    existing = set(session.scalars(select(Line.code)))
    inserted = 0
    for definition in definitions:
        if definition.code in existing:
            _add_missing_languages(session, definition)
            continue
        try:
            with session.begin_nested():
                session.add(definition.to_row())
        except IntegrityError:
            continue  # someone else inserted it first
        inserted += 1
    return inserted


def _add_missing_languages(session: Session, definition: LineDefinition) -> None:
    """Add the shipped texts of languages a row lacks, to a column whose texts are still
    the shipped ones; a column staff reworded is left alone (a shipped translation would
    contradict their wording). The row is locked first (PostgreSQL: a staff edit
    committed meanwhile is read, not overwritten)."""
    query = select(Line).where(Line.code == definition.code).with_for_update()
    row = session.scalars(query).one()
    for column in ("names", "descriptions", "where_to_wait"):
        current = dict(getattr(row, column))
        shipped = dict(getattr(definition, column))
        untouched = all(shipped.get(language) == text for language, text in current.items())
        if untouched and set(shipped) - set(current):
            setattr(row, column, {**shipped, **current})  # a new dict: SQLAlchemy sees it


def line_info(row: Line) -> QueueLine:
    """The plain, detached view of a service row that the screens and the printer get."""
    return QueueLine(
        code=row.code,
        prefix=row.prefix,
        names=dict(row.names),
        descriptions=dict(row.descriptions),
        where_to_wait=dict(row.where_to_wait),
    )
