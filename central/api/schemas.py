"""Request and response bodies of /v1, typed so that the OpenAPI document is precise."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from annotated_types import Interval
from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from central.operations.receiving import Outcome
from central.operations.statuses import Status

MAX_ITEMS = 100
MAX_ENVELOPE_CHARS = 4 * 1024 * 1024
INT32 = 2**31 - 1


def rfc3339(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(value: object) -> object:
    """A time comes as RFC 3339 text, as documented; 0 is not a time."""
    if not isinstance(value, str):
        raise ValueError("an RFC 3339 time as text")
    return value


def _whole(value: object) -> object:
    """A JSON integer (2.0 is one, as JSON Schema says); not true, not "2"."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("a whole number")
    return value


Positive = Annotated[
    int,
    BeforeValidator(_whole),
    Interval(ge=1, le=INT32),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": INT32}),
]
Count = Annotated[
    int,
    BeforeValidator(_whole),
    Interval(ge=0, le=INT32),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": INT32}),
]
Time = Annotated[AwareDatetime, BeforeValidator(_text)]  # any year: a dead clock says 1970
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
    service_version: Positive
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
    queue_length: Count
    pending: Count
