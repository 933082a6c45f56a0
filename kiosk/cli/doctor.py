"""`kiosk doctor`: the technician's check of what this PC gives the kiosk, each finding
ok or a problem with its fix in plain words; exit status 1 on a problem.

Each entry of CHECKS is one part (the voice, the printer, the database, the keys); a new part
(the readers) is one more entry: a function from the settings to findings.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.cli.findings import Finding, Outcome, ok, problem
from kiosk.cli.settings_loader import settings_for
from kiosk.config import ConfigError, Settings
from kiosk.i18n import N_, translations

Check = Callable[[Settings], list[Finding]]
LABELS = {
    Outcome.OK: N_("ok"),
    Outcome.PROBLEM: N_("PROBLEM"),
    Outcome.NOT_CHECKED: N_("not checked"),
}


@dataclass(frozen=True)
class Entry:
    name: str  # as typed after `kiosk doctor`
    title: str  # msgid
    check: Check


def voice(_settings: Settings) -> list[Finding]:
    from kiosk.cli.voice_check import check_voice

    return check_voice()


def printer(settings: Settings) -> list[Finding]:
    """What `kiosk printer status` asks, as one finding."""
    from kiosk.cli.device_commands import read_status
    from kiosk.cli.printer_adapter import problem_of
    from kiosk.cli.wiring import open_printer
    from kiosk.printers import PRINTER_PROBLEMS, PrinterProblem

    what = N_("receipt printer")
    try:
        device = open_printer(settings)
    except ConfigError as error:
        fix = N_("Set printer.url in the settings file (kiosk devices list shows the ports).")
        return [problem(what, N_("not set up: %(reason)s"), fix, reason=str(error))]
    status = read_status(device)
    if isinstance(status, PrinterProblem) or not status.ready:
        trouble = status if isinstance(status, PrinterProblem) else problem_of(status)
        fix = N_("Check the paper, the cover, the cable and the power; then kiosk printer status.")
        return [problem(what, PRINTER_PROBLEMS[trouble], fix)]
    ready = N_("ready at %(url)s (%(profile)s)")
    return [ok(what, ready, url=settings.printer.url, profile=settings.printer.profile)]


def database(settings: Settings) -> list[Finding]:
    """The database opens and is at (or below: the kiosk upgrades it at start) our schema."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.db.engine import create_engine_for
    from kiosk.db.migrate import head_revision, stored_revision

    parsed = make_url(settings.database.url)
    what, url = N_("database"), parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").exists():
        return [ok(what, N_("%(url)s: not created yet (the kiosk creates it)"), url=url)]
    try:
        engine = create_engine_for(settings.database.url)
        try:
            stored = stored_revision(engine)
        finally:
            engine.dispose()
    except (SQLAlchemyError, OSError) as error:
        fix = N_("Check database.url; for PostgreSQL, that its server runs and lets this PC in.")
        reason = str(error).splitlines()[0]
        return [
            problem(what, N_("%(url)s cannot be opened: %(reason)s"), fix, url=url, reason=reason)
        ]
    head = head_revision()
    if stored == head:
        return [ok(what, N_("%(url)s, schema %(revision)s (the newest)"), url=url, revision=head)]
    upgrade = N_("%(url)s, schema %(revision)s: the kiosk upgrades it to %(head)s at start")
    return [ok(what, upgrade, url=url, revision=stored or "-", head=head)]


def keys(settings: Settings) -> list[Finding]:
    from kiosk.cli.key_check import check_keys

    return check_keys(settings)


CHECKS: tuple[Entry, ...] = (
    Entry("voice", N_("Voice"), voice),
    Entry("printer", N_("Printer"), printer),
    Entry("database", N_("Database"), database),
    Entry("keys", N_("Office keys"), keys),
)


def run_check(entry: Entry, settings: Settings) -> list[Finding]:
    """The entry's findings; a check that breaks is a problem of its own, never the end
    of the others."""
    try:
        return entry.check(settings)
    except Exception as error:
        what = N_("the check itself")
        fix = N_("Run kiosk --verbose doctor and read the details.")
        reason = f"{type(error).__name__}: {error}"
        return [problem(what, N_("it failed: %(reason)s"), fix, reason=reason)]


def doctor(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    language = settings.ui.language
    _ = translations(language)
    entries = [entry for entry in CHECKS if not args.checks or entry.name in args.checks]
    problems = 0
    for entry in entries:
        print(_.gettext(entry.title))
        for finding in run_check(entry, settings):
            print(describe(finding, language))
            problems += finding.problem
    if problems:
        print(
            _.ngettext("%(count)d problem.", "%(count)d problems.", problems) % {"count": problems}
        )
        return 1
    print(_.gettext("No problems found."))
    return 0


def describe(finding: Finding, language: str) -> str:
    """`  ok       output module: ...`, and for a problem its fix on the next line."""
    gettext = translations(language).gettext
    width = max(len(gettext(label)) for label in LABELS.values())
    label = gettext(LABELS[finding.outcome]).ljust(width)
    line = f"  {label}  {finding.what_in(language)}: {finding.detail_in(language)}"
    if finding.fix:
        fix = gettext("fix: %(fix)s") % {"fix": finding.fix_in(language)}
        line += "\n  " + " " * width + "  " + fix
    return line
