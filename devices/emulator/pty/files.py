"""The files a pty emulator (simulated hardware) lives behind: a raw pty, its link, a socket."""

from __future__ import annotations

import os
import socket
import stat
import tty
from pathlib import Path

_LISTEN_BACKLOG = 8


def open_raw_pty() -> tuple[int, int, str]:
    """A new pty as (non-blocking master fd, raw slave fd, slave device path)."""
    master, slave = os.openpty()
    os.set_blocking(master, False)
    tty.setraw(slave)  # no echo, no line editing: bytes pass unchanged
    return master, slave, os.ttyname(slave)


def replace_symlink(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` atomically; never replaces a file that is not a symlink."""
    if link.exists() and not link.is_symlink():
        raise FileExistsError(f"{link} exists and is not a symlink; not replacing it")
    temporary = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target)
    os.replace(temporary, link)


def remove_symlink(link: Path, target: str) -> None:
    """Remove ``link`` if it still points at ``target`` (another emulator may own it now)."""
    if link.is_symlink() and os.readlink(link) == target:
        link.unlink()


def listen_unix(path: Path) -> socket.socket:
    """A non-blocking Unix stream socket at ``path``, replacing a stale socket there."""
    if path.exists() or path.is_symlink():
        if not stat.S_ISSOCK(path.lstat().st_mode):
            raise FileExistsError(f"{path} exists and is not a socket; not replacing it")
        path.unlink()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(_LISTEN_BACKLOG)
    listener.setblocking(False)
    return listener
