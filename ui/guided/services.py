"""Which letter or document: one big button per service, with its title and a short line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalogue.model import ServiceDefinition
from kiosk.wizard.messages import text_in
from ui.base.screen import Screen, make_button, make_label, scroll_by_dragging
from ui.guided.parts import SCREEN_MARGIN_PX, WrappingButton, busy_bar, left_label, nav_row
from ui.i18n import Tr
from ui.ticket.problem import NO_SERVICES


class GuidedServiceButton(WrappingButton):
    """A button big enough for a title and a description (labels inside, wrapped)."""

    def __init__(self, service: ServiceDefinition) -> None:
        super().__init__()
        self.service = service
        self.setObjectName(f"guided_{service.id}")
        self.title = left_label("service_name")
        self.description = left_label("service_description")
        texts = QVBoxLayout(self)
        texts.setContentsMargins(24, 16, 24, 16)
        texts.setSpacing(4)
        texts.addWidget(self.title)
        texts.addWidget(self.description)
        for label in (self.title, self.description):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def retranslate(self, language: str) -> None:
        title = text_in(self.service.title, language)
        self.title.setText(title)
        self.description.setText(text_in(self.service.description, language))
        self.setAccessibleName(title)


class GuidedServicesScreen(Screen):
    """Shows a busy bar until the catalogue arrives, and says so when it is empty."""

    name = "guided_services"

    service_chosen = Signal(str)  # service id
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column.setContentsMargins(*(SCREEN_MARGIN_PX,) * 4)
        self.question = make_label("title", object_name="question")
        self.waiting = busy_bar()
        self.empty = make_label("info", object_name="no_services")
        self._list = QWidget()
        self._list_column = QVBoxLayout(self._list)
        self._list_column.setContentsMargins(0, 0, 16, 0)
        self._list_column.setSpacing(20)
        self._list_column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._list)
        scroll_by_dragging(scroll)
        self.back_button = make_button("back")
        self.back_button.clicked.connect(self.back)
        self.column.addWidget(self.question)
        self.column.addWidget(self.waiting)
        self.column.addWidget(self.empty)
        self.column.addWidget(scroll, 1)
        self.column.addLayout(nav_row(self.back_button, None))  # where Back is on a question
        self.buttons: dict[str, GuidedServiceButton] = {}
        self._language = "id"
        self._loaded = False
        self._show_state()

    def set_services(self, services: list[ServiceDefinition] | None) -> None:
        """The catalogue (None: it could not be loaded)."""
        ids = [s.id for s in services or []]
        if self._loaded and ids == list(self.buttons):
            return  # unchanged: a tap may be under way
        while self._list_column.count() > 1:  # keep the closing stretch
            item = self._list_column.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.buttons = {}
        for position, service in enumerate(services or []):
            button = GuidedServiceButton(service)
            button.clicked.connect(lambda _on=False, i=service.id: self.service_chosen.emit(i))
            button.retranslate(self._language)
            self.buttons[service.id] = button
            self._list_column.insertWidget(position, button)
        self._loaded = True
        self._show_state()

    def retranslate(self, tr: Tr) -> None:
        self._language = tr.language
        self.question.setText(tr("Which letter or document do you need?"))
        self.empty.setText(tr(NO_SERVICES))
        self.back_button.setText(tr("Back"))
        for button in self.buttons.values():
            button.retranslate(tr.language)

    def _show_state(self) -> None:
        self.waiting.setVisible(not self._loaded)
        self.empty.setVisible(self._loaded and not self.buttons)
