"""Every answer on one page (NIK and KK masked), each with its own "Ubah" button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.wizard import SummaryRow
from ui.base.screen import Screen, make_button, scroll_by_dragging
from ui.guided.parts import SCREEN_MARGIN_PX, clear_layout, fixed_width, left_label, nav_row
from ui.i18n import Tr

EDIT_WIDTH_PX = 200


class SummaryScreen(Screen):
    name = "summary"

    back = Signal()
    next = Signal()
    edit = Signal(str)  # the field name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column.setContentsMargins(*(SCREEN_MARGIN_PX,) * 4)
        self.title = left_label("title", object_name="summary_title")
        self.column.addWidget(self.title)
        self._rows_widget = QWidget()
        self.rows = QVBoxLayout(self._rows_widget)
        self.rows.setContentsMargins(0, 0, 16, 0)
        self.rows.setSpacing(16)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._rows_widget)
        scroll_by_dragging(scroll)
        self.column.addWidget(scroll, 1)
        self.back_button = make_button("back")
        self.back_button.clicked.connect(self.back)
        self.next_button = make_button("next", "primary")
        self.next_button.clicked.connect(self.next)
        self.column.addLayout(nav_row(self.back_button, self.next_button))
        self.edit_buttons: dict[str, QPushButton] = {}
        self._rows: list[SummaryRow] = []

    def show_rows(self, rows: list[SummaryRow], tr: Tr) -> None:
        clear_layout(self.rows)
        self.edit_buttons = {}
        self._rows = rows
        for row in rows:
            self.rows.addWidget(self._row_widget(row))
        self.rows.addStretch(1)
        self.retranslate(tr)

    def forget(self) -> None:
        """The citizen left: their answers leave the screen."""
        clear_layout(self.rows)
        self.edit_buttons = {}
        self._rows = []

    def values(self) -> dict[str, str]:
        """What each row shows (for tests and diagnostics)."""
        return {row.field_name: row.value for row in self._rows}

    def retranslate(self, tr: Tr) -> None:
        self.title.setText(tr("Please check your answers"))
        self.back_button.setText(tr("Back"))
        self.next_button.setText(tr("Next"))
        for button in self.edit_buttons.values():
            button.setText(tr("Change"))

    def _row_widget(self, row: SummaryRow) -> QWidget:
        widget = QWidget()
        label = left_label("row_label")
        label.setText(row.label)
        value = left_label("row_value", object_name=f"value_{row.field_name}")
        value.setText(row.value)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(label)
        texts.addWidget(value)
        line = QHBoxLayout(widget)
        line.setContentsMargins(0, 0, 0, 0)
        line.addLayout(texts, 1)
        if row.editable:
            button = fixed_width(make_button(f"edit_{row.field_name}"), EDIT_WIDTH_PX)
            button.clicked.connect(lambda _on=False, name=row.field_name: self.edit.emit(name))
            self.edit_buttons[row.field_name] = button
            line.addWidget(button)
        return widget
