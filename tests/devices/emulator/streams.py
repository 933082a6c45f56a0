"""ESC/POS byte streams for the emulator tests, built from the named protocol bytes."""

from __future__ import annotations

from devices.escpos import constants as c


def status_query(request: int) -> bytes:
    return c.REALTIME_STATUS + bytes([request])


def align(alignment: int) -> bytes:
    return c.ALIGN + bytes([alignment])


def bold(on: bool) -> bytes:
    return c.BOLD + bytes([int(on)])


def size(width: int, height: int) -> bytes:
    return c.CHARACTER_SIZE + bytes([(width - 1) << 4 | (height - 1)])


def feed(lines: int) -> bytes:
    return c.PRINT_AND_FEED_LINES + bytes([lines])


def qr_function(function: int, params: bytes) -> bytes:
    length = 2 + len(params)
    header = c.SYMBOL + bytes([length % 256, length // 256, c.QR_CN, function])
    return header + params


def qr(data: bytes) -> bytes:
    """Model, module size, error correction, store, print: what an encoder sends."""
    return (
        qr_function(c.QR_FN_MODEL, bytes([c.QR_MODEL_2, 0]))
        + qr_function(c.QR_FN_MODULE_SIZE, bytes([6]))
        + qr_function(c.QR_FN_ERROR_CORRECTION, bytes([c.QR_ERROR_CORRECTION["M"]]))
        + qr_function(c.QR_FN_STORE, bytes([c.QR_STORE_M]) + data)
        + qr_function(c.QR_FN_PRINT, bytes([c.QR_STORE_M]))
    )


def cut(partial: bool = False, feed_dots: int | None = None) -> bytes:
    if feed_dots is None:
        return c.CUT + bytes([c.CUT_PARTIAL if partial else c.CUT_FULL])
    mode = c.CUT_FEED_PARTIAL if partial else c.CUT_FEED_FULL
    return c.CUT + bytes([mode, feed_dots])


def raster(width_bytes: int, height: int, payload: bytes) -> bytes:
    header = b"v0" + bytes([0, width_bytes % 256, width_bytes // 256, height % 256, height // 256])
    return c.GS + header + payload


def queue_ticket(number: str = "A-023", code: bytes = b"https://desa.example/t/A-023") -> bytes:
    """A queue ticket as the kiosk would print it: header, big number, QR, feed, cut."""
    return (
        c.INITIALIZE
        + c.CANCEL_KANJI
        + c.SELECT_CODE_PAGE
        + bytes([c.CODE_PAGES["cp437"]])
        + align(c.ALIGN_CENTER)
        + bold(True)
        + b"KANTOR DESA SUKAMAJU\n"
        + bold(False)
        + size(2, 2)
        + number.encode()
        + c.LF
        + size(1, 1)
        + qr(code)
        + c.LF
        + align(c.ALIGN_LEFT)
        + b"Antrean: 4 orang\n"
        + feed(3)
        + cut(partial=True, feed_dots=96)
    )
