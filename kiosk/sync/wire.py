"""The shapes of the /v1 contract (docs/sync.md) on the kiosk's side, parsed strictly.

Every answer is checked field by field before anything is stored: an answer that
does not have the contract's shape raises CentralAnswerInvalid and changes nothing.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from kiosk.sync.errors import CentralAnswerInvalid
from kiosk.sync.sealing import Label

OUTCOMES = ("accepted", "duplicate", "conflict", "rejected")
CENTRE_STATUSES = ("received", "in_process", "needs_citizen", "ready", "done", "rejected")
T = TypeVar("T")


@dataclass(frozen=True)
class UploadItem:
    label: Label
    created_at: datetime
    envelope: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.label.application_id,
            "tracking_code": self.label.tracking_code,
            "service_id": self.label.service_id,
            "service_version": self.label.service_version,
            "created_at": rfc3339(self.created_at),
            "envelope": base64.b64encode(self.envelope).decode("ascii"),
        }


@dataclass(frozen=True)
class ItemResult:
    id: str
    outcome: str  # one of OUTCOMES
    status: str | None  # the centre's status when accepted or duplicate
    reason_code: str | None
    reason: str | None


@dataclass(frozen=True)
class StatusChange:
    seq: int
    id: str
    tracking_code: str
    status: str  # one of CENTRE_STATUSES
    message: dict[str, str] | None
    at: datetime


@dataclass(frozen=True)
class StatusPage:
    changes: tuple[StatusChange, ...]
    cursor: int
    more: bool


@dataclass(frozen=True)
class Enrolment:
    kiosk_id: str
    token: str
    sealing_key: bytes
    signing_key: bytes

    def __repr__(self) -> str:  # never the token in a log line or a traceback
        return f"Enrolment(kiosk_id={self.kiosk_id!r})"


@dataclass(frozen=True)
class SignedDocument:
    payload: bytes
    signature: bytes
    etag: str | None


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_results(answer: Any, sent: Sequence[UploadItem]) -> list[ItemResult]:
    """One result per item sent, in order, or CentralAnswerInvalid."""
    rows = _list(_field(_object(answer), "results"), "results")
    if len(rows) != len(sent):
        raise CentralAnswerInvalid("the centre answered for another number of items")
    results = [_result(row) for row in rows]
    for result, item in zip(results, sent, strict=True):
        if result.id != item.label.application_id:
            raise CentralAnswerInvalid("the centre answered for another application")
    return results


def _result(row: Any) -> ItemResult:
    row = _object(row)
    outcome = _choice(_field(row, "outcome"), OUTCOMES, "outcome")
    status = _optional(row, "status", str)
    if status is not None:
        _choice(status, CENTRE_STATUSES, "status")
    return ItemResult(
        id=_typed(_field(row, "id"), str, "id"),
        outcome=outcome,
        status=status,
        reason_code=_optional(row, "reason_code", str),
        reason=_optional(row, "reason", str),
    )


def parse_status_page(answer: Any, after: int) -> StatusPage:
    body = _object(answer)
    changes = tuple(_change(row) for row in _list(_field(body, "changes"), "changes"))
    cursor = _typed(_field(body, "cursor"), int, "cursor")
    seqs = [change.seq for change in changes]
    ordered = seqs == sorted(set(seqs)) and all(seq > after for seq in seqs)
    if not ordered or cursor < max(seqs, default=after):
        raise CentralAnswerInvalid("the centre's status changes are out of order")
    return StatusPage(changes, cursor, _typed(_field(body, "more"), bool, "more"))


def _change(row: Any) -> StatusChange:
    row = _object(row)
    message = _optional(row, "message", dict)
    if message is not None and not all(
        isinstance(key, str) and isinstance(text, str) and len(text) <= 1000
        for key, text in message.items()
    ):
        raise CentralAnswerInvalid("a status message is not text per language")
    return StatusChange(
        seq=_typed(_field(row, "seq"), int, "seq"),
        id=_typed(_field(row, "id"), str, "id"),
        tracking_code=_typed(_field(row, "tracking_code"), str, "tracking_code"),
        status=_choice(_field(row, "status"), CENTRE_STATUSES, "status"),
        message=message,
        at=parse_time(_field(row, "at")),
    )


def parse_enrolment(answer: Any) -> Enrolment:
    body = _object(answer)
    return Enrolment(
        kiosk_id=_typed(_field(body, "kiosk_id"), str, "kiosk_id"),
        token=_typed(_field(body, "token"), str, "token"),
        sealing_key=_key(body, "sealing_key"),
        signing_key=_key(body, "signing_key"),
    )


def parse_signed(answer: Any, etag: str | None) -> SignedDocument:
    body = _object(answer)
    return SignedDocument(_base64(body, "payload"), _base64(body, "signature"), etag)


def parse_server_time(answer: Any) -> datetime:
    return parse_time(_field(_object(answer), "now"))


def parse_time(value: Any) -> datetime:
    text = _typed(value, str, "time")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise CentralAnswerInvalid("a time is not RFC 3339") from None
    if moment.tzinfo is None:
        raise CentralAnswerInvalid("a time has no zone")
    return moment


def _key(body: Mapping[str, Any], name: str) -> bytes:
    raw = _base64(body, name)
    if len(raw) != 32:
        raise CentralAnswerInvalid(f"{name} is not a 32-byte key")
    return raw


def _base64(body: Mapping[str, Any], name: str) -> bytes:
    try:
        return base64.b64decode(_typed(_field(body, name), str, name), validate=True)
    except (binascii.Error, ValueError):
        raise CentralAnswerInvalid(f"{name} is not base64") from None


def _object(value: Any) -> Mapping[str, Any]:
    return _typed(value, dict, "answer")


def _list(value: Any, name: str) -> list[Any]:
    return _typed(value, list, name)


def _field(body: Mapping[str, Any], name: str) -> Any:
    if name not in body:
        raise CentralAnswerInvalid(f"the answer has no {name}")
    return body[name]


def _optional(body: Mapping[str, Any], name: str, kind: type[T]) -> T | None:
    value = body.get(name)
    return None if value is None else _typed(value, kind, name)


def _typed(value: Any, kind: type[T], name: str) -> T:
    # bool is an int in Python: a JSON true is never a sequence number.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise CentralAnswerInvalid(f"{name} is not a {kind.__name__}")
    return value


def _choice(value: Any, choices: Sequence[str], name: str) -> str:
    if value not in choices:
        raise CentralAnswerInvalid(f"{name} is not one of the contract's values")
    return str(value)
