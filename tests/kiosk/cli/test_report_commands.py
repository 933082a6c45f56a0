"""`kiosk report daily`: the PDF written where staff ask, its summary, and no overwriting."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.cli.main import main
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.i18n.dates import date_with_weekday
from kiosk.office_time import business_date
from tests.helpers.database import migrate_and_seed
from tests.kiosk.reports.conftest import played
from tests.printing.pdf_streams import pdf_text

SETTINGS = """\
[office]
name = "Pemerintah Desa Sukamaju"
timezone = "Asia/Jakarta"
"""
SUMMARY = "2026-12-04: 10 tickets issued, 5 served, 1 no-shows; 6 applications."


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[sessionmaker[Session]]:
    """The settings of a kiosk whose database holds the day of tests/kiosk/reports/scene.py;
    the current folder is a new empty one."""
    for name in [name for name in os.environ if name.startswith("KIOSK_")]:
        monkeypatch.delenv(name)
    (tmp_path / "kiosk.toml").write_text(SETTINGS)
    url = f"sqlite:///{tmp_path / 'anjungan.db'}"
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_DATABASE_URL", url)
    migrate_and_seed(url)
    engine = create_engine_for(url)
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    yield session_factory(engine)
    engine.dispose()


def test_it_writes_the_days_pdf_and_prints_its_path_and_summary(
    database: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    played(database)
    assert main(["report", "daily", "--date", "2026-12-04", "--language", "en"]) == 0
    written = Path("laporan-harian-2026-12-04.pdf")
    assert capsys.readouterr().out.splitlines() == [f"Saved to {written}.", SUMMARY]
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    shown = pdf_text(written.read_bytes())
    assert "PEMERINTAH DESA SUKAMAJU" in shown and "Friday, 4 December 2026" in shown
    assert "Tickets issued: 10. Served: 5. No-shows: 1. Applications: 6." in shown


def test_an_existing_file_is_kept_unless_forced_and_a_link_never_followed(
    database: sessionmaker[Session], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    older = tmp_path / "laporan.pdf"
    older.write_bytes(b"this morning's report")
    command = ["report", "daily", "--date", "2026-12-04", "--output", str(older), "--language"]
    assert main([*command, "en"]) == 1
    assert f"{older} already exists. Add --force to replace it." in capsys.readouterr().err
    assert older.read_bytes() == b"this morning's report"

    assert main([*command, "en", "--force"]) == 0
    assert older.read_bytes().startswith(b"%PDF-")

    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"must stay as it is")
    link = tmp_path / "link.pdf"
    link.symlink_to(victim)
    linked = ["report", "daily", "--output", str(link), "--force", "--language", "en"]
    assert main(linked) == 1
    assert "is a link to another file" in capsys.readouterr().err
    assert victim.read_bytes() == b"must stay as it is"


def test_without_a_date_it_reports_today_in_indonesian_by_default(
    database: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "daily"]) == 0
    today = business_date(datetime.now(UTC), "Asia/Jakarta")
    written = Path(f"laporan-harian-{today.isoformat()}.pdf")
    assert written.exists()
    shown = pdf_text(written.read_bytes())
    assert date_with_weekday(today, "id") in shown  # e.g. "Minggu, 6 Desember 2026"
    assert str(written) in capsys.readouterr().out.splitlines()[0]


def test_a_date_that_is_not_one_is_refused_before_anything_is_opened(
    database: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["report", "daily", "--date", "6/12/2026"])
    assert exit_.value.code == 2
    assert "is not a date like 2026-12-06" in capsys.readouterr().err
    assert list(Path().iterdir()) == []
