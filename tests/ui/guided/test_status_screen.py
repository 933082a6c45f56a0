"""The status of an application: typed on the code keypad or scanned from the receipt."""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.applications.errors import ApplicationNotFound, InvalidTrackingCode
from kiosk.applications.tracking import check_symbol
from kiosk.applications.types import ApplicationStatus, StatusView
from tests.ui.guided_steps import open_service, type_keys
from tests.ui.helpers import button, tap, text

WIB = timezone(timedelta(hours=7), "WIB")
CODE = "K7QM-2XH" + check_symbol("K7QM2XH")


@pytest.fixture
def stored(fake_services) -> StatusView:
    view = StatusView(
        tracking_code=CODE,
        service_title={"id": "Surat Keterangan Usaha", "en": "Business Certificate"},
        status=ApplicationStatus.READY,
        updated_at=datetime(2026, 3, 4, 14, 5, tzinfo=WIB),
        ready_on=date(2026, 3, 5),
    )
    fake_services.stored[CODE] = view
    return view


def test_a_typed_code_shows_the_status_in_plain_words(qtbot, guided, fake_services, stored):
    tap(qtbot, guided, "check_status")
    assert guided.current_screen == "status_entry"
    type_keys(qtbot, guided, CODE.replace("-", ""))
    assert text(guided, "entry") == " ".join(CODE)
    with qtbot.waitSignal(guided.guided.status_shown, timeout=5_000):
        tap(qtbot, guided, "check_status")

    assert guided.current_screen == "status_result"
    assert text(guided, "service_title") == "Surat Keterangan Usaha"
    assert text(guided, "status") == "Sudah selesai. Silakan datang untuk mengambilnya."
    assert text(guided, "updated_at") == "Terakhir diperbarui: 4 Maret 2026, 14.05 WIB"
    assert text(guided, "ready_on") == "Bisa diambil mulai: Kamis, 5 Maret 2026"
    assert threading.main_thread().ident not in fake_services.worker_threads
    tap(qtbot, guided, "finish")
    assert guided.current_screen == "home"
    page, entry = guided.page("status_result"), guided.page("status_entry")
    for name in ("tracking_code", "service_title", "status", "updated_at", "ready_on"):
        assert page.findChild(QLabel, name).text() == "", name  # not for the next person
    assert entry.findChild(QLabel, "entry").text() == ""


def test_a_short_code_is_not_looked_up(qtbot, guided, fake_services):
    tap(qtbot, guided, "check_status")
    type_keys(qtbot, guided, "K7Q\b")
    assert text(guided, "entry") == "K 7"
    tap(qtbot, guided, "check_status")
    assert text(guided, "problems") == "Kodenya 8 huruf dan angka. Silakan ketik semuanya."
    assert fake_services.lookups == []


@pytest.mark.parametrize(
    ("typed", "error"),
    [("K7QM2XH" + ("A" if CODE[-1] != "A" else "B"), InvalidTrackingCode), (CODE, None)],
    ids=["check-symbol-wrong", "not-stored"],
)
def test_a_code_that_fails_says_why(qtbot, guided, typed, error):
    tap(qtbot, guided, "check_status")
    type_keys(qtbot, guided, typed.replace("-", ""))
    with qtbot.waitSignal(guided.guided.status_shown, timeout=5_000) as shown:
        tap(qtbot, guided, "check_status")
    expected = (error or ApplicationNotFound)("x").text("id")
    assert isinstance(shown.args[0], error or ApplicationNotFound)
    assert guided.current_screen == "status_entry"
    assert text(guided, "problems") == expected
    assert guided.voice.spoken[-1] == expected


def test_a_scanned_receipt_opens_its_status(qtbot, guided, stored):
    with qtbot.waitSignal(guided.guided.status_shown, timeout=5_000) as shown:
        guided.on_code_scanned(f"ANJUNGAN:S:{CODE}\r\n")
    assert shown.args[0] == stored
    assert guided.current_screen == "status_result"
    assert text(guided, "tracking_code") == " ".join(CODE)


def test_a_scan_in_the_middle_of_a_form_is_ignored(qtbot, guided, stored, caplog):
    open_service(qtbot, guided, "surat-keterangan-domisili")
    with caplog.at_level(logging.INFO, logger="ui.window"):
        guided.on_code_scanned(f"ANJUNGAN:S:{CODE}")
    assert guided.current_screen == "question"
    assert guided.guided.wizard is not None
    assert "screen is in use" in caplog.text
    assert CODE not in caplog.text


