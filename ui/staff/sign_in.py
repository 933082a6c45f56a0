"""Staff sign-in: a badge tap or a typed staff number says who, a 6-digit PIN decides."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.cards import StaffBadge, StaffLockedOut, UnknownStaff, WrongPin
from kiosk.cards.messages import DEFAULT_TIMEZONE, describe_card_error
from kiosk.cards.pins import PIN_LENGTH
from kiosk.errors import KioskError
from ui.base.screen import Screen, make_button, make_label
from ui.guided.keypad import DELETE, DIGIT_ROWS, Keypad, NumberEntry
from ui.i18n import Tr
from ui.staff.contracts import StaffPort
from ui.tasks import Policy, Tasks

STAFF_NUMBER_DIGITS = 12
COMPACT_MARGIN_PX = 32  # a keypad and a two-line title on 800 px
COMPACT_SPACING_PX = 12
PIN_DOT, PIN_EMPTY = "\u25cf", "\u25cb"  # filled and empty circles
IDENTIFY, SIGN_IN = "identify", "sign_in"  # the kinds of call the screen makes


class Step(Enum):
    NUMBER = "number"  # typing the staff number (or tapping a badge)
    PIN = "pin"  # typing the PIN
    CHECKING = "checking"  # waiting for the database


class StaffSignIn(Screen):
    """Emits `signed_in(StaffSession)` or `cancelled()`; the PIN never leaves this screen
    except into the sign-in call, and is forgotten right after.

    Its calls run off the GUI thread, the latest only: a cancelled sign-in or a second
    tap never shows a stale answer. `identified` and `failed` follow the screen's own
    handling of an answer (for tests and diagnostics)."""

    name = "staff_sign_in"
    signed_in = Signal(object)  # kiosk.cards.StaffSession
    cancelled = Signal()
    identified = Signal(object)  # StaffBadge | CardHolder | None, once shown
    failed = Signal(object)  # the exception, once shown

    def __init__(
        self, port: StaffPort, timezone: str = DEFAULT_TIMEZONE, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._timezone = timezone
        self._tr = Tr()
        self._port = port
        self._tasks = Tasks(self)
        self._step = Step.NUMBER
        self._pin = ""
        self._badge_tag: str | None = None
        self._who: str = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = make_label("title", object_name="title")
        self.prompt = make_label("info", object_name="prompt")
        self.message = make_label("warning", object_name="message")
        self.number_entry = NumberEntry(self._tr, max_length=STAFF_NUMBER_DIGITS, group=0)
        self.pin_display = make_label("pin", object_name="pin_display")
        self.pin_display.setWordWrap(False)  # six circles on one line, never cut
        self.pin_keypad = Keypad(DIGIT_ROWS, self._tr)
        for keypad in (self.number_entry, self.pin_keypad):
            keypad.setProperty("compact", "true")  # lower keys: all four rows fit
        self.pin_keypad.key_pressed.connect(self._on_pin_key)
        self.cancel_button = make_button("cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.next_button = make_button("next", "primary")
        self.next_button.clicked.connect(self._number_done)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.next_button)
        # Side by side, so that the screen fits a 1280 x 800 panel: what is asked and
        # said on the left, the keypad of the step on the right.
        said = QVBoxLayout()
        for widget in (self.prompt, self.pin_display, self.message):
            said.addWidget(widget)
        said.addStretch(1)
        keys = QVBoxLayout()
        keys.addWidget(self.number_entry)
        keys.addWidget(self.pin_keypad)
        keys.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(said, 1)
        body.addLayout(keys, 1)
        self.column.setContentsMargins(*[COMPACT_MARGIN_PX] * 4)
        self.column.setSpacing(COMPACT_SPACING_PX)
        self.column.addWidget(self.title)
        self.column.addLayout(body, 1)
        self.column.addLayout(buttons)
        self._show_step(Step.NUMBER)
        self.retranslate(self._tr)

    @property
    def step(self) -> Step:
        return self._step

    @property
    def pin_length(self) -> int:
        return len(self._pin)

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self.cancel_button.setText(tr("Cancel"))
        self.next_button.setText(tr("Next"))
        self._show_prompt()

    def take_card(self, tag: str) -> bool:
        self.card_tapped(tag)
        return True

    def forget(self) -> None:
        """Back to an empty staff number; a half-typed PIN is dropped."""
        self._tasks.drop()
        self._clear_who()
        self.message.clear()
        self._show_step(Step.NUMBER)

    @Slot(str)
    def card_tapped(self, tag: str) -> None:
        """A badge picks the staff member; the PIN is still asked."""
        if self._step is Step.CHECKING and self._tasks.awaiting():
            return
        self.message.clear()
        self._pin = ""
        self._step = Step.CHECKING
        self._badge_tag = tag
        port = self._port
        self._start(IDENTIFY, lambda: port.identify_staff(tag))  # a citizen's card stays sealed

    def choose_badge(self, tag: str, badge: StaffBadge) -> None:
        """A badge already identified elsewhere (tapped at home): straight to its PIN."""
        self.forget()
        self._badge_tag = tag
        self._who = badge.name
        self._show_step(Step.PIN)

    @Slot()
    def cancel(self) -> None:
        self.forget()
        self.cancelled.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._step is not Step.PIN:
            super().keyPressEvent(event)
        elif event.key() == Qt.Key.Key_Backspace:
            self._on_pin_key(DELETE)
        elif event.text().isdigit() and event.text().isascii():
            self._on_pin_key(event.text())
        else:
            super().keyPressEvent(event)

    # -- steps

    def _number_done(self) -> None:
        number = self.number_entry.text()
        if self._step is not Step.NUMBER or not number:
            return
        self._badge_tag = None
        self._who = number
        self.message.clear()
        self._show_step(Step.PIN)

    def _on_pin_key(self, symbol: str) -> None:
        if self._step is not Step.PIN:
            return
        if symbol == DELETE:
            self._pin = self._pin[:-1]
        elif len(self._pin) < PIN_LENGTH:
            self._pin += symbol
        self._show_pin()
        if len(self._pin) == PIN_LENGTH:
            self._submit()

    def _submit(self) -> None:
        pin, self._pin = self._pin, ""
        self._show_step(Step.CHECKING)
        port, tag, number = self._port, self._badge_tag, self.number_entry.text()
        if tag is not None:
            self._start(SIGN_IN, lambda: port.sign_in_with_badge(tag, pin))
        else:
            self._start(SIGN_IN, lambda: port.sign_in(number, pin))

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        return self._tasks.wait_for_done(msecs)

    def _start(self, kind: str, call: Callable[[], object]) -> None:
        """The latest call only: its answer is the one the screen waits for."""
        on_success = self._on_identified if kind == IDENTIFY else self._on_signed_in
        self._tasks.add(
            call, on_success, lambda error: self._on_failed(kind, error), policy=Policy.LATEST_ONLY
        )

    # -- answers

    def _show_identified(self, found: object) -> None:
        if isinstance(found, StaffBadge):
            self._who = found.name
            self._show_step(Step.PIN)
            return
        self._clear_who()
        self.message.setText(self._tr("This card is not a staff card."))
        self._show_step(Step.NUMBER)

    def _on_identified(self, found: object) -> None:
        self._show_identified(found)
        self.identified.emit(found)

    def _on_signed_in(self, session: object) -> None:
        self._clear_who()
        self.message.clear()
        self._show_step(Step.NUMBER)
        self.signed_in.emit(session)

    def _on_failed(self, kind: str, error: object) -> None:
        self._show_failure(kind, error)
        self.failed.emit(error)

    def _show_failure(self, kind: str, error: object) -> None:
        by_number = self._badge_tag is None and kind != IDENTIFY
        if by_number and isinstance(error, WrongPin | UnknownStaff):
            # One answer for a wrong PIN and a number nobody has: the screen must not
            # tell a passer-by which staff numbers exist.
            self.message.setText(self._tr("The staff number or the PIN is wrong."))
            self._show_step(Step.PIN)
            return
        self.message.setText(self._describe(error))
        if isinstance(error, WrongPin) and kind != IDENTIFY:
            self._show_step(Step.PIN)  # the same person tries again
            return
        self._clear_who()
        self._show_step(Step.NUMBER)
        if isinstance(error, StaffLockedOut):
            self.number_entry.set_text("")

    def _describe(self, error: object) -> str:
        if isinstance(error, KioskError):
            return describe_card_error(error, self._tr.language, self._timezone)
        return self._tr("Something went wrong. Please ask a staff member for help.")

    # -- showing

    def _clear_who(self) -> None:
        self._pin = ""
        self._badge_tag = None
        self._who = ""
        self.number_entry.set_text("")

    def _show_step(self, step: Step) -> None:
        self._step = step
        self._pin = "" if step is not Step.PIN else self._pin
        self.number_entry.setVisible(step is Step.NUMBER)
        self.next_button.setVisible(step is Step.NUMBER)
        self.pin_display.setVisible(step is not Step.NUMBER)
        self.pin_keypad.setVisible(step is Step.PIN)
        self.pin_keypad.setEnabled(step is Step.PIN)
        self._show_pin()
        self._show_prompt()
        if step is Step.PIN:
            self.setFocus()

    def _show_pin(self) -> None:
        self.pin_display.setText(
            " ".join(PIN_DOT * len(self._pin) + PIN_EMPTY * (PIN_LENGTH - len(self._pin)))
        )

    def _show_prompt(self) -> None:
        _ = self._tr
        if self._step is Step.NUMBER:
            self.title.setText(_("Tap your staff card or type your staff number"))
        else:
            self.title.setText(_("Staff"))  # who signs in is said just below
        if self._step is Step.NUMBER:
            self.prompt.setText(_("Staff number"))
        elif self._step is Step.PIN:
            self.prompt.setText(_("%(who)s: type your 6-digit PIN") % {"who": self._who})
        else:
            self.prompt.setText(_("Checking..."))
