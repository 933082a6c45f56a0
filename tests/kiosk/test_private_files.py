"""Private files: a named file is always new (never through a link, never over a file), and
modes are 0600 / 0700 whatever the umask."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.private_files import (
    FileRefused,
    Refusal,
    create_private_file,
    ensure_private_dir,
    write_new_file,
)

UMASKS = (0o022, 0o000, 0o277)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=UMASKS, ids=lambda umask: f"umask-{umask:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


@pytest.mark.usefixtures("umask")
def test_a_new_file_is_0600(tmp_path: Path) -> None:
    target = tmp_path / "surat.pdf"
    write_new_file(target, b"%PDF")
    assert target.read_bytes() == b"%PDF"
    assert mode(target) == 0o600


def test_a_symlink_is_refused_and_its_target_unchanged(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    victim.chmod(0o644)
    link = tmp_path / "surat.pdf"
    link.symlink_to(victim)

    with pytest.raises(FileRefused) as caught:
        write_new_file(link, b"%PDF")

    assert caught.value.reason is Refusal.LINK
    assert "symbolic link" in str(caught.value)
    assert victim.read_bytes() == b"keep me"
    assert mode(victim) == 0o644
    assert link.is_symlink()


def test_a_dangling_symlink_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    planted = tmp_path / "not-yet.txt"
    link = tmp_path / "surat.pdf"
    link.symlink_to(planted)
    with pytest.raises(FileRefused) as caught:
        write_new_file(link, b"%PDF")
    assert caught.value.reason is Refusal.LINK
    assert not planted.exists()


def test_an_existing_file_is_refused_not_overwritten(tmp_path: Path) -> None:
    older = tmp_path / "surat.pdf"
    older.write_bytes(b"older")
    with pytest.raises(FileRefused) as caught:
        write_new_file(older, b"%PDF")
    assert caught.value.reason is Refusal.EXISTS
    assert "already exists" in str(caught.value)
    assert older.read_bytes() == b"older"


def test_a_missing_folder_is_a_plain_refusal(tmp_path: Path) -> None:
    with pytest.raises(FileRefused) as caught:
        write_new_file(tmp_path / "nowhere" / "surat.pdf", b"%PDF")
    assert caught.value.reason is Refusal.UNWRITABLE
    assert "No such file or directory" in str(caught.value)


@pytest.mark.usefixtures("umask")
def test_an_empty_private_file_is_created_once(tmp_path: Path) -> None:
    target = tmp_path / "anjungan.db"
    assert create_private_file(target) is True
    assert mode(target) == 0o600
    target.write_bytes(b"data")
    assert create_private_file(target) is False
    assert target.read_bytes() == b"data"


@pytest.mark.usefixtures("umask")
def test_a_new_folder_is_0700(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    ensure_private_dir(folder)
    assert mode(folder) == 0o700


def test_missing_parents_are_made_too(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    ensure_private_dir(folder)
    assert mode(folder) == 0o700


@pytest.mark.parametrize(
    ("before", "after", "logged"),
    [
        (0o755, 0o700, "was open to others (mode 0755); now 0700"),
        (0o1777, 0o1777, "is open to others (mode 1777) and not the kiosk's own"),  # like /tmp
    ],
)
def test_an_open_folder_of_ours_is_tightened_with_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, before: int, after: int, logged: str
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(before)
    with caplog.at_level(logging.WARNING, logger="kiosk.private_files"):
        ensure_private_dir(folder)
    assert mode(folder) == after
    assert f"{folder} {logged}" in caplog.text


def test_a_file_is_not_taken_for_a_folder(tmp_path: Path) -> None:
    (tmp_path / "data").write_bytes(b"")
    with pytest.raises(NotADirectoryError):
        ensure_private_dir(tmp_path / "data")
