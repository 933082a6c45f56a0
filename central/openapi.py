"""The OpenAPI document as committed in central/openapi.yaml."""

from __future__ import annotations

from pathlib import Path

import yaml  # type: ignore[import-untyped]  # no stubs in the dev extra yet

from central.api.app import openapi_document

COMMITTED = Path(__file__).with_name("openapi.yaml")


def openapi_yaml() -> str:
    return str(yaml.safe_dump(openapi_document(), sort_keys=False, allow_unicode=True, width=100))
