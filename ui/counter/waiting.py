"""The loket's side panel: how many wait in each line, and, calmly, when the database
does not answer."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import pick_language
from ui.base.screen import make_label
from ui.i18n import Tr
from ui.queue_views import LineView as LineCount

ROW_SPACING_PX = 6


class WaitingPanel(QFrame):
    """One row per queue line (its letter, its name, the count), kept from one read to
    the next: a read comes at every change of the queue."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waiting_panel")
        self.setProperty("role", "panel")
        self._tr = Tr()
        self._lines: list[LineCount] = []
        self.rows: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        self.title = make_label("subtitle", centred=False, object_name="waiting_title")
        self.offline = make_label("status_line", centred=False, object_name="counter_offline")
        self.offline.setVisible(False)
        self.grid = QGridLayout()
        self.grid.setVerticalSpacing(ROW_SPACING_PX)
        self.grid.setColumnStretch(1, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 12, 20, 12)
        column.addWidget(self.title)
        column.addLayout(self.grid)
        column.addStretch(1)
        column.addWidget(self.offline)

    def show_lines(self, lines: Sequence[LineCount]) -> None:
        self._lines = list(lines)
        codes = {line.code for line in lines}
        for code in [c for c in self.rows if c not in codes]:  # a line the office removed
            for label in self.rows.pop(code):
                label.setParent(None)
                label.deleteLater()
        for index, line in enumerate(self._lines):
            letter, name, count = self.rows.get(line.code) or self._row(line.code)
            for column, label in enumerate((letter, name, count)):
                self.grid.addWidget(label, index, column)  # in the office's order
                label.show()
            letter.setText(line.prefix)
            name.setText(pick_language(line.names, self._tr.language))
            count.setText(str(line.waiting))

    def show_reachable(self, reachable: bool, text: str) -> None:
        self.offline.setText("" if reachable else text)
        self.offline.setVisible(not reachable)

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.title.setText(tr("Waiting now"))
        self.show_lines(self._lines)

    def _row(self, code: str) -> tuple[QLabel, QLabel, QLabel]:
        letter = make_label("line_letter", centred=False, object_name=f"waiting_letter_{code}")
        name = make_label("line_name", centred=False, object_name=f"waiting_name_{code}")
        name.setWordWrap(False)  # one line each; a long name (it is data) is cut at the
        name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # edge
        count = make_label("line_letter", centred=False, object_name=f"waiting_{code}")
        count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.rows[code] = (letter, name, count)
        return self.rows[code]
