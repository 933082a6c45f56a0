"""emureader:// through plain pyserial: queued frames, timeouts, unplug, wrong speed, options."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import serial

from devices.emulator.readers import get_card_reader, get_scanner, reset_readers
from devices.emulator.readers.protocol_emureader import Serial
from devices.readers.rdm6300 import FRAME_LENGTH

TAG = "62E3086CED"
FRAME = b"\x0262E3086CED08\x03"  # checksum worked out in tests/devices/readers/test_rdm6300.py


@pytest.fixture(autouse=True)
def no_readers_left_over() -> Iterator[None]:
    reset_readers()  # the emulator conftest registers the package with pyserial
    yield
    reset_readers()


def open_port(url: str = "emureader://door", timeout: float | None = 2.0) -> serial.SerialBase:
    return serial.serial_for_url(url, 9600, timeout=timeout)


def test_the_scheme_gives_our_port_on_the_named_reader() -> None:
    port = open_port("emureader://door?kind=card")
    assert isinstance(port, Serial)
    assert port.reader is get_card_reader("door")


def test_a_card_presented_before_open_waits_for_the_port() -> None:
    get_card_reader("door").present(TAG, repeats=2)
    port = open_port()
    assert port.in_waiting == 2 * FRAME_LENGTH
    assert port.read(2 * FRAME_LENGTH) == FRAME * 2


def test_a_read_waits_for_the_card_and_no_longer() -> None:
    port = open_port(timeout=5.0)
    presenter = threading.Thread(target=get_card_reader("door").present, args=(TAG, 1))
    started = time.monotonic()
    presenter.start()
    assert port.read(FRAME_LENGTH) == FRAME
    assert time.monotonic() - started < 4.0
    presenter.join()


def test_a_read_returns_what_came_when_the_timeout_ends() -> None:
    port = open_port(timeout=0.05)
    get_scanner("desk").scan("A1")
    desk = open_port("emureader://desk?kind=scanner", timeout=0.05)
    assert desk.read(64) == b"A1\r"
    assert port.read(64) == b""


def test_cancel_read_wakes_a_waiting_read() -> None:
    port = open_port(timeout=None)
    result: list[bytes] = []
    waiting = threading.Thread(target=lambda: result.append(port.read(1)))
    waiting.start()
    while waiting.is_alive():  # the read may not be waiting yet when we cancel
        port.cancel_read()
        waiting.join(0.01)
    assert result == [b""]


def test_writes_are_accepted_and_ignored() -> None:
    port = open_port()
    assert port.write(b"hello reader") == 12
    assert port.in_waiting == 0


def test_unplug_kills_open_ports_and_refuses_new_ones_until_back() -> None:
    port = open_port()
    reader = get_card_reader("door")
    reader.present(TAG)
    reader.vanish()
    with pytest.raises(serial.SerialException):
        port.read(1)
    assert port.is_open
    with pytest.raises(serial.SerialException):
        open_port()
    reader.come_back()
    with pytest.raises(serial.SerialException):
        port.read(1)  # a connection from before the unplug stays dead
    fresh = open_port()
    assert fresh.in_waiting == 0  # what was queued went with the unplug
    reader.present(TAG, repeats=1)
    assert fresh.read(FRAME_LENGTH) == FRAME


def test_a_port_at_the_wrong_speed_hears_only_noise() -> None:
    get_card_reader("door").present(TAG, repeats=1)
    port = serial.serial_for_url("emureader://door", 115200, timeout=1)
    assert port.read(FRAME_LENGTH) == b"\xff" * FRAME_LENGTH


@pytest.mark.parametrize(
    "url",
    [
        "emureader://door?kind=printer",
        "emureader://door?colour=red",
        "emureader://door?baud=fast",
        "emureader://",
        "emureader://door/extra",
    ],
)
def test_bad_urls_are_refused(url: str) -> None:
    with pytest.raises(serial.SerialException):
        open_port(url)


def test_options_must_match_an_existing_reader() -> None:
    get_card_reader("door")
    with pytest.raises(serial.SerialException, match="kind"):
        open_port("emureader://door?kind=scanner")
    with pytest.raises(serial.SerialException, match="baudrate"):
        open_port("emureader://door?baud=19200")