def test_other_scans_are_ignored(qtbot, guided, caplog):
    with caplog.at_level(logging.INFO, logger="ui.window"):
        guided.on_code_scanned("https://example.org/3273011708850001")
    assert guided.current_screen == "home"
    assert "3273011708850001" not in caplog.text


def test_the_update_time_names_the_offices_zone(qtbot, guided, fake_services):
    # An office in Makassar reads WITA; a bare UTC offset is never shown as a zone name.
    makassar = datetime(2026, 3, 4, 14, 5, tzinfo=ZoneInfo("Asia/Makassar"))
    fake_services.stored[CODE] = StatusView(
        tracking_code=CODE,
        service_title={"id": "Surat Keterangan Usaha"},
        status=ApplicationStatus.RECEIVED,
        updated_at=makassar,
        ready_on=date(2026, 3, 5),
    )
    with qtbot.waitSignal(guided.guided.status_shown, timeout=5_000):
        guided.on_code_scanned(f"ANJUNGAN:S:{CODE}")
    assert text(guided, "updated_at") == "Terakhir diperbarui: 4 Maret 2026, 14.05 WITA"


def test_the_status_buttons_sit_where_back_and_next_sit_on_a_question(qtbot, guided, stored):
    guided.on_code_scanned(f"ANJUNGAN:S:{CODE}")
    qtbot.waitUntil(lambda: guided.current_screen == "status_result")
    guided.page("status_result").layout().activate()
    places = {}
    for name in ("another_code", "finish"):
        shown = button(guided, name)
        places[name] = (shown.mapTo(guided, shown.rect().topLeft()), shown.size())
    tap(qtbot, guided, "finish")
    open_service(qtbot, guided, "surat-keterangan-domisili")
    guided.page("question").layout().activate()
    for name, on_question in (("another_code", "back"), ("finish", "next")):
        shown = button(guided, on_question)
        assert places[name][0] == shown.mapTo(guided, shown.rect().topLeft()), name


def test_the_centres_message_is_shown_and_spoken_in_the_citizens_language(
    qtbot, guided, fake_services
):
    fake_services.stored[CODE] = StatusView(
        tracking_code=CODE,
        service_title={"id": "Surat Keterangan Usaha"},
        status=ApplicationStatus.NEEDS_CITIZEN,
        updated_at=datetime(2026, 3, 4, 14, 5, tzinfo=WIB),
        ready_on=date(2026, 3, 5),
        message={"id": "Bawa KK asli ke kantor desa.", "en": "Bring the original family card."},
    )
    with qtbot.waitSignal(guided.guided.status_shown, timeout=5_000):
        guided.on_code_scanned(f"ANJUNGAN:S:{CODE}")
    assert text(guided, "status").startswith("Ada yang masih diperlukan dari Anda.")
    assert text(guided, "status_message") == "Bawa KK asli ke kantor desa."
    assert "Bawa KK asli ke kantor desa" in guided.page("status_result").spoken_text()
    guided.set_language("en")
    assert text(guided, "status_message") == "Bring the original family card."


def test_a_message_only_in_english_is_shown_rather_than_nothing(qtbot, guided, fake_services):
    fake_services.stored[CODE] = StatusView(
        tracking_code=CODE,
        service_title={"id": "Surat Keterangan Usaha"},
        status=ApplicationStatus.REJECTED,
        updated_at=datetime(2026, 3, 4, 14, 5, tzinfo=WIB),
        ready_on=date(2026, 3, 5),
        message={"en": "The NIK does not match the family card."},
    )
    with qtbot.waitSignal(guided.guided.status_shown, timeout=5_000):
        guided.on_code_scanned(f"ANJUNGAN:S:{CODE}")
    assert text(guided, "status_message") == "The NIK does not match the family card."


def test_a_ready_status_is_spoken_without_a_message(qtbot, guided, stored):
    with qtbot.waitSignal(guided.guided.status_shown, timeout=5_000):
        guided.on_code_scanned(f"ANJUNGAN:S:{CODE}")
    assert not guided.page("status_result").findChild(QLabel, "status_message").isVisible()
    assert "Sudah selesai. Silakan datang untuk mengambilnya" in guided.voice.spoken[-1]
