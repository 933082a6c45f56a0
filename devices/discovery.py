"""Serial port discovery for the technician: USB ids and stable /dev/serial/by-id paths."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from serial.tools import list_ports as pyserial_list_ports

BY_ID_DIRECTORY = Path("/dev/serial/by-id")


@dataclass(frozen=True)
class PortInfo:
    """One serial port as the operating system reports it.

    `by_id_path` survives re-plugging into another USB socket, unlike
    /dev/ttyUSB0, so it is the path to store in the kiosk's settings.
    """

    device: str
    description: str
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None
    manufacturer: str | None = None
    by_id_path: str | None = None

    @property
    def stable_path(self) -> str:
        """The by-id path when there is one, else the device path."""
        return self.by_id_path or self.device


def list_ports(by_id_directory: Path = BY_ID_DIRECTORY) -> list[PortInfo]:
    """Every serial port present now, sorted by device path; empty without hardware."""
    by_id = _by_id_links(by_id_directory)
    ports = [
        PortInfo(
            device=port.device,
            description=port.description or "",
            vid=port.vid,
            pid=port.pid,
            serial_number=port.serial_number,
            manufacturer=port.manufacturer,
            by_id_path=by_id.get(os.path.realpath(port.device)),
        )
        for port in pyserial_list_ports.comports()
    ]
    return sorted(ports, key=lambda port: port.device)


def format_port(port: PortInfo) -> str:
    """One technician-readable line, e.g. for `kiosk ports` and the settings screen."""
    parts = [port.device]
    if port.vid is not None and port.pid is not None:
        parts.append(f"{port.vid:04x}:{port.pid:04x}")
    if port.description and port.description != "n/a":
        parts.append(port.description)
    if port.manufacturer:
        parts.append(f"by {port.manufacturer}")
    if port.serial_number:
        parts.append(f"serial {port.serial_number}")
    if port.by_id_path:
        parts.append(f"stable: {port.by_id_path}")
    return "  ".join(parts)


def _by_id_links(directory: Path) -> dict[str, str]:
    """Map each resolved device path to its first by-id link (sorted, so stable)."""
    if not directory.is_dir():
        return {}
    links: dict[str, str] = {}
    for link in sorted(directory.iterdir()):
        links.setdefault(os.path.realpath(link), str(link))
    return links
