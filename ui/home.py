"""The start: the office, one big button to take a number, the languages, and a
"clearer screen" switch at the top.

With guided services, two more: letters and documents, and an application's status:
never more than three actions, so a first-time citizen has little to read. Staff open
their sign-in with their badge, or by holding the office's name for three seconds: no
"Petugas" button for a citizen to take by mistake. Once the kiosk is enrolled with a
centre, a small line at the bottom says whether it is online.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import LANGUAGES
from kiosk.sync.types import SyncSummary
from ui.base.screen import MARGIN_PX, SPACING_PX, Screen, make_button, make_label
from ui.home_parts import ContrastButton, LargerTextButton, LongPress, SwitchButton
from ui.i18n import Tr
from ui.pictograms import PICTOGRAM_PX, show_pictogram
from ui.sync_line import sync_text
from ui.theme import palette_for
from ui.ticket.spoken import sentences

# The screens are laid out for 1280 x 800. On a shorter panel (1024 x 600) the start screen
# (or a narrower one, 1024 x 800) goes compact: less air and lower buttons, each still at
# least 72 px high (60 + 2 x 4 padding + 2 x 3 border), so that the office, the big button,
# the three languages and the two switches all fit. Each button gets only sizes (its own
# small sheet, which wins over the window's and the screen's), so the colours stay the
# palette's.
COMPACT_BELOW_PX = 800
COMPACT_NARROWER_PX = 1280
COMPACT_BUTTON = "min-height: 60px; padding: 4px 20px;"
COMPACT_BIG_BUTTON = "min-height: 76px; padding: 4px 20px;"
COMPACT_PICTOGRAM_PX = 64  # the two actions side by side, in Javanese, fit 1024 px with these


class HomeScreen(Screen):
    name = "home"

    take_number = Signal()
    language_chosen = Signal(str)
    high_contrast_toggled = Signal(bool)
    larger_text_toggled = Signal(bool)
    guided_services = Signal()
    check_status = Signal()
    staff_requested = Signal()

    def __init__(
        self,
        office_name: str,
        guided: bool = False,
        staff: bool = False,
        parent: QWidget | None = None,
        timezone: str = "Asia/Jakarta",
    ) -> None:
        super().__init__(parent)
        self._zone = ZoneInfo(timezone)
        self._tr = Tr()
        self._sync: SyncSummary | None = None
        self.compact = False
        self._rows: list[QHBoxLayout] = []
        # (margin, spacing) roomy and compact; one row more with guided services: less air
        self._air_without_line = (32, 16) if guided else (MARGIN_PX, SPACING_PX)
        self._air_with_line = (24, 10) if guided else (32, 16)
        self._air = (self._air_without_line, (24, 12))
        self.office = make_label("title", object_name="office_name")
        self.office.setText(office_name)
        self.welcome = make_label("subtitle")
        self.take_number_button = make_button("take_number", "primary", big=True)
        self.take_number_button.clicked.connect(self.take_number)
        show_pictogram(self.take_number_button, "ticket")
        self.contrast_button = ContrastButton()
        self.contrast_button.toggled.connect(self.high_contrast_toggled)
        self.larger_text_button = LargerTextButton()
        self.larger_text_button.toggled.connect(self.larger_text_toggled)
        self.staff_hold: LongPress | None = None
        if staff:
            self.staff_hold = LongPress(self.office)
            self.staff_hold.held.connect(self.staff_requested)
        self.column.addLayout(self._top_row())
        self.column.addWidget(self.welcome)
        self.card_notice = make_label("info", object_name="card_notice")
        self.card_notice.setVisible(False)
        self.column.addWidget(self.card_notice)
        self.column.addStretch(1)
        self.column.addWidget(self.take_number_button)
        self.guided_button: QPushButton | None = None
        self.status_button: QPushButton | None = None
        if guided:
            self.column.addLayout(self._guided_row())
        self.column.addStretch(1)
        self.column.addLayout(self._language_row())
        self.sync_line = make_label("status_line", object_name="sync_line")
        self.sync_line.setVisible(False)
        self.column.addWidget(self.sync_line)
        self._set_air(*self._air[0])

    def _guided_row(self) -> QHBoxLayout:
        row = self._row()
        self.guided_button = make_button("guided_services", "primary")
        self.guided_button.clicked.connect(self.guided_services)
        show_pictogram(self.guided_button, "document")
        self.status_button = make_button("check_status")
        show_pictogram(self.status_button, "magnifier")
        self.status_button.clicked.connect(self.check_status)
        row.addWidget(self.guided_button, 3)
        row.addWidget(self.status_button, 2)
        return row

    def _top_row(self) -> QHBoxLayout:
        """The office's name, and the two switches one above the other beside it: side
        by side they would not fit a 1024 px panel in Javanese or in larger text."""
        row = QHBoxLayout()  # not one of _rows: its spacing stays
        row.addWidget(self.office, 1)
        switches = QVBoxLayout()
        switches.setSpacing(8)
        switches.addWidget(self.contrast_button)
        switches.addWidget(self.larger_text_button)
        row.addLayout(switches)
        return row

    def _language_row(self) -> QHBoxLayout:
        row = self._row()
        self.language_buttons: dict[str, QPushButton] = {}
        for code, own_name in LANGUAGES.items():
            button = make_button(f"language_{code}", "choice")
            button.setText(own_name)  # each language is named in itself, never translated
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, c=code: self.language_chosen.emit(c))
            self.language_buttons[code] = button
            row.addWidget(button)
        return row

    def _row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self._rows.append(row)
        return row

    def minimumSizeHint(self) -> QSize:
        """While roomy, the size binds nothing: given less than the full panel the screen
        goes compact, and then it asks for its real (compact) minimum."""
        return super().minimumSizeHint() if self.compact else QSize(0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._use_compact(self._wants_compact(event.size()))
        super().resizeEvent(event)

    def _wants_compact(self, size: QSize) -> bool:
        """Less air and lower buttons on a panel smaller than 1280 x 800 (larger text
        fits the full panel as it is: the two switches are low on every panel)."""
        return size.height() < COMPACT_BELOW_PX or size.width() < COMPACT_NARROWER_PX

    def _use_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            for button in self.findChildren(QPushButton):
                if isinstance(button, SwitchButton):
                    continue  # always low: two of them stand one above the other
                big = button is self.take_number_button
                button.setStyleSheet(
                    "" if not compact else COMPACT_BIG_BUTTON if big else COMPACT_BUTTON
                )
                if kind := button.property("pictogram"):
                    show_pictogram(button, kind, COMPACT_PICTOGRAM_PX if compact else PICTOGRAM_PX)
            self._set_air(*self._air[compact])
            self.column.invalidate()
            self.column.activate()  # now, not after this resize: no frame drawn half-way
            self.updateGeometry()

    def _set_air(self, margin: int, spacing: int) -> None:
        self.column.setContentsMargins(margin, margin, margin, margin)
        self.column.setSpacing(spacing)
        for row in self._rows:
            row.setSpacing(24 if spacing > 12 else 16)

    def show_card_notice(self, on: bool) -> None:
        """A citizen's registered card was read: their form will be filled in from it."""
        self.card_notice.setVisible(on)

    def forget(self) -> None:
        self.show_card_notice(False)

    def show_sync(self, summary: SyncSummary) -> None:
        """Whether the office is online and what waits to be sent (ui.sync_line)."""
        self._sync = summary
        self._fill_sync()

    def _fill_sync(self) -> None:
        text = sync_text(self._sync, self._tr, self._zone) if self._sync else ""
        self.sync_line.setText(text)
        if bool(text) != self.sync_line.isVisibleTo(self):
            self.sync_line.setVisible(bool(text))
            # one line more: less air, so every button keeps its full height on 800 px
            self._air = (self._air_with_line if text else self._air_without_line, self._air[1])
            self._set_air(*self._air[self.compact])

    def show_state(self, language: str, high_contrast: bool, larger_text: bool = False) -> None:
        """Mark the chosen language, contrast and text size without emitting anything."""
        for code, button in self.language_buttons.items():
            button.setChecked(code == language)
        for switch, on in (
            (self.contrast_button, high_contrast),
            (self.larger_text_button, larger_text),
        ):
            switch.show_checked(on)
            switch.use_palette(palette_for(high_contrast))

    def spoken_text(self) -> str:
        """The welcome, then each action as its button names it (read on a change of
        language, and when a citizen comes back here from the ticket path)."""
        actions = [self.take_number_button, self.guided_button, self.status_button]
        names = [button.text().replace("&&", "&") for button in actions if button is not None]
        return sentences([self.welcome.text(), *names])

    def retranslate(self, tr: Tr) -> None:
        self._tr = tr
        self._fill_sync()
        if self.guided_button is None:
            self.welcome.setText(tr("Welcome. Touch the button below to take a queue number."))
        else:
            self.welcome.setText(tr("Welcome. Please touch what you need."))
        self.take_number_button.setText(tr("Take a queue number"))
        self.card_notice.setText(
            tr("Your card was read. Your name and NIK will be filled in on the form.")
        )
        self.contrast_button.setText(tr("Clearer screen"))
        self.larger_text_button.setText(tr("Larger text"))
        if self.guided_button is not None and self.status_button is not None:
            text = tr("Letters & Documents").replace("&", "&&")  # a lone & is a shortcut mark
            self.guided_button.setText(text)
            self.status_button.setText(tr("Check status"))
