"""Card and code readers: pure frame parsers and the thread that feeds them from a port."""

from devices.readers.rdm6300 import CardRead, Rdm6300Parser, Rdm6300Stats
from devices.readers.reader import (
    READ_FAILED,
    UNPLUGGED,
    ByteParser,
    ByteSource,
    DropCounts,
    SerialReader,
)
from devices.readers.scanner import LineScannerParser, ScannerStats

__all__ = [
    "READ_FAILED",
    "UNPLUGGED",
    "ByteParser",
    "ByteSource",
    "CardRead",
    "DropCounts",
    "LineScannerParser",
    "Rdm6300Parser",
    "Rdm6300Stats",
    "ScannerStats",
    "SerialReader",
]
