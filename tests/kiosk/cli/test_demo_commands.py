"""The demo: its simulated A4 printer takes a PDF on stdin like CUPS `lp`; its folder is its own."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from kiosk.cli.demo_commands import NotADemoFolder, claim_demo_folder, demo_environment
from kiosk.documents.a4 import A4Printer
from kiosk.documents.errors import PrintRejected

PDF = b"%PDF-1.4\n% a tiny stand-in document\n%%EOF\n"


def test_the_demo_command_saves_each_document_privately(tmp_path: Path) -> None:
    environ = demo_environment(tmp_path, {})
    printer = A4Printer(environ["KIOSK_DOCUMENTS_PRINT_COMMAND"])
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
        A4Printer(command).print_pdf(b"hello")
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
