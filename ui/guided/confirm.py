"""Before one tap throws a form away: "Hapus semua jawaban?", with the safe answer big."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.base.screen import Screen, make_button
from ui.guided.parts import SCREEN_MARGIN_PX, SpeakerButton, fixed_width, left_label, title_row
from ui.i18n import Tr
from ui.voice import Voice

KEEP_WIDTH_PX = 560  # the safe answer: the widest target, where the way on usually is
DELETE_WIDTH_PX = 360


class WipeConfirmScreen(Screen):
    """The question, why it matters, and two answers far apart: "Tidak, kembali" big and
    blue at the right, where a tap out of habit lands; "Ya, hapus" at the left.

    Both sit in the middle of the panel, not in the bottom row: a second tap of a double
    tap on "Kembali" or "Batal", which asked the question, lands on neither.
    """

    name = "confirm_wipe"

    keep = Signal()
    delete = Signal()
    speak = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column.setContentsMargins(*(SCREEN_MARGIN_PX,) * 4)
        self.title = left_label("title", object_name="confirm_title")
        self.speak_button = SpeakerButton()
        self.speak_button.clicked.connect(self.speak)
        self.explanation = left_label("info", object_name="confirm_text")
        self.delete_button = make_button("delete_answers", "destructive")
        self.delete_button.clicked.connect(self.delete)
        self.keep_button = make_button("keep_answers", "primary", big=True)
        self.keep_button.clicked.connect(self.keep)
        answers = QHBoxLayout()
        answers.addWidget(fixed_width(self.delete_button, DELETE_WIDTH_PX))
        answers.addStretch(1)
        answers.addWidget(fixed_width(self.keep_button, KEEP_WIDTH_PX))
        self.column.addLayout(title_row(self.title, self.speak_button))
        self.column.addWidget(self.explanation)
        self.column.addStretch(1)
        self.column.addLayout(answers)
        self.column.addStretch(2)

    def spoken_text(self) -> str:
        """The question, why, and both answers, as the screen shows them."""
        parts = (self.title, self.explanation, self.keep_button, self.delete_button)
        return " ".join(f"{part.text().rstrip('.')}." for part in parts)

    def retranslate(self, tr: Tr) -> None:
        self.title.setText(tr("Delete all your answers?"))
        self.explanation.setText(
            tr("Your answers are not saved yet. If you delete them, you will have to start again.")
        )
        self.speak_button.setText(tr("Listen"))
        self.keep_button.setText(tr("No, go back"))
        self.delete_button.setText(tr("Yes, delete"))


class WipeConfirmation(QObject):
    """Asks before a tap wipes a form; "Tidak, kembali" shows the screen it was asked
    from again, untouched, and "Ya, hapus" does the wipe it was given.

    Only taps ask: the idle timeout wipes without a word (nobody is there), also while
    this question shows.
    """

    show_screen = Signal(str)

    def __init__(self, voice: Voice, parent: QObject | None) -> None:
        super().__init__(parent)
        self._voice = voice
        self.screen = WipeConfirmScreen()
        self._return_to = ""
        self._wipe: Callable[[], None] | None = None
        self.screen.keep.connect(self._keep)
        self.screen.delete.connect(self._delete)
        self.screen.speak.connect(self._read_aloud)

    def ask(self, from_screen: str, wipe: Callable[[], None]) -> None:
        self._return_to, self._wipe = from_screen, wipe
        self.screen.speak_button.setVisible(self._voice.enabled)
        self.show_screen.emit(self.screen.name)
        self._read_aloud()

    def forget(self) -> None:
        """The form is gone: no answer of this question may act on the next one."""
        self._return_to, self._wipe = "", None

    def _read_aloud(self) -> None:
        self._voice.say(self.screen.spoken_text())

    def _keep(self) -> None:
        back_to = self._answered()
        if back_to:
            self.show_screen.emit(back_to)

    def _delete(self) -> None:
        wipe = self._wipe
        self._answered()
        if wipe is not None:
            wipe()

    def _answered(self) -> str:
        """The question is answered: it is not read on over the next screen, and the
        screen it was asked from (returned) is forgotten."""
        back_to = self._return_to
        self.forget()
        self._voice.stop()
        return back_to
