"""The /v1 routes: thin, each checks its input, calls an operation and shapes the answer."""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central.api import schemas
from central.api.problems import documented
from central.centre import Centre
from central.operations import enrolment, health, receiving, statuses
from kiosk.sync.sealing import SUITE_NAME


def documented_query_only(request: Request) -> None:
    """A query parameter the route does not declare is a request not as documented."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.query_params:
        return
    declared = _query_names(route.dependant)
    unknown = set(request.query_params) - declared
    if unknown:
        raise RequestValidationError(
            [{"loc": ("query", name), "msg": "not a parameter of this route"} for name in unknown]
        )


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _query_names(dependency)
    return names


router = APIRouter(prefix="/v1", dependencies=[Depends(documented_query_only)])
bearer = HTTPBearer(auto_error=False, description="the token the kiosk got at enrolment")
AUTH_PROBLEMS = (401, 403, 422)


def centre_of(request: Request) -> Centre:
    centre: Centre = request.app.state.centre
    return centre


CentreDep = Annotated[Centre, Depends(centre_of)]


def kiosk_of(
    centre: CentreDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> uuid.UUID:
    return enrolment.authenticate(centre, credentials.credentials if credentials else None)


KioskDep = Annotated[uuid.UUID, Depends(kiosk_of)]


@router.get("/time", response_model=schemas.ServerTime)
def server_time(centre: CentreDep) -> schemas.ServerTime:
    return schemas.ServerTime(now=centre.clock())


@router.post(
    "/enrolments",
    status_code=201,
    response_model=schemas.EnrolmentGranted,
    responses=documented(403, 413, 415, 422),
)
def enrol(request: schemas.EnrolmentRequest, centre: CentreDep) -> schemas.EnrolmentGranted:
    enrolled = enrolment.enrol(centre, request.code, request.software_version)
    return schemas.EnrolmentGranted(
        kiosk_id=enrolled.kiosk_id,
        token=enrolled.token,
        sealing_key=_b64(centre.keys.sealing_public()),
        signing_key=_b64(centre.keys.signing_public()),
        suite=SUITE_NAME,
    )


@router.post(
    "/applications/batch",
    response_model=schemas.BatchResults,
    responses=documented(*AUTH_PROBLEMS, 413, 415),
)
def upload(batch: schemas.Batch, centre: CentreDep, kiosk_id: KioskDep) -> schemas.BatchResults:
    items = [_item(item) for item in batch.items]
    results = receiving.receive_batch(centre, kiosk_id, items)
    return schemas.BatchResults(
        results=[
            schemas.ItemResult(
                id=r.id,
                outcome=r.outcome,
                status=r.status,
                reason=r.reason,
                reason_code=r.reason_code,
            )
            for r in results
        ]
    )


def _item(item: schemas.UploadItem) -> receiving.UploadItem:
    try:
        envelope: bytes | None = base64.b64decode(item.envelope, validate=True)
    except (binascii.Error, ValueError):
        envelope = None
    return receiving.UploadItem(
        item.id,
        item.tracking_code,
        item.service_id,
        item.service_version,
        item.created_at,
        envelope,
    )


@router.get(
    "/status-changes", response_model=schemas.StatusChanges, responses=documented(*AUTH_PROBLEMS)
)
def status_changes(
    centre: CentreDep,
    kiosk_id: KioskDep,
    after: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
    limit: Annotated[int, Query(ge=1, le=statuses.MAX_PAGE)] = statuses.DEFAULT_PAGE,
) -> schemas.StatusChanges:
    page = statuses.changes_after(centre, kiosk_id, after, limit)
    changes = [
        schemas.StatusChange(
            seq=c.seq,
            id=c.application_id,
            tracking_code=c.tracking_code,
            status=c.status,
            message=c.message,
            at=c.at,
        )
        for c in page.changes
    ]
    return schemas.StatusChanges(changes=changes, cursor=page.cursor, more=page.more)


@router.get(
    "/catalogue",
    response_model=schemas.SignedCatalogue,
    responses={**documented(*AUTH_PROBLEMS), 304: {"description": "Not Modified"}},
)
def catalogue(
    centre: CentreDep,
    _kiosk_id: KioskDep,
    response: Response,
    if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> schemas.SignedCatalogue | Response:
    signed = centre.signed_catalogue()
    etag = f'"{signed.version}"'
    if if_none_match is not None and _matches(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag})
    response.headers["ETag"] = etag
    return schemas.SignedCatalogue(payload=_b64(signed.payload), signature=_b64(signed.signature))


def _matches(if_none_match: str, etag: str) -> bool:
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


@router.post("/health", status_code=204, responses=documented(*AUTH_PROBLEMS, 413, 415))
def report_health(report: schemas.HealthReport, centre: CentreDep, kiosk_id: KioskDep) -> Response:
    health.record_health(centre, kiosk_id, report.at, report.model_dump(mode="json"))
    return Response(status_code=204)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
