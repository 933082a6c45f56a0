"""Files and folders for the kiosk's user alone: a file someone names is always a new one
(never written through a link or over another file), and modes are 0600 / 0700 whatever
the process umask."""

from __future__ import annotations

import logging
import os
import stat
from enum import StrEnum
from pathlib import Path

from kiosk.errors import KioskError

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
KIOSK_UMASK = 0o077  # a kiosk creates nothing that another user should read
_NEW_FILE_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL  # an existing name, a symlink (even dangling) included, is refused
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)

log = logging.getLogger(__name__)


class Refusal(StrEnum):
    """Why a new private file was not written."""

    EXISTS = "exists"
    LINK = "link"
    UNWRITABLE = "unwritable"


class FileRefused(KioskError):
    """A file the kiosk was asked to write is not a new name it can create."""

    def __init__(self, path: Path, reason: Refusal, detail: str = "") -> None:
        text = {
            Refusal.EXISTS: "already exists; give a new file name (nothing is overwritten)",
            Refusal.LINK: "is a symbolic link; give a new file name (no link is followed)",
            Refusal.UNWRITABLE: f"cannot be written ({detail})",
        }[reason]
        super().__init__(f"{path} {text}")
        self.path = path
        self.reason = reason
        self.detail = detail


def write_new_file(path: Path, data: bytes) -> None:
    """Write `data` to a new file at `path`, mode 0600 from its first byte on.

    Refuses an existing file or a symlink (`FileRefused`) rather than writing through or
    over it; a write that fails half-way leaves no file behind.
    """
    try:
        descriptor = os.open(path, _NEW_FILE_FLAGS, PRIVATE_FILE_MODE)
    except FileExistsError:
        reason = Refusal.LINK if path.is_symlink() else Refusal.EXISTS
        raise FileRefused(path, reason) from None
    except OSError as error:
        raise FileRefused(path, Refusal.UNWRITABLE, error.strerror or str(error)) from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            os.fchmod(file.fileno(), PRIVATE_FILE_MODE)  # a umask of 0o277 gave 0400
            file.write(data)
            file.flush()
            os.fsync(file.fileno())  # a USB stick pulled right after: the file is whole
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def create_private_file(path: Path) -> bool:
    """Create `path` empty with mode 0600 if it is missing; True if this call made it.

    For files a library then opens itself (SQLite's database file, whose mode its -wal
    and -shm files copy). An existing file is kept as it is (see `tighten`).
    """
    try:
        descriptor = os.open(path, _NEW_FILE_FLAGS, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    try:
        os.fchmod(descriptor, PRIVATE_FILE_MODE)
    finally:
        os.close(descriptor)
    return True


def ensure_private_dir(path: Path) -> None:
    """Create the folder `path` with mode 0700 (its missing parents as the umask says),
    or tighten an existing one of ours to 0700, with a log line."""
    try:
        path.mkdir(mode=PRIVATE_DIR_MODE, parents=True)
    except FileExistsError:
        if not path.is_dir():
            raise NotADirectoryError(f"{path} is not a folder") from None
        tighten(path, PRIVATE_DIR_MODE)
    else:
        os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode is masked by the umask


def tighten(path: Path, mode: int) -> bool:
    """Take away any permission beyond `mode` from `path` (a file or folder this user
    owns), with a log line; True if it changed. A shared folder (sticky bit, like /tmp)
    and another user's file are left alone, with a warning."""
    info = path.stat()
    current = stat.S_IMODE(info.st_mode)
    if current & ~mode == 0:
        return False
    if info.st_mode & stat.S_ISVTX or info.st_uid != os.geteuid():
        log.warning("%s is open to others (mode %04o) and not the kiosk's own", path, current)
        return False
    try:
        os.chmod(path, current & mode)
    except OSError as error:  # e.g. a FAT stick, which has no modes
        log.warning("%s is open to others (mode %04o): %s", path, current, error)
        return False
    log.warning("%s was open to others (mode %04o); now %04o", path, current, current & mode)
    return True
