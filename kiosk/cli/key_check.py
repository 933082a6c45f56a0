"""`kiosk doctor keys`: each office key in the key store against the database's check
value, with the fix in plain words (docs/key-protection.md). Opens nothing sealed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from kiosk.cli.findings import Finding, not_checked, ok, problem
from kiosk.config import Settings
from kiosk.errors import KioskError
from kiosk.i18n import N_
from kiosk.security.guard import KeyState, describe_data

RESTORE = N_(
    "Restore the office's keys: kiosk keys import FILE (the key file from the office safe, "
    "or kiosk keys export on another PC of this office); with --replace for a different key."
)


def check_keys(settings: Settings) -> list[Finding]:
    from kiosk.cli.office_keys import key_guard
    from kiosk.cli.secrets import key_store
    from kiosk.cli.wiring import open_database

    what = N_("key store")
    parsed = make_url(settings.database.url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").exists():
        return [not_checked(what, N_("no database yet: the kiosk makes its keys at first start"))]
    try:
        store = key_store(settings)
        database = open_database(settings)
        try:
            states = key_guard(settings, database.sessions, store).status()
        finally:
            database.engine.dispose()
    except KioskError as error:
        fix = N_("Run kiosk keys status as the kiosk's user (or with sudo for systemd-creds).")
        return [problem(what, N_("cannot be read: %(reason)s"), fix, reason=str(error))]
    found = [ok(what, "%(where)s", where=getattr(store, "description", ""))]
    return found + [finding_of(state) for state in states]


def finding_of(state: KeyState) -> Finding:
    data = describe_data(state.data)
    if state.matches:
        return ok(state.name, N_("in the key store, matches this database"))
    if state.matches is False:
        detail = N_("is not the key this database's data was sealed with (%(data)s)")
        return problem(state.name, detail, RESTORE, data=data or "-")
    if state.in_store:  # no check value yet: the kiosk tries it on the data and records it
        return ok(state.name, N_("in the key store; recorded at the kiosk's next start"))
    if state.recorded or state.data:
        detail = N_("missing from the key store; this database needs it (%(data)s)")
        return problem(state.name, detail, RESTORE, data=data or "-")
    return ok(state.name, N_("not made yet: the kiosk makes it at its first start"))
