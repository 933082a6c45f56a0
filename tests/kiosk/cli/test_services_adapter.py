"""The guided services as `kiosk run` wires them: shipped catalogue, sealed store, receipt
printed on the emulated printer (simulated hardware)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from devices.emulator import EmulatedPrinter
from devices.escpos.printer import EscPosPrinter
from kiosk.catalogue.paths import default_catalogue_dir
from kiosk.cli.printer_adapter import ThermalTicketPrinter
from kiosk.cli.services_adapter import KioskServices
from kiosk.errors import PrinterProblem
from kiosk.security.sealing import Sealer
from kiosk.submissions.errors import ReceiptNotPrinted
from kiosk.submissions.models import Submission
from kiosk.submissions.service import SubmissionService
from tests.helpers.forms import NIK, completed
from tests.helpers.secrets import MemorySecretStore
from tests.helpers.stubs import FakeClock


@pytest.fixture
def services(
    sessions: sessionmaker[Session], escpos_printer: EscPosPrinter, clock: FakeClock
) -> KioskServices:
    sealer = Sealer(MemorySecretStore())
    submissions = SubmissionService(sessions, sealer, clock, "Kantor Desa Uji", "Asia/Jakarta")
    printer = ThermalTicketPrinter(escpos_printer)
    return KioskServices(default_catalogue_dir(), submissions, printer, clock, "Asia/Jakarta")


def stored(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(Submission)) or 0


def test_all_shipped_services_are_offered(services: KioskServices) -> None:
    assert len(services.catalogue()) >= 9


def test_a_finished_form_is_stored_and_its_receipt_printed(
    services: KioskServices, emulator: EmulatedPrinter, sessions: sessionmaker[Session]
) -> None:
    receipt = services.finalise(completed(services.start("perekaman-ektp", "id", False)))
    body = emulator.tickets[-1].body
    assert receipt.tracking_code in body
    assert "3171********0001" in body and NIK not in body
    assert "Siti" not in body  # names never on the receipt
    assert services.status(receipt.tracking_code).tracking_code == receipt.tracking_code
    assert stored(sessions) == 1


def test_a_receipt_that_does_not_print_keeps_the_submission(
    services: KioskServices, emulator: EmulatedPrinter, sessions: sessionmaker[Session]
) -> None:
    emulator.paper_out()
    with pytest.raises(ReceiptNotPrinted) as caught:
        services.finalise(completed(services.start("perekaman-ektp", "id", False)))
    assert caught.value.problem is PrinterProblem.PAPER_OUT
    assert stored(sessions) == 1  # nothing lost: the code is shown on screen instead
    assert services.status(caught.value.receipt.tracking_code)
