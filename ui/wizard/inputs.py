"""The answer widget for each field type, all with `value()` and a `changed` signal."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.catalogue.model import FieldType
from kiosk.wizard import Step
from kiosk.wizard.consent import CONSENT_AGREE
from kiosk.wizard.conversion import MAX_TEXT_LENGTH
from ui.i18n import Tr
from ui.screens.base import make_button
from ui.wizard.choices import ChoiceList
from ui.wizard.date_entry import DateEntry
from ui.wizard.keypad import NumberEntry

KEYPAD_TYPES = frozenset(
    {FieldType.NIK, FieldType.KK_NUMBER, FieldType.PHONE, FieldType.INTEGER, FieldType.DECIMAL}
)
MAX_KEYS = {FieldType.NIK: 16, FieldType.KK_NUMBER: 16, FieldType.PHONE: 15}
MAX_NUMBER_KEYS = 15


class AnswerInput(QWidget):
    """Holds one answer widget; `dirty` once the person changed anything."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dirty = False
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.changed.connect(self._mark_dirty)

    def value(self) -> object:
        """The raw answer for `Wizard.answer` (text, a date, choice values, True)."""
        return None

    def focus(self) -> None:
        """Where the keyboard goes when the question shows."""

    def _mark_dirty(self) -> None:
        self.dirty = True


class NumberInput(AnswerInput):
    """NIK, KK, phone, whole and decimal numbers: the big digit keypad."""

    def __init__(self, step: Step, _: Tr) -> None:
        super().__init__()
        decimal = step.type is FieldType.DECIMAL
        self.entry = NumberEntry(
            _,
            text=step.answer_text.replace(".", ",") if decimal else step.answer_text,
            max_length=MAX_KEYS.get(step.type, MAX_NUMBER_KEYS),
            extra_key="," if decimal else None,
            group=4 if step.type in MAX_KEYS else 0,
        )
        self.entry.changed.connect(self.changed)
        self.column.addWidget(self.entry)

    def value(self) -> str:
        return self.entry.text()

    def focus(self) -> None:
        self.entry.setFocus()


class DateInput(AnswerInput):
    def __init__(self, step: Step, _: Tr, today: date) -> None:
        super().__init__()
        held = step.answer if isinstance(step.answer, date) else None
        self.entry = DateEntry(_, held, start=held or today)
        self.entry.changed.connect(self.changed)
        self.column.addWidget(self.entry)
        self.column.addStretch(1)

    def value(self) -> date | None:
        return self.entry.value()


class ChoiceInput(AnswerInput):
    def __init__(self, step: Step) -> None:
        super().__init__()
        multiple = step.type is FieldType.SELECT_MULTIPLE
        held = step.answer
        picked = held if isinstance(held, list) else [held] if isinstance(held, str) else []
        self.choices = ChoiceList(step.choices, picked, multiple)
        self.choices.changed.connect(self.changed)
        self.column.addWidget(self.choices)

    def value(self) -> str | list[str] | None:
        return self.choices.value()


class TextInput(AnswerInput):
    """A line of text; at the kiosk the on-screen keyboard opens (QT_IM_MODULE)."""

    def __init__(self, step: Step) -> None:
        super().__init__()
        self.line = QLineEdit(step.answer_text)
        self.line.setObjectName("text_answer")
        self.line.setMaxLength(MAX_TEXT_LENGTH)
        self.line.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText)
        self.line.textEdited.connect(lambda _text: self.changed.emit())
        self.column.addWidget(self.line)
        self.column.addStretch(1)

    def value(self) -> str:
        return self.line.text()

    def focus(self) -> None:
        self.line.setFocus()


class AcknowledgeInput(AnswerInput):
    """One big "Saya setuju" toggle."""

    def __init__(self, step: Step, _: Tr) -> None:
        super().__init__()
        self.toggle = make_button("acknowledge", "choice", big=True)
        self.toggle.setCheckable(True)
        self.toggle.setChecked(step.answer is True)
        self.toggle.setText(_(CONSENT_AGREE))
        self.toggle.toggled.connect(lambda _on: self.changed.emit())
        self.column.addWidget(self.toggle)
        self.column.addStretch(1)

    def value(self) -> bool:
        return self.toggle.isChecked()


def input_for(step: Step, _: Tr, today: date) -> AnswerInput:
    """The widget for `step`'s type; a note (or a read-only answer) gets an empty one."""
    if step.read_only or step.type is FieldType.NOTE:
        return AnswerInput()
    if step.type in KEYPAD_TYPES:
        return NumberInput(step, _)
    if step.type is FieldType.DATE:
        return DateInput(step, _, today)
    if step.type in (FieldType.SELECT_ONE, FieldType.SELECT_MULTIPLE):
        return ChoiceInput(step)
    if step.type is FieldType.ACKNOWLEDGE:
        return AcknowledgeInput(step, _)
    return TextInput(step)
