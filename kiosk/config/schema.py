"""Every setting, declared once as a typed field of its section; OPTIONS derives from them."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.config.checks import (
    check_database_url,
    check_languages,
    check_not_empty,
    check_timezone,
)
from kiosk.config.locations import data_dir_default, database_url_default
from kiosk.config.masking import Secret, shown
from kiosk.config.option import Option, SettingValue, derived, section_options, setting
from kiosk.config.values import toml_literal

STANDARD_BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
PRINTER_PROFILES = ("58mm", "80mm", "80mm-noqr", "generic")  # names of devices.escpos.profiles
LANGUAGES = ("id", "en", "jv")
ROLES = ("kiosk", "counter", "display")
KEY_STORES = ("keyring", "systemd-creds")
SCANNER_TERMINATORS = ("cr", "lf", "crlf", "tab")


class Section:
    """A settings section; its repr hides secrets, as declared on its fields."""

    def __repr__(self) -> str:
        section = SECTION_NAMES[type(self)]
        values = (
            f"{name}={shown(OPTIONS_BY_KEY[f'{section}.{name}'], value)!r}"
            for name, value in vars(self).items()  # the dataclass fields, in order
        )
        return f"{type(self).__name__}({', '.join(values)})"


@dataclass(frozen=True, repr=False)
class OfficeSettings(Section):
    name: str = setting(
        "Kantor Desa",
        "Office name printed on every ticket and receipt.",
        check=check_not_empty,
    )
    timezone: str = setting(
        "Asia/Jakarta",
        "IANA time zone of the office; queue numbers restart at its local midnight. "
        "Asia/Jakarta or Asia/Pontianak (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT).",
        check=check_timezone,
    )
    address: str = setting(
        "",
        "Street address of the office, printed under its name on letters (kop surat).",
    )
    place: str = setting(
        "",
        "Where letters are signed, e.g. the village name (Sukamaju); empty: the office name.",
    )
    head_name: str = setting(
        "",
        "Name of the official who signs letters (Kepala Desa); empty: a blank line to sign on.",
    )
    head_title: str = setting(
        "Kepala Desa",
        "Title of the official who signs letters, printed above the name.",
        check=check_not_empty,
    )


@dataclass(frozen=True, repr=False)
class PathSettings(Section):
    data_dir: Path = derived(  # noqa: RUF009 (a field specifier, like dataclasses.field)
        "Folder of the SQLite database (and of the demo's files): readable by the kiosk's "
        "user only, created 0700 and tightened to 0700 at start if it is looser.",
        derive=data_dir_default,
        note="the platform's user data folder for 'anjungan'",
        env_aliases=("KIOSK_DATA_DIR",),
    )


@dataclass(frozen=True, repr=False)
class DatabaseSettings(Section):
    url: str = derived(
        "SQLAlchemy URL of the database: a SQLite file for one kiosk, or "
        "postgresql+psycopg://user:password@host/db shared by an office's kiosks and counters. "
        "Its password is shown as *** (config show, messages, logs).",
        derive=database_url_default,
        note="sqlite:///<paths.data_dir>/anjungan.db",
        check=check_database_url,
        secret=Secret.URL_PASSWORD,
    )


@dataclass(frozen=True, repr=False)
class PrinterSettings(Section):
    url: str = setting(
        "",
        "Serial port of the ticket printer: a device path (/dev/serial/by-id/..., "
        "/dev/ttyUSB0, COM3) or a pyserial URL (socket://HOST:PORT; emu://NAME is the "
        "built-in emulator, simulated hardware for demos and tests). Unset: the kiosk "
        "refuses to issue tickets until a technician sets it.",
    )
    baudrate: int = setting(
        9600,
        "Serial speed of the printer; must match its DIP switches or self-test page.",
        choices=STANDARD_BAUDRATES,
    )
    profile: str = setting(
        "80mm",
        "Paper and feature profile: 58mm, 80mm, 80mm-noqr for printers without native QR, "
        "or generic for clones that ignore the in-order status command (GS r).",
        choices=PRINTER_PROFILES,
    )
    stored_logo: int = setting(
        0,
        "Key of a logo stored in the printer's memory with the vendor's tool, printed at the "
        "top of each ticket (FS p); 0 = no logo. No image is sent over the line.",
        minimum=0,
        maximum=255,
    )
    status_timeout: float = setting(
        0.1,
        "Seconds to wait for the printer's answer to a status query before calling it offline.",
        minimum=0.01,
        maximum=10.0,
    )


@dataclass(frozen=True, repr=False)
class UiSettings(Section):
    language: str = setting(
        "id",
        "Language the screen starts in (id = Bahasa Indonesia, en = English, jv = Basa Jawa).",
        choices=LANGUAGES,
    )
    idle_timeout_seconds: int = setting(
        60,
        "Seconds without a touch before the kiosk returns to its start screen.",
        minimum=10,
        maximum=600,
    )
    high_contrast: bool = setting(False, "Start in the high-contrast theme (yellow on black).")
    fullscreen: bool = setting(
        True,
        "Fill the whole screen without window decorations (turn off on a desk PC).",
    )
    role: str = setting(
        "kiosk",
        "What this PC is: the citizens' kiosk, a staff counter (loket) PC, or the "
        "waiting room's display (a television showing and announcing the calls).",
        choices=ROLES,
    )


@dataclass(frozen=True, repr=False)
class QueueSettings(Section):
    regular_per_priority: int = setting(
        2,
        "Regular tickets a loket calls after each priority ticket (elderly, disabled, "
        "pregnant) while both wait, so the regular line is never starved; 0: priority "
        "tickets always go first.",
        minimum=0,
        maximum=10,
    )
    board_languages: str = setting(
        "id",
        "Languages the waiting-room display announces each call in, in order, separated "
        "by commas: id, jv or en (e.g. id,jv says it in Indonesian, then in Javanese).",
        check=check_languages,
    )


@dataclass(frozen=True, repr=False)
class ReaderSettings(Section):
    scanner_url: str = setting(
        "",
        "Serial port of the barcode/QR scanner (a device path or pyserial URL; "
        "emureader://NAME?kind=scanner is the emulator); empty: no scanner. A receipt's "
        "QR code scanned at the kiosk opens that application's status.",
    )
    scanner_baudrate: int = setting(
        9600, "Serial speed of the scanner.", choices=STANDARD_BAUDRATES
    )
    scanner_terminator: str = setting(
        "cr",
        "What ends one scanned code: cr, lf, crlf or tab (see the scanner's manual).",
        choices=SCANNER_TERMINATORS,
    )
    card_url: str = setting(
        "",
        "Serial port of the RDM6300-style card reader (EM4100 tags; a device path or pyserial "
        "URL; emureader://NAME?kind=card is the emulator); empty: no card reader. A card "
        "identifies a registered card holder or a staff badge; it never replaces a PIN.",
    )
    card_baudrate: int = setting(
        9600,
        "Serial speed of the card reader (RDM6300 modules use 9600).",
        choices=STANDARD_BAUDRATES,
    )


@dataclass(frozen=True, repr=False)
class DocumentSettings(Section):
    print_command: str = setting(
        "lp",
        "Command that prints an A4 PDF read from its standard input (proofs and letters "
        "printed by staff), e.g. 'lp' or 'lp -d Kantor_A4' for a CUPS queue. The PDF is "
        "piped, never saved to disk, because it holds the citizen's full NIK.",
        check=check_not_empty,
    )


@dataclass(frozen=True, repr=False)
class SecuritySettings(Section):
    keyring_backend: str = setting(
        "",
        "The OS keyring that holds the kiosk's data key, as a Python class path (e.g. "
        "keyring.backends.SecretService.Keyring); empty: the platform's default. The kiosk "
        "refuses to start when no real keyring is available.",
    )
    key_store: str = setting(
        "keyring",
        "Where the office keys live: 'keyring' (the OS keyring of the kiosk's user, for a "
        "desktop session) or 'systemd-creds' (an unattended kiosk: each key is a systemd "
        "credential encrypted with the machine's TPM2 chip or host key, so a copy of the "
        "disk's data folder opens nothing; see docs/key-protection.md).",
        choices=KEY_STORES,
    )
    credentials_dir: Path = setting(  # noqa: RUF009 (a field specifier; a Path is immutable)
        Path("/etc/credstore.encrypted"),
        "Folder of the encrypted systemd credentials (key_store = 'systemd-creds'): one "
        "file NAME.cred per key, written by `sudo kiosk keys init`. The kiosk's systemd "
        "unit loads them with LoadCredentialEncrypted=.",
    )


@dataclass(frozen=True, repr=False)
class SyncSettings(Section):
    ca_bundle: str = setting(
        "",
        "A PEM file of the certificate authorities the centre's TLS certificate is checked "
        "against, for a district with its own CA; empty: the system's. Verification is "
        "never off, and plain http:// is refused except to this machine (the demo).",
    )
    connect_timeout: float = setting(
        10.0,
        "Seconds to wait for the centre to accept a connection before trying later.",
        minimum=1.0,
        maximum=120.0,
    )
    read_timeout: float = setting(
        60.0,
        "Seconds to wait for each answer of the centre (a batch on a slow line takes time).",
        minimum=1.0,
        maximum=600.0,
    )
    batch_bytes: int = setting(
        32768,
        "Most bytes of sealed applications sent in one request: small enough for a 2G line "
        "to finish it before the read timeout, large enough to save round trips.",
        minimum=2048,
        maximum=4_000_000,
    )
    interval_seconds: int = setting(
        60,
        "Seconds between two syncs when all went well (sooner after a new application).",
        minimum=5,
        maximum=3600,
    )
    max_backoff_seconds: int = setting(
        900,
        "Longest wait between two attempts while the centre cannot be reached.",
        minimum=10,
        maximum=86400,
    )
    retention_days: int = setting(
        30,
        "Days the answers of an application stay on the kiosk after the centre has it and "
        "the office has finished it (UU PDP data minimisation); the receipt data stays.",
        minimum=1,
        maximum=3650,
    )


@dataclass(frozen=True)
class Settings:
    """Every setting, typed: `settings.<section>.<name>`, as declared above."""

    office: OfficeSettings
    paths: PathSettings
    database: DatabaseSettings
    printer: PrinterSettings
    ui: UiSettings
    queue: QueueSettings
    readers: ReaderSettings
    documents: DocumentSettings
    security: SecuritySettings
    sync: SyncSettings
    source: Path | None = None  # the kiosk.toml that was read, if any

    def value(self, key: str) -> SettingValue:
        """The value of a dotted key such as ``printer.url``."""
        section, _, name = key.partition(".")
        if key not in OPTIONS_BY_KEY:
            raise KeyError(key)
        value: SettingValue = getattr(getattr(self, section), name)
        return value

    def to_toml(self, hide_secrets: bool = True) -> str:
        """The settings as a complete kiosk.toml, secrets shown as *** unless asked
        (loading it back gives the same settings when nothing is hidden)."""
        lines: list[str] = []
        for section in SECTIONS:
            lines.append(f"[{section}]")
            for option in OPTIONS:
                if option.section == section:
                    value = self.value(option.key)
                    value = shown(option, value) if hide_secrets else value
                    lines.append(f"{option.name} = {toml_literal(value)}")
            lines.append("")
        return "\n".join(lines)


SECTION_TYPES: dict[str, type[Any]] = {
    name: cls for name, cls in typing.get_type_hints(Settings).items() if name != "source"
}
SECTION_NAMES: dict[type[Any], str] = {cls: name for name, cls in SECTION_TYPES.items()}
SECTIONS: tuple[str, ...] = tuple(SECTION_TYPES)
OPTIONS: tuple[Option, ...] = tuple(
    option for name, cls in SECTION_TYPES.items() for option in section_options(name, cls)
)
OPTIONS_BY_KEY: dict[str, Option] = {option.key: option for option in OPTIONS}
