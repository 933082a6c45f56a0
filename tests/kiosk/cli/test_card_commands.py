"""`kiosk staff` and `kiosk cards` as a technician runs them, with the real OS keyring."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.emulator.readers import get_card_reader, register_reader_url_handler, reset_readers
from kiosk.cli.main import main
from tests.helpers.cli import kiosk
from tests.helpers.definitions import MALE_NIK
from tests.helpers.secrets import keys_in_real_keyring

BADGE = "0A1B2C3D4E"
CARD = "1F00A1B2C3"


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        KIOSK_CONFIG=os.devnull,
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        KIOSK_DATABASE_URL=f"sqlite:///{tmp_path / 'data' / 'anjungan.db'}",
    )
    keys_in_real_keyring(env["KIOSK_DATABASE_URL"])  # the kiosk has run once on this machine
    return env


@pytest.fixture
def in_process(environment: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The same settings for `main()` called here, with an emulated card reader."""
    register_reader_url_handler()
    for name, value in environment.items():
        if name.startswith("KIOSK_"):
            monkeypatch.setenv(name, value)
    monkeypatch.setenv("KIOSK_READERS_CARD_URL", "emureader://cli-cards?kind=card")
    yield "cli-cards"
    reset_readers()


def database_bytes(env: dict[str, str]) -> bytes:
    path = Path(env["KIOSK_DATABASE_URL"].removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


@pytest.mark.slow
def test_staff_from_adding_to_removal(environment: dict[str, str]) -> None:
    added = kiosk(
        environment,
        "staff", "add", "--number", "1001", "--name", "Siti Aminah", "--role", "clerk",
        "--tag", BADGE, "--pin-stdin",
        stdin="482915\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout == "Staff 1001 (Siti Aminah, clerk) added with a badge.\n"
    technician = kiosk(
        environment,
        "staff", "add", "--number", "7", "--name", "Joko", "--role", "technician", "--pin-stdin",
        stdin="731904\n",
    )  # fmt: skip
    assert technician.returncode == 0, technician.stderr

    listing = kiosk(environment, "staff", "list")
    assert listing.stdout.splitlines() == [
        "number\tname\trole\tbadge\tstate",
        "1001\tSiti Aminah\tclerk\tyes\tactive",
        "7\tJoko\ttechnician\tno\tactive",
    ]
    assert kiosk(environment, "staff", "pin", "7", "--pin-stdin", stdin="905172\n").returncode == 0
    removed = kiosk(environment, "staff", "remove", "1001")
    assert removed.stdout == "Staff 1001 can no longer sign in.\n"
    assert "1001\tSiti Aminah\tclerk\tno\tremoved" in kiosk(environment, "staff", "list").stdout
    stored = database_bytes(environment)
    for needle in (BADGE, "482915", "731904", "905172"):
        assert needle.encode() not in stored


@pytest.mark.slow
def test_a_weak_pin_or_a_taken_number_is_one_clear_line(environment: dict[str, str]) -> None:
    args = ("staff", "add", "--number", "1001", "--name", "Siti", "--role", "clerk", "--pin-stdin")
    weak = kiosk(environment, *args, stdin="123456\n")
    assert weak.returncode == 1
    assert weak.stderr == "kiosk: PIN refused: sequence\n"
    assert kiosk(environment, *args, stdin="482915\n").returncode == 0
    again = kiosk(environment, *args, stdin="482915\n")
    assert again.stderr == "kiosk: staff number 1001 is already registered\n"


@pytest.mark.slow
def test_citizens_cards_are_added_counted_and_removed(environment: dict[str, str]) -> None:
    added = kiosk(
        environment,
        "cards", "add-holder", "--nik-stdin", "--tag", CARD,  # the name is not an argument
        stdin=f"{MALE_NIK}\nBudi Santoso\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert kiosk(environment, "cards", "count").stdout == "1\n"
    bad = kiosk(
        environment, "cards", "add-holder", "--name", "X", "--nik-stdin", "--tag", "1234",
        stdin=f"{MALE_NIK}\n",
    )  # fmt: skip
    assert bad.returncode == 1 and bad.stderr == "kiosk: a card tag is 10 hex digits\n"
    stored = database_bytes(environment)
    for needle in (CARD, MALE_NIK, "Budi Santoso"):
        assert needle.encode() not in stored
    removed = kiosk(environment, "cards", "remove", "--tag", CARD.lower())
    assert removed.stdout == "Citizen's card removed.\n"
    assert kiosk(environment, "cards", "count").stdout == "0\n"
    gone = kiosk(environment, "cards", "remove", "--tag", CARD)
    assert gone.stderr == "kiosk: this card is not registered at this office\n"


def test_a_card_tapped_on_the_reader_is_registered(
    in_process: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    get_card_reader(in_process).present(CARD)  # waits on the line until the port opens
    monkeypatch.setattr("sys.stdin", _lines(MALE_NIK))
    assert main(["cards", "add-holder", "--name", "Budi", "--nik-stdin", "--wait", "10"]) == 0
    captured = capsys.readouterr()
    assert "Tap the citizen's card on the card reader now" in captured.err
    assert main(["cards", "remove", "--tag", CARD]) == 0  # the tapped tag was the one stored
    assert capsys.readouterr().out == "Citizen's card removed.\n"


def test_a_badge_tapped_while_adding_staff(
    in_process: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reader = get_card_reader(in_process)
    done = threading.Event()
    tapper = threading.Thread(target=lambda: done.wait(0.3) or reader.present(BADGE))
    tapper.start()  # the tap comes while the command waits
    monkeypatch.setattr("sys.stdin", _lines("482915"))
    args = ["staff", "add", "--number", "9", "--name", "Rina", "--role", "clerk"]
    assert main([*args, "--badge", "--pin-stdin", "--wait", "10"]) == 0
    tapper.join()
    assert capsys.readouterr().out.endswith("added with a badge.\n")
    assert main(["cards", "remove", "--tag", BADGE]) == 0
    assert capsys.readouterr().out == "Staff badge removed.\n"


def test_no_tap_ends_with_a_clear_message(
    in_process: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cards", "remove", "--wait", "0.3"]) == 1
    assert capsys.readouterr().err.endswith(
        "kiosk: no card was tapped on the reader within 0.3 s; try again\n"
    )


def test_without_a_card_reader_the_tag_must_be_given(
    in_process: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_READERS_CARD_URL", "")
    assert main(["cards", "remove"]) == 1
    assert "readers.card_url" in capsys.readouterr().err


def _lines(*lines: str) -> io.StringIO:
    return io.StringIO("".join(f"{line}\n" for line in lines))
