"""This PC's loket in its file: written whole with mode 0600, and anything odd read back
as "ask again", never a crash."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.counter.loket import MAX_FILE_BYTES, LoketFile, LoketSetup, parse


def test_a_setup_is_remembered_in_a_private_file(tmp_path: Path) -> None:
    file = LoketFile(tmp_path / "new" / "loket.json")

    file.save(LoketSetup(7, ("A", "C")))

    assert file.load() == LoketSetup(7, ("A", "C"))
    assert stat.S_IMODE(file.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(file.path.parent.stat().st_mode) == 0o700
    assert [p.name for p in file.path.parent.iterdir()] == ["loket.json"]  # no leftovers


def test_no_file_means_no_setup(tmp_path: Path) -> None:
    assert LoketFile(tmp_path / "loket.json").load() is None


def test_a_link_in_its_place_is_replaced_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me")
    link = tmp_path / "loket.json"
    link.symlink_to(elsewhere)

    LoketFile(link).save(LoketSetup(1, ("B",)))

    assert elsewhere.read_text() == "keep me"
    assert not link.is_symlink() and LoketFile(link).load() == LoketSetup(1, ("B",))


def test_a_folder_that_cannot_be_written_raises(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(OSError):
        LoketFile(blocker / "loket.json").save(LoketSetup(1, ("B",)))


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"{",
        b"null",
        b'[2, ["A"]]',
        b"\xff\xfe\x00",
        b'{"loket": 0, "lines": ["A"]}',
        b'{"loket": 21, "lines": ["A"]}',
        b'{"loket": -3, "lines": ["A"]}',
        b'{"loket": true, "lines": ["A"]}',
        b'{"loket": "2", "lines": ["A"]}',
        b'{"loket": 2.5, "lines": ["A"]}',
        b'{"loket": 2, "lines": []}',
        b'{"loket": 2, "lines": ["A", "A"]}',
        b'{"loket": 2, "lines": "AB"}',
        b'{"loket": 2, "lines": [1]}',
        b'{"loket": 2, "lines": ["TOO-LONG-CODE"]}',
        b'{"loket": 2, "lines": ["A\\u0000"]}',
        b'{"loket": 2}',
        b'{"loket": 2, "lines": ["A"], "admin": true}',
        b"[" * 100_000,  # deep nesting
        b'{"loket": 2, "lines": ["A"]}' + b" " * MAX_FILE_BYTES,  # too big to be ours
    ],
)
def test_anything_odd_asks_the_clerk_again(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "loket.json"
    path.write_bytes(raw)
    assert LoketFile(path).load() is None


def test_a_whole_number_written_as_a_float_is_that_loket() -> None:
    assert parse(b'{"loket": 3.0, "lines": ["A"]}') == LoketSetup(3, ("A",))


@given(st.binary(max_size=300))
def test_no_bytes_make_reading_fail(raw: bytes) -> None:
    found = parse(raw)
    assert found is None or (1 <= found.number <= 20 and found.lines)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(), st.lists, max_leaves=8))
def test_no_json_value_makes_reading_fail(value: object) -> None:
    found = parse(json.dumps(value).encode())
    assert found is None or isinstance(found, LoketSetup)
