"""The demo: its simulated A4 printer takes a PDF on stdin like CUPS `lp`; its folder is its own."""

from __future__ import annotations

import os
import shlex
import stat
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli import demo_printer
from kiosk.cli.a4_printer import CommandA4Printer
from kiosk.cli.demo_commands import NotADemoFolder, claim_demo_folder, demo_environment
from kiosk.documents.errors import PrintRejected

PDF = b"%PDF-1.4\n% a tiny stand-in document\n%%EOF\n"


def test_the_demo_command_saves_each_document_privately(tmp_path: Path) -> None:
    environ = demo_environment(tmp_path, {})
    printer = CommandA4Printer(environ["KIOSK_DOCUMENTS_PRINT_COMMAND"])
    first = printer.print_pdf(PDF)
    printer.print_pdf(PDF)
    saved = sorted((tmp_path / "documents").iterdir())
    assert len(saved) == 2  # a second document never overwrites the first
    assert saved[0].read_bytes() == PDF
    assert all(path.stat().st_mode & 0o777 == 0o600 for path in saved)
    assert "request id is demo" in first


def test_anything_but_a_pdf_is_refused(tmp_path: Path) -> None:
    command = shlex.join([sys.executable, "-m", "kiosk.cli.demo_printer", str(tmp_path)])
    with pytest.raises(PrintRejected, match="not a PDF"):
        CommandA4Printer(command).print_pdf(b"hello")
    assert list(tmp_path.iterdir()) == []


def test_the_demo_never_takes_an_offices_data_folder(tmp_path: Path) -> None:
    office = tmp_path / "office"
    office.mkdir()
    (office / "anjungan.db").write_bytes(b"an office's data")
    with pytest.raises(NotADemoFolder, match="did not make"):
        claim_demo_folder(office)
    demo_folder = tmp_path / "demo"
    claim_demo_folder(demo_folder)
    (demo_folder / "anjungan.db").write_bytes(b"demo data")
    claim_demo_folder(demo_folder)  # a demo folder may be used again
    assert (demo_folder / ".anjungan-demo").exists()


class FixedClock:
    @staticmethod
    def now() -> datetime:
        return datetime(2026, 11, 5, 9, 30)


def test_the_demo_printer_never_writes_through_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_printer, "datetime", FixedClock)
    folder = tmp_path / "documents"
    folder.mkdir(mode=0o755)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"must stay as it is")
    (folder / "document-20261105-093000-1.pdf").symlink_to(victim)

    saved = demo_printer.save(folder, PDF)

    assert saved == folder / "document-20261105-093000-2.pdf"
    assert saved.read_bytes() == PDF
    assert victim.read_bytes() == b"must stay as it is"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.parametrize("umask", [0o022, 0o000], ids=["umask-022", "umask-000"])
def test_the_demo_folder_is_private(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        claim_demo_folder(tmp_path / "new")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    (tmp_path / "old").mkdir()
    (tmp_path / "old").chmod(0o755)
    claim_demo_folder(tmp_path / "old")  # a folder given with --data-dir
    assert stat.S_IMODE((tmp_path / "old").stat().st_mode) == 0o700
