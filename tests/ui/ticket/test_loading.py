"""A tap while the kiosk is still starting: wait calmly for the list, then move on."""

from __future__ import annotations

import logging

from kiosk.i18n import translations
from tests.ui.fakes import SERVICE_A, SERVICE_B
from tests.ui.helpers import tap, text
from ui.ticket.problem import NO_SERVICES

NO_SERVICES_ID = translations("id").gettext(NO_SERVICES)


def named(name: str):
    return lambda shown: shown == name


def test_a_tap_before_the_list_arrives_waits_then_shows_the_services(
    qtbot, make_window, fake_queue
):
    gate = fake_queue.hold_services()  # the database is still opening
    window = make_window()
    window.refresh_lines()  # as run_kiosk does right after show
    assert window.page("line").lines == []

    tap(qtbot, window, "take_number")
    assert window.current_screen == "loading"
    assert text(window, "message") == "Mohon tunggu sebentar…"
    assert text(window, "hint") == "Daftar layanan sedang disiapkan."

    with qtbot.waitSignal(window.screen_changed, check_params_cb=named("line"), timeout=5_000):
        gate.set()
    tap(qtbot, window, "line_A")
    assert window.current_screen == "priority"


def test_the_loading_screen_speaks_english_too(qtbot, make_window, fake_queue):
    fake_queue.hold_services()
    window = make_window()
    tap(qtbot, window, "language_en")
    tap(qtbot, window, "take_number")
    assert text(window, "message") == "Please wait a moment…"


def test_a_list_that_never_comes_ends_in_the_no_service_message(
    qtbot, make_window, fake_queue, caplog
):
    fake_queue.hold_services()
    window = make_window(loading_timeout_seconds=0.2)
    window.refresh_lines()
    tap(qtbot, window, "take_number")
    assert window.current_screen == "loading"

    with (
        caplog.at_level(logging.WARNING),
        qtbot.waitSignal(window.screen_changed, check_params_cb=named("error"), timeout=3_000),
    ):
        pass
    assert text(window, "message") == NO_SERVICES_ID
    assert "service list did not arrive" in caplog.text
    tap(qtbot, window, "back_to_start")
    assert window.current_screen == "home"


def test_no_service_is_said_only_after_a_refresh_came_back_empty(qtbot, make_window, fake_queue):
    fake_queue.service_list = []
    window = make_window()
    with qtbot.waitSignal(window.lines_loaded, timeout=5_000):
        window.refresh_lines()

    tap(qtbot, window, "take_number")
    assert window.current_screen == "error"
    assert text(window, "message") == NO_SERVICES_ID


def test_a_tap_before_the_start_up_list_waits_for_it_even_an_empty_one(
    qtbot, make_window, fake_queue
):
    fake_queue.service_list = []
    gate = fake_queue.hold_services()  # the list the window asked for as it started
    window = make_window()
    tap(qtbot, window, "take_number")
    assert window.current_screen == "loading"
    with qtbot.waitSignal(window.screen_changed, check_params_cb=named("error"), timeout=5_000):
        gate.set()
    assert text(window, "message") == NO_SERVICES_ID


def test_an_empty_list_with_a_refresh_on_its_way_waits_for_it(qtbot, make_window, fake_queue):
    fake_queue.service_list = []
    window = make_window()
    with qtbot.waitSignal(window.lines_loaded, timeout=5_000):
        window.refresh_lines()
    gate = fake_queue.hold_services()
    fake_queue.service_list = [SERVICE_A, SERVICE_B]
    window.refresh_lines()  # e.g. the one every visit home starts

    tap(qtbot, window, "take_number")
    assert window.current_screen == "loading"
    with qtbot.waitSignal(window.screen_changed, check_params_cb=named("line"), timeout=5_000):
        gate.set()


def test_a_failed_refresh_while_waiting_says_no_service_at_once(qtbot, make_window, fake_queue):
    gate = fake_queue.hold_services()
    fake_queue.services_fail_with = OSError("could not open the database")
    window = make_window(loading_timeout_seconds=30)
    window.refresh_lines()
    tap(qtbot, window, "take_number")
    with qtbot.waitSignal(window.screen_changed, check_params_cb=named("error"), timeout=5_000):
        gate.set()
    assert text(window, "message") == NO_SERVICES_ID


def test_back_from_the_wait_stays_home_when_the_list_arrives(qtbot, make_window, fake_queue):
    gate = fake_queue.hold_services()
    window = make_window()
    window.refresh_lines()
    tap(qtbot, window, "take_number")
    tap(qtbot, window, "back")
    assert window.current_screen == "home"

    with (
        qtbot.assertNotEmitted(window.screen_changed, wait=200),
        qtbot.waitSignal(window.lines_loaded, timeout=5_000),
    ):
        gate.set()
    assert window.current_screen == "home"
    tap(qtbot, window, "take_number")
    assert window.current_screen == "line"
