"""Lists a citizen ticks off (what to bring, what to do next): one item a line, behind a
bullet, its wrapped lines indented under its first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.guided.parts import clear_layout, left_label

BULLET = "•"


def bullet_row(text: str, object_name: str) -> QWidget:
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    bullet = left_label("info")
    bullet.setText(BULLET)
    bullet.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    item = left_label("info", object_name=object_name)
    item.setText(text)
    line.addWidget(bullet, 0, Qt.AlignmentFlag.AlignTop)
    line.addWidget(item, 1)
    return row


def fill_bullets(layout: QVBoxLayout, items: list[str], object_name: str) -> None:
    """`layout` holds `items` now, and nothing it held before."""
    clear_layout(layout)
    for item in items:
        layout.addWidget(bullet_row(item, object_name))
