"""Reading a QR symbol from its module matrix, without a QR library (tests only).

Written from ISO/IEC 18004 rather than from any encoder, so that a test can check
what a printed QR really says: the format information, the mask, the codewords in
their zig-zag order, the Reed-Solomon check of every block, then the data segments.
Versions 1 to 6 (up to 41 × 41 modules) are enough for the kiosk's short payloads.
"""

from __future__ import annotations

from collections.abc import Sequence

Matrix = Sequence[Sequence[bool]]  # matrix[row][column], True for a dark module

LEVELS = {1: "L", 0: "M", 3: "Q", 2: "H"}  # the two level bits of the format information
# (blocks, codewords per block, data codewords per block) for each version and level
BLOCKS: dict[tuple[int, str], list[tuple[int, int, int]]] = {
    (1, "L"): [(1, 26, 19)],
    (1, "M"): [(1, 26, 16)],
    (1, "Q"): [(1, 26, 13)],
    (1, "H"): [(1, 26, 9)],
    (2, "L"): [(1, 44, 34)],
    (2, "M"): [(1, 44, 28)],
    (2, "Q"): [(1, 44, 22)],
    (2, "H"): [(1, 44, 16)],
    (3, "L"): [(1, 70, 55)],
    (3, "M"): [(1, 70, 44)],
    (3, "Q"): [(2, 35, 17)],
    (3, "H"): [(2, 35, 13)],
    (4, "L"): [(1, 100, 80)],
    (4, "M"): [(2, 50, 32)],
    (4, "Q"): [(2, 50, 24)],
    (4, "H"): [(4, 25, 9)],
    (5, "L"): [(1, 134, 108)],
    (5, "M"): [(2, 67, 43)],
    (5, "Q"): [(2, 33, 15), (2, 34, 16)],
    (5, "H"): [(2, 33, 11), (2, 34, 12)],
    (6, "L"): [(2, 86, 68)],
    (6, "M"): [(4, 43, 27)],
    (6, "Q"): [(4, 43, 19)],
    (6, "H"): [(4, 43, 15)],
}
ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


class Unreadable(ValueError):
    """The matrix is not a QR symbol this reader can read, or it is damaged."""


def read_qr(matrix: Matrix) -> str:
    """The text a QR symbol holds; `Unreadable` when any check fails (no error correction)."""
    size = len(matrix)
    version = (size - 17) // 4
    if size != 17 + 4 * version or not 1 <= version <= 6:
        raise Unreadable(f"a {size}-module symbol is not version 1 to 6")
    if any(len(row) != size for row in matrix):
        raise Unreadable("the matrix is not square")
    _check_finders(matrix)
    level, mask = _format(matrix)
    codewords = _codewords(matrix, version, mask)
    return _segments(_data(codewords, BLOCKS[version, level]))


def _check_finders(matrix: Matrix) -> None:
    size = len(matrix)
    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
        for row in range(7):
            for column in range(7):
                ring = max(abs(row - 3), abs(column - 3))
                if matrix[top + row][left + column] != (ring != 2):
                    raise Unreadable("no finder pattern in a corner")
    for i in range(8, size - 8):  # the timing patterns alternate, dark on even positions
        if matrix[6][i] != (i % 2 == 0) or matrix[i][6] != (i % 2 == 0):
            raise Unreadable("broken timing pattern")


def _format_bits(level_bits: int, mask: int) -> int:
    data = level_bits << 3 | mask
    remainder = data
    for _ in range(10):  # BCH(15, 5), generator 0x537
        remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
    return (data << 10 | remainder) ^ 0x5412


def _format(matrix: Matrix) -> tuple[str, int]:
    """The error-correction level and mask, from the format bits beside the top-left finder."""
    cells = [(row, 8) for row in range(6)] + [(7, 8), (8, 8), (8, 7)]
    cells += [(8, 14 - i) for i in range(9, 15)]  # bit i at cells[i], bit 0 least significant
    bits = sum(1 << i for i, (row, column) in enumerate(cells) if matrix[row][column])
    size = len(matrix)
    copy = [(8, size - 1 - i) for i in range(8)] + [(size - 15 + i, 8) for i in range(8, 15)]
    second = sum(1 << i for i, (row, column) in enumerate(copy) if matrix[row][column])
    for level_bits, level in LEVELS.items():
        for mask in range(8):
            if _format_bits(level_bits, mask) == bits == second:
                return level, mask
    raise Unreadable("unreadable format information")


def _is_function(row: int, column: int, version: int) -> bool:
    size = 17 + 4 * version
    if row <= 8 and (column <= 8 or column >= size - 8):
        return True  # a finder, its separator and the format bits
    if row >= size - 8 and column <= 8:
        return True  # the bottom-left finder, its format bits and the dark module
    if row == 6 or column == 6:
        return True  # timing
    alignment = size - 7  # versions 2 to 6 have one alignment pattern, bottom right
    return version >= 2 and abs(row - alignment) <= 2 and abs(column - alignment) <= 2


