"""The guided procedures as `kiosk run` wires them (kiosk.cli.wiring): the shipped
catalogue, the sealed store, the receipt printed on the emulated printer (simulated
hardware)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from devices.emulator import EmulatedPrinter
from devices.escpos.printer import EscPosPrinter
from kiosk.applications.desk import ApplicationDesk
from kiosk.applications.errors import ReceiptNotPrinted
from kiosk.applications.models import Application, OutboxItem
from kiosk.applications.types import Receipt
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.catalogue.shipped import shipped_definitions
from kiosk.cli.printer_adapter import ThermalPrinter
from kiosk.cli.wiring import build_application_desk
from kiosk.config import ConfigError, Settings
from kiosk.printers import PrinterProblem
from kiosk.security.keys import new_key
from kiosk.security.sealing import Sealer
from tests.helpers.forms import NIK, completed
from tests.helpers.stubs import FakeClock, fail_first_receipt


@pytest.fixture
def services(
    settings: Settings,
    sessions: sessionmaker[Session],
    escpos_printer: EscPosPrinter,
    clock: FakeClock,
) -> ApplicationDesk:
    printer = ThermalPrinter(escpos_printer)
    definitions = shipped_definitions()
    sealer = Sealer(new_key())
    return build_application_desk(settings, sessions, printer, sealer, definitions, clock)


def stored(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(Application)) or 0


def test_all_shipped_services_are_offered(services: ApplicationDesk) -> None:
    assert len(services.catalogue()) >= 9


def test_a_finished_form_is_stored_and_its_receipt_printed(
    services: ApplicationDesk, emulator: EmulatedPrinter, sessions: sessionmaker[Session]
) -> None:
    receipt = services.finalise(completed(services.start("perekaman-ektp", "id", False)))
    body = emulator.tickets[-1].body
    assert receipt.tracking_code in body
    assert "3171********0001" in body and NIK not in body
    assert "Siti" not in body  # names never on the receipt
    assert services.status(receipt.tracking_code).tracking_code == receipt.tracking_code
    assert stored(sessions) == 1


def test_a_receipt_that_does_not_print_keeps_the_submission(
    services: ApplicationDesk, emulator: EmulatedPrinter, sessions: sessionmaker[Session]
) -> None:
    emulator.paper_out()
    with pytest.raises(ReceiptNotPrinted) as caught:
        services.finalise(completed(services.start("perekaman-ektp", "id", False)))
    assert caught.value.problem is PrinterProblem.PAPER_OUT
    assert stored(sessions) == 1  # nothing lost: the code is shown on screen instead
    assert services.status(caught.value.receipt.tracking_code)


class BrokenPrinter:
    """A receipt printer whose settings are wrong: it fails after the form is stored."""

    def print_receipt(self, receipt: Receipt, language: str) -> None:
        raise ConfigError("printer.url", "not a printer address", "printer.url")


def test_any_printing_failure_after_storing_says_stored_and_a_retry_stores_nothing_more(
    settings: Settings, sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    services = build_application_desk(
        settings, sessions, BrokenPrinter(), Sealer(new_key()), shipped_definitions(), clock
    )
    wizard = completed(services.start("perekaman-ektp", "id", False))
    codes = []
    for _ in range(3):  # "Coba lagi" asks for the same form again
        with pytest.raises(ReceiptNotPrinted) as caught:
            services.finalise(wizard)
        codes.append(caught.value.receipt.tracking_code)
    assert stored(sessions) == 1
    assert len(set(codes)) == 1


def test_a_retry_after_paper_out_prints_the_same_receipt_without_storing_again(
    services: ApplicationDesk, emulator: EmulatedPrinter, sessions: sessionmaker[Session]
) -> None:
    wizard = completed(services.start("perekaman-ektp", "id", False))
    emulator.paper_out()
    with pytest.raises(ReceiptNotPrinted) as caught:
        services.finalise(wizard)
    emulator.paper_ok()
    receipt = services.finalise(wizard)
    assert receipt.tracking_code == caught.value.receipt.tracking_code
    assert receipt.tracking_code in emulator.tickets[-1].body
    assert stored(sessions) == 1


def test_a_missing_recording_is_reported_when_the_kiosk_loads_its_services(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The kiosk plays recordings from the catalogue's folder: the technician learns of
    # a missing one at start, not when a citizen reaches the question.
    data = yaml.safe_load((default_catalogue_dir() / "perekaman-ektp.yaml").read_text())
    data["fields"][0]["audio"] = {"id": "suara/nik-id.ogg"}
    (tmp_path / "perekaman-ektp.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    with caplog.at_level(logging.WARNING):
        definitions = shipped_definitions(tmp_path)
    assert list(definitions) == ["perekaman-ektp"]  # it still loads
    assert any("suara/nik-id.ogg" in m and "not found" in m for m in caplog.messages)


def outbox_rows(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(OutboxItem)) or 0


def test_a_failure_after_the_commit_then_a_retry_stores_the_form_once(
    services: ApplicationDesk,
    emulator: EmulatedPrinter,
    sessions: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fail_first_receipt(monkeypatch)
    wizard = completed(services.start("perekaman-ektp", "id", False))
    with caplog.at_level(logging.DEBUG):
        with pytest.raises(RuntimeError):
            services.finalise(wizard)
        assert stored(sessions) == 1  # the commit landed before the failure

        receipt = services.finalise(wizard)  # the citizen's retry, same form

    assert (stored(sessions), outbox_rows(sessions)) == (1, 1)
    assert receipt.tracking_code in emulator.tickets[-1].body
    assert "3171********0001" in emulator.tickets[-1].body
    assert services.status(receipt.tracking_code).tracking_code == receipt.tracking_code
    assert NIK not in caplog.text and "Siti" not in caplog.text


def test_two_wizards_are_two_submissions(
    services: ApplicationDesk, sessions: sessionmaker[Session]
) -> None:
    first = services.finalise(completed(services.start("perekaman-ektp", "id", False)))
    second = services.finalise(completed(services.start("perekaman-ektp", "id", False)))
    assert first.submission_id != second.submission_id
    assert first.tracking_code != second.tracking_code
    assert (stored(sessions), outbox_rows(sessions)) == (2, 2)
