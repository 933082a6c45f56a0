"""Rendering: decoded events laid out as readable tickets, one per cut."""

from __future__ import annotations

from devices.emulator.printer.decoder import EscPosDecoder
from devices.emulator.printer.rendering import RenderedTicket, TicketRenderer, render_tickets
from devices.escpos import constants as c
from devices.escpos.profiles import get_profile
from tests.devices.emulator import streams

WIDE = get_profile("80mm")  # 48 columns
NARROW = get_profile("58mm")  # 32 columns


def render(data: bytes, profile_name: str = "80mm") -> list[RenderedTicket]:
    return render_tickets(EscPosDecoder().feed(data), get_profile(profile_name))


def lines(data: bytes, profile_name: str = "80mm") -> tuple[str, ...]:
    (ticket,) = render(data + streams.cut(), profile_name)
    return ticket.lines


def test_a_queue_ticket_renders_readably() -> None:
    (ticket,) = render(streams.queue_ticket("A-023", b"https://desa.example/t/A-023"))
    assert ticket.lines == (
        " " * 14 + "**KANTOR DESA SUKAMAJU**",
        " " * 19 + "[2x2]A-023",
        " " * 7 + "[QR: https://desa.example/t/A-023]",  # 34 characters
        "",
        "Antrean: 4 orang",
    )
    assert ticket.cut == "partial"
    assert ticket.raw_bytes == len(streams.queue_ticket("A-023", b"https://desa.example/t/A-023"))
    assert ticket.text == ticket.body + f"\n-- partial cut, {ticket.raw_bytes} bytes --"


def test_alignment_is_applied_over_the_profile_columns() -> None:
    data = streams.align(c.ALIGN_CENTER) + b"abcd\n" + streams.align(c.ALIGN_RIGHT) + b"abcd\n"
    assert lines(data, "80mm") == (" " * 22 + "abcd", " " * 44 + "abcd")
    assert lines(data, "58mm") == (" " * 14 + "abcd", " " * 28 + "abcd")


def test_enlarged_characters_take_more_columns_but_markers_take_none() -> None:
    data = streams.align(c.ALIGN_RIGHT) + streams.size(3, 1) + b"ab\n"
    assert lines(data) == (" " * 42 + "[3x1]ab",)


def test_size_and_bold_markers_within_one_line() -> None:
    data = b"No " + streams.size(2, 2) + streams.bold(True) + b"7" + streams.size(1, 1) + b"!\n"
    assert lines(data) == ("No [2x2]**7**[1x1]**!**",)


def test_a_line_longer_than_the_paper_wraps() -> None:
    assert lines(b"x" * 40 + b"\n", "58mm") == ("x" * 32, "x" * 8)
    assert lines(streams.size(2, 1) + b"y" * 20 + b"\n", "58mm") == (
        "[2x1]" + "y" * 16,
        "[2x1]" + "y" * 4,
    )


def test_alignment_counts_at_the_start_of_a_line() -> None:
    data = b"left" + streams.align(c.ALIGN_RIGHT) + b"still\n" + b"now\n"
    assert lines(data) == ("leftstill", " " * 45 + "now")


def test_feed_lines_counts_the_printed_line_as_one() -> None:
    data = b"a" + streams.feed(3) + streams.feed(1) + b"b\n"
    assert lines(data) == ("a", "", "", "", "b")


def test_blank_lines_fed_before_the_cut_are_dropped() -> None:
    assert lines(b"end\n" + streams.feed(5)) == ("end",)


def test_text_left_in_the_line_buffer_is_printed_by_the_cut() -> None:
    assert lines(b"first\nno newline") == ("first", "no newline")


def test_initialize_clears_the_line_buffer_and_the_modes() -> None:
    data = streams.bold(True) + b"lost" + c.INITIALIZE + b"kept\n"
    assert lines(data) == ("kept",)


def test_tabs_move_to_the_next_stop_of_eight() -> None:
    assert lines(b"ab\tc\td\n") == ("ab      c       d",)


def test_a_raster_image_is_a_labelled_line() -> None:
    data = streams.align(c.ALIGN_CENTER) + streams.raster(48, 2, bytes(96))
    assert lines(data) == (" " * 17 + "[IMAGE 384x2]",)  # (48 - 13) // 2


def test_each_cut_starts_a_new_ticket_with_its_own_byte_count() -> None:
    first = b"one\n" + streams.cut()
    second = b"two\n" + streams.cut(partial=True)
    tickets = render(first + second + b"on the roll\n")
    assert [(t.lines, t.cut, t.raw_bytes) for t in tickets] == [
        (("one",), "full", len(first)),
        (("two",), "partial", len(second)),
    ]


def test_status_queries_are_not_part_of_the_paper() -> None:
    (ticket,) = render(streams.status_query(1) + b"x\n" + streams.cut())
    assert ticket.raw_bytes == 2 + 3


def test_pending_lines_show_the_paper_not_yet_cut() -> None:
    renderer = TicketRenderer(NARROW)
    for event in EscPosDecoder().feed(b"waiting\n"):
        assert renderer.apply(event) is None
    assert renderer.pending_lines == ("waiting",)
