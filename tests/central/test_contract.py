"""The contract: the committed OpenAPI document is the app's, and the live server keeps it.

Schemathesis generates requests from central/openapi.yaml (valid and invalid ones) and
checks every answer of a real `central serve` against the document: no 5xx, only
documented statuses, content types and bodies, auth enforced where declared.
"""

from __future__ import annotations

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, settings

from central.api.app import openapi_document
from central.openapi import COMMITTED, openapi_yaml
from tests.central.live import KioskCredentials, LiveCentre, enrol

SCHEMA = schemathesis.openapi.from_path(str(COMMITTED))


def test_the_committed_document_is_the_apps() -> None:
    committed = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    assert committed == openapi_document(), "run `central openapi > central/openapi.yaml`"
    assert COMMITTED.read_text(encoding="utf-8") == openapi_yaml()
    assert committed["openapi"].startswith("3.1")


@pytest.fixture(scope="module")
def contract_kiosk(live: LiveCentre) -> KioskCredentials:
    return enrol(live, "Contract kiosk")


@SCHEMA.parametrize()
@settings(
    max_examples=25,  # 300 ran clean once (45 s); the suite keeps this part short
    deadline=None,
    derandomize=True,  # the same requests every run: a failure here is the server's
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_live_server_keeps_the_contract(
    case: schemathesis.Case, live: LiveCentre, contract_kiosk: KioskCredentials
) -> None:
    response = case.call(
        base_url=live.url,
        headers={"Authorization": f"Bearer {contract_kiosk.token}"},
        timeout=30,
    )
    case.validate_response(response)
