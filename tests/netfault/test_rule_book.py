"""Rules from untrusted JSON, and the book that hands them out in order and by count."""

from __future__ import annotations

import json

import pytest

from tests.helpers.netfault import Rule, RuleError, Shape
from tests.helpers.netfault.control import Control
from tests.helpers.netfault.proxy import Proxy
from tests.helpers.netfault.rules import RuleBook
from tests.helpers.netfault.shaping import Line


@pytest.mark.parametrize(
    "data",
    [
        None,
        "drop_before",
        {"action": "drop_before", "bogus": 1},
        {"action": "DROP"},
        {"action": "drop_before", "method": "get"},
        {"action": "drop_before", "path": "v1"},
        {"action": "drop_before", "times": 0},
        {"action": "drop_before", "times": True},
        {"action": "drop_before", "times": "forever"},
        {"action": "drop_before", "skip": -1},
        {"action": "respond", "status": 99},
        {"action": "respond", "status": "500"},
        {"action": "respond", "headers": {"Bad Name": "x"}},
        {"action": "respond", "headers": {"X": 1}},
        {"action": "respond", "content_type": "text/plain\r\nX: y"},
        {"action": "respond", "huge": 2**40},
        {"action": "delay", "seconds": -1},
        {"action": "delay", "seconds": "1"},
        {"action": "duplicate", "answer": "both"},
        {"action": "truncate", "keep": 1.5},
        {},
    ],
)
def test_nonsense_rules_are_refused(data: object) -> None:
    with pytest.raises(RuleError):
        Rule.from_json(data)


def test_a_rule_survives_the_trip_through_json() -> None:
    rule = Rule("respond", method="POST", path="/v1/", times="always", headers={"A": "b"})
    assert Rule.from_json(json.loads(json.dumps(rule.to_json()))) == rule


def test_the_book_skips_then_takes_then_runs_out() -> None:
    book = RuleBook()
    book.add(Rule("drop_before", method="POST", path="/v1/a", times=2, skip=1))
    book.add(Rule("stall", path="/v1/"))
    taken = [book.take("POST", "/v1/a/batch") for _ in range(5)]
    actions = [rule.action if rule else None for rule in taken]
    assert actions == [None, "drop_before", "drop_before", "stall", None]
    assert book.take("GET", "/v2/") is None
    assert [entry["remaining"] for entry in book.describe()] == [0, 0]


def test_the_control_channel_answers_garbage_with_an_error() -> None:
    control = Control(Proxy(("127.0.0.1", 9), Line(Shape(), 0), RuleBook()))
    for line in (b"not json\n", b"[1]\n", b'{"op": 3}\n', b'{"op": "add", "rule": {}}\n'):
        reply = control.answer(line)
        assert reply["ok"] is False and reply["error"]
    assert (
        control.answer(b'{"op": "shape", "shape": {"latency": 0.1}}\n')["shape"]["latency"] == 0.1
    )
