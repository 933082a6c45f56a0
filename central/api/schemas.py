"""Request and response bodies of /v1, typed so that the OpenAPI document is precise."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from central.operations.receiving import Outcome
from central.operations.statuses import MAX_PAGE, Status

MAX_ITEMS = 100
MAX_ENVELOPE_CHARS = 4 * 1024 * 1024
INT32 = 2**31 - 1


def _plausible(moment: datetime) -> datetime:
    """A time every zone can convert (no year 1 or 9999 at the edge of datetime)."""
    if not 1971 <= moment.year <= 9000:
        raise ValueError("a time between 1971 and 9000")
    return moment


def rfc3339(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


Time = Annotated[AwareDatetime, AfterValidator(_plausible)]
UtcTime = Annotated[
    datetime,
    PlainSerializer(rfc3339, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
ShortText = Annotated[str, Field(max_length=200)]
Version = Annotated[str, Field(max_length=40)]


class Problem(BaseModel):
    """RFC 9457; `type` is https://anjungan.id/problems/<slug>."""

    type: str
    title: str
    status: int
    detail: str


class ServerTime(BaseModel):
    now: UtcTime


class EnrolmentRequest(BaseModel):
    code: Annotated[str, Field(min_length=1, max_length=40)]
    name: ShortText
    software_version: Version


class EnrolmentGranted(BaseModel):
    kiosk_id: uuid.UUID
    token: str
    sealing_key: str = Field(description="base64 of 32 bytes, X25519")
    signing_key: str = Field(description="base64 of 32 bytes, Ed25519")
    suite: str


class UploadItem(BaseModel):
    id: uuid.UUID
    tracking_code: Annotated[str, Field(min_length=1, max_length=32)]
    service_id: Annotated[str, Field(min_length=1, max_length=100)]
    service_version: Annotated[int, Field(ge=1, le=INT32)]
    created_at: Time
    envelope: Annotated[str, Field(max_length=MAX_ENVELOPE_CHARS)] = Field(
        description="base64 of kiosk.sync.sealing.seal_for_centre(...)"
    )


class Batch(BaseModel):
    items: Annotated[list[UploadItem], Field(min_length=1, max_length=MAX_ITEMS)]


class ItemResult(BaseModel):
    id: uuid.UUID
    outcome: Outcome
    status: Status | None
    reason: str | None
    reason_code: str | None


class BatchResults(BaseModel):
    results: list[ItemResult]


class StatusChange(BaseModel):
    seq: int
    id: uuid.UUID
    tracking_code: str
    status: Status
    message: dict[str, str] | None
    at: UtcTime


class StatusChanges(BaseModel):
    changes: list[StatusChange]
    cursor: int
    more: bool


class SignedCatalogue(BaseModel):
    payload: str = Field(description="base64 of the catalogue JSON bytes")
    signature: str = Field(description="base64 of the Ed25519 signature over the payload")


class HealthReport(BaseModel):
    at: Time
    software_version: Version
    printer: Annotated[str, Field(max_length=40)]
    paper: Literal["ok", "low", "out", "unknown"]
    queue_length: Annotated[int, Field(ge=0, le=INT32)]
    pending: Annotated[int, Field(ge=0, le=INT32)]


PAGE_LIMIT = MAX_PAGE
