"""The catalogue a running kiosk offers, replaced whole when a new signed one arrives.

A Mapping of service id to definition whose contents are swapped in one reference
assignment, so a reader sees the old catalogue or the new one, never a mix. A form
already started keeps the definition it began with (the Wizard holds it): a new
catalogue takes effect for the next citizen, never in the middle of a form.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kiosk.catalogue.model import ServiceDefinition


class LiveCatalogue(Mapping[str, ServiceDefinition]):
    def __init__(self, definitions: Mapping[str, ServiceDefinition]) -> None:
        self._current: dict[str, ServiceDefinition] = dict(definitions)

    def replace(self, definitions: Mapping[str, ServiceDefinition]) -> None:
        self._current = dict(definitions)

    def __getitem__(self, service_id: str) -> ServiceDefinition:
        return self._current[service_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._current)

    def __len__(self) -> int:
        return len(self._current)
