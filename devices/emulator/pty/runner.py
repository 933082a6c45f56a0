"""Runs a pty server until told to stop: as the main of an emulator command, or in a thread."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import TypeVar

from devices.emulator.pty.server import PtyDevice, PtyServer

READY_MESSAGE = "Emulated {device} ready at {link}"  # the line a parent process waits for
READY_PREFIX = READY_MESSAGE.split("{", 1)[0]

D = TypeVar("D", bound=PtyDevice)


def serve_command(server: PtyServer[D], device: str) -> int:
    """Serve as a command does: SIGTERM or Ctrl-C stop it cleanly and remove the link.

    Prints the ready line naming ``device`` once the link and the control socket exist.
    """
    with server:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: server.request_stop())
        server.start()
        print(READY_MESSAGE.format(device=device, link=server.link), flush=True)
        server.serve_forever()
    return 0


def serve_until(
    server: PtyServer[D],
    stop: threading.Event | None = None,
    on_ready: Callable[[], None] | None = None,
) -> None:
    """Serve until ``quit`` or ``stop``, for a caller's thread.

    ``on_ready`` is called once the link and the control socket exist. ``stop`` is set
    on return, whatever ended the run.
    """
    stop = stop or threading.Event()
    with server:
        server.start()
        waker = threading.Thread(target=_stop_when_set, args=(stop, server), daemon=True)
        waker.start()
        if on_ready is not None:
            on_ready()
        try:
            server.serve_forever()
        finally:
            stop.set()
            waker.join()


def _stop_when_set(stop: threading.Event, server: PtyServer[D]) -> None:
    stop.wait()
    server.request_stop()
