"""ESC/POS protocol bytes, named (Epson ESC/POS command reference)."""

from __future__ import annotations

# Control characters
NUL = b"\x00"
LF = b"\n"
ESC = b"\x1b"
GS = b"\x1d"
DLE = b"\x10"
EOT = b"\x04"
DC4 = b"\x14"
FS = b"\x1c"

# Printer set-up
INITIALIZE = ESC + b"@"  # ESC @: clear buffer, reset modes
SELECT_CODE_PAGE = ESC + b"t"  # ESC t n
CANCEL_KANJI = FS + b"."  # FS .: leave double-byte mode so code pages apply
PRINT_NV_IMAGE = FS + b"p"  # FS p n m: print logo n stored in the printer (m = 0: normal)
NV_IMAGE_NORMAL = 0

# Text formatting
ALIGN = ESC + b"a"  # ESC a n
ALIGN_LEFT = 0
ALIGN_CENTER = 1
ALIGN_RIGHT = 2
BOLD = ESC + b"E"  # ESC E n (n & 1)
CHARACTER_SIZE = GS + b"!"  # GS ! n: high nibble width-1, low nibble height-1
MAX_CHARACTER_MULTIPLIER = 8

# Paper
PRINT_AND_FEED_LINES = ESC + b"d"  # ESC d n
CUT = GS + b"V"  # GS V m
CUT_FULL = 0
CUT_PARTIAL = 1
CUT_FEED_FULL = 65  # GS V 65 n: feed n dots then cut fully
CUT_FEED_PARTIAL = 66  # GS V 66 n: feed n dots then cut partially

# Real-time status (DLE EOT n); the printer answers one byte at once.
REALTIME_STATUS = DLE + EOT
STATUS_PRINTER = 1
STATUS_OFFLINE_CAUSE = 2
STATUS_ERROR_CAUSE = 3
STATUS_PAPER_SENSOR = 4
# Fixed bits of every status byte: bit 1 and bit 4 set, bit 0 and bit 7 clear.
STATUS_FIXED_MASK = 0b1001_0011
STATUS_FIXED_VALUE = 0b0001_0010
# Bits within each status byte
STATUS_BIT_DRAWER = 0x04  # n=1: drawer kick-out connector pin 3
STATUS_BIT_OFFLINE = 0x08  # n=1
STATUS_BIT_WAITING_RECOVERY = 0x20  # n=1
STATUS_BIT_FEED_BUTTON = 0x40  # n=1
STATUS_BIT_COVER_OPEN = 0x04  # n=2
STATUS_BIT_FEEDING_BY_BUTTON = 0x08  # n=2
STATUS_BIT_PAPER_END_STOP = 0x20  # n=2
STATUS_BIT_ERROR = 0x40  # n=2
STATUS_BIT_CUTTER_ERROR = 0x08  # n=3
STATUS_BIT_UNRECOVERABLE = 0x20  # n=3
STATUS_BIT_AUTO_RECOVERABLE = 0x40  # n=3
STATUS_BITS_NEAR_END = 0x0C  # n=4: bits 2 and 3
STATUS_BITS_PAPER_END = 0x60  # n=4: bits 5 and 6

# Real-time clear (DLE DC4 fn=8 d1..d7, fixed parameters 1 3 20 1 6 2 8): the printer
# drops everything waiting in its receive and print buffers, which a stopped printer
# would otherwise print once it recovers, and answers the clear response at once.
REALTIME_REQUEST = DLE + DC4
CLEAR_BUFFERS_FN = 8
CLEAR_BUFFERS_PARAMETERS = bytes([1, 3, 20, 1, 6, 2, 8])
CLEAR_BUFFERS = REALTIME_REQUEST + bytes([CLEAR_BUFFERS_FN]) + CLEAR_BUFFERS_PARAMETERS
CLEAR_RESPONSE_HEADER = 0x37
CLEAR_RESPONSE_ID = 0x25
CLEAR_RESPONSE = bytes([CLEAR_RESPONSE_HEADER, CLEAR_RESPONSE_ID]) + NUL

# In-order status (GS r n): "processed in sequence", so the printer answers only
# once it has processed every byte sent before the command. A stopped printer
# (paper out, cover open, offline) processes nothing and so never answers.
TRANSMIT_STATUS = GS + b"r"
TRANSMIT_PAPER_SENSOR = 1  # n = 1 or 49 (ASCII "1")
TRANSMIT_DRAWER = 2  # n = 2 or 50 (ASCII "2")
TRANSMIT_ASCII_OFFSET = 48  # n may also be sent as an ASCII digit
TRANSMITTED_FIXED_MASK = 0xF0  # bits 4-7 of a GS r reply are always 0
TRANSMITTED_BITS_NEAR_END = 0x03  # n=1: bits 0 and 1
TRANSMITTED_BITS_PAPER_END = 0x0C  # n=1: bits 2 and 3

# Two-dimensional symbols: GS ( k pL pH cn fn [params]
SYMBOL = GS + b"(k"
QR_CN = 49  # cn = '1' selects QR Code
QR_FN_MODEL = 65  # fn 065: select model (n1 = 49/50 for model 1/2)
QR_MODEL_2 = 50
QR_FN_MODULE_SIZE = 67  # fn 067: module size in dots (1..16)
QR_FN_ERROR_CORRECTION = 69  # fn 069: n = 48..51 for L, M, Q, H
QR_ERROR_CORRECTION = {"L": 48, "M": 49, "Q": 50, "H": 51}
QR_FN_STORE = 80  # fn 080: store data (m = 48)
QR_FN_PRINT = 81  # fn 081: print the stored symbol (m = 48)
QR_STORE_M = 48

# Code pages (ESC t n); Indonesian needs no accents beyond Latin-1.
CODE_PAGES: dict[str, int] = {"cp437": 0, "cp850": 2, "cp858": 19, "cp1252": 16}
