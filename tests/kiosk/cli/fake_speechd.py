"""A stand-in for speech-dispatcher, started by the voice check as the real one would be,
and by the voice's tests as the server the kiosk talks to.

FAKE_SPEECHD picks how it behaves: `no-modules` and `locale` stop at start as the real
server does (its log line, its stderr), `hang` never opens its socket (a child of its own
stands for an output module), `silent` accepts a client and never answers, and `serve`
answers SSIP with the voices in FAKE_VOICES ("name/language,name/language"). `held`
accepts every client and answers no command while the file FAKE_SPEECHD_HOLD names
exists: a server that hangs (at a client's first command or later), then comes back.
Served clients may speak too, as Qt's speech-dispatcher plugin does: a message begins
at once and is cancelled by the next. Its pid (and its module's) go to the folder
FAKE_SPEECHD_RECORD names, and in `held` mode a line per client to the file `clients`.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

NO_MODULES_LOG = (
    "[Sat Dec  5 08:54:25 2026 : 187699] speechd: ERROR: Can't initialize audio in output "
    "module, see reason above.\n"
    "[Sat Dec  5 08:54:25 2026 : 187778] speechd: Error [speechd.c:672]:No speech output "
    "modules were loaded - aborting...\n"
)
REPLIES = {
    "SET SELF CLIENT_NAME": ["208 OK CLIENT NAME SET"],
    "LIST OUTPUT_MODULES": ["250-espeak-ng", "250 OK MODULE LIST SENT"],
    "SET SELF OUTPUT_MODULE": ["216 OK OUTPUT MODULE SET"],
    "GET OUTPUT_MODULE": ["251-espeak-ng", "251 OK GET RETURNED"],
    "SET SELF NOTIFICATION": ["261 OK NOTIFICATION SET"],
    "SET SELF LANGUAGE": ["201 OK LANGUAGE SET"],
    "SET SELF SYNTHESIS_VOICE": ["209 OK VOICE SET"],
    "SET SELF PRIORITY": ["202 OK PRIORITY SET"],
    "QUIT": ["231 HAPPY HACKING"],
}
CLIENT_ID = 1
POLL_SECONDS = 0.05


def option(name: str) -> str:
    return sys.argv[sys.argv.index(name) + 1]


class Conversation:
    """One client's SSIP: a reply per command, the text of a SPEAK, speech events."""

    def __init__(self, connection: socket.socket) -> None:
        self.connection = connection
        self.voices = [v.split("/") for v in os.environ.get("FAKE_VOICES", "").split(",") if v]
        self.receiving = False  # between SPEAK and the line with a lone dot
        self.message = 0
        self.speaking = False

    def answer(self, line: str) -> list[str]:
        if self.receiving:
            return self.received() if line == "." else []
        command = line.upper()
        if command == "SPEAK":
            self.receiving = True
            return ["230 OK RECEIVING DATA"]
        if command in ("CANCEL ALL", "STOP ALL", "CANCEL SELF", "STOP SELF"):
            return ["210 OK CANCELED", *self.cancelled()]
        if command == "LIST SYNTHESIS_VOICES":
            reply = [f"249-{name}\t{language}\tnone" for name, language in self.voices]
            return [*reply, "249 OK VOICE LIST SENT"]
        key = next((k for k in REPLIES if command.startswith(k)), "")
        return REPLIES.get(key, ["300 ERR UNKNOWN COMMAND"])

    def received(self) -> list[str]:
        self.receiving, self.speaking = False, True
        self.message += 1
        queued = [f"225-{self.message}", "225 OK MESSAGE QUEUED"]
        return queued + self.event("701", "BEGIN")

    def cancelled(self) -> list[str]:
        if not self.speaking:
            return []
        self.speaking = False
        return self.event("703", "CANCELED")

    def event(self, code: str, name: str) -> list[str]:
        return [f"{code}-{self.message}", f"{code}-{CLIENT_ID}", f"{code} {name}"]


def serve(connection: socket.socket, hold: Path | None = None) -> None:
    """Answers each command; none while the file `hold` exists (a server hanging)."""
    conversation = Conversation(connection)
    buffer = b""
    while True:
        chunk = connection.recv(4096)
        if not chunk:
            return
        buffer += chunk
        while b"\r\n" in buffer:
            line, buffer = buffer.split(b"\r\n", 1)
            while hold is not None and hold.exists():
                time.sleep(POLL_SECONDS)
            reply = conversation.answer(line.decode(errors="replace"))
            connection.sendall("".join(f"{r}\r\n" for r in reply).encode())


def serve_held(connection: socket.socket, hold: Path) -> None:
    """`serve` for one client of many: one gone (killed while held) ends it quietly."""
    with connection, contextlib.suppress(OSError):
        serve(connection, hold)


def serve_everyone(server: socket.socket, hold: Path, record: Path) -> None:
    """Each client on a thread of its own; one line in `record`/clients per client."""
    server.listen(8)
    while True:
        connection, _ = server.accept()
        with (record / "clients").open("a") as clients:
            clients.write("client\n")
        threading.Thread(target=serve_held, args=(connection, hold), daemon=True).start()


def main() -> None:
    mode = os.environ["FAKE_SPEECHD"]
    folder = Path(option("--log-dir"))
    record = Path(os.environ["FAKE_SPEECHD_RECORD"])  # outlives the check's own folder
    (record / "server.pid").write_text(str(os.getpid()))
    if mode == "no-modules":
        (folder / "speech-dispatcher.log").write_text(NO_MODULES_LOG)
        sys.exit(1)
    if mode == "locale":
        print("setlocale: No such file or directory", file=sys.stderr, flush=True)
        sys.exit(1)
    if mode == "hang":
        module = subprocess.Popen(["sleep", "300"])
        (record / "module.pid").write_text(str(module.pid))
        time.sleep(300)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(option("--socket-path"))
    if mode == "held":
        serve_everyone(server, Path(os.environ["FAKE_SPEECHD_HOLD"]), record)
    server.listen(1)
    connection, _ = server.accept()
    if mode == "silent":
        time.sleep(300)
    serve(connection)


if __name__ == "__main__":
    main()
