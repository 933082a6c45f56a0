"""What the proxy has seen: connections, requests, faults and bytes on the kiosk's side."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

LOG_LENGTH = 1000


@dataclass
class Stats:
    """Counters since start (or the last reset), and two gauges a reset does not touch:
    `open_connections` (client connections open now) and `in_flight` (requests being
    served now: wait for 0 before trusting the counters).

    `bytes_in` is what the clients sent to the proxy, `bytes_out` what the proxy delivered
    to them (after shaping); `requests_forwarded` counts every send to the server, so a
    duplicated request counts twice.
    """

    connections: int = 0
    requests_seen: int = 0
    requests_forwarded: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    open_connections: int = 0
    in_flight: int = 0

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "faults": dict(self.faults)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Stats:
        return cls(**data)


class Recorder:
    """The proxy's counters and a short log of requests (method, path without the query,
    what happened): no bodies and no query strings, so no personal data."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.stats = Stats()
        self._faults: Counter[str] = Counter()
        self.log: deque[dict[str, str]] = deque(maxlen=LOG_LENGTH)

    def request(self, method: str, target: str, action: str, size: int) -> None:
        self.stats.requests_seen += 1
        self.stats.bytes_in += size
        self.log.append({"method": method, "path": target.split("?", 1)[0], "action": action})
        if action != "forward":
            self._faults[action] += 1
            self.stats.faults = dict(self._faults)
