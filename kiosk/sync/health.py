"""The kiosk's health as the centre records it: printer, paper, queue, what waits, version.

Facts the engine cannot know itself (the printer as last seen, the people waiting) come
from the composition root; nothing personal is in a report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.sync.wire import rfc3339


@dataclass(frozen=True)
class HealthFacts:
    printer: str = "unknown"  # "ready" or a kiosk.printers.PrinterProblem value
    paper: str = "unknown"  # "ok", "low", "out" or "unknown"
    queue_length: int = 0  # tickets waiting today


HealthSource = Callable[[], HealthFacts]


def health_report(facts: HealthFacts, pending: int, now: datetime, version: str) -> dict[str, Any]:
    return {
        "at": rfc3339(now),
        "software_version": version,
        "printer": facts.printer[:40],
        "paper": facts.paper if facts.paper in ("ok", "low", "out") else "unknown",
        "queue_length": max(facts.queue_length, 0),
        "pending": pending,
    }
