"""Migrations: empty database to head, idempotent, and matching the ORM models exactly."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from kiosk.db.base import Base
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.db.migrate import (
    HEAD_REVISION,
    alembic_config,
    current_revision,
    head_revision,
    upgrade,
)
from kiosk.queue.lines import DEFAULT_LINES, seed_lines
from kiosk.queue.models import Line

TABLES = {
    "services",
    "daily_counters",
    "tickets",
    "ticket_events",
    "submissions",
    "submission_events",
    "outbox",
    "staff_members",
    "card_holders",
    "staff_events",
    "key_checks",
    "data_upgrades",
    "sync_state",
    "catalogue_documents",
    "alembic_version",
}


def model_differences(engine: Engine, metadata: sa.MetaData = Base.metadata) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def test_upgrade_from_empty_creates_the_tables(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        assert current_revision(engine) is None

        upgrade(engine)

        assert set(inspect(engine).get_table_names()) == TABLES
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_upgrade_accepts_a_url_and_running_twice_is_a_no_op(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    upgrade(url)
    engine = create_engine_for(url)
    try:
        with session_factory(engine).begin() as session:
            seed_lines(session, DEFAULT_LINES)

        upgrade(engine)
        upgrade(url)

        assert current_revision(engine) == head_revision()
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT count(*) FROM services")).scalar() == 3
    finally:
        engine.dispose()


def test_models_match_the_migrations(engine: Engine) -> None:
    """The `alembic check` of CI: autogenerate finds nothing left to migrate."""
    assert model_differences(engine) == []


def test_the_model_comparison_can_fail(engine: Engine) -> None:
    """Guard for the test above: a changed model is noticed."""
    changed = sa.MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["tickets"].append_column(sa.Column("colour", sa.String(10)))

    assert model_differences(engine, changed) != []


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'down.db'}")
    try:
        upgrade(engine)
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        upgrade(engine)
        assert model_differences(engine) == []
    finally:
        engine.dispose()


def test_seeding_is_idempotent(engine: Engine) -> None:
    with session_factory(engine).begin() as session:
        assert seed_lines(session, DEFAULT_LINES) == 0  # the fixture seeded already
    with engine.connect() as connection:
        codes = connection.execute(sa.text("SELECT code FROM services ORDER BY code")).scalars()
        assert list(codes) == ["A", "B", "C"]


def test_seeding_inserts_missing_codes_only_and_keeps_staff_edits(engine: Engine) -> None:
    extra = replace(DEFAULT_LINES[0], code="D", prefix="D", names={"id": "Loket D"})
    with session_factory(engine).begin() as session:
        session.execute(sa.update(Line).where(Line.code == "A").values(prefix="Z"))

    with session_factory(engine).begin() as session:
        assert seed_lines(session, [*DEFAULT_LINES, extra]) == 1

    with session_factory(engine)() as session:
        prefixes = {
            code: prefix for code, prefix in session.execute(sa.select(Line.code, Line.prefix))
        }
    assert prefixes == {"A": "Z", "B": "B", "C": "C", "D": "D"}


def test_seeding_adds_a_new_language_only_where_staff_kept_the_texts(engine: Engine) -> None:
    """An office that started before Basa Jawa: untouched services gain jv; a service
    staff renamed keeps exactly their words (no shipped jv name contradicting them)."""
    old = {"id": "Administrasi Kependudukan", "en": "Civil Registration"}
    renamed = {"id": "Loket KTP & KK", "en": "ID and family cards"}
    with session_factory(engine).begin() as session:
        session.execute(sa.update(Line).where(Line.code == "A").values(names=old))
        session.execute(sa.update(Line).where(Line.code == "B").values(names=renamed))
    with session_factory(engine).begin() as session:
        seed_lines(session, DEFAULT_LINES)
    with session_factory(engine)() as session:
        rows = session.execute(sa.select(Line.code, Line.names))
        names = {code: texts for code, texts in rows}
    assert names["A"] == {**old, "jv": DEFAULT_LINES[0].names["jv"]}
    assert names["B"] == renamed


def test_head_constant_matches_the_migration_scripts() -> None:
    assert head_revision() == HEAD_REVISION


def test_an_up_to_date_database_starts_without_alembic(db_url: str) -> None:
    """The start-up fast path: no Alembic import when the stored revision is the head."""
    script = (
        "import sys\n"
        "from kiosk.db.migrate import upgrade, stored_revision\n"
        "from kiosk.db.engine import create_engine_for\n"
        f"engine = create_engine_for({db_url!r})\n"
        "upgrade(engine)\n"
        "print(stored_revision(engine), 'alembic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.split() == [HEAD_REVISION, "False"], result.stderr


def test_0005_blanks_the_numbers_typed_at_unknown_sign_ins(tmp_path: Path) -> None:
    """A number and PIN typed together were stored as typed: the upgrade forgets them."""
    engine = create_engine_for(f"sqlite:///{tmp_path / 'audit.db'}")
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0004")
            for kind, number in (("unknown_number", "1001482915"), ("signed_in", "1001")):
                connection.execute(
                    sa.text(
                        "INSERT INTO staff_events (kind, staff_number, at) "
                        "VALUES (:kind, :number, '2026-12-01 08:00:00+00:00')"
                    ),
                    {"kind": kind, "number": number},
                )
        upgrade(engine)
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT kind, staff_number FROM staff_events"))
            assert sorted(rows) == [("signed_in", "1001"), ("unknown_number", None)]
    finally:
        engine.dispose()
