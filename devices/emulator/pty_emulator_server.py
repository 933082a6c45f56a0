"""The plumbing every pty emulator (simulated hardware) server shares: pty, link, control socket."""

from __future__ import annotations

import contextlib
import os
import select
import socket
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

from devices.emulator.pty_files import listen_unix, open_raw_pty, remove_symlink, replace_symlink

SERVER_COMMANDS = ("vanish", "come-back", "quit")
OK = "ok"
READ_SIZE = 4096
_CONTROL_SEND_TIMEOUT = 5.0


class Unpluggable(Protocol):
    """A simulated device that can be unplugged and plugged back in."""

    def vanish(self) -> None: ...

    def come_back(self) -> None: ...


class PtyEmulatorServer:
    """Serves a simulated device on a pty whose slave device is symlinked at ``link``.

    One thread, one ``select`` loop over the pty master, the control socket and its
    clients, and a wake pipe that ``request_stop`` writes to (safe in a signal
    handler). ``vanish`` closes the pty master and slave, so a client's pyserial
    raises on read/write while its ``is_open`` stays True, like an unplugged adapter.
    Subclasses say what the host's bytes do (``_serve_master``) and answer the
    device's own control commands (``_answer``).
    """

    def __init__(self, link: Path, device: Unpluggable, control_socket: Path | None) -> None:
        self.link = link
        self.control_socket = control_socket
        self._device = device
        self._master = self._slave = -1
        self._slave_name = ""
        self._listener: socket.socket | None = None
        self._clients: dict[socket.socket, bytearray] = {}
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._running = False

    def __enter__(self) -> Self:
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
            self._listener = listen_unix(self.control_socket)
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

    # -- what a device server says --------------------------------------------------

    def _serve_master(self) -> None:
        """The host wrote to the pty."""
        raise NotImplementedError

    def _answer(self, command: str) -> str:
        """The reply to a control command that is not a server command."""
        raise NotImplementedError

    def _decode_command(self, line: bytes) -> str:
        return line.decode("utf-8", errors="replace").strip()

    def _wants_to_write(self) -> bool:
        """True to be told (by ``_serve_writable``) when the pty master takes bytes."""
        return False

    def _serve_writable(self) -> None:
        """The pty master takes bytes again."""

    def _after_command(self) -> None:
        """Runs after each control command, before its reply goes out."""

    # -- the pty ---------------------------------------------------------------------

    def _plug_in(self) -> None:
        self._master, self._slave, self._slave_name = open_raw_pty()
        replace_symlink(self.link, self._slave_name)

    def _unplug(self) -> None:
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1
        remove_symlink(self.link, self._slave_name)

    # -- the loop and the control socket ----------------------------------------------

    def _serve_once(self) -> None:
        watched: list[int | socket.socket] = [self._wake_r, *self._clients]
        writing: list[int] = []
        if self._master >= 0:
            watched.append(self._master)
            writing = [self._master] if self._wants_to_write() else []
        if self._listener is not None:
            watched.append(self._listener)
        readable, writable, _ = select.select(watched, writing, [])
        if writable:
            self._serve_writable()
        for source in readable:
            self._serve_readable(source)

    def _serve_readable(self, source: int | socket.socket) -> None:
        if source == self._wake_r:
            with contextlib.suppress(OSError):
                os.read(self._wake_r, READ_SIZE)
        elif source == self._master and self._master >= 0:
            self._serve_master()
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
            data = client.recv(READ_SIZE)
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
            reply = self._command(self._decode_command(line))
            self._after_command()
            try:
                client.sendall(reply.encode("utf-8") + b"\n")
            except OSError:
                self._drop(client)

    def _drop(self, client: socket.socket) -> None:
        self._clients.pop(client, None)
        client.close()

    def _command(self, command: str) -> str:
        if command == "vanish":
            self._device.vanish()
            self._unplug()
        elif command == "come-back":
            if self._master < 0:
                self._plug_in()
            self._device.come_back()
        elif command == "quit":
            self._running = False
        else:
            return self._answer(command)
        return OK
