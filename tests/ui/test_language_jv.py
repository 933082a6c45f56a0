"""Basa Jawa on the screens: chosen at home, used by the forms, and three language buttons
that fit a 1280 x 800 and a 1024 x 600 panel at touch size."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import LANGUAGES
from tests.ui.guided_steps import fill_questions, open_service
from tests.ui.helpers import button, tap, text
from ui.home import HomeScreen
from ui.i18n import Tr
from ui.theme import HIGH_CONTRAST, NORMAL, stylesheet

MIN_TOUCH_PX = 72
PANELS = [(1280, 800), (1024, 600)]


def shown_home(
    qtbot, size: tuple[int, int], guided: bool, high_contrast: bool = False
) -> tuple[QWidget, HomeScreen]:
    """A home screen in a panel of `size` that carries the theme, as the window does
    (keep the panel: it owns the screen)."""
    panel = QWidget()
    qtbot.addWidget(panel)
    panel.setStyleSheet(stylesheet(HIGH_CONTRAST if high_contrast else NORMAL))
    home = HomeScreen("Kantor Desa Sukamaju", guided=guided)
    home.retranslate(Tr("jv"))
    column = QVBoxLayout(panel)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(home)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    return panel, home


def test_basa_jawa_on_the_home_screen_changes_the_words(qtbot, window, fake_queue):
    assert window.page("home").language_buttons["jv"].text() == "Basa Jawa"
    with qtbot.waitSignal(window.language_changed, timeout=1_000) as changed:
        tap(qtbot, window, "language_jv")
    assert changed.args == ["jv"]
    assert window.language == "jv"
    assert button(window, "take_number").text() == "Mendhet Nomer Antrian"
    assert button(window, "language_jv").isChecked()
    assert not button(window, "language_id").isChecked()
    with qtbot.waitSignal(window.ticket_issued, timeout=5_000):
        tap(qtbot, window, "take_number")
        assert button(window, "back").text() == "Wangsul"
        tap(qtbot, window, "line_A")
        assert button(window, "priority_none").text() == "Mboten"
        tap(qtbot, window, "priority_none")
        tap(qtbot, window, "print_ticket")
    assert fake_queue.calls[0].language == "jv"
    assert text(window, "your_number") == "Nomer panjenengan"
    assert text(window, "people_ahead") == "3 tiyang wonten ing ngajeng panjenengan"
    assert text(window, "where_to_wait") == "Tunggu di kursi biru."  # no jv: Indonesian


def test_a_form_started_in_basa_jawa_asks_in_basa_jawa(qtbot, guided, fake_services):
    tap(qtbot, guided, "language_jv")
    assert button(guided, "guided_services").text() == "Layanan Serat && Dokumen"
    open_service(qtbot, guided, "surat-keterangan-domisili")
    assert fake_services.starts[0].language == "jv"
    assert text(guided, "progress") == "Langkah 1 saking 14"
    assert text(guided, "question") == "Nomor Induk Kependudukan (NIK)"
    assert text(guided, "hint") == "16 angka ing KTP-el panjenengan."
    fill_questions(qtbot, guided, stop_at="tanggal_lahir")
    assert text(guided, "proposal_value") == "17 Agustus 1985"
    assert button(guided, "confirm_proposal").text() == "Leres"


def test_the_counter_in_basa_jawa_sees_the_staff_hint_in_basa_jawa(qtbot, make_guided):
    counter = make_guided(role="counter", language="jv")
    assert counter.language == "jv"
    open_service(qtbot, counter, "surat-keterangan-domisili")
    fill_questions(qtbot, counter, stop_at="lama_tinggal")
    assert text(counter, "staff_hint") == (
        "Tiyang enggal kirang saking 6 wulan mbetahaken katrangan saking ingkang gadhah griya."
    )


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("guided", [False, True], ids=["queue", "guided"])
@pytest.mark.parametrize("panel", PANELS, ids=lambda size: f"{size[0]}x{size[1]}")
def test_three_languages_fit_at_touch_size(qtbot, panel, guided, high_contrast):
    width, height = panel
    _panel, home = shown_home(qtbot, panel, guided, high_contrast)
    assert (home.width(), home.height()) == (width, height)
    assert home.compact == (height < 800)
    assert home.layout().totalMinimumSize().height() <= height
    assert list(home.language_buttons) == list(LANGUAGES) == ["id", "jv", "en"]
    for found in home.findChildren(QPushButton):
        assert found.isVisible(), found.objectName()
        assert found.height() >= MIN_TOUCH_PX, (found.objectName(), found.height())
        assert found.width() >= found.sizeHint().width(), found.objectName()  # no text cut
        assert home.rect().contains(found.geometry()), found.objectName()  # all on screen


def test_a_short_panel_that_grows_gets_the_roomy_home_back(qtbot):
    panel, home = shown_home(qtbot, (1024, 600), guided=True)
    assert home.compact
    assert home.take_number_button.height() < 140
    panel.resize(1280, 800)
    qtbot.waitUntil(lambda: home.take_number_button.height() >= 140)  # the theme's big target
    assert not home.compact
