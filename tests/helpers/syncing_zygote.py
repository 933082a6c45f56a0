"""The sync crash test's kiosk processes: finalise an application, sync, again, forked.

Run as ``python -m tests.helpers.syncing_zygote LOG PRINTED`` with the kiosk's database
URL, its office key (hex), its credential and the centre's address in the environment
(ANJUNGAN_TEST_DATABASE_URL, ANJUNGAN_TEST_DATA_KEY, ANJUNGAN_TEST_TOKEN). It imports
everything once; each ``fork`` line on stdin forks a child and answers its pid; ``reap
PID`` waits for a killed child and answers its wait status (as tests.helpers.issuing_zygote).

The child, until it is killed: stores an application of the shipped e-KTP form (the
desk's own ApplicationStore), then writes its UUID to PRINTED (fsynced: "the receipt
was printed", which the desk does only after the commit), then runs one sync round of
the real engine against the real centre. So a SIGKILL lands inside a commit, between a
commit and the "print", inside a batch upload, between the centre's answer and its
local commit, or inside the status pull.
"""

from __future__ import annotations

import os
import sys

from kiosk.applications.store import ApplicationStore
from kiosk.catalogue.shipped import shipped_definitions
from kiosk.clock import SystemClock
from kiosk.config.schema import SyncSettings
from kiosk.db.engine import create_engine_for, session_factory
from kiosk.security.sealing import Sealer
from kiosk.sync.engine import SyncEngine
from kiosk.sync.errors import SyncError
from kiosk.sync.state import TOKEN_SECRET
from kiosk.wizard import Wizard
from tests.helpers.forms import completed
from tests.helpers.secrets import MemorySecretStore
from tests.helpers.zygote import serve

SERVICE_ID = "perekaman-ektp"
DEFINITIONS = shipped_definitions()  # loaded before the forks


def finalise_and_sync_until_killed(log: str, printed: str) -> None:
    output = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(output, 1)
    os.dup2(output, 2)
    _loop(printed)


def _loop(printed: str) -> None:
    sessions = session_factory(create_engine_for(os.environ["ANJUNGAN_TEST_DATABASE_URL"]))
    sealer = Sealer(bytes.fromhex(os.environ["ANJUNGAN_TEST_DATA_KEY"]))
    secrets = MemorySecretStore({TOKEN_SECRET: os.environ["ANJUNGAN_TEST_TOKEN"]})
    clock = SystemClock()
    store = ApplicationStore(sessions, sealer, clock, "Kantor Uji", "Asia/Jakarta")
    settings = SyncSettings(connect_timeout=2.0, read_timeout=5.0, batch_bytes=4096)
    engine = SyncEngine(sessions, sealer, secrets, settings, clock, "anjungan-crash-test")
    definition = DEFINITIONS[SERVICE_ID]
    receipts = os.open(printed, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    while True:
        form = completed(Wizard(definition, "id", clock)).result()
        receipt = store.finalise(form, definition)
        os.write(receipts, (receipt.submission_id + "\n").encode())
        os.fsync(receipts)
        try:
            engine.run_once()
        except SyncError as problem:
            print(f"sync: {problem.problem}", flush=True)


if __name__ == "__main__":
    serve(lambda: finalise_and_sync_until_killed(sys.argv[1], sys.argv[2]))