MASKS = [
    lambda r, c: (r + c) % 2 == 0,
    lambda r, c: r % 2 == 0,
    lambda r, c: c % 3 == 0,
    lambda r, c: (r + c) % 3 == 0,
    lambda r, c: (r // 2 + c // 3) % 2 == 0,
    lambda r, c: (r * c) % 2 + (r * c) % 3 == 0,
    lambda r, c: ((r * c) % 2 + (r * c) % 3) % 2 == 0,
    lambda r, c: ((r + c) % 2 + (r * c) % 3) % 2 == 0,
]


def _codewords(matrix: Matrix, version: int, mask: int) -> list[int]:
    """The codewords in placement order: two-column strips from the right, up then down."""
    size = len(matrix)
    flips = MASKS[mask]
    bits: list[bool] = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5  # the vertical timing pattern is skipped
        upward = ((right + 1) & 2) == 0
        for step in range(size):
            row = size - 1 - step if upward else step
            for column in (right, right - 1):
                if not _is_function(row, column, version):
                    bits.append(matrix[row][column] != flips(row, column))
        right -= 2
    return [
        int("".join("1" if bit else "0" for bit in bits[i : i + 8]), 2)
        for i in range(0, len(bits) - 7, 8)
    ]


def _data(codewords: list[int], layout: list[tuple[int, int, int]]) -> list[int]:
    """The data codewords, de-interleaved, after checking every block's Reed-Solomon bytes."""
    shapes = [(total, data) for count, total, data in layout for _ in range(count)]
    blocks: list[list[int]] = [[] for _ in shapes]
    position = 0
    for i in range(max(data for _, data in shapes)):
        for block, (_, data) in zip(blocks, shapes, strict=True):
            if i < data:
                block.append(codewords[position])
                position += 1
    ec_length = shapes[0][0] - shapes[0][1]
    corrections: list[list[int]] = [[] for _ in shapes]
    for _ in range(ec_length):
        for correction in corrections:
            correction.append(codewords[position])
            position += 1
    for block, correction in zip(blocks, corrections, strict=True):
        if _reed_solomon(block, ec_length) != correction:
            raise Unreadable("a block fails its Reed-Solomon check")
    return [codeword for block in blocks for codeword in block]


def _gf_tables() -> tuple[list[int], list[int]]:
    exp, log = [0] * 512, [0] * 256
    value = 1
    for i in range(255):
        exp[i], log[value] = value, i
        value <<= 1
        if value & 0x100:
            value ^= 0x11D
    for i in range(255, 512):
        exp[i] = exp[i - 255]
    return exp, log


EXP, LOG = _gf_tables()


def _multiply(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else EXP[LOG[a] + LOG[b]]


def _reed_solomon(data: list[int], length: int) -> list[int]:
    """The `length` error-correction codewords of `data` (remainder by the generator)."""
    generator = [1]
    for i in range(length):  # the product of (x - α^i)
        generator = [
            (generator[j] if j < len(generator) else 0)
            ^ (_multiply(generator[j - 1], EXP[i]) if j > 0 else 0)
            for j in range(len(generator) + 1)
        ]
    remainder = [*data, *([0] * length)]
    for i in range(len(data)):
        factor = remainder[i]
        if factor:
            for j, coefficient in enumerate(generator):
                remainder[i + j] ^= _multiply(coefficient, factor)
    return remainder[len(data) :]


class _Bits:
    def __init__(self, codewords: list[int]) -> None:
        self._bits = "".join(f"{codeword:08b}" for codeword in codewords)
        self._position = 0

    def left(self) -> int:
        return len(self._bits) - self._position

    def take(self, count: int) -> int:
        if count > self.left():
            raise Unreadable("the data runs past the end of the symbol")
        value = int(self._bits[self._position : self._position + count] or "0", 2)
        self._position += count
        return value


def _segments(codewords: list[int]) -> str:
    """The text of the numeric, alphanumeric and byte segments (counts as in versions 1-9)."""
    bits = _Bits(codewords)
    text = []
    while bits.left() >= 4:
        mode = bits.take(4)
        if mode == 0b0000:  # terminator
            break
        if mode == 0b0001:
            count = bits.take(10)
            digits = ""
            while count - len(digits) >= 3:
                digits += f"{bits.take(10):03d}"
            rest = count - len(digits)
            if rest:
                digits += f"{bits.take(3 * rest + 1):0{rest}d}"
            text.append(digits)
        elif mode == 0b0010:
            count = bits.take(9)
            letters = []
            for _ in range(count // 2):
                pair = bits.take(11)
                letters += [_alphanumeric(pair // 45), _alphanumeric(pair % 45)]
            if count % 2:
                letters.append(_alphanumeric(bits.take(6)))
            text.append("".join(letters))
        elif mode == 0b0100:
            count = bits.take(8)
            text.append(bytes(bits.take(8) for _ in range(count)).decode("utf-8"))
        else:
            raise Unreadable(f"unsupported segment mode {mode:04b}")
    return "".join(text)


def _alphanumeric(value: int) -> str:
    if value >= len(ALPHANUMERIC):
        raise Unreadable(f"{value} is no alphanumeric character")
    return ALPHANUMERIC[value]
