"""The office keys as systemd credentials: encrypted to this machine, for unattended kiosks.

A village kiosk runs with auto-login and nobody types a password, so a keyring unlocked
at login is either unencrypted or unlocked with a password written somewhere on the same
disk. Instead each key is a credential encrypted by `systemd-creds` with the machine's
TPM2 chip when it has one (then a copy of the whole disk opens nothing) and with the
host key ``/var/lib/systemd/credential.secret``, readable by root only (then a copy of
the data folder, or another user, opens nothing). See docs/key-protection.md.

The kiosk's systemd unit lists the credentials with ``LoadCredentialEncrypted=``; the
service manager decrypts them at start into a private, non-swappable folder named by
``$CREDENTIALS_DIRECTORY``, which only the kiosk's process can read. Technician commands
run as root decrypt them with ``systemd-creds decrypt``. Writing a key (``sudo kiosk
keys init``) encrypts it with ``systemd-creds encrypt``, which needs root.
"""

from __future__ import annotations

import logging
import os
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

CREDENTIALS_DIRECTORY_ENV = "CREDENTIALS_DIRECTORY"  # set by systemd for the unit
SUFFIX = ".cred"
TIMEOUT_SECONDS = 30  # a TPM2 may take a few seconds; a hung one must not hang the kiosk


class CredentialUnavailable(KioskError):
    """A credential exists but cannot be opened here, or cannot be written."""


class SystemdCredsSecretStore:
    """The core's SecretStore over encrypted systemd credentials in `folder`."""

    def __init__(
        self,
        folder: Path,
        program: str = "systemd-creds",
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self._folder = folder
        self._program = program
        self._environ = os.environ if environ is None else environ

    @property
    def description(self) -> str:
        return f"the systemd credentials in {self._folder}"

    def get_secret(self, name: str) -> str | None:
        loaded = self._loaded(name)
        if loaded is not None:
            return loaded
        return self._decrypted(name)

    def set_secret(self, name: str, value: str) -> None:
        self._encrypt(name, value)

    def _decrypted(self, name: str) -> str | None:
        path = self.path_of(name)
        if not path.exists():
            return None
        result = self._run(["decrypt", f"--name={name}", str(path), "-"], None)
        if result.returncode != 0:
            raise CredentialUnavailable(
                f"cannot open the credential {path}: {_last_line(result.stderr)}. A "
                "credential opens only on the machine that made it, for root or for the "
                "kiosk's systemd unit (LoadCredentialEncrypted=)"
            )
        return result.stdout.decode("utf-8").strip()

    def _encrypt(self, name: str, value: str) -> None:
        self._folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self._folder, 0o700)
        path = self.path_of(name)
        partial = path.with_name(f".{path.name}.partial")
        arguments = ["encrypt", "--with-key=auto", f"--name={name}", "-", str(partial)]
        result = self._run(arguments, value.encode("utf-8"))
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise CredentialUnavailable(
                f"cannot write the credential {path}: {_last_line(result.stderr)}. Writing "
                "a key needs root: run `sudo kiosk keys init`"
            )
        os.chmod(partial, 0o600)
        if path.exists():  # a replaced key is kept: the way back from a wrong import
            backup = path.with_name(f"{path.name}.replaced-{time.strftime('%Y%m%d-%H%M%S')}")
            os.link(path, backup)
            log.warning("the replaced credential is kept as %s", backup)
        os.replace(partial, path)  # whole or not at all
        _sync_folder(self._folder)
        log.warning("wrote the credential %s", path)

    def path_of(self, name: str) -> Path:
        return self._folder / f"{name}{SUFFIX}"

    def _loaded(self, name: str) -> str | None:
        """The key as the service manager decrypted it for this process, if it did."""
        folder = self._environ.get(CREDENTIALS_DIRECTORY_ENV)
        if not folder:
            return None
        path = Path(folder) / name
        try:
            return path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None

    def _run(self, arguments: list[str], stdin: bytes | None) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                [self._program, *arguments],
                input=stdin,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                env=dict(self._environ),
            )
        except FileNotFoundError:
            raise CredentialUnavailable(
                f"{self._program} is not installed (Debian package: systemd)"
            ) from None
        except subprocess.TimeoutExpired:
            raise CredentialUnavailable(
                f"{self._program} did not answer within {TIMEOUT_SECONDS} s (a stuck TPM2?)"
            ) from None


def _last_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no reason given"


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
