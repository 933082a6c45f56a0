"""The A4 printer port (kiosk.documents.ports) as a command (CUPS `lp` by default) fed
the PDF on its standard input.

The PDF never touches the disk here (it holds the citizen's full NIK): it goes from memory
into the command's pipe. The command line is split like a shell would (shlex) but run
without one, so a setting cannot smuggle in a second command.
"""

from __future__ import annotations

import logging
import shlex
import subprocess

from kiosk.documents.errors import PrintCommandMissing, PrintRejected, PrintTimedOut

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 60.0
NO_REASON = "exit status %d"


class CommandA4Printer:
    """Runs `command` once per document; raises an A4PrintFailed when it does not succeed."""

    def __init__(self, command: str, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        self._command = command
        self._timeout = timeout

    def __repr__(self) -> str:
        return f"CommandA4Printer(command={self._command!r})"

    def print_pdf(self, pdf: bytes) -> str:
        """Hand `pdf` to the command; returns the first line it printed (lp: the job id)."""
        argv = self._argv()
        try:
            done = subprocess.run(argv, input=pdf, capture_output=True, timeout=self._timeout)
        except FileNotFoundError:
            raise PrintCommandMissing(argv[0]) from None
        except PermissionError:
            raise PrintCommandMissing(argv[0]) from None
        except subprocess.TimeoutExpired:
            raise PrintTimedOut(self._timeout) from None
        if done.returncode != 0:
            reason = _first_line(done.stderr) or NO_REASON % done.returncode
            log.warning("A4 print command %s failed: %s", argv[0], reason)
            raise PrintRejected(reason)
        return _first_line(done.stdout)

    def _argv(self) -> list[str]:
        try:
            argv = shlex.split(self._command)
        except ValueError:  # an unclosed quote
            raise PrintCommandMissing(self._command) from None
        if not argv:
            raise PrintCommandMissing(self._command)
        return argv


def _first_line(output: bytes) -> str:
    for line in output.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            return line.strip()
    return ""
