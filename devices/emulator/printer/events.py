"""What the emulated printer understood: one event per decoded ESC/POS command."""

from __future__ import annotations

from dataclasses import dataclass

# Every event records ``size``: how many raw bytes of the stream it consumed, so
# the emulator can count bytes per ticket and bytes it had to discard.


@dataclass(frozen=True)
class Initialize:
    """ESC @: reset modes and clear the line buffer."""

    size: int = 2


@dataclass(frozen=True)
class SetAlignment:
    """ESC a n: 0 left, 1 center, 2 right."""

    alignment: int
    size: int = 3


@dataclass(frozen=True)
class SetBold:
    """ESC E n."""

    on: bool
    size: int = 3


@dataclass(frozen=True)
class SetCharacterSize:
    """GS ! n: width and height multipliers, 1..8."""

    width: int
    height: int
    size: int = 3


@dataclass(frozen=True)
class FeedLines:
    """ESC d n: print the line buffer and feed n lines."""

    lines: int
    size: int = 3


@dataclass(frozen=True)
class SelectCodePage:
    """ESC t n; ``codec`` is the Python codec used for later text, None if unknown."""

    number: int
    codec: str | None
    size: int = 3


@dataclass(frozen=True)
class CancelKanji:
    """FS .: leave double-byte mode."""

    size: int = 2


@dataclass(frozen=True)
class LineFeed:
    """LF: print the line buffer and start a new line."""

    size: int = 1


@dataclass(frozen=True)
class CarriageReturn:
    """CR: ignored, as printers do with automatic line feed disabled."""

    size: int = 1


@dataclass(frozen=True)
class Text:
    """A run of printable characters, decoded with the selected code page."""

    text: str
    size: int


@dataclass(frozen=True)
class QrSetting:
    """GS ( k, QR function 65/67/69: ``name`` is model, module_size or error_correction."""

    name: str
    value: int
    size: int


@dataclass(frozen=True)
class QrStore:
    """GS ( k, QR function 80: data stored in the symbol memory."""

    data: bytes
    size: int


@dataclass(frozen=True)
class QrPrint:
    """GS ( k, QR function 81: print the stored symbol (its data is carried along)."""

    data: bytes
    size: int = 8


@dataclass(frozen=True)
class RasterImage:
    """GS v 0: a raster bit image; the payload is skipped, only its size is kept."""

    width_dots: int
    height_dots: int
    size: int


@dataclass(frozen=True)
class StoredLogo:
    """FS p n m: print the logo stored in the printer under key n."""

    key: int
    size: int = 4


@dataclass(frozen=True)
class Cut:
    """GS V: cut the paper, after feeding ``feed_dots`` (function B)."""

    partial: bool
    feed_dots: int
    size: int


@dataclass(frozen=True)
class StatusQuery:
    """DLE EOT n: a real-time status request the printer answers with one byte."""

    request: int
    size: int = 3


@dataclass(frozen=True)
class ClearBuffers:
    """DLE DC4 8 1 3 20 1 6 2 8: real time, drop the receive and print buffers.

    The printer answers at once with the clear response 37 25 00.
    """

    size: int = 10


@dataclass(frozen=True)
class TransmitStatus:
    """GS r n: status sent back in order, once everything before it was processed.

    ``request`` is 1 (paper sensor) or 2 (drawer kick-out connector), whether n
    came as that number or as its ASCII digit.
    """

    request: int
    size: int = 3


@dataclass(frozen=True)
class UnknownCommand:
    """A command the emulator does not model (or garbage), skipped as a whole.

    ``head`` is the command's first bytes (at most a few), enough to name it.
    """

    head: bytes
    size: int


Event = (
    Initialize
    | SetAlignment
    | SetBold
    | SetCharacterSize
    | FeedLines
    | SelectCodePage
    | CancelKanji
    | LineFeed
    | CarriageReturn
    | Text
    | QrSetting
    | QrStore
    | QrPrint
    | RasterImage
    | StoredLogo
    | Cut
    | StatusQuery
    | ClearBuffers
    | TransmitStatus
    | UnknownCommand
)
