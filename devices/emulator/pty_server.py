"""A pty whose far end is an emulated printer (simulated hardware), with a control socket."""

from __future__ import annotations

import contextlib
import os
import select
import socket
import stat
import tty
from pathlib import Path
from types import TracebackType

from devices.emulator import control
from devices.emulator.printer import BITS_PER_BYTE, EmulatedPrinter

READY_MESSAGE = "Emulated printer ready at {link}"
SERVER_COMMANDS = ("vanish", "come-back", "quit")
_READ_SIZE = 4096
_PACED_READ_SECONDS = 0.02  # when paced, read ~20 ms of line at a time to stay responsive
_CONTROL_SEND_TIMEOUT = 5.0


class PtyPrinterServer:
    """Serves an EmulatedPrinter on a pty whose slave device is symlinked at ``link``.

    One thread, one ``select`` loop over the pty master, the control socket and its
    clients, and a wake pipe that ``request_stop`` writes to (safe in a signal handler).
    ``vanish`` closes the pty master and slave, so a client's pyserial raises on
    read/write while its ``is_open`` stays True, exactly like an unplugged adapter.
    """

    def __init__(
        self, link: Path, printer: EmulatedPrinter, control_socket: Path | None = None
    ) -> None:
        self.link = link
        self.printer = printer
        self.control_socket = control_socket
        self._master = self._slave = -1
        self._slave_name = ""
        self._listener: socket.socket | None = None
        self._clients: dict[socket.socket, bytearray] = {}
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._running = False

    def __enter__(self) -> PtyPrinterServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Create the pty and its link, and listen on the control socket."""
        self._plug_in()
        if self.control_socket is not None:
            self._listener = _listen(self.control_socket)
        self._running = True

    def request_stop(self) -> None:
        """Make ``serve_forever`` return soon; async-signal-safe."""
        self._running = False
        with contextlib.suppress(OSError):
            os.write(self._wake_w, b"\0")

    def serve_forever(self) -> None:
        while self._running:
            self._serve_once()

    def close(self) -> None:
        """Release everything: clients, control socket, pty and link, wake pipe."""
        for client in list(self._clients):
            self._drop(client)
        if self._listener is not None and self.control_socket is not None:
            self._listener.close()
            self.control_socket.unlink(missing_ok=True)
            self._listener = None
        self._unplug()
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)

    # -- the pty ---------------------------------------------------------------------

    def _plug_in(self) -> None:
        self._master, self._slave = os.openpty()
        os.set_blocking(self._master, False)
        tty.setraw(self._slave)  # no echo, no line editing: bytes pass unchanged
        self._slave_name = os.ttyname(self._slave)
        _replace_symlink(self.link, self._slave_name)

    def _unplug(self) -> None:
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1
        if self.link.is_symlink() and os.readlink(self.link) == self._slave_name:
            self.link.unlink()

    def _read_size(self) -> int:
        if not self.printer.pace:
            return _READ_SIZE
        return max(1, int(self.printer.baudrate * _PACED_READ_SECONDS / BITS_PER_BYTE))

    def _serve_line(self) -> None:
        try:
            data = os.read(self._master, self._read_size())
        except OSError:
            return  # EAGAIN; EIO would need every slave fd closed, and we hold one
        replies = self.printer.receive(data)
        if replies:
            with contextlib.suppress(OSError):
                os.write(self._master, replies)

    # -- the loop and the control socket ----------------------------------------------

    def _serve_once(self) -> None:
        watched: list[int | socket.socket] = [self._wake_r, *self._clients]
        if self._master >= 0:
            watched.append(self._master)
        if self._listener is not None:
            watched.append(self._listener)
        readable, _, _ = select.select(watched, [], [])
        for source in readable:
            if source == self._wake_r:
                with contextlib.suppress(OSError):
                    os.read(self._wake_r, _READ_SIZE)
            elif source == self._master and self._master >= 0:
                self._serve_line()
            elif source is self._listener:
                self._accept()
            elif isinstance(source, socket.socket) and source in self._clients:
                self._serve_client(source)

    def _accept(self) -> None:
        assert self._listener is not None
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        client.settimeout(_CONTROL_SEND_TIMEOUT)
        self._clients[client] = bytearray()

    def _serve_client(self, client: socket.socket) -> None:
        try:
            data = client.recv(_READ_SIZE)
        except OSError:
            data = b""
        if not data:
            self._drop(client)
            return
        buffer = self._clients[client]
        buffer += data
        while b"\n" in buffer and client in self._clients:
            line, _, rest = bytes(buffer).partition(b"\n")
            buffer[:] = rest
            reply = self._command(line.decode("utf-8", errors="replace").strip())
            try:
                client.sendall(reply.encode("utf-8") + b"\n")
            except OSError:
                self._drop(client)

    def _drop(self, client: socket.socket) -> None:
        self._clients.pop(client, None)
        client.close()

    def _command(self, command: str) -> str:
        if command == "vanish":
            self.printer.vanish()
            self._unplug()
        elif command == "come-back":
            if self._master < 0:
                self._plug_in()
            self.printer.come_back()
        elif command == "quit":
            self._running = False
        else:
            reply = control.answer(self.printer, command)
            if reply is None:
                known = ", ".join([*control.command_names(), *SERVER_COMMANDS])
                return f"error: unknown command {command!r}; known: {known}"
            return reply
        return control.OK


def _replace_symlink(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` atomically; never replaces a file that is not a symlink."""
    if link.exists() and not link.is_symlink():
        raise FileExistsError(f"{link} exists and is not a symlink; not replacing it")
    temporary = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target)
    os.replace(temporary, link)


def _listen(path: Path) -> socket.socket:
    """A non-blocking Unix stream socket at ``path``, replacing a stale socket there."""
    if path.exists() or path.is_symlink():
        if not stat.S_ISSOCK(path.lstat().st_mode):
            raise FileExistsError(f"{path} exists and is not a socket; not replacing it")
        path.unlink()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(8)
    listener.setblocking(False)
    return listener
