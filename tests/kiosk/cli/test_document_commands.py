"""`kiosk documents proof|letter` as staff run it: real keyring, real database, fake `lp`."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from kiosk.applications.store import ApplicationStore
from kiosk.cli.documents_adapter import build_document_desk
from kiosk.cli.main import main
from kiosk.clock import SystemClock
from kiosk.config import Settings, load_settings
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.db.migrate import upgrade
from kiosk.security.sealing import Sealer
from tests.helpers.definitions import MALE_NIK
from tests.helpers.secrets import keys_in_real_keyring
from tests.kiosk.documents.helpers import complete_answers, form_for, shipped_services
from tests.printing.pdf_streams import pdf_text

SETTINGS = """\
[office]
name = "Pemerintah Desa Sukamaju"
address = "Jl. Raya Sukamaju No. 1"
place = "Sukamaju"
head_name = "H. Ahmad Suryana"
head_title = "Kepala Desa Sukamaju"
"""


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name in [name for name in os.environ if name.startswith("KIOSK_")]:
        monkeypatch.delenv(name)
    (tmp_path / "kiosk.toml").write_text(SETTINGS)
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"sqlite:///{tmp_path / 'anjungan.db'}")
    return load_settings(None, os.environ)


@pytest.fixture
def store(settings: Settings):
    """Store a complete submission sealed with the kiosk's key in the real OS keyring."""
    sealer = Sealer(keys_in_real_keyring(settings.database.url).data)
    engine = create_engine_for(settings.database.url)
    upgrade(engine)
    submissions = ApplicationStore(
        session_factory(engine), sealer, SystemClock(), settings.office.name, "Asia/Jakarta"
    )

    def stored(service_id: str, **changes: object) -> str:
        definition = shipped_services()[service_id]
        form = form_for(definition, {**complete_answers(definition), **changes})
        return submissions.finalise(form, definition).tracking_code

    yield stored
    engine.dispose()


def fake_lp(tmp_path: Path, received: Path) -> str:
    """A small script standing in for CUPS `lp`: it copies stdin to `received`."""
    script = tmp_path / "fake-lp"
    script.write_text(
        f"#!{sys.executable}\nimport sys\n"
        f"open({str(received)!r}, 'wb').write(sys.stdin.buffer.read())\n"
        "print('request id is A4-1 (1 file(s))')\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_letter_out_writes_a_private_file_and_warns(
    store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = store("surat-keterangan-domisili", jenis_kelamin="perempuan")
    out = tmp_path / "surat.pdf"
    os.umask(0o000)  # as if main() had not set its own
    monkeypatch.setattr(os, "umask", lambda _mask: 0o000)
    assert main(["documents", "letter", code, "--out", str(out), "--language", "en"]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    shown = pdf_text(out.read_bytes())
    assert f"Number: 470/{code}/" in shown
    assert "Female" in shown and "perempuan" not in shown
    assert "H. Ahmad Suryana" in shown and "PEMERINTAH DESA SUKAMAJU" in shown
    assert MALE_NIK in shown
    assert "personal data" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["proof", "letter"])
def test_out_never_follows_a_symlink_nor_overwrites(
    store, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link planted where staff save the letter must not carry the NIK to its target."""
    code = store("surat-keterangan-domisili")
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"must stay as it is")
    victim.chmod(0o644)
    link = tmp_path / "surat.pdf"
    link.symlink_to(victim)
    assert main(["documents", command, code, "--out", str(link), "--language", "en"]) == 1
    err = capsys.readouterr().err
    assert f"{link} is a link to another file. Give the name of a new file." in err
    assert victim.read_bytes() == b"must stay as it is"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644

    older = tmp_path / "older.pdf"
    older.write_bytes(b"an older file")
    assert main(["documents", command, code, "--out", str(older), "--language", "id"]) == 1
    assert f"{older} sudah ada." in capsys.readouterr().err
    assert older.read_bytes() == b"an older file"


def test_proof_is_printed_through_the_print_command_without_a_file(
    store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    received = tmp_path / "printed" / "job.pdf"
    received.parent.mkdir()
    monkeypatch.setenv("KIOSK_DOCUMENTS_PRINT_COMMAND", fake_lp(tmp_path, received))
    code = store("surat-keterangan-domisili", jenis_kelamin="laki_laki")
    before = set(tmp_path.rglob("*"))
    assert main(["documents", "proof", code, "--language", "en"]) == 0
    assert "request id is A4-1" in capsys.readouterr().out
    assert set(tmp_path.rglob("*")) - before == {received}  # only what the fake lp wrote
    shown = pdf_text(received.read_bytes())
    assert code in shown and "Male" in shown
    assert MALE_NIK not in shown  # the proof masks the NIK


def test_a_receipt_only_service_has_no_letter(store, capsys: pytest.CaptureFixture[str]) -> None:
    code = store("perekaman-ektp", keperluan="baru", surat_kehilangan=None)
    assert main(["documents", "letter", code, "--language", "en"]) == 1
    assert "does not produce a letter" in capsys.readouterr().err


def test_an_unknown_code_and_a_refusing_printer(
    store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store("surat-keterangan-domisili")  # the database exists and holds another code
    assert main(["documents", "proof", "0000-0000", "--language", "en"]) == 1
    assert "No application with this tracking code" in capsys.readouterr().err
    monkeypatch.setenv("KIOSK_DOCUMENTS_PRINT_COMMAND", "/nonexistent/lp -d A4")
    code = store("surat-keterangan-domisili")
    assert main(["documents", "letter", code, "--language", "en"]) == 1
    err = capsys.readouterr().err
    assert "'/nonexistent/lp' was not found" in err
    assert MALE_NIK not in err


def test_the_counter_adapter_looks_up_and_prints_the_letter(
    store, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The DocumentsPort the counter screen gets, wired as the CLI wires it."""
    received = tmp_path / "letter.pdf"
    monkeypatch.setenv("KIOSK_DOCUMENTS_PRINT_COMMAND", fake_lp(tmp_path, received))
    code = store("surat-pengantar-skck", kantor_polisi="polres")
    port = build_document_desk(load_settings(None, os.environ))
    summary = port.lookup(code.lower())
    assert (summary.tracking_code, summary.has_letter) == (code, True)
    port.print_letter(code, "id")
    shown = pdf_text(received.read_bytes())
    assert f"331/{code}/" in shown
    assert "Polres (kabupaten/kota)" in shown and "polres" not in shown
