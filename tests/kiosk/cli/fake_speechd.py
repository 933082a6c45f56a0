"""A stand-in for speech-dispatcher, started by the voice check as the real one would be.

FAKE_SPEECHD picks how it behaves: `no-modules` and `locale` stop at start as the real
server does (its log line, its stderr), `hang` never opens its socket (a child of its own
stands for an output module), `silent` accepts a client and never answers, and `serve`
answers SSIP with the voices in FAKE_VOICES ("name/language,name/language"). Its pid
(and its module's) go to the folder FAKE_SPEECHD_RECORD names.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
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
}


def option(name: str) -> str:
    return sys.argv[sys.argv.index(name) + 1]


def serve(connection: socket.socket) -> None:
    voices = [v.split("/") for v in os.environ.get("FAKE_VOICES", "").split(",") if v]
    buffer = b""
    while True:
        chunk = connection.recv(4096)
        if not chunk:
            return
        buffer += chunk
        while b"\r\n" in buffer:
            line, buffer = buffer.split(b"\r\n", 1)
            command = line.decode()
            if command == "LIST SYNTHESIS_VOICES":
                reply = [f"249-{name}\t{language}\tnone" for name, language in voices]
                reply.append("249 OK VOICE LIST SENT")
            else:
                key = next((k for k in REPLIES if command.startswith(k)), "")
                reply = REPLIES.get(key, ["300 ERR UNKNOWN COMMAND"])
            connection.sendall("".join(f"{r}\r\n" for r in reply).encode())


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
    server.listen(1)
    connection, _ = server.accept()
    if mode == "silent":
        time.sleep(300)
    serve(connection)


if __name__ == "__main__":
    main()
