"""Serves any simulated device on a pty: the link, the control socket, unplugging."""

from __future__ import annotations

import contextlib
import os
import select
import socket
from pathlib import Path
from types import TracebackType
from typing import Generic, Protocol, Self, TypeVar

from devices.emulator.pty import control
from devices.emulator.pty.files import listen_unix, open_raw_pty, remove_symlink, replace_symlink

SERVER_COMMANDS = ("vanish", "come-back", "quit")
READ_SIZE = 4096
_CONTROL_SEND_TIMEOUT = 5.0
_MAX_UNSENT = 65536  # bytes kept for a host that does not read; older ones are lost


class PtyDevice(Protocol):
    """What the server asks of a simulated device."""

    def receive(self, data: bytes) -> bytes:
        """Take what the host wrote; returns the bytes answered at once."""
        ...

    def take_all(self) -> bytes:
        """What the device sends unasked (a card read, a scan), without waiting."""
        ...

    def read_size(self) -> int:
        """How many of the host's bytes to take at a time."""
        ...

    def vanish(self) -> None: ...

    def come_back(self) -> None: ...


D = TypeVar("D", bound=PtyDevice)


class PtyServer(Generic[D]):
    """Serves a simulated device on a pty whose slave device is symlinked at ``link``.

    One thread, one ``select`` loop over the pty master, the control socket and its
    clients, and a wake pipe that ``request_stop`` writes to (safe in a signal
    handler). ``vanish`` closes the pty master and slave, so a client's pyserial
    raises on read/write while its ``is_open`` stays True, like an unplugged adapter.
    What the device sends is written to the pty at once; what the pty does not take
    yet is retried when it can. Control commands are the server's own
    (``SERVER_COMMANDS``) and the device's ``commands``.
    """

    def __init__(
        self,
        link: Path,
        device: D,
        commands: control.Commands[D],
        control_socket: Path | None = None,
    ) -> None:
        self.link = link
        self.device = device
        self.control_socket = control_socket
        self._commands = commands
        self._unsent = bytearray()
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

    # -- the device's bytes ----------------------------------------------------------

    def _serve_master(self) -> None:
        """The host wrote to the pty: the device takes it and may answer."""
        try:
            data = os.read(self._master, self.device.read_size())
        except OSError:
            return  # EAGAIN; EIO would need every slave fd closed, and we hold one
        self._unsent += self.device.receive(data)
        self._send_to_host()

    def _send_to_host(self) -> None:
        self._unsent += self.device.take_all()
        del self._unsent[:-_MAX_UNSENT]
        if self._master < 0 or not self._unsent:
            return
        try:
            written = os.write(self._master, self._unsent)
        except OSError:
            return  # EAGAIN: the host's input queue is full; select says when to retry
        del self._unsent[:written]

    # -- the pty ---------------------------------------------------------------------

    def _plug_in(self) -> None:
        self._master, self._slave, self._slave_name = open_raw_pty()
        replace_symlink(self.link, self._slave_name)

    def _unplug(self) -> None:
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1
        self._unsent.clear()
        remove_symlink(self.link, self._slave_name)

    # -- the loop and the control socket ----------------------------------------------

    def _serve_once(self) -> None:
        watched: list[int | socket.socket] = [self._wake_r, *self._clients]
        writing: list[int] = []
        if self._master >= 0:
            watched.append(self._master)
            writing = [self._master] if self._unsent else []
        if self._listener is not None:
            watched.append(self._listener)
        readable, writable, _ = select.select(watched, writing, [])
        if writable:
            self._send_to_host()
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
            reply = self._command(line.decode("utf-8", errors="replace").rstrip("\r"))
            self._send_to_host()
            try:
                client.sendall(reply.encode("utf-8") + b"\n")
            except OSError:
                self._drop(client)

    def _drop(self, client: socket.socket) -> None:
        self._clients.pop(client, None)
        client.close()

    def _command(self, command: str) -> str:
        word = command.strip()
        if word == "vanish":
            self.device.vanish()
            self._unplug()
        elif word == "come-back":
            if self._master < 0:
                self._plug_in()
            self.device.come_back()
        elif word == "quit":
            self._running = False
        else:
            return self._answer(command)
        return control.OK

    def _answer(self, command: str) -> str:
        reply = control.answer(self._commands, self.device, command)
        if reply is None:
            known = ", ".join([*control.usage(self._commands), *SERVER_COMMANDS])
            return f"error: unknown command {command!r}; known: {known}"
        return reply
