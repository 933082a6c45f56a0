"""SerialTransport: URL ports, unplug as DeviceGone, write timeout, reconnect on the next call."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
import serial

from devices import transport as transport_module
from devices.errors import BadDeviceUrl, DeviceError, DeviceGone, DeviceTimeout
from devices.transport import SerialTransport
from tests.devices.conftest import FakePrinterServer

SHORT = 0.02  # seconds: long enough for loopback, short enough to keep the suite fast


@pytest.fixture
def loop() -> SerialTransport:
    return SerialTransport("loop://")


def test_bytes_written_come_back_on_a_loop_port() -> None:
    with SerialTransport("loop://") as transport:
        transport.write_all(b"\x1b@hello")
        assert transport.read(7) == b"\x1b@hello"


def test_port_opens_on_first_use(loop: SerialTransport) -> None:
    assert not loop.is_connected
    loop.write_all(b"x")
    assert loop.is_connected
    loop.close()
    assert not loop.is_connected


def test_read_returns_what_arrived_when_the_timeout_runs_out(loop: SerialTransport) -> None:
    loop.write_all(b"ab")
    assert loop.read(5, timeout=SHORT) == b"ab"
    assert loop.read(1, timeout=SHORT) == b""


def test_discard_input_drops_unread_bytes(loop: SerialTransport) -> None:
    loop.write_all(b"stale")
    loop.discard_input()
    loop.write_all(b"new")
    assert loop.read(8, timeout=SHORT) == b"new"


def test_pyserial_keeps_is_open_true_after_the_peer_vanishes(
    fake_printer: FakePrinterServer,
) -> None:
    """The premise of the transport's design: only a failing call reveals an unplug."""
    port = serial.serial_for_url(fake_printer.url, timeout=SHORT)
    assert fake_printer.connected.wait(2)
    fake_printer.unplug()
    assert port.is_open
    with pytest.raises(serial.SerialException):
        port.read(1)
    port.close()


def test_read_after_unplug_raises_device_gone(fake_printer: FakePrinterServer) -> None:
    transport = SerialTransport(fake_printer.url)
    transport.open()
    assert fake_printer.connected.wait(2)
    fake_printer.unplug()
    assert transport.is_connected  # not known yet
    with pytest.raises(DeviceGone):
        transport.read(1, timeout=SHORT)
    assert not transport.is_connected


def test_write_after_unplug_raises_device_gone(fake_printer: FakePrinterServer) -> None:
    transport = SerialTransport(fake_printer.url)
    transport.open()
    assert fake_printer.connected.wait(2)
    fake_printer.unplug()
    with pytest.raises(DeviceGone):
        transport.write_all(b"ticket")
    assert not transport.is_connected


def test_next_call_reconnects_when_the_device_returns(fake_printer: FakePrinterServer) -> None:
    transport = SerialTransport(fake_printer.url)
    transport.write_all(b"first")
    fake_printer.stop()
    with pytest.raises(DeviceGone):
        transport.read(1, timeout=SHORT)
    with pytest.raises(DeviceGone):  # still away: the reopen is refused
        transport.write_all(b"lost")

    returned = FakePrinterServer(port=fake_printer.port)
    try:
        transport.write_all(b"second")
        transport.read(1, timeout=SHORT)  # a round trip: the server has seen the write
        assert returned.document() == b"second"
        assert transport.is_connected
    finally:
        returned.stop()
        transport.close()


def test_explicit_reconnect_opens_a_fresh_connection(fake_printer: FakePrinterServer) -> None:
    transport = SerialTransport(fake_printer.url)
    transport.open()
    assert fake_printer.connected.wait(2)
    fake_printer.unplug()
    transport.reconnect()
    assert fake_printer.connected.wait(2)
    transport.write_all(b"after")
    transport.close()


def test_missing_device_path_raises_device_gone() -> None:
    transport = SerialTransport("/dev/ttyNOPE")
    with pytest.raises(DeviceGone, match="ttyNOPE"):
        transport.open()
    with pytest.raises(DeviceGone):
        transport.write_all(b"x")
    assert not transport.is_connected


def test_unknown_url_scheme_is_a_configuration_error_not_an_unplug() -> None:
    with pytest.raises(BadDeviceUrl, match="'nosuch://x'") as raised:
        SerialTransport("nosuch://x").open()
    assert isinstance(raised.value, DeviceError)
    assert isinstance(raised.value, ValueError)  # what callers caught before
    assert not isinstance(raised.value, DeviceGone)


class _BusyPort:
    """A pyserial port whose device never takes the bytes (flow control held)."""

    def __init__(self) -> None:
        self.output_discarded = False
        self.timeout = 0.2

    def write(self, data: bytes) -> int:
        raise serial.SerialTimeoutException("Write timeout")

    def reset_output_buffer(self) -> None:
        self.output_discarded = True

    def close(self) -> None:
        pass


def test_a_write_timeout_is_a_device_timeout_and_keeps_the_port(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = _BusyPort()

    def open_busy_port(url: str, **settings: Any) -> _BusyPort:
        return port

    monkeypatch.setattr(transport_module.serial, "serial_for_url", open_busy_port)
    transport = SerialTransport("/dev/ttyBUSY")
    with pytest.raises(DeviceTimeout, match="did not take the bytes"):
        transport.write_all(b"ticket")
    assert port.output_discarded  # the unsent rest will not trickle out later
    assert transport.is_connected  # a busy printer is not an unplugged one


def test_exclusive_holds_off_other_threads(loop: SerialTransport) -> None:
    finished = threading.Event()

    def write_from_another_thread() -> None:
        loop.write_all(b"B")
        finished.set()

    other = threading.Thread(target=write_from_another_thread)
    with loop.exclusive():
        other.start()
        assert not finished.wait(SHORT)
        loop.write_all(b"A")
    assert finished.wait(2)
    other.join()
    assert loop.read(2, timeout=SHORT) == b"AB"


def test_payload_bytes_never_reach_the_log(
    loop: SerialTransport, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="devices.transport")
    loop.write_all(b"NIK 3201010101010001")
    loop.read(32, timeout=SHORT)
    assert "20 bytes" in caplog.text
    assert "3201" not in caplog.text


def test_a_device_that_stays_away_is_reported_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="devices.transport")
    transport = SerialTransport("/dev/ttyNOPE")
    for _ in range(3):
        with pytest.raises(DeviceGone):
            transport.open()
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
