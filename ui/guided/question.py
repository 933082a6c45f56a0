"""One question per screen: progress, the question in big type, the answer, Back and Next."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QGuiApplication, QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.wizard import Step
from kiosk.wizard.display import display_value
from ui.base.screen import Screen, make_button
from ui.guided import keyboard
from ui.guided.inputs import ANSWER_KINDS, AnswerInput, NumberInput, input_kind, new_input
from ui.guided.parts import SCREEN_MARGIN_PX, SpeakerButton, left_label, nav_row
from ui.i18n import Tr

QUESTION_STRETCH, ANSWER_STRETCH = 5, 7  # the split stays put, whatever the texts


def progress_text(step: Step, tr: Tr) -> str:
    return tr("Step %(index)d of %(total)d") % {"index": step.index, "total": step.total}


class QuestionScreen(Screen):
    """The question at the left, its answer at the right, Back and Next at the bottom.

    A value proposed from the NIK is shown as a statement to confirm ("Benar") or
    change ("Ubah"); validation problems show in plain words right under the answer.
    """

    name = "question"

    back = Signal()
    next = Signal()
    speak = Signal()
    answer_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column.setContentsMargins(*(SCREEN_MARGIN_PX,) * 4)
        # The minimum size is minimumSizeHint's (see there), not the layout's own.
        self.column.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._keyboard_px = 0  # the bottom of the screen under the on-screen keyboard
        self._voice_available = True
        self.progress = left_label("progress", object_name="progress")
        self.speak_button = SpeakerButton()
        self.speak_button.clicked.connect(self.speak)
        self.question = left_label("question", object_name="question")
        self.hint = left_label("hint", object_name="hint")
        self.staff_hint = left_label("staff_hint", object_name="staff_hint")
        self._texts_side = _side(QUESTION_STRETCH)
        texts = _column(self._texts_side)
        for label in (self.progress, self.question, self.hint, self.staff_hint):
            texts.addWidget(label)
        texts.addWidget(self.speak_button)
        texts.addStretch(1)
        self._answer_side = _side(ANSWER_STRETCH)
        self.answer_area = _column(self._answer_side)
        self._build_proposal()
        self.input_holder = QVBoxLayout()
        self.answer_area.addLayout(self.input_holder)
        self.problems = left_label("problem", object_name="problems")
        self.answer_area.addWidget(self.problems)  # right under the answer
        self.answer_area.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(40)
        body.addWidget(self._texts_side)
        body.addWidget(self._answer_side)
        self.back_button = make_button("back")
        self.back_button.clicked.connect(self.back)
        self.next_button = make_button("next", "primary")
        self.next_button.clicked.connect(self.next)
        self.column.addLayout(body, 1)
        self.column.addLayout(nav_row(self.back_button, self.next_button))
        # Hidden while a proposal asks "Benar"/"Ubah" (two blue buttons doing the same
        # would confuse), its place kept: Back and the rest do not move.
        policy = self.next_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.next_button.setSizePolicy(policy)
        self.step: Step | None = None
        self._tr = Tr()
        self._texts = texts
        self._spacing, self._texts_spacing = self.column.spacing(), texts.spacing()
        # One answer widget per kind, all built now (not at the first citizen's Next)
        # and loaded with each question of their kind.
        self._inputs = {kind: self._new_input(kind, date.today()) for kind in ANSWER_KINDS}
        self.input: AnswerInput = self._inputs["none"]
        # The on-screen keyboard covers the bottom of the panel: Back and Next stay
        # above it while it shows.
        input_method = QGuiApplication.inputMethod()
        input_method.visibleChanged.connect(self._fit_above_keyboard)
        input_method.keyboardRectangleChanged.connect(self._fit_above_keyboard)

    def _build_proposal(self) -> None:
        self.proposal = QWidget()
        self.proposal.setObjectName("proposal")
        self.proposal_intro = left_label("info", object_name="proposal_intro")
        self.proposal_value = left_label("proposal", object_name="proposal_value")
        self.proposal_question = left_label("info", object_name="proposal_question")
        self.confirm_button = make_button("confirm_proposal", "primary")
        self.confirm_button.clicked.connect(self.next)
        self.change_button = make_button("change_proposal")
        self.change_button.clicked.connect(self._show_input)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.change_button)
        column = QVBoxLayout(self.proposal)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        for label in (self.proposal_intro, self.proposal_value, self.proposal_question):
            column.addWidget(label)
        column.addLayout(buttons)
        column.addStretch(1)
        self.answer_area.addWidget(self.proposal)

    @property
    def showing_proposal(self) -> bool:
        return not self.proposal.isHidden()

    def tell_card_reader(self, present: bool) -> None:
        """Whether the NIK box may mention the card reader (none configured: it does not)."""
        for answer in self._inputs.values():
            if isinstance(answer, NumberInput):
                answer.card_reader = present

    def show_step(self, step: Step, tr: Tr, today: date) -> None:
        """Fill the screen for `step`; its kind's answer widget is loaded with the answer."""
        self.step = step
        self._tr = tr
        self.progress.setText(progress_text(step, tr))
        self.question.setText(step.label)
        _set_optional(self.hint, step.hint)
        _set_optional(self.staff_hint, step.staff_hint)
        answer = self._inputs[input_kind(step)]
        answer.load(step, tr, today)
        if answer is not self.input:
            self.input.hide()
            self.input = answer
        self._fill_proposal(step, tr)
        self._show_proposal(step.proposed_from_nik)
        self._answer_side.setMinimumWidth(answer.min_width())  # the letter keys' 7 columns
        self.show_problems(list(step.problems))
        self.retranslate(tr)
        self._take_focus()

    def forget(self) -> None:
        """The citizen left: no answer, proposal or problem of theirs stays in a widget."""
        self.release_keyboard()
        for answer in self._inputs.values():
            answer.clear()
        self.proposal_value.setText("")
        self.show_problems([])
        self.step = None

    def release_keyboard(self) -> None:
        """Close the on-screen keyboard and give its place back: what shows needs no
        text (a proposal, a keypad, a date, choices), or the screen was left (the
        summary, "Masih di sini?", the form cancelled)."""
        keyboard.close_keyboard(self)
        self._fit_above_keyboard()

    def _take_focus(self) -> None:
        """The answer widget takes the focus; the keyboard stays only for a text box."""
        if self.showing_proposal or not self.input.wants_keyboard:
            self.release_keyboard()
        if not self.showing_proposal:
            self.input.focus()

    def show_problems(self, problems: list[str]) -> None:
        """Shown until the person changes the answer (or the next Next checks it)."""
        _set_optional(self.problems, "\n".join(problems))

    def spoken_text(self) -> str:
        """What the speaker button reads: progress, question, hint, and a proposal."""
        return sentences([*self._question_parts(), *self._extra_parts()])

    def spoken_extras(self) -> str:
        """What is read after a recording: the proposal and the problems shown."""
        return sentences(self._extra_parts())

    def _question_parts(self) -> list[str]:
        step = self.step
        if step is None:
            return []
        return [progress_text(step, self._tr), step.label, step.hint or ""]

    def _extra_parts(self) -> list[str]:
        parts: list[str] = []
        if self.step is not None and not self.showing_proposal:
            parts.append(self.input.spoken())  # a value shown, not asked
        if self.step is not None and self.showing_proposal:
            parts += [self.proposal_intro.text(), self.proposal_value.text()]
            parts.append(self.proposal_question.text())
        if self.step is not None and self.problems.isVisibleTo(self):
            parts.append(self.problems.text())
        return parts

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.speak_button.setText(tr("Listen"))
        self.back_button.setText(tr("Back"))
        self.next_button.setText(tr("Next"))
        self.proposal_intro.setText(tr("From your NIK:"))
        self.proposal_question.setText(tr("Is this right?"))
        self.confirm_button.setText(tr("Right"))
        self.change_button.setText(tr("Change"))
        if self.step is not None:
            self.progress.setText(progress_text(self.step, tr))

    def _new_input(self, kind: str, today: date) -> AnswerInput:
        answer = new_input(kind, self._tr, today)
        answer.hide()
        answer.changed.connect(self._on_answer_changed)
        answer.submitted.connect(self.next)
        self.input_holder.addWidget(answer)
        return answer

    def _on_answer_changed(self) -> None:
        # The person is fixing the answer: a problem about the old one no longer holds
        # (what the voice already said stays said; Next checks the new answer).
        self.show_problems([])
        self.answer_changed.emit()

    def _fit_above_keyboard(self) -> None:
        """The bottom margin grows by the part of the screen the keyboard covers."""
        self.set_keyboard_overlap(keyboard.covered_px(self))

    def set_keyboard_overlap(self, overlap: int) -> None:
        """Back and Next move up above the keyboard; with about half of the panel left,
        the margins narrow and "Listen" steps aside (the question was read aloud as it
        came; it is back once the keyboard closes), so a long question stays readable."""
        if overlap == self._keyboard_px:
            return
        self._keyboard_px = overlap
        tight = overlap > 0
        margin = SCREEN_MARGIN_PX // 4 if tight else SCREEN_MARGIN_PX
        self.column.setContentsMargins(margin, margin, margin, margin + overlap)
        self.column.setSpacing(self._spacing // 3 if tight else self._spacing)
        self._texts.setSpacing(self._texts_spacing // 2 if tight else self._texts_spacing)
        self._show_speaker()

    def set_voice_available(self, available: bool) -> None:
        """Whether "Listen" can work at all (a voice is on)."""
        self._voice_available = available
        self._show_speaker()

    def _show_speaker(self) -> None:
        self.speak_button.setVisible(self._voice_available and self._keyboard_px == 0)

    def minimumSizeHint(self) -> QSize:
        """Without the keyboard's margin: the window must not grow past the panel for it
        (then the keyboard would cover Next again); the question's texts give way."""
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(0, hint.height() - self._keyboard_px))

    def showEvent(self, event: QShowEvent) -> None:
        """Shown again as it was left ("Tidak, kembali", "Ya, lanjutkan"): a text box
        takes the focus and the keyboard back."""
        super().showEvent(event)
        self._fit_above_keyboard()
        if self.step is not None:
            self._take_focus()

    def hideEvent(self, event: QHideEvent) -> None:
        """No keyboard over the next screen, whatever it is."""
        super().hideEvent(event)
        self.release_keyboard()

    def _fill_proposal(self, step: Step, tr: Tr) -> None:
        shown = display_value(step.field, step.answer, tr.language)
        self.proposal_value.setText(shown if step.proposed_from_nik else "")

    def _show_proposal(self, shown: bool) -> None:
        """The proposal with "Benar"/"Ubah", or the answer widget with Next."""
        self.proposal.setVisible(shown)
        self.input.setVisible(not shown)
        self.next_button.setVisible(not shown)

    def _show_input(self) -> None:
        self._show_proposal(False)
        self._take_focus()


def _side(stretch: int) -> QWidget:
    """A column whose width is its share of the screen, not its content's wish."""
    side = QWidget()
    policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    policy.setHorizontalStretch(stretch)
    side.setSizePolicy(policy)
    return side


def _column(side: QWidget) -> QVBoxLayout:
    column = QVBoxLayout(side)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(16)
    return column


def sentences(parts: list[str]) -> str:
    """The non-empty parts as sentences, each ending with one full stop."""
    kept = [part.rstrip(".") for part in parts if part]
    return ". ".join(kept) + "." if kept else ""


def _set_optional(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))
