"""The window's pages by name: one place to register a screen, show it, and find it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from ui.base.screen import Screen


class ScreenStack(QStackedWidget):
    """A QStackedWidget that knows its screens by their `name`.

    Flows never hold the window: they show a screen by name here (or through their
    `show_screen` signal), and the window routes a scanned code or a tapped card to
    `current` first (see `Screen.take_code` and `Screen.take_card`).
    """

    screen_changed = Signal(str)  # the name of the screen now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._screens: dict[str, Screen] = {}

    def sizeHint(self) -> QSize:
        """The largest screen's size hint, without the height for width.

        QStackedWidget's own hint also asks every screen its height at the hint's width,
        which is not the width they are laid out at: each wrapped text of every screen
        was measured again at every relayout of the window (0.3 ms, most of a question's
        change). The window's size comes from the display or WINDOWED_SIZE, not this.
        """
        layout = self.layout()
        return super().sizeHint() if layout is None else layout.sizeHint()

    def add(self, screen: Screen) -> None:
        """Register `screen` under its name; two screens never share a name."""
        if not screen.name or screen.name in self._screens:
            raise ValueError(f"screen name {screen.name!r} is empty or already taken")
        self._screens[screen.name] = screen
        self.addWidget(screen)

    def show_screen(self, name: str) -> None:
        """Show the screen called `name`; `screen_changed` only when it changes."""
        if name != self.current_name:
            self.setCurrentWidget(self._screens[name])
            self.screen_changed.emit(name)

    @property
    def current(self) -> Screen | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, Screen) else None

    @property
    def current_name(self) -> str:
        screen = self.current
        return screen.name if screen is not None else ""

    def page(self, name: str) -> Screen:
        return self._screens[name]

    def screens(self) -> list[Screen]:
        return list(self._screens.values())
