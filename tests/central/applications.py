"""Real applications for the centre's tests: a shipped form filled in through the kiosk's
wizard, its content sealed with the kiosk's own code, as an upload item."""

from __future__ import annotations

import base64
import copy
import uuid
from datetime import UTC, datetime
from functools import cache
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from central.operations.receiving import UploadItem
from kiosk.applications.tracking import new_tracking_code
from kiosk.catalogue.shipped import shipped_definitions
from kiosk.sync.sealing import Label, seal_for_centre
from kiosk.wizard import Wizard
from tests.helpers.forms import completed
from tests.helpers.stubs import FakeClock

SERVICE_ID = "perekaman-ektp"  # its answers are in tests.helpers.forms
SERVICE_VERSION = 1
MADE_AT = datetime(2026, 12, 5, 3, 12, 9, tzinfo=UTC)


def form_content(**changes: Any) -> dict[str, Any]:
    """The content the kiosk seals for a citizen who filled in the e-KTP form."""
    content = copy.deepcopy(_filled_in())
    content.update(changes)
    return content


@cache
def _filled_in() -> dict[str, Any]:
    definition = shipped_definitions()[SERVICE_ID]
    form = completed(Wizard(definition, "id", FakeClock(MADE_AT))).result()
    return {
        "answers": dict(form.answers),
        "nik": form.nik,
        "language": form.language,
        "consented_at": form.consented_at.isoformat(),
        "assisted": form.assisted,
        "created_at": MADE_AT.isoformat(),
    }


def sealed_item(
    content: dict[str, Any],
    centre_key: X25519PublicKey,
    application_id: uuid.UUID | None = None,
    service_id: str = SERVICE_ID,
    service_version: int = SERVICE_VERSION,
    tracking_code: str | None = None,
) -> UploadItem:
    """An upload item whose envelope opens under its own label."""
    application_id = application_id or uuid.uuid4()
    tracking_code = tracking_code or new_tracking_code()
    label = Label(str(application_id), tracking_code, service_id, service_version)
    envelope = seal_for_centre(content, label, centre_key)
    return UploadItem(application_id, tracking_code, service_id, service_version, MADE_AT, envelope)


def as_json(item: UploadItem) -> dict[str, Any]:
    """The item as the kiosk posts it."""
    assert item.envelope is not None
    return {
        "id": str(item.id),
        "tracking_code": item.tracking_code,
        "service_id": item.service_id,
        "service_version": item.service_version,
        "created_at": item.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "envelope": base64.b64encode(item.envelope).decode("ascii"),
    }
