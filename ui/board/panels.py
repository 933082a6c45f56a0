"""The board's panels: the call now said, the number at each loket, the last calls, who waits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import pick_language
from ui.board.contracts import CallView
from ui.board.style import serving_code_px
from ui.i18n import Tr
from ui.queue_views import LineView

NOBODY = "\N{EM DASH}"  # a loket free now, or no call yet
PAST_CALLS = 3  # besides the one shown large


def label(text: str = "", role: str = "", name: str = "") -> QLabel:
    """A label that shows its text as written: names come from the database, and a name
    with markup in it is shown as those characters, never as formatting or images."""
    widget = QLabel()
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setText(text)
    widget.setProperty("role", role)
    widget.setObjectName(name or role)
    return widget


def restyle(widget: QWidget) -> None:
    """Apply the stylesheet again after a property it selects on changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    for child in widget.findChildren(QLabel):
        child.style().unpolish(child)
        child.style().polish(child)


class ElidedLabel(QLabel):
    """A text that ends in "..." where the space runs out, rather than being cut mid-letter."""

    def __init__(self, text: str, role: str) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)  # as `label`
        self.setProperty("role", role)
        self.setObjectName(role)
        self.full_text = text
        self.setMinimumWidth(1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self.full_text, Qt.TextElideMode.ElideRight, self.width()))


class Panel(QFrame):
    """A framed panel with a heading; its content goes in `body`."""

    def __init__(self, heading: str, name: str) -> None:
        super().__init__()
        self.setProperty("role", "panel")
        self.setObjectName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the stylesheet's padding is the margin
        layout.setSpacing(0)
        layout.addWidget(label(heading, "heading"), 0)
        self.body = QGridLayout()
        self.body.setHorizontalSpacing(24)
        self.body.setVerticalSpacing(0)
        layout.addLayout(self.body, 1)

    def put(self, widget: QWidget, row: int, column: int) -> None:
        """Into the body; its height comes from the panel's share of the screen, never
        from its type (which is sized from the screen)."""
        policy = widget.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
        widget.setSizePolicy(policy)
        self.body.addWidget(widget, row, column)
        self.body.setRowStretch(row, 1)  # rows share the height equally
        widget.show()  # now, not once the event loop comes round: the picture is whole

    def clear(self) -> None:
        while (item := self.body.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()  # at once: the deletion waits for the event loop
                widget.deleteLater()


class CallPanel(Panel):
    """The call now said (or the last one): its number as large as the screen allows."""

    def __init__(self, tr: Tr) -> None:
        super().__init__(tr("Now calling"), "call_panel")
        self._tr = tr
        self.code = label(NOBODY, "call_code")
        self.counter = label(tr("No calls yet"), "call_counter")
        for widget in (self.code, self.counter):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setWordWrap(widget is self.counter)
        self.put(self.code, 0, 0)
        self.put(self.counter, 1, 0)
        self.body.setRowStretch(0, 3)
        self.body.setRowStretch(1, 1)
        self.call: CallView | None = None

    def show_call(self, call: CallView | None) -> None:
        self.call = call
        self.code.setText(call.code if call else NOBODY)
        tr = self._tr
        if call is None:
            self.counter.setText(tr("No calls yet"))
        else:
            where = tr("Counter %(counter)s") % {"counter": call.counter}
            self.counter.setText(where if call.counter else "")

    @property
    def highlighted(self) -> bool:
        return bool(self.property("highlighted"))

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.setProperty("highlighted", on)
            restyle(self)


class ServingPanel(Panel):
    """Each loket seen today and the number there now (a dash when it is free)."""

    def __init__(self, tr: Tr) -> None:
        super().__init__(tr("Now serving"), "serving_panel")
        self._tr = tr
        self._scale = 1.0
        self._rows = 0
        self.codes: dict[str, QLabel] = {}

    def set_scale(self, scale: float) -> None:
        self._scale = scale
        self._size_codes()

    def show_serving(self, lokets: Sequence[str], serving: Mapping[str, str]) -> None:
        self.clear()
        self.codes = {}
        for row, loket in enumerate(lokets):
            name = label(self._tr("Counter %(counter)s") % {"counter": loket}, "loket")
            code = label(serving.get(loket, NOBODY), "serving_code", f"serving_{loket}")
            code.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.put(name, row, 0)
            self.put(code, row, 1)
            self.codes[loket] = code
        self._rows = len(lokets)
        self._size_codes()

    def _size_codes(self) -> None:
        size = serving_code_px(self._scale, self._rows)
        self.setStyleSheet(
            f'QLabel[role="serving_code"] {{ font-size: {size}px; font-weight: bold; }}'
        )


class PastCalls(Panel):
    """The calls before the one shown large, newest first: who missed theirs looks here."""

    def __init__(self, tr: Tr) -> None:
        super().__init__(tr("Last calls"), "past_panel")
        self._tr = tr
        self.entries: list[QLabel] = []

    def show_calls(self, calls: Iterable[CallView]) -> None:
        self.clear()
        self.entries = []
        for row, call in enumerate(list(calls)[:PAST_CALLS]):
            entry = label(call.code, "past_call", f"past_{row}")
            where = label(self._tr("Counter %(counter)s") % {"counter": call.counter}, "past_loket")
            where.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.put(entry, row, 0)
            self.put(where, row, 1)
            self.entries.append(entry)


class WaitingPanel(Panel):
    """How many people wait in each line, by the letter on their ticket."""

    def __init__(self, tr: Tr) -> None:
        super().__init__(tr("Waiting"), "waiting_panel")
        self._tr = tr
        self.counts: dict[str, QLabel] = {}

    def show_lines(self, lines: Iterable[LineView]) -> None:
        self.clear()
        self.counts = {}
        tr = self._tr
        for row, line in enumerate(lines):
            name = ElidedLabel(pick_language(line.names, tr.language), "line_name")
            people = tr.ngettext("%(count)d person", "%(count)d people", line.waiting) % {
                "count": line.waiting
            }
            count = label(people, "line_count", f"waiting_{line.code}")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.put(label(line.prefix, "line_letter"), row, 0)
            self.put(name, row, 1)
            self.put(count, row, 2)
            self.counts[line.code] = count
        self.body.setColumnStretch(1, 1)
