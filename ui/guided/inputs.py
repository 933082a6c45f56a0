"""The answer widget for each field type, all with `value()` and a `changed` signal.

One widget per kind is built once and loaded with each question (`load`): building
and styling a keypad for every question cost more than the rest of a Next tap.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.catalogue.model import FieldType
from kiosk.catalogue.validators import mask_nik
from kiosk.i18n import N_
from kiosk.wizard import Step
from kiosk.wizard.consent import CONSENT_AGREE
from kiosk.wizard.conversion import MAX_TEXT_LENGTH
from kiosk.wizard.display import display_value
from ui.base.screen import make_button
from ui.guided.choices import ChoiceList
from ui.guided.date_entry import DateEntry, start_for
from ui.guided.keypad import NumberEntry
from ui.guided.letters import MIN_WIDTH_PX, LetterEntry
from ui.guided.parts import left_label
from ui.i18n import Tr

KEYPAD_TYPES = frozenset(
    {FieldType.NIK, FieldType.KK_NUMBER, FieldType.PHONE, FieldType.INTEGER, FieldType.DECIMAL}
)
CHOICE_TYPES = frozenset({FieldType.SELECT_ONE, FieldType.SELECT_MULTIPLE})
MAX_KEYS = {FieldType.NIK: 16, FieldType.KK_NUMBER: 16, FieldType.PHONE: 15}
MAX_NUMBER_KEYS = 15
MASKED_ON_CARD = frozenset({FieldType.NIK, FieldType.KK_NUMBER})
# Numbers that identify a person are never read aloud: at a kiosk others stand near.
NEVER_SPOKEN = frozenset({FieldType.NIK, FieldType.KK_NUMBER, FieldType.PHONE})
# Said in the empty NIK box. The screens cannot tell whether the kiosk has a card reader
# (UiOptions does not say), so it is always said.
CARD_INSTEAD = N_("Or hold your registered card to the card reader.")


class AnswerInput(QWidget):
    """Holds one answer widget; `dirty` once the person changed anything since `load`.

    `submitted`: the person said they are done (Enter in a text box), as Next does.
    """

    changed = Signal()
    submitted = Signal()
    wants_keyboard = False  # no answer asks for Qt's on-screen keyboard (text has keys)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dirty = False
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.changed.connect(self._mark_dirty)

    def load(self, step: Step, tr: Tr, today: date) -> None:
        """Show `step`'s held answer (or nothing), as if built afresh for it."""
        self._fill(step, tr, today)
        self.dirty = False

    def clear(self) -> None:
        """Hold no answer at all (the citizen left: nothing of theirs stays here)."""
        self._clear()
        self.dirty = False

    def value(self) -> object:
        """The raw answer for `Wizard.answer` (text, a date, choice values, True)."""
        return None

    def focus(self) -> None:
        """Where the keyboard goes when the question shows."""

    def min_width(self) -> int:
        """How wide the answer's side of the screen must be (0: its share is enough)."""
        return 0

    def spoken(self) -> str:
        """What the voice reads of the answer after the question (only a shown value)."""
        return ""

    def _fill(self, step: Step, tr: Tr, today: date) -> None:
        """Subclasses show the step's answer here."""

    def _clear(self) -> None:
        """Subclasses empty what they show here."""

    def _mark_dirty(self) -> None:
        self.dirty = True


class NumberInput(AnswerInput):
    """NIK, KK, phone, whole and decimal numbers: the big digit keypad.

    `card_reader`: this kiosk has a card reader, so the empty NIK box says a registered
    card may be held to it instead."""

    card_reader = True

    def __init__(self, tr: Tr) -> None:
        super().__init__()
        self.entry = NumberEntry(tr, extra_key=",")  # shown for decimals only
        self.entry.changed.connect(self.changed)
        self.column.addWidget(self.entry)

    def _fill(self, step: Step, tr: Tr, today: date) -> None:
        decimal = step.type is FieldType.DECIMAL
        text = step.answer_text.replace(".", ",") if decimal else step.answer_text
        # A NIK or KK read from a card is shown masked, before and after it is confirmed
        # (Next then Back, or a change from the summary): a copied card tag (EM4100 tags
        # copy easily) must not put a citizen's whole number on the screen.
        card = step.from_card and step.type in MASKED_ON_CARD and bool(text)
        nik = step.type is FieldType.NIK
        card_note = tr(CARD_INSTEAD) if nik and self.card_reader else ""
        self.entry.reset(
            tr,
            text=text,
            max_length=MAX_KEYS.get(step.type, MAX_NUMBER_KEYS),
            group=4 if step.type in MAX_KEYS else 0,
            extra_key=decimal,
            masked=mask_nik(text) if card else "",
            placeholder=card_note,
        )

    def value(self) -> str:
        return self.entry.text()

    def focus(self) -> None:
        self.entry.setFocus()

    def _clear(self) -> None:
        self.entry.clear()


