"""The configured card reader delivers each tap's tag once (emulated reader: simulated hardware)."""

from __future__ import annotations

import os
import queue

from devices.emulator.readers import get_card_reader, register_reader_url_handler, reset_readers
from kiosk.cli.readers import start_card_reader, stop_reader
from kiosk.config import load_settings


def test_no_card_reader_configured_starts_nothing() -> None:
    settings = load_settings(None, {"KIOSK_CONFIG": os.devnull})
    assert start_card_reader(settings, lambda tag: None) is None


def test_a_tap_arrives_once_and_a_bad_frame_not_at_all() -> None:
    register_reader_url_handler()
    environ = {"KIOSK_CONFIG": os.devnull, "KIOSK_READERS_CARD_URL": "emureader://desk?kind=card"}
    tags: queue.Queue[str] = queue.Queue()
    reader = start_card_reader(load_settings(None, environ), tags.put)
    assert reader is not None
    emulated = get_card_reader("desk")
    try:
        emulated.send_bad_checksum("0A1B2C3D4E")
        emulated.present("0a1b2c3d4e", repeats=5)  # held: five frames, one tap
        emulated.present("1F00A1B2C3")
        assert tags.get(timeout=5) == "0A1B2C3D4E"
        assert tags.get(timeout=5) == "1F00A1B2C3"
        assert tags.empty()
        assert reader.parser.stats.bad_checksum == 1  # type: ignore[attr-defined]
        assert reader.parser.stats.repeats_suppressed >= 4  # type: ignore[attr-defined]
    finally:
        stop_reader(reader)
        reset_readers()
    assert not reader.running
