"""The A4 printer runs the print command with the PDF on stdin, and explains failures."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from kiosk.cli.a4_printer import CommandA4Printer
from kiosk.documents.errors import PrintCommandMissing, PrintRejected, PrintTimedOut
from kiosk.documents.messages import describe_document_error

PDF = b"%PDF-1.4 fake document for Siti Aminah 3273011708850001\n%%EOF\n"


def fake_lp(tmp_path: Path, body: str) -> Path:
    """Write an executable Python script that stands in for CUPS `lp`: it reads the
    document from stdin like `lp` without a file argument does."""
    script = tmp_path / "fake-lp"
    script.write_text(f"#!{sys.executable}\nimport sys\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_the_pdf_reaches_the_command_through_stdin(tmp_path: Path) -> None:
    """fake-lp stands in for CUPS `lp -d QUEUE`: it copies stdin to a file and prints a job id."""
    received = tmp_path / "received.pdf"
    body = (
        "open(sys.argv[2], 'wb').write(sys.stdin.buffer.read())\n"
        "print('request id is Kantor_A4-7 (1 file(s))')"
    )
    script = fake_lp(tmp_path, body)
    printer = CommandA4Printer(f"{script} -d '{received}'")
    assert printer.print_pdf(PDF) == "request id is Kantor_A4-7 (1 file(s))"
    assert received.read_bytes() == PDF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-lp", "received.pdf"]


def test_a_refusal_carries_the_first_line_of_stderr(tmp_path: Path) -> None:
    """fake-lp stands in for CUPS `lp` refusing a job, as it does for an unknown queue."""
    body = (
        "sys.stdin.buffer.read()\n"
        "sys.stderr.write('\\nlp: The printer or class does not exist.\\nmore detail\\n')\n"
        "sys.exit(1)"
    )
    printer = CommandA4Printer(str(fake_lp(tmp_path, body)))
    with pytest.raises(PrintRejected) as raised:
        printer.print_pdf(PDF)
    assert raised.value.reason == "lp: The printer or class does not exist."
    assert describe_document_error(raised.value, "en") == (
        "The A4 printer did not accept the document: lp: The printer or class does not exist."
    )


def test_a_silent_failure_names_the_exit_status(tmp_path: Path) -> None:
    printer = CommandA4Printer(str(fake_lp(tmp_path, "sys.exit(3)")))
    with pytest.raises(PrintRejected, match="exit status 3"):
        printer.print_pdf(PDF)


def test_a_hung_command_times_out(tmp_path: Path) -> None:
    """fake-lp stands in for an `lp` waiting on a scheduler that does not answer."""
    script = fake_lp(tmp_path, "import time\ntime.sleep(30)")
    with pytest.raises(PrintTimedOut) as raised:
        CommandA4Printer(str(script), timeout=0.5).print_pdf(PDF)
    assert "0.5" in str(raised.value)
    assert "did not answer within" in describe_document_error(raised.value, "en")


@pytest.mark.parametrize("command", ["", "   ", "lp 'unclosed", "/nonexistent/lp -d A4"])
def test_a_missing_or_broken_command(command: str) -> None:
    with pytest.raises(PrintCommandMissing) as raised:
        CommandA4Printer(command).print_pdf(PDF)
    message = describe_document_error(raised.value, "en")
    assert "documents.print_command" in message


def test_no_shell_runs_the_command(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    script = fake_lp(tmp_path, "sys.stdin.buffer.read()")
    CommandA4Printer(f"{script} ; touch {marker}").print_pdf(PDF)  # ';' is just an argument
    assert not marker.exists()
