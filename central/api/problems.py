"""Every error as application/problem+json (RFC 9457), whatever raised it.

A 422 names the places in the request that are wrong, never the values sent (an
answer may be personal data); a 500 says nothing of the fault to the client.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from central.errors import (
    EnrolmentCodeInvalid,
    KioskRevoked,
    NotFound,
    Unauthenticated,
)

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://anjungan.id/problems/"
RETRY_AFTER_SECONDS = 30
MAX_DETAILED = 5  # validation errors named in one detail
SLUGS = {
    400: "invalid-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    415: "unsupported-encoding",
    422: "invalid-request",
    500: "server-fault",
    503: "unavailable",
}


def problem(
    status: int, detail: str, slug: str | None = None, headers: dict[str, str] | None = None
) -> Response:
    body = {
        "type": TYPE_BASE + (slug or SLUGS.get(status, f"http-{status}")),
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Unauthenticated, _unauthenticated)
    app.add_exception_handler(KioskRevoked, _revoked)
    app.add_exception_handler(EnrolmentCodeInvalid, _code_invalid)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(OperationalError, _unavailable)
    app.add_exception_handler(Exception, _fault)


async def _http(_request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    status = 422 if error.status_code == 400 else error.status_code  # an unreadable body
    detail = error.detail if isinstance(error.detail, str) else HTTPStatus(status).description
    headers = dict(error.headers or {})
    return problem(status, detail, headers=headers or None)


async def _invalid(_request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    places = [_place(item) for item in error.errors()[:MAX_DETAILED]]
    return problem(422, "the request is not as documented: " + "; ".join(places))


def _place(item: dict[str, Any]) -> str:
    location = ".".join(str(part) for part in item.get("loc", ()))
    return f"{location}: {item.get('msg', 'invalid')}"


async def _unauthenticated(_request: Request, _error: Exception) -> Response:
    detail = "give the kiosk's token as Authorization: Bearer <token>"
    return problem(401, detail, "unauthenticated", {"WWW-Authenticate": "Bearer"})


async def _revoked(_request: Request, _error: Exception) -> Response:
    return problem(
        403, "this kiosk has been revoked; ask the district to enrol it again", "kiosk-revoked"
    )


async def _code_invalid(_request: Request, _error: Exception) -> Response:
    return problem(403, "the enrolment code is wrong, used or expired", "enrolment-code-invalid")


async def _not_found(_request: Request, error: Exception) -> Response:
    return problem(404, str(error))


async def _unavailable(request: Request, _error: Exception) -> Response:
    log.error("database unavailable during %s %s", request.method, request.url.path)
    return problem(
        503,
        "the centre's database is not answering",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _fault(request: Request, error: Exception) -> Response:
    log.error("fault during %s %s: %s", request.method, request.url.path, type(error).__name__)
    return problem(500, "the centre failed; the request can be retried unchanged")


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` of a route: each status as a Problem in problem+json."""
    schema = {"$ref": "#/components/schemas/Problem"}
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {MEDIA_TYPE: {"schema": schema}},
        }
        for status in statuses
    }
