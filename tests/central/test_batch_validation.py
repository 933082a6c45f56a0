"""A batch's applications are checked with one memory of expression results: each
expression runs once per distinct input in the batch, no result crosses from one
application to another, and nothing is remembered after the batch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from central.centre import Centre
from central.operations.receiving import ItemResult, receive_batch
from kiosk.catalogue import expressions
from tests.central.applications import form_content, sealed_item
from tests.central.test_receiving import kiosk


@pytest.fixture
def evaluations(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The source of every expression the CEL interpreter really runs."""
    ran: list[str] = []
    original = expressions.CelExpression.evaluate

    def counted(self: expressions.CelExpression, variables: Any) -> Any:
        ran.append(self.source)
        return original(self, variables)

    monkeypatch.setattr(expressions.CelExpression, "evaluate", counted)
    yield ran


def contents() -> list[dict[str, Any]]:
    """Applications whose expressions see different inputs; some pass, some do not."""
    recorded, too_late = form_content(), form_content()
    for content, day in ((recorded, "2026-12-05"), (too_late, "2026-12-07")):
        content["answers"].update(keperluan="cek_status", tanggal_rekam=day)
        del content["answers"]["surat_kehilangan"]
    no_report = form_content()
    del no_report["answers"]["surat_kehilangan"]
    return [recorded, form_content(), too_late, no_report, form_content(nama="Budi Santoso")]


def outcomes(results: list[ItemResult]) -> list[tuple[str, str | None]]:
    return [(r.outcome.value, r.reason_code) for r in results]


def test_each_application_in_a_batch_gets_its_own_answer(
    centre: Centre, centre_key: X25519PublicKey
) -> None:
    kiosk_id = kiosk(centre)
    alone = [
        outcomes(receive_batch(centre, kiosk_id, [sealed_item(c, centre_key)]))[0]
        for c in contents()
    ]
    assert alone == [
        ("accepted", None),
        ("accepted", None),
        ("rejected", "invalid-answer"),
        ("rejected", "missing-answer"),
        ("accepted", None),
    ]
    for order in (contents(), contents()[::-1]):
        together = receive_batch(centre, kiosk_id, [sealed_item(c, centre_key) for c in order])
        expected = alone if order[0]["answers"].get("tanggal_rekam") else alone[::-1]
        assert outcomes(together) == expected


def test_a_batch_runs_each_expression_once_per_distinct_input(
    centre: Centre, centre_key: X25519PublicKey, evaluations: list[str]
) -> None:
    kiosk_id = kiosk(centre)
    receive_batch(centre, kiosk_id, [sealed_item(form_content(), centre_key)])
    evaluations.clear()  # the definition was loaded, and its expressions probed, once
    receive_batch(centre, kiosk_id, [sealed_item(form_content(), centre_key)])
    one = list(evaluations)
    assert one  # the e-KTP form has relevance conditions and a calculation
    for _ in range(2):  # and the next batch starts with nothing remembered
        evaluations.clear()
        receive_batch(
            centre, kiosk_id, [sealed_item(form_content(), centre_key) for _ in range(20)]
        )
        assert sorted(evaluations) == sorted(one)
