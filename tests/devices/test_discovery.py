"""Port discovery: runs without hardware; by-id links found through a fake directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from serial.tools import list_ports as list_ports_module
from serial.tools import list_ports_common

from devices.discovery import PortInfo, format_port, list_ports


def test_list_ports_runs_on_any_machine() -> None:
    ports = list_ports()
    assert isinstance(ports, list)
    assert all(isinstance(port, PortInfo) for port in ports)


def test_list_ports_copies_usb_details_and_finds_the_by_id_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    device = tmp_path / "ttyUSB0"
    device.touch()
    by_id = tmp_path / "by-id"
    by_id.mkdir()
    link = by_id / "usb-1a86_USB_Serial-if00-port0"
    link.symlink_to(device)
    other = tmp_path / "ttyS0"
    other.touch()
    monkeypatch.setattr(
        list_ports_module,
        "comports",
        lambda: [_usb_port(str(device)), list_ports_common.ListPortInfo(str(other), True)],
    )

    usb, plain = sorted(list_ports(by_id), key=lambda port: port.vid is None)

    assert usb == PortInfo(
        device=str(device),
        description="USB Serial",
        vid=0x1A86,
        pid=0x7523,
        serial_number="A1B2",
        manufacturer="QinHeng",
        by_id_path=str(link),
    )
    assert usb.stable_path == str(link)
    assert plain.by_id_path is None
    assert plain.stable_path == str(other)


def test_missing_by_id_directory_means_no_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_ports_module, "comports", lambda: [_usb_port("/dev/ttyUSB7")])
    (port,) = list_ports(tmp_path / "absent")
    assert port.by_id_path is None


def test_format_port_shows_what_a_technician_needs() -> None:
    port = PortInfo(
        device="/dev/ttyUSB0",
        description="USB Serial",
        vid=0x1A86,
        pid=0x7523,
        serial_number="A1B2",
        manufacturer="QinHeng",
        by_id_path="/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0",
    )
    assert format_port(port) == (
        "/dev/ttyUSB0  1a86:7523  USB Serial  by QinHeng  serial A1B2"
        "  stable: /dev/serial/by-id/usb-1a86_USB_Serial-if00-port0"
    )


def test_format_port_of_a_bare_port() -> None:
    assert format_port(PortInfo(device="/dev/ttyS0", description="n/a")) == "/dev/ttyS0"


def _usb_port(device: str) -> list_ports_common.ListPortInfo:
    port = list_ports_common.ListPortInfo(device, skip_link_detection=True)
    port.vid, port.pid = 0x1A86, 0x7523
    port.serial_number = "A1B2"
    port.manufacturer = "QinHeng"
    port.description = "USB Serial"
    return port
