"""The line scanner parser: terminators, CR LF variants, overlong lines and garbage."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.readers.scanner import LineScannerParser

CODE = "ANJ-7K3Q9"


@pytest.mark.parametrize("terminator", [b"\r", b"\n", b"\r\n", b"\x03", b"\t"])
def test_each_line_is_one_code(terminator: bytes) -> None:
    parser = LineScannerParser(terminator)
    data = CODE.encode() + terminator + b"https://desa.example/s/ANJ-2\x1dX" + terminator
    assert parser.feed(data) == [CODE, "https://desa.example/s/ANJ-2\x1dX"]
    assert parser.stats.lines == 2


@pytest.mark.parametrize("terminator", [b"\r", b"\n"])
def test_a_scanner_sending_cr_lf_works_with_either_setting(terminator: bytes) -> None:
    assert LineScannerParser(terminator).feed(b"A1\r\nB2\r\n") == ["A1", "B2"]


@given(st.lists(st.integers(0, 40), max_size=8))
def test_any_split_gives_the_same_codes(cuts: list[int]) -> None:
    stream = "Désa №1\r\n".encode() + b"ANJ-7K3Q9\r\n"  # multi-byte characters split too
    points = [0, *sorted(min(cut, len(stream)) for cut in cuts), len(stream)]
    parser = LineScannerParser(b"\r\n")
    pieces = [parser.feed(stream[a:b]) for a, b in itertools.pairwise(points)]
    assert [code for piece in pieces for code in piece] == ["Désa №1", CODE]


def test_the_last_code_waits_for_its_terminator() -> None:
    parser = LineScannerParser()
    assert parser.feed(b"ANJ-7") == []
    assert parser.feed(b"K3Q9\r") == [CODE]


def test_empty_lines_are_dropped() -> None:
    parser = LineScannerParser()
    assert parser.feed(b"\r\r\n\r" + CODE.encode() + b"\r") == [CODE]
    assert parser.stats.lines == 1


def test_an_overlong_line_is_dropped_and_counted() -> None:
    parser = LineScannerParser(max_length=9)
    assert parser.feed(b"0123456789\r" + CODE.encode() + b"\r") == [CODE]  # exactly 9 fits
    assert parser.stats.overlong == 1


def test_an_endless_line_is_dropped_up_to_its_end_in_bounded_memory() -> None:
    parser = LineScannerParser(terminator=b"\r\n", max_length=16)
    for _ in range(1000):
        assert parser.feed(b"x" * 1000 + b"\r") == []  # CR alone is not the terminator
    assert parser.feed(b"\nTAIL\r\n" + CODE.encode() + b"\r\n") == ["TAIL", CODE]
    assert parser.stats.overlong == 1


def test_a_terminator_split_right_after_an_overlong_line_still_ends_it() -> None:
    parser = LineScannerParser(terminator=b"\r\n", max_length=4)
    assert parser.feed(b"x" * 50 + b"\r") == []
    assert parser.feed(b"\n" + b"OK\r\n") == ["OK"]


def test_undecodable_lines_are_dropped_and_counted() -> None:
    parser = LineScannerParser()
    assert parser.feed(b"\xff\xfe\x80\r" + b"AN\xc3J\r" + CODE.encode() + b"\r") == [CODE]
    assert parser.stats.undecodable == 2


def test_another_encoding() -> None:
    assert LineScannerParser(encoding="latin-1").feed(b"D\xe9sa\r") == ["Désa"]


@given(st.binary(max_size=300))
def test_any_bytes_at_all_never_raise(data: bytes) -> None:
    parser = LineScannerParser(max_length=20)
    for code in parser.feed(data):
        assert code and len(code.encode()) <= 20 and "\r" not in code


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        LineScannerParser(terminator=b"")
    with pytest.raises(ValueError):
        LineScannerParser(max_length=0)
    with pytest.raises(LookupError):
        LineScannerParser(encoding="no-such-encoding")


def test_the_drop_counts_in_words_leave_out_the_text() -> None:
    parser = LineScannerParser(max_length=8)
    parser.feed(b"ANJ-7K3Q9-LONG\r\xff\xfe\r\xc3\r" + CODE[:8].encode() + b"\r")
    assert (parser.stats.bad_input, parser.stats.dropped) == (3, 3)
    assert parser.stats.summary() == "1 overlong line and 2 undecodable lines"
    assert LineScannerParser().stats.summary() == ""
