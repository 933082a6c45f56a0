"""Every answer on one page, in a few blocks, each with its own "Ubah" button; Next only
once the citizen has scrolled to the last answer."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalogue.model import ServiceDefinition
from kiosk.wizard import SummaryRow
from ui.base.screen import Screen, make_button, scroll_by_dragging
from ui.guided.parts import (
    NEXT_WIDTH_PX,
    SCREEN_MARGIN_PX,
    at_least,
    clear_layout,
    fixed_width,
    left_label,
    nav_row,
)
from ui.guided.summary_blocks import Block, summary_blocks
from ui.i18n import Tr

EDIT_WIDTH_PX = 200
PAGE_OVERLAP_PX = 80  # a page down keeps this much of the page before in sight
ROW_GAP_PX = 16
LONG_RUN = re.compile(r"\S{24}")  # longer than any word in the catalogue's languages
ZERO_WIDTH_SPACE = "\u200b"
GROUP = 4  # digits of a shown NIK or KK number between spaces


class SummaryScreen(Screen):
    """The NIK and KK numbers masked, with "Show" beside them: the kiosk stands in a
    waiting room, and the whole number with the name and birth date is what a person
    behind needs to misuse it; the citizen sees it whole on their own tap. Never read
    aloud."""

    name = "summary"

    back = Signal()
    next = Signal()
    edit = Signal(str)  # the field name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column.setContentsMargins(*(SCREEN_MARGIN_PX,) * 4)
        self.title = left_label("title", object_name="summary_title")
        self.hint = left_label("hint", object_name="scroll_hint")
        self.column.addWidget(self.title)
        self.column.addWidget(self.hint)
        self._rows_widget = QWidget()
        self.rows = QVBoxLayout(self._rows_widget)
        self.rows.setContentsMargins(0, 0, 16, 0)
        self.rows.setSpacing(ROW_GAP_PX)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self._rows_widget)
        scroll_by_dragging(self.scroll_area)
        self.column.addWidget(self.scroll_area, 1)
        self.back_button = make_button("back")
        self.back_button.clicked.connect(self.back)
        # "Show more" where Next is, until the last answer was on screen: the same big
        # button scrolls, then goes on.
        self.more_button = make_button("scroll_more", "primary")
        self.more_button.clicked.connect(self._page_down)
        self.next_button = make_button("next", "primary")
        self.next_button.clicked.connect(self.next)
        buttons = nav_row(self.back_button, self.next_button)
        buttons.addWidget(fixed_width(self.more_button, NEXT_WIDTH_PX))
        self.column.addLayout(buttons)
        self.edit_buttons: dict[str, QPushButton] = {}
        self.show_buttons: dict[str, QPushButton] = {}
        self._rows: list[SummaryRow] = []
        self._values: dict[str, QLabel] = {}
        self._revealed: set[str] = set()
        self._seen_end = False  # the last answer was on screen once (kept across edits)
        self._tr = Tr()
        self._settle = QTimer(self)  # once the new rows are laid out
        self._settle.setSingleShot(True)
        self._settle.setInterval(0)
        self._settle.timeout.connect(self._check_end)
        bar = self.scroll_area.verticalScrollBar()
        bar.valueChanged.connect(self._check_end)
        bar.rangeChanged.connect(self._check_end)
        self.scroll_area.viewport().installEventFilter(self)
        self._show_progress()

    @property
    def read_to_end(self) -> bool:
        return self._seen_end

    @property
    def settling(self) -> bool:
        """New rows wait to be laid out before the page knows whether they all fit."""
        return self._settle.isActive()

    def show_rows(
        self, rows: list[SummaryRow], tr: Tr, definition: ServiceDefinition | None = None
    ) -> None:
        """`definition` groups the rows into blocks (None: one block)."""
        clear_layout(self.rows)
        self.edit_buttons, self.show_buttons, self._values = {}, {}, {}
        self._revealed = set()
        self._rows = rows
        self._tr = tr
        blocks = summary_blocks(rows, definition) if definition else [Block("", tuple(rows))]
        for block in blocks:
            self._add_block(block)
        self.rows.addStretch(1)
        self.retranslate(tr)
        self._show_progress()
        self._settle.start()

    def forget(self) -> None:
        """The citizen left: their answers leave the screen, and the next form is read
        from its top."""
        clear_layout(self.rows)
        self.edit_buttons, self.show_buttons, self._values = {}, {}, {}
        self._rows = []
        self._revealed = set()
        self._seen_end = False
        self._show_progress()

    def values(self) -> dict[str, str]:
        """What each row shows (for tests and diagnostics)."""
        return {row.field_name: self._value_text(row) for row in self._rows}

    def spoken_text(self) -> str:
        """The title, and how to go on while Next waits; no answer is read out."""
        hint = "" if self._seen_end else f" {self.hint.text()}"
        return f"{self.title.text()}.{hint}"

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.title.setText(tr("Please check your answers"))
        self.hint.setText(tr("Tap Show more to see every answer."))
        self.back_button.setText(tr("Back"))
        self.more_button.setText(tr("Show more"))
        self.next_button.setText(tr("Next"))
        for button in self.edit_buttons.values():
            button.setText(tr("Change"))
        for name, button in self.show_buttons.items():
            button.setText(tr("Hide") if name in self._revealed else tr("Show"))
        for block_title in self._rows_widget.findChildren(QLabel, "block_title"):
            block_title.setText(tr(block_title.property("msgid")))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._settle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # the viewport got its size: does all fit?
            self._settle.start()
        return False

    # -- reading to the end ---------------------------------------------------

    def _check_end(self) -> None:
        """Next once the bottom was on screen; the scroll bar is trusted only while the
        page shows (hidden, its range is stale)."""
        if self._seen_end or not self.isVisible() or not self._rows:
            return
        bar, rows = self.scroll_area.verticalScrollBar(), self._row_widgets()
        bottom = bar.value() + self.scroll_area.viewport().height()
        if bar.value() >= bar.maximum() or (rows and rows[-1].geometry().bottom() < bottom):
            self._seen_end = True
            self._show_progress()

    def _show_progress(self) -> None:
        self.next_button.setEnabled(self._seen_end)
        self.next_button.setVisible(self._seen_end)
        self.more_button.setVisible(not self._seen_end)
        self.hint.setVisible(not self._seen_end)

    def _page_down(self) -> None:
        """The first row cut off at the bottom comes to the top: each answer is seen
        whole once, and no tap scrolls less than it could."""
        bar, height = self.scroll_area.verticalScrollBar(), self.scroll_area.viewport().height()
        bottom = bar.value() + height
        rows = self._row_widgets()
        cut = [w.y() for w in rows if w.y() + w.height() > bottom]
        target = min(cut) - ROW_GAP_PX if cut else bar.maximum()
        if rows and rows[-1].y() + rows[-1].height() <= target + height + ROW_GAP_PX:
            target = bar.maximum()  # the rest fits, but for a gap: to the very end
        if target <= bar.value():  # one row taller than the page: a page down
            target = bar.value() + max(1, height - PAGE_OVERLAP_PX)
        bar.setValue(min(bar.maximum(), target))

    def _row_widgets(self) -> list[QWidget]:
        items = (self.rows.itemAt(index) for index in range(self.rows.count()))
        return [w for item in items if item is not None and (w := item.widget()) is not None]

    # -- rows -------------------------------------------------------------------

    def _add_block(self, block: Block) -> None:
        if block.title:
            rule = QFrame()
            rule.setFrameShape(QFrame.Shape.HLine)
            self.rows.addWidget(rule)
            heading = left_label("service_name", object_name="block_title")
            heading.setProperty("msgid", block.title)
            self.rows.addWidget(heading)
        for row in block.rows:
            self.rows.addWidget(self._row_widget(row))

    def _row_widget(self, row: SummaryRow) -> QWidget:
        widget = QWidget()
        label = left_label("row_label")
        label.setText(row.label)
        value = left_label("row_value", object_name=f"value_{row.field_name}")
        value.setText(breakable(row.value))
        self._values[row.field_name] = value
        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(label)
        texts.addWidget(value)
        line = QHBoxLayout(widget)
        line.setContentsMargins(0, 0, 0, 0)
        line.addLayout(texts, 1)
        if row.unmasked:
            shown = at_least(make_button(f"show_{row.field_name}"), EDIT_WIDTH_PX)
            shown.clicked.connect(lambda _on=False, name=row.field_name: self._toggle(name))
            self.show_buttons[row.field_name] = shown
            line.addWidget(shown)
        if row.editable:
            button = fixed_width(make_button(f"edit_{row.field_name}"), EDIT_WIDTH_PX)
            button.clicked.connect(lambda _on=False, name=row.field_name: self.edit.emit(name))
            self.edit_buttons[row.field_name] = button
            line.addWidget(button)
        return widget

    def _toggle(self, name: str) -> None:
        """ "Show" the whole number, or "Hide" it again."""
        self._revealed ^= {name}
        row = next(row for row in self._rows if row.field_name == name)
        self._values[name].setText(breakable(self._value_text(row)))
        self.retranslate(self._tr)

    def _value_text(self, row: SummaryRow) -> str:
        if row.field_name not in self._revealed:
            return row.value
        return grouped(row.unmasked)


def breakable(text: str) -> str:
    """A long run without spaces (500 letters typed in one go) may wrap anywhere: a zero
    width space in it every so often, so it never pushes "Ubah" off the panel."""
    return LONG_RUN.sub(lambda run: run.group(0) + ZERO_WIDTH_SPACE, text)


def grouped(number: str) -> str:
    """ "3273 0117 0885 0001": four digits at a time, as on the card and the keypad."""
    return " ".join(number[start : start + GROUP] for start in range(0, len(number), GROUP))
