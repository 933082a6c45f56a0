"""The RDM6300 frame parser fed real frames, in pieces, with garbage, repeats and bad checksums."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.readers.rdm6300 import CardRead, Rdm6300Parser, encode_frame
from tests.helpers.stubs import FakeMonotonic

# Frames worked out by hand. STX (0x02), ten hex digits, the XOR of the five data
# bytes as two hex digits, ETX (0x03):
#   62 E3 08 6C ED: 0x62^0xE3 = 0x81, ^0x08 = 0x89, ^0x6C = 0xE5, ^0xED = 0x08
#   0F 00 A1 B2 C3: 0x0F^0x00 = 0x0F, ^0xA1 = 0xAE, ^0xB2 = 0x1C, ^0xC3 = 0xDF
TAG_A = "62E3086CED"
FRAME_A = b"\x02" + b"62E3086CED" + b"08" + b"\x03"
TAG_B = "0F00A1B2C3"
FRAME_B = b"\x02" + b"0F00A1B2C3" + b"DF" + b"\x03"
BAD_CHECKSUM_A = b"\x02" + b"62E3086CED" + b"09" + b"\x03"


def tags(reads: list[CardRead]) -> list[str]:
    return [read.tag for read in reads]


def test_a_real_frame_is_one_card_read_with_its_time() -> None:
    clock = FakeMonotonic()
    parser = Rdm6300Parser(clock=clock)
    assert parser.feed(FRAME_A) == [CardRead(TAG_A, 100.0)]
    assert parser.stats.frames == 1


def test_two_cards_back_to_back() -> None:
    assert tags(Rdm6300Parser().feed(FRAME_A + FRAME_B)) == [TAG_A, TAG_B]


def test_the_numbers_printed_on_cards() -> None:
    (read,) = Rdm6300Parser().feed(FRAME_B)
    assert read.version == 0x0F
    assert read.card_number == 0x00A1B2C3 == 10597059
    assert read.printed_number == "0010597059"
    assert read.wiegand == "161,45763"  # facility 0xA1, card code 0xB2C3


def test_lower_case_digits_are_read_as_the_same_tag() -> None:
    frame = FRAME_A.replace(b"62E3086CED", b"62e3086ced")
    assert tags(Rdm6300Parser().feed(frame)) == [TAG_A]


def test_the_emulators_encoder_gives_the_hand_made_frames() -> None:
    assert encode_frame(TAG_A) == FRAME_A
    assert encode_frame(TAG_B.lower()) == FRAME_B
    assert encode_frame(TAG_A, wrong_checksum=True) != FRAME_A
    with pytest.raises(ValueError):
        encode_frame("62E3086CE")


@given(st.lists(st.integers(0, len(FRAME_A + FRAME_B + FRAME_A)), max_size=10))
def test_any_split_gives_the_same_reads(cuts: list[int]) -> None:
    stream = FRAME_A + FRAME_B + FRAME_A
    points = [0, *sorted(cuts), len(stream)]
    parser = Rdm6300Parser(repeat_window=0, clock=FakeMonotonic())
    reads = [read for a, b in itertools.pairwise(points) for read in parser.feed(stream[a:b])]
    assert tags(reads) == [TAG_A, TAG_B, TAG_A]
    assert parser.stats.garbage_bytes == parser.stats.bad_frames == 0


no_stx = st.binary(max_size=40).map(lambda data: data.replace(b"\x02", b""))


@given(before=no_stx, between=no_stx, after=no_stx)
def test_garbage_around_frames_is_dropped_and_counted(
    before: bytes, between: bytes, after: bytes
) -> None:
    parser = Rdm6300Parser()
    reads = parser.feed(before + FRAME_A + between + FRAME_B + after)
    assert tags(reads) == [TAG_A, TAG_B]
    assert parser.stats.garbage_bytes == len(before) + len(between) + len(after)


@given(st.binary(max_size=200))
def test_any_bytes_at_all_never_raise(data: bytes) -> None:
    parser = Rdm6300Parser()
    reads = parser.feed(data)
    assert len(reads) <= parser.stats.frames
    assert parser.stats.garbage_bytes <= len(data)


def test_a_bad_checksum_is_dropped_and_counted() -> None:
    parser = Rdm6300Parser()
    assert parser.feed(BAD_CHECKSUM_A) == []
    assert tags(parser.feed(FRAME_A)) == [TAG_A]
    assert (parser.stats.bad_checksum, parser.stats.frames) == (1, 1)


@pytest.mark.parametrize(
    ("broken", "garbage"),
    [
        (b"\x02" + b"62E3086CEZ08" + b"\x03", 0),  # a digit that is not hex
        (b"\x02" + b"62E308" + b"\x03", 0),  # too short
        (b"\x02" + b"62E30zz86CED08" + b"\x03", 2),  # garbage inside: overlong, tail is garbage
        (FRAME_A[:7], 0),  # cut short by the next frame's STX
    ],
)
def test_a_broken_frame_is_dropped_and_the_next_one_read(broken: bytes, garbage: int) -> None:
    parser = Rdm6300Parser()
    assert tags(parser.feed(broken + FRAME_B)) == [TAG_B]
    assert parser.stats.bad_frames == 1
    assert parser.stats.garbage_bytes == garbage


def test_a_held_card_is_reported_once() -> None:
    clock = FakeMonotonic()
    parser = Rdm6300Parser(repeat_window=1.5, clock=clock)
    seen = []
    for moment in (0.0, 0.1, 1.0, 2.4, 4.0):  # each sighting restarts the window
        clock.now = moment
        seen += [read.at for read in parser.feed(FRAME_A)]
    assert seen == [0.0, 4.0]  # 4.0 is 1.6 s after the last sighting at 2.4
    assert (parser.stats.frames, parser.stats.repeats_suppressed) == (5, 3)


def test_a_new_card_inside_the_window_is_reported() -> None:
    clock = FakeMonotonic()
    parser = Rdm6300Parser(clock=clock)
    assert tags(parser.feed(FRAME_A)) == [TAG_A]
    clock.now += 0.2
    assert tags(parser.feed(FRAME_B + FRAME_B)) == [TAG_B]
    clock.now += 0.2
    assert parser.feed(FRAME_A) == []  # the first card, still within its own window


def test_a_zero_window_reports_every_frame() -> None:
    parser = Rdm6300Parser(repeat_window=0, clock=FakeMonotonic())
    assert tags(parser.feed(FRAME_A * 3)) == [TAG_A] * 3


def test_a_card_read_holds_only_a_proper_tag() -> None:
    with pytest.raises(ValueError):
        CardRead("62e3086ced", 0.0)
    with pytest.raises(ValueError):
        CardRead("62E3086CEDFF", 0.0)
    with pytest.raises(ValueError):
        Rdm6300Parser(repeat_window=-1)


def test_the_drop_counts_in_words_leave_out_the_tags() -> None:
    parser = Rdm6300Parser(clock=FakeMonotonic())
    parser.feed(b"\x00\xff" + BAD_CHECKSUM_A + b"\x02zz\x03" + FRAME_B * 3)
    assert (parser.stats.bad_input, parser.stats.dropped) == (4, 6)
    summary = parser.stats.summary()
    assert summary == (
        "1 frame with a bad checksum, 1 broken frame, 2 stray bytes and 2 repeats of a held card"
    )
    assert TAG_A not in summary and TAG_B not in summary


def test_a_held_card_alone_is_no_bad_input() -> None:
    parser = Rdm6300Parser(clock=FakeMonotonic())
    parser.feed(FRAME_A * 4)
    assert (parser.stats.bad_input, parser.stats.dropped) == (0, 3)
    assert parser.stats.summary() == "3 repeats of a held card"
    assert Rdm6300Parser().stats.summary() == ""
