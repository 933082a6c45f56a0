"""Every setting, declared once: key, type, default, limits, description and env var."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.config.masking import Secret, hide_url_password

SettingValue = str | int | float | bool | Path
ENV_PREFIX = "KIOSK_"
CONFIG_ENV = "KIOSK_CONFIG"
STANDARD_BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
PRINTER_PROFILES = ("58mm", "80mm", "80mm-noqr", "generic")  # names of devices.escpos.profiles
LANGUAGES = ("id", "en", "jv")
ROLES = ("kiosk", "counter")
DATABASE_KINDS = ("sqlite", "postgresql")
KEY_STORES = ("keyring", "systemd-creds")


class Kind(StrEnum):
    """The type of a setting as a technician writes it in kiosk.toml."""

    STR = "string"
    INT = "integer"
    FLOAT = "number"
    BOOL = "boolean"
    PATH = "path"


@dataclass(frozen=True)
class Option:
    """One setting. `default` None means it is derived at load time (see `default_note`)."""

    key: str
    kind: Kind
    default: SettingValue | None
    description: str
    choices: tuple[SettingValue, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    env_aliases: tuple[str, ...] = ()
    default_note: str = ""
    check: Callable[[SettingValue], str | None] | None = None
    secret: Secret = Secret.NONE

    @property
    def section(self) -> str:
        return self.key.partition(".")[0]

    @property
    def name(self) -> str:
        return self.key.partition(".")[2]

    @property
    def env_names(self) -> tuple[str, ...]:
        """The generic KIOSK_<SECTION>_<NAME> first, then any shorter alias."""
        generic = ENV_PREFIX + self.key.replace(".", "_").upper()
        return (generic, *self.env_aliases)


def _check_timezone(value: SettingValue) -> str | None:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        return f"{value!r} is not an IANA time zone (e.g. Asia/Jakarta, Asia/Makassar)"
    return None


def _check_database_url(value: SettingValue) -> str | None:
    """A light check (no SQLAlchemy import at start-up): a known database and a location.

    The message shows the URL with its password hidden, as everything else does.
    """
    scheme, separator, rest = str(value).partition("://")
    shown = hide_url_password(str(value))
    if not separator or scheme.split("+")[0] not in DATABASE_KINDS:
        return (
            f"{shown!r} is not a supported database URL; use sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST/DATABASE"
        )
    if scheme.startswith("sqlite") and rest and not rest.startswith("/"):
        return f"{shown!r}: an SQLite URL needs three slashes before the file path"
    return None


def _check_not_empty(value: SettingValue) -> str | None:
    return "must not be empty" if not str(value).strip() else None


OPTIONS: tuple[Option, ...] = (
    Option(
        "office.name",
        Kind.STR,
        "Kantor Desa",
        "Office name printed on every ticket and receipt.",
        check=_check_not_empty,
    ),
    Option(
        "office.timezone",
        Kind.STR,
        "Asia/Jakarta",
        "IANA time zone of the office; queue numbers restart at its local midnight. "
        "Asia/Jakarta or Asia/Pontianak (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT).",
        check=_check_timezone,
    ),
    Option(
        "office.address",
        Kind.STR,
        "",
        "Street address of the office, printed under its name on letters (kop surat).",
    ),
    Option(
        "office.place",
        Kind.STR,
        "",
        "Where letters are signed, e.g. the village name (Sukamaju); empty: the office name.",
    ),
    Option(
        "office.head_name",
        Kind.STR,
        "",
        "Name of the official who signs letters (Kepala Desa); empty: a blank line to sign on.",
    ),
    Option(
        "office.head_title",
        Kind.STR,
        "Kepala Desa",
        "Title of the official who signs letters, printed above the name.",
        check=_check_not_empty,
    ),
    Option(
        "paths.data_dir",
        Kind.PATH,
        None,
        "Folder of the SQLite database (and of the demo's files): readable by the kiosk's "
        "user only, created 0700 and tightened to 0700 at start if it is looser.",
        env_aliases=("KIOSK_DATA_DIR",),
        default_note="the platform's user data folder for 'anjungan'",
    ),
    Option(
        "database.url",
        Kind.STR,
        None,
        "SQLAlchemy URL of the database: a SQLite file for one kiosk, or "
        "postgresql+psycopg://user:password@host/db shared by an office's kiosks and counters. "
        "Its password is shown as *** (config show, messages, logs).",
        default_note="sqlite:///<paths.data_dir>/anjungan.db",
        check=_check_database_url,
        secret=Secret.URL_PASSWORD,
    ),
    Option(
        "printer.url",
        Kind.STR,
        "",
        "Serial port of the ticket printer: a device path (/dev/serial/by-id/..., "
        "/dev/ttyUSB0, COM3) or a pyserial URL (socket://HOST:PORT; emu://NAME is the "
        "built-in emulator, simulated hardware for demos and tests). Unset: the kiosk "
        "refuses to issue tickets until a technician sets it.",
    ),
    Option(
        "printer.baudrate",
        Kind.INT,
        9600,
        "Serial speed of the printer; must match its DIP switches or self-test page.",
        choices=STANDARD_BAUDRATES,
    ),
    Option(
        "printer.profile",
        Kind.STR,
        "80mm",
        "Paper and feature profile: 58mm, 80mm, 80mm-noqr for printers without native QR, "
        "or generic for clones that ignore the in-order status command (GS r).",
        choices=PRINTER_PROFILES,
    ),
    Option(
        "printer.stored_logo",
        Kind.INT,
        0,
        "Key of a logo stored in the printer's memory with the vendor's tool, printed at the "
        "top of each ticket (FS p); 0 = no logo. No image is sent over the line.",
        minimum=0,
        maximum=255,
    ),
    Option(
        "printer.status_timeout",
        Kind.FLOAT,
        0.1,
        "Seconds to wait for the printer's answer to a status query before calling it offline.",
        minimum=0.01,
        maximum=10.0,
    ),
    Option(
        "ui.language",
        Kind.STR,
        "id",
        "Language the screen starts in (id = Bahasa Indonesia, en = English, jv = Basa Jawa).",
        choices=LANGUAGES,
    ),
    Option(
        "ui.idle_timeout_seconds",
        Kind.INT,
        60,
        "Seconds without a touch before the kiosk returns to its start screen.",
        minimum=10,
        maximum=600,
    ),
    Option(
        "ui.high_contrast",
        Kind.BOOL,
        False,
        "Start in the high-contrast theme (yellow on black).",
    ),
    Option(
        "ui.fullscreen",
        Kind.BOOL,
        True,
        "Fill the whole screen without window decorations (turn off on a desk PC).",
    ),
    Option(
        "ui.role",
        Kind.STR,
        "kiosk",
        "What this PC is: the citizens' kiosk, or a staff counter (loket) PC.",
        choices=ROLES,
    ),
    Option(
        "readers.scanner_url",
        Kind.STR,
        "",
        "Serial port of the barcode/QR scanner (a device path or pyserial URL; "
        "emureader://NAME?kind=scanner is the emulator); empty: no scanner. A receipt's "
        "QR code scanned at the kiosk opens that application's status.",
    ),
    Option(
        "readers.scanner_baudrate",
        Kind.INT,
        9600,
        "Serial speed of the scanner.",
        choices=STANDARD_BAUDRATES,
    ),
    Option(
        "readers.scanner_terminator",
        Kind.STR,
        "cr",
        "What ends one scanned code: cr, lf, crlf or tab (see the scanner's manual).",
        choices=("cr", "lf", "crlf", "tab"),
    ),
    Option(
        "readers.card_url",
        Kind.STR,
        "",
        "Serial port of the RDM6300-style card reader (EM4100 tags; a device path or pyserial "
        "URL; emureader://NAME?kind=card is the emulator); empty: no card reader. A card "
        "identifies a registered card holder or a staff badge; it never replaces a PIN.",
    ),
    Option(
        "readers.card_baudrate",
        Kind.INT,
        9600,
        "Serial speed of the card reader (RDM6300 modules use 9600).",
        choices=STANDARD_BAUDRATES,
    ),
    Option(
        "documents.print_command",
        Kind.STR,
        "lp",
        "Command that prints an A4 PDF read from its standard input (proofs and letters "
        "printed by staff), e.g. 'lp' or 'lp -d Kantor_A4' for a CUPS queue. The PDF is "
        "piped, never saved to disk, because it holds the citizen's full NIK.",
        check=_check_not_empty,
    ),
    Option(
        "security.keyring_backend",
        Kind.STR,
        "",
        "The OS keyring that holds the kiosk's data key, as a Python class path (e.g. "
        "keyring.backends.SecretService.Keyring); empty: the platform's default. The kiosk "
        "refuses to start when no real keyring is available.",
    ),
    Option(
        "security.key_store",
        Kind.STR,
        "keyring",
        "Where the office keys live: 'keyring' (the OS keyring of the kiosk's user, for a "
        "desktop session) or 'systemd-creds' (an unattended kiosk: each key is a systemd "
        "credential encrypted with the machine's TPM2 chip or host key, so a copy of the "
        "disk's data folder opens nothing; see docs/key-protection.md).",
        choices=KEY_STORES,
    ),
    Option(
        "security.credentials_dir",
        Kind.PATH,
        Path("/etc/credstore.encrypted"),
        "Folder of the encrypted systemd credentials (key_store = 'systemd-creds'): one "
        "file NAME.cred per key, written by `sudo kiosk keys init`. The kiosk's systemd "
        "unit loads them with LoadCredentialEncrypted=.",
    ),
)

OPTIONS_BY_KEY: dict[str, Option] = {option.key: option for option in OPTIONS}
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(option.section for option in OPTIONS))
