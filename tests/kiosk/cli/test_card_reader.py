"""The configured card reader delivers each tap's tag once (emulated reader: simulated hardware)."""

from __future__ import annotations

import logging
import os
import queue
import time
from collections.abc import Callable

import pytest

from devices.emulator.readers import get_card_reader, register_reader_url_handler, reset_readers
from devices.readers.rdm6300 import CardRead, encode_frame
from devices.readers.reader import SerialReader
from kiosk.cli.reader_threads import start_card_reader, stop_reader
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


TAG = "0A1B2C3D4E"
OTHER_TAG = "1F00A1B2C3"
WAIT = 5.0  # seconds; only ever reached when a test fails
# One bad-checksum frame and 7 stray bytes, sent as one piece so one read takes it all.
NOISE = b"\x00\xffjunk\x03" + encode_frame(OTHER_TAG, wrong_checksum=True)


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "the reader did not get there in time"
        time.sleep(0.01)


def warnings_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def assert_no_tag_logged(caplog: pytest.LogCaptureFixture) -> None:
    # A tag is personal data: not in any record, whatever its level or case.
    for record in caplog.records:
        text = f"{record.getMessage()} {record.args!r}".upper()
        assert TAG not in text and OTHER_TAG not in text, record.getMessage()


def start_desk_reader(
    name: str, on_tag: Callable[[str], None], **options: float
) -> SerialReader[CardRead]:
    register_reader_url_handler()
    environ = {
        "KIOSK_CONFIG": os.devnull,
        "KIOSK_READERS_CARD_URL": f"emureader://{name}?kind=card",
    }
    reader = start_card_reader(load_settings(None, environ), on_tag, **options)
    assert reader is not None
    return reader


def test_garbage_on_the_line_is_one_warning_of_counts_a_minute(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    tags: queue.Queue[str] = queue.Queue()
    reader = start_desk_reader("noisy", tags.put)
    emulated = get_card_reader("noisy")
    try:
        emulated.send_garbage(NOISE)
        wait_until(lambda: bool(warnings_logged(caplog)))
        emulated.send_garbage(NOISE)  # still noisy within the minute: not logged again
        emulated.present(TAG)
        assert tags.get(timeout=WAIT) == TAG
        wait_until(lambda: reader.parser.stats.bad_checksum == 2)  # type: ignore[attr-defined]
    finally:
        stop_reader(reader)  # the thread checks after every read: all were checked
        reset_readers()
    assert warnings_logged(caplog) == [
        "card reader: 1 frame with a bad checksum and 7 stray bytes dropped since start"
        " (check the cable and the baud rate)"
    ]
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert (
        "card reader stopped: 2 frames with a bad checksum, 14 stray bytes"
        " and 2 repeats of a held card dropped since start"
    ) in infos
    assert_no_tag_logged(caplog)


def test_a_noisy_line_is_told_again_once_the_interval_is_up(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    reader = start_desk_reader("crackling", lambda tag: None, bad_input_interval=0.05)
    emulated = get_card_reader("crackling")
    try:
        emulated.send_garbage(NOISE)
        wait_until(lambda: len(warnings_logged(caplog)) == 1)
        emulated.send_garbage(NOISE)
        wait_until(lambda: len(warnings_logged(caplog)) == 2)
    finally:
        stop_reader(reader)
        reset_readers()
    assert "2 frames with a bad checksum and 14 stray bytes" in warnings_logged(caplog)[1]
    assert_no_tag_logged(caplog)


def test_a_clean_read_logs_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    tags: queue.Queue[str] = queue.Queue()
    reader = start_desk_reader("clean", tags.put, bad_input_interval=0)
    try:
        get_card_reader("clean").present(TAG, repeats=5)  # held: repeats are normal
        assert tags.get(timeout=WAIT) == TAG
    finally:
        stop_reader(reader)
        reset_readers()
    assert warnings_logged(caplog) == []
    stopped = [r for r in caplog.records if "card reader stopped" in r.getMessage()]
    assert [(r.levelno, r.getMessage()) for r in stopped] == [
        (logging.DEBUG, "card reader stopped: 4 repeats of a held card dropped since start")
    ]  # normal: not worth a technician's attention
    assert_no_tag_logged(caplog)


def test_a_reader_that_dropped_nothing_stops_quietly(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="kiosk.cli.reader_threads")
    reader = start_desk_reader("quiet", lambda tag: None)
    stop_reader(reader)
    reset_readers()
    assert [r for r in caplog.records if r.name == "kiosk.cli.reader_threads"] == []
