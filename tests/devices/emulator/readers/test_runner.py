"""The pty card reader and scanner emulators in another process, read through SerialReader."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from devices.emulator.readers.process import ReaderPtyProcess
from devices.readers import UNPLUGGED, CardRead, LineScannerParser, Rdm6300Parser, SerialReader
from devices.transport import SerialTransport

pytestmark = pytest.mark.slow

TAG = "62E3086CED"
OTHER_TAG = "0F00A1B2C3"
WAIT = 5.0  # seconds; only ever reached when a test fails


class Inbox:
    """Everything a reader reported (reads, problems, recoveries), with a wait."""

    def __init__(self) -> None:
        self.items: list[object] = []
        self.events: list[str] = []
        self._changed = threading.Condition()

    def add(self, item: object) -> None:
        self._record(lambda: self.items.append(item))

    def problem(self, problem: str) -> None:
        self._record(lambda: self.events.append(problem))

    def recovered(self) -> None:
        self._record(lambda: self.events.append("recovered"))

    def _record(self, change: Callable[[], None]) -> None:
        with self._changed:
            change()
            self._changed.notify_all()

    def wait_for(self, condition: Callable[[], bool]) -> None:
        with self._changed:
            assert self._changed.wait_for(condition, WAIT), "the reader did not report in time"


Start = Callable[[str, "Rdm6300Parser | LineScannerParser", Inbox], ReaderPtyProcess]


@pytest.fixture
def start(short_dir: Path) -> Iterator[Start]:
    """Starts a reader emulator of a kind and a SerialReader on its link; cleans both up."""
    with ExitStack() as cleanup:

        def starter(
            kind: str, parser: Rdm6300Parser | LineScannerParser, inbox: Inbox
        ) -> ReaderPtyProcess:
            process = cleanup.enter_context(ReaderPtyProcess(short_dir / kind, kind=kind))
            transport = cleanup.enter_context(SerialTransport(str(process.link)))
            transport.open()  # pyserial flushes input on open: send only once it is open
            reader: SerialReader[object] = SerialReader(
                transport,
                parser,
                inbox.add,
                inbox.problem,
                on_recovered=inbox.recovered,
                retry_interval=0.05,
            )
            reader.start()
            cleanup.callback(reader.stop)
            return process

        yield starter


def test_cards_arrive_through_the_pty(start: Start) -> None:
    inbox = Inbox()
    parser = Rdm6300Parser()
    process = start("card", parser, inbox)
    process.present(TAG)
    process.present(OTHER_TAG)
    inbox.wait_for(lambda: len(inbox.items) == 2)
    assert [read.tag for read in inbox.items if isinstance(read, CardRead)] == [TAG, OTHER_TAG]
    assert parser.stats.repeats_suppressed >= 2  # every frame of the first card came before


def test_garbage_and_bad_checksums_survive(start: Start) -> None:
    inbox = Inbox()
    parser = Rdm6300Parser()
    process = start("card", parser, inbox)
    process.send_garbage(b"\x00\xff\x02zz\x03")
    process.send_bad_checksum(OTHER_TAG)
    process.present(TAG)
    inbox.wait_for(lambda: len(inbox.items) == 1)
    assert isinstance(inbox.items[0], CardRead) and inbox.items[0].tag == TAG
    assert (parser.stats.bad_checksum, parser.stats.bad_frames) == (1, 1)
    assert parser.stats.garbage_bytes == 2


def test_a_scanned_code_arrives_through_the_pty(start: Start) -> None:
    inbox = Inbox()
    process = start("scanner", LineScannerParser(), inbox)
    process.scan("ANJ-7K3Q9")
    process.send_garbage(b"\xff\xfe\r")
    process.scan("status ANJ 2")
    inbox.wait_for(lambda: len(inbox.items) == 2)
    assert inbox.items == ["ANJ-7K3Q9", "status ANJ 2"]


def test_unplug_over_the_pty_then_reads_resume(start: Start) -> None:
    inbox = Inbox()
    process = start("card", Rdm6300Parser(), inbox)
    process.vanish()
    assert not process.link.exists()
    inbox.wait_for(lambda: inbox.events == [UNPLUGGED])
    process.come_back()
    inbox.wait_for(lambda: inbox.events == [UNPLUGGED, "recovered"])
    process.present(TAG)
    inbox.wait_for(lambda: len(inbox.items) == 1)


def test_commands_of_the_other_kind_and_unknown_ones_are_errors(short_dir: Path) -> None:
    with ReaderPtyProcess(short_dir / "scanner", kind="scanner") as process:
        assert process.command(f"card {TAG}").startswith("error: card is not a command")
        assert process.command("card").startswith("error:")
        assert process.command("garbage zz").startswith("error:")
        assert process.command("beep").startswith("error: unknown command 'beep'")
        assert process.command("garbage 00ff") == "ok"
        with pytest.raises(RuntimeError):
            process.present(TAG)
    with ReaderPtyProcess(short_dir / "card", kind="card") as process:
        assert process.command("card 62E3086CE").startswith("error: a tag is 10 hex digits")
        assert process.command("quit") == "ok"
