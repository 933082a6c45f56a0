"""Fault rules: which request (method, path prefix, how many times) meets which fault.

Rules are plain data so that they cross the control channel as JSON. They are tried in
the order they were added; the first rule that matches and has uses left takes the
request, and a request no rule takes is forwarded untouched.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, cast, get_args

Action = Literal["drop_before", "drop_after", "respond", "delay", "stall", "duplicate", "truncate"]
ACTIONS: frozenset[str] = frozenset(get_args(Action))
ALWAYS: Literal["always"] = "always"
MAX_HUGE_BYTES = 1024 * 1024 * 1024
MAX_DELAY_SECONDS = 3600.0
HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # an RFC 9110 token


class RuleError(ValueError):
    """A rule that does not make sense (unknown action, wrong type, out of range)."""


@dataclass(frozen=True)
class Rule:
    """One fault.

    `times` is how many matching requests it takes (an int, or "always"); `skip` lets that
    many matching requests through first (fault the third batch, not the first).
    `respond` answers `status` with `headers`, and either `body` (text) or `huge` bytes
    generated on the fly, as `content_type`. `delay` waits `seconds` before forwarding (the
    request is still forwarded if the client gave up meanwhile: the server commits late).
    `duplicate` forwards twice, the copy on a second server connection from the server's
    end of the line (unshaped), and returns the `answer` ("first" or "second").
    `truncate` sends the first `keep` bytes of the server's answer and closes.
    """

    action: Action
    method: str | None = None
    path: str = "/"
    times: int | Literal["always"] = 1
    skip: int = 0
    status: int = 503
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    content_type: str = "application/json"
    huge: int = 0
    seconds: float = 0.0
    answer: Literal["first", "second"] = "second"
    keep: int = 0

    def __post_init__(self) -> None:
        _check(self)

    def matches(self, method: str, target: str) -> bool:
        return (self.method is None or self.method == method) and target.startswith(self.path)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> Rule:
        """Build a rule from untrusted JSON (the control channel), or raise RuleError."""
        if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
            raise RuleError("a rule is a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise RuleError(f"unknown rule fields: {sorted(unknown)}")
        try:
            return cls(**cast(dict[str, Any], data))
        except TypeError as error:
            raise RuleError(str(error)) from error


def _check(rule: Rule) -> None:
    _require(rule.action in ACTIONS, f"unknown action {rule.action!r}")
    _require(rule.method is None or _is_token(rule.method), "method is an upper-case word")
    _require(isinstance(rule.path, str) and rule.path.startswith("/"), "path starts with /")
    _require(rule.times == ALWAYS or _count(rule.times, low=1), "times is >= 1 or 'always'")
    _require(_count(rule.skip, low=0), "skip is an int >= 0")
    _require(_count(rule.status, low=100) and rule.status <= 599, "status is 100..599")
    _require(_text_map(rule.headers), "headers map names to single-line text")
    _require(isinstance(rule.body, str), "body is text")
    _require(_single_line(rule.content_type), "content_type is single-line text")
    _require(_count(rule.huge, low=0) and rule.huge <= MAX_HUGE_BYTES, "huge is 0..1 GiB")
    _require(_seconds(rule.seconds), "seconds is a number 0..3600")
    _require(rule.answer in ("first", "second"), "answer is 'first' or 'second'")
    _require(_count(rule.keep, low=0), "keep is an int >= 0")


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise RuleError(message)


def _count(value: object, *, low: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= low


def _seconds(value: object) -> bool:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return number and 0 <= cast(float, value) <= MAX_DELAY_SECONDS


def _is_token(value: object) -> bool:
    return isinstance(value, str) and value.isalpha() and value.isupper()


def _single_line(value: object) -> bool:
    return isinstance(value, str) and not any(c in value for c in "\r\n\0")


def _text_map(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    return all(
        isinstance(k, str) and HEADER_NAME.fullmatch(k) and _single_line(v)
        for k, v in value.items()
    )


@dataclass
class _Entry:
    rule: Rule
    skipped: int = 0
    used: int = 0

    def remaining(self) -> int | Literal["always"]:
        if isinstance(self.rule.times, str):
            return ALWAYS
        return self.rule.times - self.used


class RuleBook:
    """The rules in force, shared by every connection (the control channel edits it; both
    run on the proxy's one event loop, so no lock)."""

    def __init__(self) -> None:
        self._entries: list[_Entry] = []

    def add(self, rule: Rule) -> None:
        self._entries.append(_Entry(rule))

    def clear(self) -> None:
        self._entries.clear()

    def take(self, method: str, target: str) -> Rule | None:
        """The rule that takes this request, counting the use; None to forward it as is."""
        for entry in self._entries:
            if entry.remaining() == 0 or not entry.rule.matches(method, target):
                continue
            if entry.skipped < entry.rule.skip:
                entry.skipped += 1
                return None
            entry.used += 1
            return entry.rule
        return None

    def describe(self) -> list[dict[str, Any]]:
        """Each rule with its uses left (the control channel's `rules`)."""
        return [
            {"rule": e.rule.to_json(), "used": e.used, "remaining": e.remaining()}
            for e in self._entries
        ]
