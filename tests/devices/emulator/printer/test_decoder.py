"""EscPosDecoder: real command sequences, streams split anywhere, garbage."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from devices.emulator.printer.decoder import MAX_TEXT_RUN, EscPosDecoder
from devices.emulator.printer.events import (
    CancelKanji,
    CarriageReturn,
    ClearBuffers,
    Cut,
    Event,
    FeedLines,
    Initialize,
    LineFeed,
    QrPrint,
    QrSetting,
    QrStore,
    RasterImage,
    SelectCodePage,
    SetAlignment,
    SetBold,
    SetCharacterSize,
    StatusQuery,
    Text,
    TransmitStatus,
    UnknownCommand,
)
from devices.escpos import constants as c
from tests.devices.emulator import streams


def decode(data: bytes) -> list[Event]:
    return EscPosDecoder().feed(data)


def feed_in_pieces(decoder: EscPosDecoder, data: bytes, cuts: list[int]) -> list[Event]:
    """Feed ``data`` cut at ``cuts`` (offsets, any order, wrapped into range)."""
    bounds = [0, *sorted(cut % (len(data) + 1) for cut in cuts), len(data)]
    return [event for start, end in pairwise(bounds) for event in decoder.feed(data[start:end])]


def decode_in_pieces(data: bytes, cuts: list[int]) -> list[Event]:
    return feed_in_pieces(EscPosDecoder(), data, cuts)


def test_a_queue_ticket_decodes_to_the_expected_events() -> None:
    url = b"https://desa.example/t/A-023"
    assert decode(streams.queue_ticket("A-023", url)) == [
        Initialize(),
        CancelKanji(),
        SelectCodePage(0, "cp437"),
        SetAlignment(c.ALIGN_CENTER),
        SetBold(True),
        Text("KANTOR DESA SUKAMAJU", 20),
        LineFeed(),
        SetBold(False),
        SetCharacterSize(2, 2),
        Text("A-023", 5),
        LineFeed(),
        SetCharacterSize(1, 1),
        QrSetting("model", c.QR_MODEL_2, 9),
        QrSetting("module_size", 6, 8),
        QrSetting("error_correction", c.QR_ERROR_CORRECTION["M"], 8),
        QrStore(url, 8 + len(url)),
        QrPrint(url, 8),
        LineFeed(),
        SetAlignment(c.ALIGN_LEFT),
        Text("Antrean: 4 orang", 16),
        LineFeed(),
        FeedLines(3),
        Cut(partial=True, feed_dots=96, size=4),
    ]


def test_qr_print_carries_the_data_stored_last() -> None:
    events = decode(
        streams.qr_function(c.QR_FN_STORE, bytes([c.QR_STORE_M]) + b"first")
        + streams.qr_function(c.QR_FN_STORE, bytes([c.QR_STORE_M]) + b"second")
        + streams.qr_function(c.QR_FN_PRINT, bytes([c.QR_STORE_M]))
    )
    assert events[-1] == QrPrint(b"second")


def test_qr_print_with_nothing_stored_prints_empty_data() -> None:
    assert decode(streams.qr_function(c.QR_FN_PRINT, bytes([c.QR_STORE_M]))) == [QrPrint(b"")]


def test_cut_variants() -> None:
    assert decode(
        c.CUT + bytes([c.CUT_FULL])
        + c.CUT + bytes([c.CUT_PARTIAL])
        + c.CUT + b"0"
        + c.CUT + b"1"
        + c.CUT + bytes([c.CUT_FEED_FULL, 96])
        + c.CUT + bytes([c.CUT_FEED_PARTIAL, 10])
    ) == [
        Cut(False, 0, 3),
        Cut(True, 0, 3),
        Cut(False, 0, 3),
        Cut(True, 0, 3),
        Cut(False, 96, 4),
        Cut(True, 10, 4),
    ]  # fmt: skip


def test_status_queries_are_reported_in_stream_order() -> None:
    data = streams.status_query(1) + b"Hi\n" + streams.status_query(4) + streams.status_query(2)
    assert decode(data) == [
        StatusQuery(1),
        Text("Hi", 2),
        LineFeed(),
        StatusQuery(4),
        StatusQuery(2),
    ]


def test_gs_r_is_an_in_order_status_query_in_stream_order() -> None:
    data = (
        b"Hi\n" + c.TRANSMIT_STATUS + b"\x01" + c.TRANSMIT_STATUS + b"2" + streams.status_query(1)
    )
    assert decode(data) == [
        Text("Hi", 2),
        LineFeed(),
        TransmitStatus(c.TRANSMIT_PAPER_SENSOR),
        TransmitStatus(c.TRANSMIT_DRAWER),
        StatusQuery(1),
    ]


def test_gs_r_accepts_numbers_and_ascii_digits_only() -> None:
    requests = [c.TRANSMIT_STATUS + bytes([n]) for n in (1, 49, 2, 50, 3, 0)]
    assert decode(b"".join(requests)) == [
        TransmitStatus(1),
        TransmitStatus(1),
        TransmitStatus(2),
        TransmitStatus(2),
        UnknownCommand(c.TRANSMIT_STATUS + b"\x03", 3),
        UnknownCommand(c.TRANSMIT_STATUS + b"\x00", 3),
    ]


def test_gs_r_split_across_feeds_waits_for_its_parameter() -> None:
    decoder = EscPosDecoder()
    assert decoder.feed(c.TRANSMIT_STATUS) == []
    assert decoder.feed(b"\x01") == [TransmitStatus(1)]


def test_a_status_request_out_of_range_is_unknown() -> None:
    assert decode(c.REALTIME_STATUS + b"\x09ok\n") == [
        UnknownCommand(c.REALTIME_STATUS + b"\x09", 3),
        Text("ok", 2),
        LineFeed(),
    ]


CLEAR_BUFFERS = bytes.fromhex("10 14 08 01 03 14 01 06 02 08")  # Epson's DLE DC4 8


def test_dle_dc4_8_with_its_fixed_bytes_clears_the_buffers() -> None:
    assert c.CLEAR_BUFFERS == CLEAR_BUFFERS
    assert decode(b"a\n" + CLEAR_BUFFERS + streams.status_query(1)) == [
        Text("a", 1),
        LineFeed(),
        ClearBuffers(),
        StatusQuery(1),
    ]


def test_dle_dc4_8_waits_for_all_its_bytes() -> None:
    decoder = EscPosDecoder()
    assert decoder.feed(CLEAR_BUFFERS[:7]) == []
    assert decoder.pending == 7
    assert decoder.feed(CLEAR_BUFFERS[7:]) == [ClearBuffers()]


def test_dle_dc4_8_with_other_bytes_is_unknown_and_swallows_nothing_after_it() -> None:
    wrong = CLEAR_BUFFERS[:5] + b"ok"  # d3 must be 20, not "o"
    assert decode(wrong + b"\n" + streams.status_query(1)) == [
        UnknownCommand(CLEAR_BUFFERS[:3], 3),
        UnknownCommand(b"\x01", 1),
        UnknownCommand(b"\x03", 1),
        Text("ok", 2),
        LineFeed(),
        StatusQuery(1),
    ]


def test_other_dle_dc4_functions_are_skipped_by_their_length() -> None:
    pulse = c.REALTIME_REQUEST + b"\x01\x00\x01"  # DLE DC4 1 m t: drawer kick pulse
    assert decode(pulse + streams.status_query(2)) == [UnknownCommand(pulse[:4], 5), StatusQuery(2)]


def test_raster_payload_is_skipped_even_when_it_looks_like_commands() -> None:
    payload = (streams.status_query(1) + b"\n" + c.CUT + b"\x00" + b"\xff")[:8]
    events = decode(streams.raster(2, 4, payload) + b"after\n")
    assert events == [RasterImage(16, 4, 16), Text("after", 5), LineFeed()]


def test_raster_payload_split_across_feeds_is_still_skipped() -> None:
    decoder = EscPosDecoder()
    data = streams.raster(1, 3, b"\n\n\n") + b"x\n"
    events = [event for byte in data for event in decoder.feed(bytes([byte]))]
    assert events == [RasterImage(8, 3, 11), Text("x", 1), LineFeed()]


def test_unknown_commands_are_skipped_with_their_parameters() -> None:
    underline = c.ESC + b"-\x01"
    line_spacing = c.ESC + b"3\x40"
    barcode_height = c.GS + b"h\x50"
    unknown_function = c.ESC + b"z"
    events = decode(underline + line_spacing + barcode_height + unknown_function + b"A\n")
    assert events == [
        UnknownCommand(underline, 3),
        UnknownCommand(line_spacing, 3),
        UnknownCommand(barcode_height, 3),
        UnknownCommand(unknown_function, 2),
        Text("A", 1),
        LineFeed(),
    ]


def test_other_gs_functions_are_skipped_by_their_length() -> None:
    graphics = c.GS + b"(L" + bytes([4, 0]) + b"0\x31\n\n"  # GS ( L with 4 parameter bytes
    assert decode(graphics + b"x\n") == [
        UnknownCommand(graphics[:4], 9),
        Text("x", 1),
        LineFeed(),
    ]


def test_a_prefix_after_esc_is_not_swallowed() -> None:
    assert decode(c.ESC + c.INITIALIZE) == [UnknownCommand(c.ESC, 1), Initialize()]


def test_alignment_accepts_ascii_digits_and_rejects_others() -> None:
    assert decode(c.ALIGN + b"2" + c.ALIGN + b"\x01" + c.ALIGN + b"\x07") == [
        SetAlignment(c.ALIGN_RIGHT),
        SetAlignment(c.ALIGN_CENTER),
        UnknownCommand(c.ALIGN + b"\x07", 3),
    ]


def test_text_follows_the_selected_code_page() -> None:
    cp437_e_acute, cp1252_e_acute = b"\x82", b"\xe9"
    data = (
        cp437_e_acute
        + c.LF
        + c.SELECT_CODE_PAGE
        + bytes([c.CODE_PAGES["cp1252"]])
        + cp1252_e_acute
        + c.LF
    )
    texts = [event.text for event in decode(data) if isinstance(event, Text)]
    assert texts == ["é", "é"]


def test_initialize_goes_back_to_the_default_code_page() -> None:
    data = c.SELECT_CODE_PAGE + bytes([c.CODE_PAGES["cp1252"]]) + c.INITIALIZE + b"\x82\n"
    assert decode(data)[-2] == Text("é", 1)


def test_text_waits_for_the_byte_that_ends_it() -> None:
    decoder = EscPosDecoder()
    assert decoder.feed(b"Hel") == []
    assert decoder.pending == 3
    assert decoder.feed(b"lo\r\n") == [Text("Hello", 5), CarriageReturn(), LineFeed()]
    assert decoder.pending == 0


def test_a_very_long_text_run_comes_out_in_chunks() -> None:
    events = decode(b"x" * (MAX_TEXT_RUN + 10) + c.LF)
    assert events == [Text("x" * MAX_TEXT_RUN, MAX_TEXT_RUN), Text("x" * 10, 10), LineFeed()]


def test_splitting_a_ticket_at_every_byte_boundary_gives_the_same_events() -> None:
    data = streams.queue_ticket() + streams.status_query(4) + streams.raster(1, 2, b"\x10\x04")
    whole = decode(data)
    for split in range(len(data) + 1):
        assert decode_in_pieces(data, [split]) == whole, split


SNIPPETS = [
    streams.queue_ticket(),
    streams.status_query(1),
    streams.status_query(4),
    streams.qr(b"ABC"),
    streams.raster(2, 2, b"\x1b@\n\x10"),
    streams.cut(),
    streams.cut(partial=True, feed_dots=20),
    streams.size(3, 1),
    streams.feed(2),
    b"plain text\n",
    c.ESC + b"*\x00\x02\x00\x0a\x0a",  # bit image: two columns skipped
    c.GS + b"k\x04ABC\x00",  # barcode, NUL-terminated
    c.GS + b"k\x49\x03ABC",  # barcode, counted
    c.TRANSMIT_STATUS + b"\x01",
    CLEAR_BUFFERS,
]
stream_parts = st.lists(st.sampled_from(SNIPPETS) | st.binary(max_size=12), max_size=12)


@given(parts=stream_parts, cuts=st.lists(st.integers(min_value=0, max_value=4000)))
def test_splitting_a_stream_anywhere_gives_the_same_events(
    parts: list[bytes], cuts: list[int]
) -> None:
    data = b"".join(parts)
    assert decode_in_pieces(data, cuts) == decode(data)


@given(data=st.binary(max_size=3000), cuts=st.lists(st.integers(min_value=0, max_value=3000)))
def test_garbage_never_raises_and_every_byte_is_accounted_for(data: bytes, cuts: list[int]) -> None:
    decoder = EscPosDecoder()
    events = feed_in_pieces(decoder, data, cuts)
    assert sum(event.size for event in events) + decoder.pending == len(data)


def test_stored_logo_command_is_decoded() -> None:
    from devices.emulator.printer.events import StoredLogo

    events = EscPosDecoder().feed(b"\x1cp\x07\x00")
    assert events == [StoredLogo(7)]