class DateInput(AnswerInput):
    def __init__(self, tr: Tr, today: date) -> None:
        super().__init__()
        self.entry = DateEntry(tr, None, start=today)
        self.entry.changed.connect(self.changed)
        self.column.addWidget(self.entry)
        self.column.addStretch(1)

    def _fill(self, step: Step, tr: Tr, today: date) -> None:
        held = step.answer if isinstance(step.answer, date) else None
        self.entry.reset(tr, held, start=start_for(step.field, today), today=today)

    def value(self) -> date | None:
        return self.entry.value()

    def _clear(self) -> None:
        self.entry.clear()


class ChoiceInput(AnswerInput):
    def __init__(self) -> None:
        super().__init__()
        self.choices = ChoiceList([], [], multiple=False)
        self.choices.changed.connect(self.changed)
        self.column.addWidget(self.choices)

    def _fill(self, step: Step, tr: Tr, today: date) -> None:
        held = step.answer
        picked = held if isinstance(held, list) else [held] if isinstance(held, str) else []
        self.choices.set_choices(step.choices, picked, step.type is FieldType.SELECT_MULTIPLE)

    def value(self) -> str | list[str] | None:
        return self.choices.value()

    def _clear(self) -> None:
        self.choices.set_choices([], [], multiple=False)


class TextInput(AnswerInput):
    """Names, places and addresses on the big letter keypad (ui.guided.letters), not
    Qt's on-screen keyboard: no shift, globe or hide key to get lost on."""

    def __init__(self, tr: Tr) -> None:
        super().__init__()
        self.entry = LetterEntry(tr, MAX_TEXT_LENGTH)
        self.entry.setObjectName("text_answer")
        self.entry.changed.connect(self.changed)
        self.entry.submitted.connect(self.submitted)  # Enter on a hardware keyboard: Next
        self.column.addWidget(self.entry)  # no stretch: spare height goes to the text shown

    def _fill(self, step: Step, tr: Tr, today: date) -> None:
        self.entry.reset(tr, step.answer_text)

    def value(self) -> str:
        return self.entry.text()

    def focus(self) -> None:
        self.entry.setFocus()  # for a hardware keyboard's keys

    def min_width(self) -> int:
        return MIN_WIDTH_PX  # a constant: asking the keys each time costs a Next 1 ms

    def _clear(self) -> None:
        self.entry.clear()


class AcknowledgeInput(AnswerInput):
    """One big "Saya setuju" toggle."""

    def __init__(self) -> None:
        super().__init__()
        self.toggle = make_button("acknowledge", "choice", big=True)
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(lambda _on: self.changed.emit())
        self.column.addWidget(self.toggle)
        self.column.addStretch(1)

    def _fill(self, step: Step, tr: Tr, today: date) -> None:
        with QSignalBlocker(self.toggle):  # loading is no change by the person
            self.toggle.setChecked(step.answer is True)
        self.toggle.setText(tr(CONSENT_AGREE))

    def value(self) -> bool:
        return self.toggle.isChecked()

    def _clear(self) -> None:
        with QSignalBlocker(self.toggle):
            self.toggle.setChecked(False)


class ShownValue(AnswerInput):
    """A read-only answer (set by the office, a default or a calculation): shown in big
    type, not changeable here; Next moves on."""

    def __init__(self) -> None:
        super().__init__()
        self.shown = left_label("proposal", object_name="read_only_value")
        self._speakable = False
        self.column.addWidget(self.shown)
        self.column.addStretch(1)

    def _fill(self, step: Step, tr: Tr, today: date) -> None:
        self.shown.setText(display_value(step.field, step.answer, tr.language))
        self._speakable = step.type not in NEVER_SPOKEN

    def spoken(self) -> str:
        return self.shown.text() if self._speakable else ""

    def _clear(self) -> None:
        self.shown.setText("")
        self._speakable = False


def input_kind(step: Step) -> str:
    """Which reusable widget answers `step`: a note gets none, a read-only answer is
    only shown."""
    if step.type is FieldType.NOTE:
        return "none"
    if step.read_only:
        return "shown"
    if step.type in KEYPAD_TYPES:
        return "number"
    if step.type is FieldType.DATE:
        return "date"
    if step.type in CHOICE_TYPES:
        return "choice"
    return "acknowledge" if step.type is FieldType.ACKNOWLEDGE else "text"


ANSWER_KINDS = ("none", "shown", "number", "date", "choice", "text", "acknowledge")


def new_input(kind: str, tr: Tr, today: date) -> AnswerInput:
    """A widget of `kind` (see `input_kind`), empty until its first `load`."""
    builders = {
        "number": lambda: NumberInput(tr),
        "date": lambda: DateInput(tr, today),
        "choice": ChoiceInput,
        "text": lambda: TextInput(tr),
        "acknowledge": AcknowledgeInput,
        "shown": ShownValue,
    }
    return builders.get(kind, AnswerInput)()
