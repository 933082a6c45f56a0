"""Every question of every shipped service, in every language, on a 1280 x 800 panel:
no text on the question screen is cut off (a wrapped label shorter than its text needs,
or a one-line label narrower than its text)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.i18n import LANGUAGES
from tests.ui.fakes import shipped_services
from tests.ui.guided_steps import (
    MAX_STEPS,
    current_step,
    give_valid_answer,
    next_step,
    open_service,
)
from tests.ui.helpers import tap


def cut_off(label: QLabel) -> bool:
    if label.wordWrap():
        return label.heightForWidth(label.width()) > label.height()
    return label.sizeHint().width() > label.width()


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize("service_id", sorted(shipped_services()))
def test_no_text_of_a_question_is_cut_off(qtbot, guided, language: str, service_id: str):
    tap(qtbot, guided, f"language_{language}")
    open_service(qtbot, guided, service_id)
    page = guided.page("question")
    cut: list[tuple[str, str, str]] = []
    steps = 0
    while guided.current_screen == "question" and steps < MAX_STEPS:
        step = current_step(guided)
        # What Qt does before it paints: the pending layouts first.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        shown = [label for label in page.findChildren(QLabel) if label.isVisible()]
        cut += [(step.name, label.objectName(), label.text()) for label in shown if cut_off(label)]
        give_valid_answer(qtbot, guided, step)
        next_step(qtbot, guided, step)
        steps += 1
    assert guided.current_screen == "summary"
    assert steps > 1
    assert cut == []
