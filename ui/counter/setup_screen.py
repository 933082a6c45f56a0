"""Which loket this PC is and which queue lines it calls: asked once, then remembered."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QPushButton, QWidget

from kiosk.queue.types import QueueLine
from ui.base.screen import Screen, make_button, make_label
from ui.counter.loket import LOKET_NUMBERS, LoketSetup
from ui.documents.screen import PROBLEM
from ui.guided.parts import busy_bar
from ui.i18n import Tr

GRID_COLUMNS = 10
LINE_COLUMNS = 2  # a line's name is long: two side by side
MARGIN_PX, SPACING_PX = 32, 14
CHECK = "\u2713 "  # a check mark before a chosen line (it shows in high contrast too)


def number_grid(
    prefix: str, chosen: Callable[[int], None]
) -> tuple[QGridLayout, dict[int, QPushButton]]:
    """The loket numbers as big buttons, one chosen at a time."""
    grid = QGridLayout()
    grid.setSpacing(SPACING_PX)
    buttons: dict[int, QPushButton] = {}
    group = QButtonGroup(grid)
    for index, number in enumerate(LOKET_NUMBERS):
        button = make_button(f"{prefix}_{number}", "choice")
        button.setText(str(number))
        button.setCheckable(True)
        button.clicked.connect(lambda _on=False, n=number: chosen(n))
        group.addButton(button)
        grid.addWidget(button, index // GRID_COLUMNS, index % GRID_COLUMNS)
        buttons[number] = button
    return grid, buttons


class LoketSetupScreen(Screen):
    """The loket number (1-20) and at least one line; `chosen(LoketSetup)` on Save,
    `cancelled()` on Cancel (the flow decides where that leads)."""

    name = "counter_setup"
    chosen = Signal(object)  # LoketSetup
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = Tr()
        self._number: int | None = None
        self._lines: list[QueueLine] = []
        self._offered: set[str] = set()  # the lines chosen before, until they arrive
        self.line_buttons: dict[str, QPushButton] = {}
        self.title = make_label("title", centred=False, object_name="setup_title")
        self.number_prompt = make_label("subtitle", centred=False, object_name="number_prompt")
        self.lines_prompt = make_label("subtitle", centred=False, object_name="lines_prompt")
        self.loading = busy_bar()
        self.problem = make_label(PROBLEM, centred=False, object_name="setup_problem")
        self.problem.setVisible(False)
        grid, self.number_buttons = number_grid("loket", self._choose_number)
        self.line_grid = QGridLayout()
        self.line_grid.setSpacing(SPACING_PX)
        self.cancel_button = make_button("setup_cancel", "link")
        self.cancel_button.clicked.connect(self.cancelled)
        self.save_button = make_button("setup_save", "primary")
        self.save_button.setProperty("action", "true")
        self.save_button.clicked.connect(self._save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        self.column.setContentsMargins(*(MARGIN_PX,) * 4)
        self.column.setSpacing(SPACING_PX)
        for widget in (self.title, self.number_prompt):
            self.column.addWidget(widget)
        self.column.addLayout(grid)
        self.column.addWidget(self.lines_prompt)
        self.column.addWidget(self.loading)
        self.column.addLayout(self.line_grid)
        self.column.addWidget(self.problem)
        self.column.addStretch(1)
        self.column.addLayout(buttons)
        self.retranslate(self._tr)

    def offer(self, lines: Sequence[QueueLine] | None, current: LoketSetup | None) -> None:
        """The lines to choose from (None: still loading), `current` chosen already."""
        self._lines = list(lines or [])
        self._offered = set(current.lines) if current else set()
        self.loading.setVisible(lines is None)
        self._number = current.number if current else None
        for number, button in self.number_buttons.items():
            button.setChecked(number == self._number)
        self._build_lines(set(current.lines) if current else set())
        self.show_problem("")

    def set_lines(self, lines: Sequence[QueueLine]) -> None:
        """The lines arrived: offered with what the clerk has chosen meanwhile kept."""
        chosen = set(self._picked_lines()) if self.line_buttons else self._offered
        self._lines = list(lines)
        self.loading.setVisible(False)
        self._build_lines(chosen)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.title.setText(tr("Set up this loket"))
        self.number_prompt.setText(tr("Which loket is this PC?"))
        self.lines_prompt.setText(tr("Which queue lines does it call?"))
        self.cancel_button.setText(tr("Cancel"))
        self.save_button.setText(tr("Save"))
        self._label_lines()

    def forget(self) -> None:
        self.offer(None, None)

    def _choose_number(self, number: int) -> None:
        self._number = number
        self._enable()

    def _build_lines(self, chosen: set[str]) -> None:
        for button in self.line_buttons.values():
            button.setParent(None)
            button.deleteLater()
        self.line_buttons = {}
        for index, line in enumerate(self._lines):
            button = make_button(f"line_{line.code}", "choice")
            button.setCheckable(True)
            button.setChecked(line.code in chosen)
            button.toggled.connect(lambda _on: self._label_lines())
            self.line_grid.addWidget(button, index // LINE_COLUMNS, index % LINE_COLUMNS)
            self.line_buttons[line.code] = button
        self._label_lines()

    def _label_lines(self) -> None:
        language = self._tr.language
        for line in self._lines:
            button = self.line_buttons[line.code]
            mark = CHECK if button.isChecked() else ""
            button.setText(f"{mark}{line.prefix}  {line.name(language)}")
        self._enable()

    def _picked_lines(self) -> tuple[str, ...]:
        return tuple(code for code, button in self.line_buttons.items() if button.isChecked())

    def _enable(self) -> None:
        self.save_button.setEnabled(self._number is not None and bool(self._picked_lines()))

    def _save(self) -> None:
        lines = self._picked_lines()
        if self._number is not None and lines:
            self.chosen.emit(LoketSetup(self._number, lines))
