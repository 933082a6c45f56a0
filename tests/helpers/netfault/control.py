"""The control channel: one JSON object per line in, one per line out, on its own port.

Requests are `{"op": ..., ...}`; replies are `{"ok": true, ...}` or `{"ok": false,
"error": "..."}`. Operations: `ping`, `add` (`rule`), `clear`, `rules`, `stats`,
`reset_stats`, `log`, `shape` (an optional new `shape`; replies with the one in force).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from tests.helpers.netfault.proxy import Proxy
from tests.helpers.netfault.rules import Rule, RuleError
from tests.helpers.netfault.shaping import Shape

MAX_LINE_BYTES = 1024 * 1024
Reply = dict[str, Any]


class Control:
    """Serves the control port of one proxy."""

    def __init__(self, proxy: Proxy) -> None:
        self.proxy = proxy
        self._ops: dict[str, Callable[[dict[str, Any]], Reply]] = {
            "ping": lambda _r: {},
            "add": self._add,
            "clear": self._clear,
            "rules": lambda _r: {"rules": self.proxy.rules.describe()},
            "stats": self._stats,
            "reset_stats": self._reset_stats,
            "log": lambda _r: {"log": list(self.proxy.recorder.log)},
            "shape": self._shape,
        }

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while line := await reader.readline():
                writer.write(json.dumps(self.answer(line)).encode() + b"\n")
                await writer.drain()
        except (OSError, ValueError):
            pass  # a client that vanished or sent an endless line
        finally:
            writer.close()

    def answer(self, line: bytes) -> Reply:
        """The reply to one request line; garbage gets an error, never an exception."""
        try:
            request = json.loads(line)
        except ValueError:
            return {"ok": False, "error": "not JSON"}
        if not isinstance(request, dict) or request.get("op") not in self._ops:
            return {"ok": False, "error": f"op is one of {sorted(self._ops)}"}
        try:
            return {"ok": True, **self._ops[request["op"]](request)}
        except (RuleError, ValueError, TypeError) as error:
            return {"ok": False, "error": str(error)}

    def _add(self, request: dict[str, Any]) -> Reply:
        self.proxy.rules.add(Rule.from_json(request.get("rule")))
        return {}

    def _clear(self, _request: dict[str, Any]) -> Reply:
        self.proxy.rules.clear()
        return {}

    def _stats(self, _request: dict[str, Any]) -> Reply:
        stats = self.proxy.recorder.stats.to_json()
        gauges = {"open_connections": self.proxy.open_connections}
        return {"stats": {**stats, **gauges, "in_flight": self.proxy.in_flight}}

    def _reset_stats(self, _request: dict[str, Any]) -> Reply:
        self.proxy.recorder.reset()
        return {}

    def _shape(self, request: dict[str, Any]) -> Reply:
        if "shape" in request:
            self.proxy.line.configure(Shape.from_json(request["shape"]))
        return {"shape": self.proxy.line.shape.to_json()}
