"""Carries card tags from the reader's thread to the screens on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class CardRelay(QObject):
    """Create it on the GUI thread; hand `deliver` to `start_card_reader` as `on_tag`.

    `deliver` runs on the reader's thread; a receiver living on the GUI thread gets
    `tag` through the event queue, so its slot runs there.
    """

    tag = Signal(str)

    def deliver(self, tag: str) -> None:
        self.tag.emit(tag)
