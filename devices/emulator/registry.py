"""Simulated devices by name, shared process-wide: a test and every URL port reach the same one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """The devices of one kind by name, each made on first use. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._devices: dict[str, T] = {}

    def get(self, name: str, make: Callable[[], T]) -> T:
        """The device called ``name``; ``make()`` creates it if there is none yet."""
        with self._lock:
            if name not in self._devices:
                self._devices[name] = make()
            return self._devices[name]

    def reset(self) -> None:
        """Forget every device (between tests); open ports keep their old one."""
        with self._lock:
            self._devices.clear()
