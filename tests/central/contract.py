"""Real answers checked against the committed central/openapi.yaml (JSON Schema 2020-12)."""

from __future__ import annotations

from functools import cache
from typing import Any

import requests
import yaml
from jsonschema import Draft202012Validator

from central.openapi import COMMITTED

PROBLEM = "application/problem+json"


@cache
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    return loaded


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    root = {**schema, "components": document()["components"]}
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_conforms(response: requests.Response, method: str, path: str) -> None:
    """The status is documented for the route, and the body is what it documents."""
    responses = document()["paths"][path][method.lower()]["responses"]
    status = str(response.status_code)
    assert status in responses, f"{method} {path} answered an undocumented {status}"
    content = responses[status].get("content")
    if not content:
        assert response.content == b""
        return
    media = response.headers["content-type"].split(";")[0]
    assert media in content, f"{method} {path} {status} answered {media}"
    validator(content[media]["schema"]).validate(response.json())


def assert_problem(response: requests.Response, status: int, slug: str) -> None:
    """RFC 9457, with our type URI, whatever the route."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].split(";")[0] == PROBLEM
    body = response.json()
    validator({"$ref": "#/components/schemas/Problem"}).validate(body)
    assert body["type"] == f"https://anjungan.id/problems/{slug}"
    assert body["status"] == status
