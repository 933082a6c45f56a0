"""EscPosEncoder: exact bytes, written out from the Epson command reference."""

from __future__ import annotations

import dataclasses

import pytest

from devices.escpos.encoder import EscPosEncoder
from devices.escpos.profiles import PROFILES


@pytest.fixture
def encoder() -> EscPosEncoder:
    return EscPosEncoder(PROFILES["80mm"])


def test_initialize(encoder: EscPosEncoder) -> None:
    assert encoder.initialize().to_bytes() == b"\x1b@"


def test_commands_chain_in_order(encoder: EscPosEncoder) -> None:
    data = encoder.initialize().bold().line("A").bold(False).to_bytes()
    assert data == b"\x1b@" + b"\x1bE\x01" + b"A\n" + b"\x1bE\x00"


def test_code_page_cancels_kanji_then_selects_the_profile_page() -> None:
    cp437 = EscPosEncoder(PROFILES["58mm"]).code_page().to_bytes()
    assert cp437 == b"\x1c." + b"\x1bt\x00"
    cp858 = dataclasses.replace(PROFILES["80mm"], code_page="cp858")
    assert EscPosEncoder(cp858).code_page().to_bytes() == b"\x1c.\x1bt\x13"


@pytest.mark.parametrize(("alignment", "n"), [("left", 0), ("center", 1), ("right", 2)])
def test_align(encoder: EscPosEncoder, alignment: str, n: int) -> None:
    assert encoder.align(alignment).to_bytes() == b"\x1ba" + bytes([n])  # type: ignore[arg-type]


def test_align_rejects_unknown_words(encoder: EscPosEncoder) -> None:
    with pytest.raises(ValueError, match="justify"):
        encoder.align("justify")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("width", "height", "n"), [(1, 1, 0x00), (2, 1, 0x10), (1, 2, 0x01), (2, 3, 0x12), (8, 8, 0x77)]
)
def test_size_puts_width_in_the_high_nibble(
    encoder: EscPosEncoder, width: int, height: int, n: int
) -> None:
    assert encoder.size(width, height).to_bytes() == b"\x1d!" + bytes([n])


@pytest.mark.parametrize(("width", "height"), [(0, 1), (9, 1), (1, 0), (1, 9)])
def test_size_outside_one_to_eight_is_refused(
    encoder: EscPosEncoder, width: int, height: int
) -> None:
    with pytest.raises(ValueError):
        encoder.size(width, height)


def test_text_adds_no_line_feed(encoder: EscPosEncoder) -> None:
    assert encoder.text("Antrean").to_bytes() == b"Antrean"


def test_text_uses_the_profile_code_page(encoder: EscPosEncoder) -> None:
    assert encoder.text("é").to_bytes() == b"\x82"  # cp437


def test_unencodable_characters_print_as_question_marks(encoder: EscPosEncoder) -> None:
    assert encoder.line("Rp 5.000 €→").to_bytes() == b"Rp 5.000 ??\n"


def test_control_characters_in_text_cannot_smuggle_commands(encoder: EscPosEncoder) -> None:
    assert encoder.text("A\x1bd\x10B\x1d\tC\x7f").to_bytes() == b"A?d?B??C?"


def test_line_feeds_inside_text_are_kept(encoder: EscPosEncoder) -> None:
    assert encoder.text("A\nB").to_bytes() == b"A\nB"


def test_feed(encoder: EscPosEncoder) -> None:
    assert encoder.feed(3).to_bytes() == b"\x1bd\x03"
    with pytest.raises(ValueError):
        encoder.feed(256)


def test_cut_with_a_cutter_feeds_the_profile_dots_then_cuts() -> None:
    profile = PROFILES["80mm"]
    assert profile.has_cutter and profile.cut_feed_dots == 96
    assert EscPosEncoder(profile).cut().to_bytes() == b"\x1dVB\x60"  # GS V 66 96
    assert EscPosEncoder(profile).cut(partial=False).to_bytes() == b"\x1dVA\x60"  # GS V 65 96


def test_cut_without_a_cutter_feeds_lines_to_tear_off() -> None:
    profile = PROFILES["58mm"]
    assert not profile.has_cutter
    data = EscPosEncoder(profile).cut().to_bytes()
    assert data == b"\x1bd\x04"  # 96 dots at 30 dots a line, rounded up
    assert b"\x1dV" not in data


def test_qr_short_payload_exact_bytes(encoder: EscPosEncoder) -> None:
    assert encoder.qr("ABC").to_bytes() == (
        b"\x1d(k\x04\x00\x31\x41\x32\x00"  # fn 65: model 2
        b"\x1d(k\x03\x00\x31\x43\x06"  # fn 67: module 6 dots
        b"\x1d(k\x03\x00\x31\x45\x31"  # fn 69: error correction M
        b"\x1d(k\x06\x00\x31\x50\x30ABC"  # fn 80: store, pL = 3 + 3
        b"\x1d(k\x03\x00\x31\x51\x30"  # fn 81: print
    )


def test_qr_store_length_spans_two_bytes(encoder: EscPosEncoder) -> None:
    payload = b"x" * 300
    data = encoder.qr(payload, module_dots=4, error_correction="H").to_bytes()
    assert b"\x1d(k\x2f\x01\x31\x50\x30" + payload in data  # 303 = 0x012f
    assert b"\x1d(k\x03\x00\x31\x43\x04" in data
    assert b"\x1d(k\x03\x00\x31\x45\x33" in data


def test_qr_text_is_utf8(encoder: EscPosEncoder) -> None:
    assert b"\x31\x50\x30caf\xc3\xa9" in encoder.qr("café").to_bytes()


def test_qr_refused_without_native_qr() -> None:
    with pytest.raises(ValueError, match="native QR"):
        EscPosEncoder(PROFILES["80mm-noqr"]).qr("ABC")


def test_qr_size_limits(encoder: EscPosEncoder) -> None:
    encoder.qr(b"1" * 7089)
    with pytest.raises(ValueError, match="7089"):
        encoder.qr(b"1" * 7090)
    with pytest.raises(ValueError):
        encoder.qr("")
    with pytest.raises(ValueError):
        encoder.qr("ABC", module_dots=17)
    with pytest.raises(ValueError):
        encoder.qr("ABC", error_correction="X")  # type: ignore[arg-type]


def test_a_refused_command_adds_nothing(encoder: EscPosEncoder) -> None:
    encoder.initialize()
    with pytest.raises(ValueError):
        encoder.qr(b"1" * 7090)
    assert encoder.to_bytes() == b"\x1b@"


def test_transmit_paper_status_is_gs_r_1(encoder: EscPosEncoder) -> None:
    assert encoder.line("A").transmit_paper_status().to_bytes() == b"A\n" + b"\x1d\x72\x01"


def test_profiles_say_whether_gs_r_is_answered() -> None:
    assert PROFILES["80mm"].in_order_status and PROFILES["58mm"].in_order_status
    generic = PROFILES["generic"]
    assert not generic.in_order_status
    assert (generic.paper_width_mm, generic.columns) == (80, 48)


def test_stored_logo_is_printed_from_the_printers_memory() -> None:
    encoder = EscPosEncoder(PROFILES["80mm"])
    assert encoder.stored_logo(1).to_bytes() == b"\x1cp\x01\x00"
    with pytest.raises(ValueError):
        EscPosEncoder(PROFILES["80mm"]).stored_logo(0)
