"""The counter's documents screen over a fake port: lookup, print, errors, off the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from kiosk.applications.errors import ApplicationNotFound
from kiosk.applications.tracking import check_symbol
from kiosk.applications.types import ApplicationStatus
from kiosk.catalogue.model import Output
from kiosk.documents.errors import PrintRejected
from kiosk.documents.types import DocumentSummary
from ui.documents.screen import SUCCESS_MARK, DocumentsScreen

PAYLOAD = "K7QM2XH"
CODE = f"{PAYLOAD[:4]}-{PAYLOAD[4:]}{check_symbol(PAYLOAD)}"
RECEIPT_ONLY = f"AAAA-AAA{check_symbol('AAAAAAA')}"
TITLE = {"id": "Surat Keterangan Domisili", "en": "Certificate of Domicile"}


class FakeDocuments:
    """Stands in for kiosk.documents.desk.DocumentDesk; records the GUI's calls."""

    def __init__(self) -> None:
        self.printed: list[tuple[str, str, str]] = []
        self.threads: list[threading.Thread] = []
        self.gate = threading.Event()
        self.gate.set()
        self.print_error: Exception | None = None

    def lookup(self, tracking_code: str) -> DocumentSummary:
        self.threads.append(threading.current_thread())
        if tracking_code not in (CODE, RECEIPT_ONLY):
            raise ApplicationNotFound("unknown")
        output = Output.LETTER if tracking_code == CODE else Output.RECEIPT
        return DocumentSummary(tracking_code, TITLE, ApplicationStatus.RECEIVED, output)

    def print_proof(self, tracking_code: str, language: str) -> None:
        self._print("proof", tracking_code, language)

    def print_letter(self, tracking_code: str, language: str) -> None:
        self._print("letter", tracking_code, language)

    def _print(self, kind: str, code: str, language: str) -> None:
        self.threads.append(threading.current_thread())
        assert self.gate.wait(10)
        if self.print_error is not None:
            raise self.print_error
        self.printed.append((kind, code, language))


@pytest.fixture
def port() -> FakeDocuments:
    return FakeDocuments()


@pytest.fixture
def screen(qtbot, port: FakeDocuments) -> DocumentsScreen:
    widget = DocumentsScreen(port, language="en")
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    port.gate.set()
    widget.wait_for_done()


def look_up(qtbot, screen: DocumentsScreen, code: str) -> None:
    with qtbot.waitSignal(screen.done, timeout=5000):
        screen.entry.setText(code)
        screen.lookup_button.click()


def test_typed_code_shows_service_status_and_both_buttons(
    qtbot, screen: DocumentsScreen, port: FakeDocuments
) -> None:
    assert not screen.proof_button.isVisible()
    look_up(qtbot, screen, CODE)
    assert screen.service.text() == "Certificate of Domicile"
    assert "Received" in screen.status.text()
    assert screen.proof_button.isVisible() and screen.proof_button.isEnabled()
    assert screen.letter_button.isVisible()
    assert port.threads and port.threads[0] is not threading.main_thread()


def test_the_keypad_types_the_code(qtbot, screen: DocumentsScreen) -> None:
    for symbol in "K7QX":
        qtbot.mouseClick(screen.keypad.keys[symbol], Qt.MouseButton.LeftButton)
    screen.keypad.keys["\b"].click()
    assert screen.entry.text() == "K7Q"


def test_a_scanned_receipt_qr_looks_the_code_up(qtbot, screen: DocumentsScreen) -> None:
    with qtbot.waitSignal(screen.done, timeout=5000):
        screen.code_scanned(f"ANJUNGAN:S:{CODE}\r\n")
    assert screen.entry.text() == CODE
    assert screen.summary is not None and screen.summary.tracking_code == CODE


def test_a_receipt_only_service_offers_no_letter(qtbot, screen: DocumentsScreen) -> None:
    look_up(qtbot, screen, RECEIPT_ONLY)
    assert screen.proof_button.isVisible()
    assert not screen.letter_button.isVisible()
    screen.print_letter()  # even called directly, nothing starts
    assert not screen.busy


def test_printing_shows_progress_then_success_in_the_language(
    qtbot, screen: DocumentsScreen, port: FakeDocuments
) -> None:
    look_up(qtbot, screen, CODE)
    port.gate.clear()
    screen.letter_button.click()
    assert screen.progress.isVisible()
    assert not screen.letter_button.isEnabled() and not screen.proof_button.isEnabled()
    screen.proof_button.click()  # a second tap while printing starts nothing
    with qtbot.waitSignal(screen.done, timeout=5000):
        port.gate.set()
    assert port.printed == [("letter", CODE, "en")]
    assert not screen.progress.isVisible()
    assert screen.message.text() == SUCCESS_MARK + "The letter was sent to the A4 printer."
    assert screen.proof_button.isEnabled()


def test_a_printer_refusal_is_explained(
    qtbot, screen: DocumentsScreen, port: FakeDocuments
) -> None:
    look_up(qtbot, screen, CODE)
    port.print_error = PrintRejected("lp: The printer or class does not exist.")
    with qtbot.waitSignal(screen.failed, timeout=5000):
        screen.proof_button.click()
    assert screen.message.text() == (
        "The A4 printer did not accept the document: lp: The printer or class does not exist."
    )
    assert screen.message.property("problem") is True
    assert screen.proof_button.isEnabled()  # staff may try again


def test_unknown_and_invalid_codes_are_explained(qtbot, screen: DocumentsScreen) -> None:
    with qtbot.waitSignal(screen.failed, timeout=5000):
        screen.entry.setText("0000-0000")
        screen.lookup_button.click()
    assert "No application with this tracking code" in screen.message.text()
    screen.code_scanned("HELLO")
    assert "not valid" in screen.message.text()
    assert screen.summary is None and not screen.proof_button.isVisible()


def test_the_screen_speaks_its_language(qtbot, screen: DocumentsScreen) -> None:
    look_up(qtbot, screen, CODE)
    screen.set_language("id")
    assert screen.service.text() == "Surat Keterangan Domisili"
    assert screen.language == "id"


def test_close_emits_finished(qtbot, screen: DocumentsScreen) -> None:
    with qtbot.waitSignal(screen.finished, timeout=1000):
        screen.close_button.click()


def test_the_next_clerk_never_sees_the_last_ones_result(
    qtbot, screen: DocumentsScreen, port: FakeDocuments
) -> None:
    look_up(qtbot, screen, CODE)
    port.gate.clear()  # the A4 printer is slow
    screen.print_letter()
    screen.forget()  # the clerk was signed out meanwhile
    # The answer comes back (`released`) and is dropped (no `done`).
    with (
        qtbot.assertNotEmitted(screen.done),
        qtbot.waitSignal(screen.released, timeout=5000),
    ):
        port.gate.set()
    assert port.printed == [("letter", CODE, "en")]
    assert screen.summary is None and not screen.message.isVisibleTo(screen)
