"""`central`: set up, serve and operate a district's central service.

Exit codes: 0 done, 1 the operation failed (the message says why), 2 a usage error.
Nothing here prints a NIK or an answer, except `central show --open`.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import uuid
from collections.abc import Callable, Sequence

from central.centre import Centre
from central.errors import CentralError
from central.operations import applications, enrolment, statuses
from central.operations.statuses import Status
from central.settings import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8470
SETTABLE = [status.value for status in Status if status is not Status.RECEIVED]


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except CentralError as error:
        print(f"central: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="central", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    _command(commands, "init", _init, "create the keys (never overwritten) and the database")
    serve = _command(commands, "serve", _serve, "serve /v1 with uvicorn")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    code = _command(commands, "enrol-code", _enrol_code, "make a one-time enrolment code")
    code.add_argument("--name", required=True, help="the kiosk's name, e.g. the village office")
    code.add_argument("--hours", type=float, help="how long it works (default 24)")
    _command(commands, "kiosks", _kiosks, "list the enrolled kiosks")
    revoke = _command(commands, "revoke", _revoke, "revoke a kiosk's credential at once")
    revoke.add_argument("kiosk_id", metavar="KIOSK_ID")
    listing = _command(commands, "applications", _applications, "list applications, newest first")
    listing.add_argument("--status", choices=[s.value for s in Status])
    show = _command(commands, "show", _show, "show one application")
    show.add_argument("reference", metavar="CODE_OR_UUID")
    show.add_argument(
        "--open", action="store_true", help="also print the opened content (personal data)"
    )
    status = _command(commands, "status", _status, "move an application to a status")
    status.add_argument("reference", metavar="CODE_OR_UUID")
    status.add_argument("status", choices=SETTABLE, metavar="STATUS", help=", ".join(SETTABLE))
    for language in statuses.MESSAGE_LANGUAGES:
        status.add_argument(
            f"--message-{language}", metavar="TEXT", help=f"message in {language!r}"
        )
    _command(commands, "openapi", _openapi, "print the OpenAPI document (YAML)")
    return parser


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Callable[[argparse.Namespace], int],
    help_text: str,
) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=help_text, description=help_text)
    command.set_defaults(handler=handler)
    return command


def _opened(migrate: bool = True) -> Centre:
    return Centre.open(Settings.from_environment(), migrate=migrate)


def _init(_args: argparse.Namespace) -> int:
    from central.keys import create_keys

    settings = Settings.from_environment()
    made = create_keys(settings.key_file)
    print(f"keys: {settings.key_file} ({'created' if made else 'kept as it was'})")
    centre = Centre.open(settings, migrate=True)
    centre.close()
    print(f"database: {settings.database_url.render_as_string(hide_password=True)} (migrated)")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    if args.workers < 1:
        raise CentralError("--workers must be at least 1")
    centre = _opened()
    try:
        served = centre.serve_catalogue()  # fails here, once, for a changed definition
    finally:
        centre.close()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    print(f"catalogue {served.version[:12]}; serving on http://{args.host}:{args.port}", flush=True)
    uvicorn.run(
        "central.api.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
        server_header=False,
    )
    return 0


def _enrol_code(args: argparse.Namespace) -> int:
    if args.hours is not None and not 0 < args.hours <= 24 * 30:
        raise CentralError("--hours must be more than 0 and at most 720")
    if not args.name.strip():
        raise CentralError("--name must not be empty")
    centre = _opened()
    try:
        code, expires_at = enrolment.make_code(centre, args.name, args.hours)
    finally:
        centre.close()
    print(code)
    print(
        f"works once, until {expires_at:%Y-%m-%d %H:%M} UTC; it is not shown again", file=sys.stderr
    )
    return 0


def _kiosks(_args: argparse.Namespace) -> int:
    centre = _opened()
    try:
        for kiosk in enrolment.kiosks(centre):
            state = f"revoked {kiosk.revoked_at:%Y-%m-%d %H:%M}" if kiosk.revoked_at else "active"
            print(f"{kiosk.id}  {kiosk.enrolled_at:%Y-%m-%d}  {state:<24}  {kiosk.name}")
    finally:
        centre.close()
    return 0


def _revoke(args: argparse.Namespace) -> int:
    try:
        kiosk_id = uuid.UUID(args.kiosk_id)
    except ValueError:
        raise CentralError(f"{args.kiosk_id!r} is not a kiosk id (a UUID)") from None
    centre = _opened()
    try:
        kiosk = enrolment.revoke(centre, kiosk_id)
    finally:
        centre.close()
    print(f"revoked {kiosk.id} ({kiosk.name})")
    return 0


def _applications(args: argparse.Namespace) -> int:
    centre = _opened()
    try:
        rows = applications.list_applications(centre, Status(args.status) if args.status else None)
    finally:
        centre.close()
    for row in rows:
        print(
            f"{row.tracking_code}  {row.status:<13}  {row.received_at:%Y-%m-%d %H:%M}  "
            f"{row.service_id} v{row.service_version}  {row.kiosk_name}  {row.id}"
        )
    return 0


def _show(args: argparse.Namespace) -> int:
    centre = _opened()
    try:
        found = applications.find(centre, args.reference)
        content = applications.open_content(centre, found.id) if args.open else None
    finally:
        centre.close()
    for name in ("id", "tracking_code", "service_id", "service_version", "kiosk_name", "status"):
        print(f"{name}: {getattr(found, name)}")
    print(f"received_at: {found.received_at:%Y-%m-%d %H:%M:%S} UTC")
    if found.status_message:
        print(f"message: {json.dumps(found.status_message, ensure_ascii=False)}")
    if content is not None:
        print(json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True))
    return 0


def _status(args: argparse.Namespace) -> int:
    message = {
        language: getattr(args, f"message_{language}")
        for language in statuses.MESSAGE_LANGUAGES
        if getattr(args, f"message_{language}")
    }
    centre = _opened()
    try:
        found = applications.find(centre, args.reference)
        change = statuses.set_status(centre, found.id, Status(args.status), message or None)
    finally:
        centre.close()
    print(f"{found.tracking_code}: {change.status} (change {change.seq})")
    return 0


def _openapi(_args: argparse.Namespace) -> int:
    from central.openapi import openapi_yaml

    sys.stdout.write(openapi_yaml())
    return 0


if __name__ == "__main__":
    sys.exit(main())
