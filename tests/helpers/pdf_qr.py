"""The QR symbols a PDF page paints, recovered from its content stream (tests only).

A small interpreter follows the graphics state (q, Q, cm and the fill colour) and
collects the black rectangles a page fills. Rectangles of one height that tile a
square grid of 21 to 41 modules are a QR symbol: its matrix is rebuilt from their
positions on the page, for `tests.helpers.qr_reader.read_qr` to read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from reportlab.graphics.barcode import qrencoder

Transform = tuple[float, float, float, float, float, float]  # a b c d e f, as for cm
IDENTITY: Transform = (1, 0, 0, 1, 0, 0)
FILLS = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}
OTHER_PAINTS = {b"n", b"S", b"s"}
CURVES_AND_LINES = {b"m", b"l", b"c", b"v", b"y", b"h"}
DELIMITERS = b"()<>[]{}/%"
WHITESPACE = b" \t\r\n\f\x00"
NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")
ALIGNED = 0.05  # of a module: how far off the grid an edge may be
QR_SIZES = range(21, 42, 4)  # versions 1 to 6


@dataclass(frozen=True)
class Box:
    """A rectangle on the page, in points, y upwards."""

    left: float
    bottom: float
    right: float
    top: float


def _tokens(content: bytes) -> Iterator[bytes | float]:
    """Numbers as floats, operators and other tokens as bytes; strings are skipped."""
    i, size = 0, len(content)
    while i < size:
        byte = content[i : i + 1]
        if byte in WHITESPACE:
            i += 1
        elif byte == b"%":
            while i < size and content[i : i + 1] not in (b"\r", b"\n"):
                i += 1
        elif byte == b"(":  # a literal string: balanced parentheses, backslash escapes
            depth, i = 1, i + 1
            while depth:
                char = content[i : i + 1]
                if char == b"\\":
                    i += 1
                elif char == b"(":
                    depth += 1
                elif char == b")":
                    depth -= 1
                i += 1
            yield b"(string)"
        elif content.startswith((b"<<", b">>"), i):
            yield content[i : i + 2]
            i += 2
        elif byte == b"<":
            i = content.index(b">", i) + 1
            yield b"<hex>"
        elif byte in b"[]{}":
            yield byte
            i += 1
        else:
            start = i + 1 if byte == b"/" else i
            end = start
            while end < size and content[end] not in WHITESPACE + DELIMITERS:
                end += 1
            end = max(end, i + 1)  # a stray delimiter is a token of its own
            word = content[i:end]
            i = end
            yield float(word) if NUMBER.fullmatch(word) else word


def _concat(inner: Transform, outer: Transform) -> Transform:
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _on_page(ctm: Transform, x: float, y: float, width: float, height: float) -> Box | None:
    a, b, c, d, e, f = ctm
    if abs(b) > 1e-9 or abs(c) > 1e-9:
        return None  # rotated or skewed: not a QR module
    xs = sorted((a * x + e, a * (x + width) + e))
    ys = sorted((d * y + f, d * (y + height) + f))
    return Box(xs[0], ys[0], xs[1], ys[1])


def filled_boxes(content: bytes) -> list[Box]:
    """The rectangles a content stream fills in black (gray 0, RGB 0 0 0 or CMYK 0 0 0 1)."""
    ctm, dark = IDENTITY, False
    saved: list[tuple[Transform, bool]] = []
    path: list[Box | None] = []
    only_rectangles = True
    operands: list[bytes | float] = []
    filled: list[Box] = []
    for token in _tokens(content):
        if isinstance(token, float) or token in (b"(string)", b"<hex>", b"[", b"]"):
            operands.append(token)
            continue
        if token.startswith(b"/") or token in (b"<<", b">>", b"{", b"}"):
            operands.append(token)
            continue
        numbers = [value for value in operands if isinstance(value, float)]
        operands = []
        if token == b"q":
            saved.append((ctm, dark))
        elif token == b"Q":
            ctm, dark = saved.pop()
        elif token == b"cm":
            a, b, c, d, e, f = numbers[-6:]
            ctm = _concat((a, b, c, d, e, f), ctm)
        elif token == b"rg":
            dark = numbers == [0, 0, 0]
        elif token == b"g":
            dark = numbers == [0]
        elif token == b"k":
            dark = numbers == [0, 0, 0, 1]
        elif token in (b"sc", b"scn", b"cs"):
            dark = False  # another colour space: not counted as black
        elif token == b"re":
            path.append(_on_page(ctm, *numbers[-4:]))
        elif token in CURVES_AND_LINES:
            only_rectangles = False
        elif token in FILLS or token in OTHER_PAINTS:
            if token in FILLS and dark and only_rectangles:
                filled += [box for box in path if box is not None]
            path, only_rectangles = [], True
    return filled


def qr_symbols(content: bytes) -> list[list[list[bool]]]:
    """The module matrices (matrix[row][column], True dark) of the QR symbols painted."""
    by_height: dict[float, list[Box]] = defaultdict(list)
    for box in filled_boxes(content):
        by_height[round(box.top - box.bottom, 2)].append(box)
    return [matrix for boxes in by_height.values() if (matrix := _matrix(boxes)) is not None]


def _matrix(boxes: list[Box]) -> list[list[bool]] | None:
    """The grid `boxes` tile, if they tile a square grid of QR size, else None."""
    module = boxes[0].top - boxes[0].bottom
    left, top = min(box.left for box in boxes), max(box.top for box in boxes)
    right, bottom = max(box.right for box in boxes), min(box.bottom for box in boxes)

    def modules(length: float) -> int | None:
        count = round(length / module)
        return count if abs(length / module - count) < ALIGNED else None

    size = modules(right - left)
    if size not in QR_SIZES or modules(top - bottom) != size:
        return None
    matrix = [[False] * size for _ in range(size)]
    for box in boxes:
        column, row = modules(box.left - left), modules(top - box.top)
        width = modules(box.right - box.left)
        if column is None or row is None or not width:
            return None
        for i in range(column, column + width):
            matrix[row][i] = True
    return matrix


def encoded(payload: str, level: str = "M") -> list[list[bool]]:
    """The matrix reportlab's encoder makes of `payload` at error-correction `level`."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(payload)
    code.make()
    return [[bool(module) for module in row] for row in code.modules]
