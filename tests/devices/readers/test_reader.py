"""SerialReader end to end over emureader://: cards and codes arrive, unplug and replug."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

import pytest

from devices.emulator.readers import (
    get_card_reader,
    get_scanner,
    register_reader_url_handler,
    reset_readers,
)
from devices.readers import (
    READ_FAILED,
    UNPLUGGED,
    ByteParser,
    CardRead,
    LineScannerParser,
    Rdm6300Parser,
    SerialReader,
)
from devices.readers.rdm6300 import encode_frame
from devices.transport import SerialTransport
from tests.helpers.stubs import FakeMonotonic

T = TypeVar("T")
TAG = "62E3086CED"
OTHER_TAG = "0F00A1B2C3"
WAIT = 5.0  # seconds; only ever reached when a test fails
FAST_RETRY = 0.02


@pytest.fixture(autouse=True)
def emulated_readers() -> Iterator[None]:
    register_reader_url_handler()
    reset_readers()
    yield
    reset_readers()


class Collector(Generic[T]):
    """Callbacks that record what the reader reports and wake the waiting test."""

    def __init__(self) -> None:
        self.items: list[T] = []
        self.problems: list[str] = []
        self.recoveries = 0
        self.bad_input: list[str] = []
        self._changed = threading.Condition()

    def on_read(self, item: T) -> None:
        self._record(lambda: self.items.append(item))

    def on_problem(self, problem: str) -> None:
        self._record(lambda: self.problems.append(problem))

    def on_bad_input(self, counts: str) -> None:
        self._record(lambda: self.bad_input.append(counts))

    def on_recovered(self) -> None:
        def count() -> None:
            self.recoveries += 1

        self._record(count)

    def _record(self, change: Callable[[], None]) -> None:
        with self._changed:
            change()
            self._changed.notify_all()

    def wait_for(self, condition: Callable[[], bool]) -> None:
        with self._changed:
            assert self._changed.wait_for(condition, WAIT), "the reader did not report in time"


@pytest.fixture
def card_transport() -> Iterator[SerialTransport]:
    with SerialTransport("emureader://door?kind=card") as transport:
        yield transport


def start_reader(
    transport: SerialTransport, parser: ByteParser[T], collector: Collector[T]
) -> SerialReader[T]:
    reader = SerialReader(
        transport,
        parser,
        collector.on_read,
        collector.on_problem,
        on_recovered=collector.on_recovered,
        retry_interval=FAST_RETRY,
    )
    reader.start()
    return reader


def test_a_presented_card_arrives_once(card_transport: SerialTransport) -> None:
    collector: Collector[CardRead] = Collector()
    parser = Rdm6300Parser()
    reader = start_reader(card_transport, parser, collector)
    get_card_reader("door").present(TAG, repeats=3)
    collector.wait_for(lambda: len(collector.items) == 1)
    reader.stop()
    assert [read.tag for read in collector.items] == [TAG]
    assert parser.stats.repeats_suppressed == 2
    assert collector.problems == []


def test_a_scanned_code_arrives() -> None:
    collector: Collector[str] = Collector()
    with SerialTransport("emureader://desk?kind=scanner") as transport:
        reader = start_reader(transport, LineScannerParser(), collector)
        get_scanner("desk").scan("ANJ-7K3Q9")
        get_scanner("desk").scan("ANJ-2", terminator=b"\r\n")
        collector.wait_for(lambda: len(collector.items) == 2)
        reader.stop()
    assert collector.items == ["ANJ-7K3Q9", "ANJ-2"]


def test_garbage_and_bad_frames_do_not_stop_the_reading(card_transport: SerialTransport) -> None:
    collector: Collector[CardRead] = Collector()
    parser = Rdm6300Parser()
    reader = start_reader(card_transport, parser, collector)
    emulated = get_card_reader("door")
    emulated.send_garbage(b"\x00\xff\x02zz\x03junk")
    emulated.send_bad_checksum(OTHER_TAG)
    emulated.present(TAG)
    collector.wait_for(lambda: len(collector.items) == 1)
    reader.stop()
    assert collector.items[0].tag == TAG
    assert (parser.stats.bad_checksum, parser.stats.bad_frames) == (1, 1)


def test_unplugged_is_reported_once_then_reads_resume(card_transport: SerialTransport) -> None:
    collector: Collector[CardRead] = Collector()
    reader = start_reader(card_transport, Rdm6300Parser(repeat_window=0), collector)
    emulated = get_card_reader("door")
    emulated.present(TAG, repeats=1)
    collector.wait_for(lambda: len(collector.items) == 1)

    emulated.vanish()
    collector.wait_for(lambda: collector.problems == [UNPLUGGED])
    assert reader.problem == UNPLUGGED
    emulated.present(OTHER_TAG, repeats=1)  # lost: nobody hears an unplugged reader
    emulated.come_back()
    collector.wait_for(lambda: collector.recoveries == 1)
    assert reader.problem is None
    emulated.present(TAG, repeats=1)
    collector.wait_for(lambda: len(collector.items) == 2)
    reader.stop()
    assert [read.tag for read in collector.items] == [TAG, TAG]
    assert collector.problems == [UNPLUGGED]  # many failed reopens, one report


def test_a_failing_callback_does_not_end_the_thread(card_transport: SerialTransport) -> None:
    arrived = threading.Event()
    tags: list[str] = []

    def on_read(read: CardRead) -> None:
        tags.append(read.tag)
        if len(tags) == 1:
            raise RuntimeError("a bug in the screen code")
        arrived.set()

    reader = SerialReader(card_transport, Rdm6300Parser(), on_read)
    reader.start()
    get_card_reader("door").present(TAG)
    get_card_reader("door").present(OTHER_TAG)
    assert arrived.wait(WAIT)
    assert reader.running
    reader.stop()
    assert not reader.running
    assert tags == [TAG, OTHER_TAG]


class ExplodingParser:
    """A parser that breaks its promise once: the first feed raises."""

    def __init__(self) -> None:
        self.failed = threading.Event()

    def feed(self, data: bytes) -> Sequence[bytes]:
        if not self.failed.is_set():
            self.failed.set()
            raise ValueError("parser bug")
        return [data]


def test_a_failing_parser_does_not_end_the_thread(card_transport: SerialTransport) -> None:
    collector: Collector[bytes] = Collector()
    parser = ExplodingParser()
    reader = SerialReader(card_transport, parser, collector.on_read)
    reader.start()
    get_card_reader("door").send_garbage(b"first")
    assert parser.failed.wait(WAIT)
    get_card_reader("door").send_garbage(b"second")
    collector.wait_for(lambda: len(collector.items) == 1)
    reader.stop()
    assert collector.items == [b"second"]


class FlakyTransport:
    """A port whose first reads fail with an error that is not an unplug."""

    def __init__(self, failures: int, data: bytes) -> None:
        self.failures = failures
        self.data = data

    def read(self, size: int, timeout: float | None = None) -> bytes:
        if self.failures:
            self.failures -= 1
            raise RuntimeError("driver trouble")
        data, self.data = self.data[:size], self.data[size:]
        if not data:
            threading.Event().wait(timeout)  # nothing came: a real port waits its timeout
        return data


def test_other_read_failures_are_reported_once_and_retried() -> None:
    collector: Collector[str] = Collector()
    transport = FlakyTransport(failures=3, data=b"ANJ-7K3Q9\r")
    reader = SerialReader(
        transport,
        LineScannerParser(),
        collector.on_read,
        collector.on_problem,
        on_recovered=collector.on_recovered,
        retry_interval=FAST_RETRY,
    )
    reader.start()
    collector.wait_for(lambda: len(collector.items) == 1)
    reader.stop()
    assert collector.problems == [READ_FAILED]
    assert (collector.recoveries, transport.failures) == (1, 0)
    assert collector.items == ["ANJ-7K3Q9"]


def wait_until(condition: Callable[[], bool]) -> None:
    """Poll for what no callback announces, such as the parser's counts."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "the reader did not get there in time"
        time.sleep(0.01)


def start_watched_reader(
    transport: SerialTransport,
    parser: Rdm6300Parser,
    collector: Collector[CardRead],
    clock: FakeMonotonic,
) -> SerialReader[CardRead]:
    reader = SerialReader(
        transport,
        parser,
        collector.on_read,
        on_bad_input=collector.on_bad_input,
        bad_input_interval=60,
        clock=clock,
    )
    reader.start()
    return reader


def test_unreadable_input_is_told_once_per_interval(card_transport: SerialTransport) -> None:
    collector: Collector[CardRead] = Collector()
    parser = Rdm6300Parser()
    clock = FakeMonotonic()
    reader = start_watched_reader(card_transport, parser, collector, clock)
    get_card_reader("door").send_garbage(b"junk")
    collector.wait_for(lambda: collector.bad_input == ["4 stray bytes"])

    clock.now += 59  # still inside the interval: more noise, nothing told
    get_card_reader("door").send_garbage(b"more" + encode_frame(OTHER_TAG, wrong_checksum=True))
    wait_until(lambda: parser.stats.bad_checksum == 1)
    reader.stop()  # the thread checks after every read, so that read was checked
    assert collector.bad_input == ["4 stray bytes"]

    clock.now += 1  # the interval is up: what grew meanwhile is told, with no new input
    reader.start()
    collector.wait_for(lambda: len(collector.bad_input) == 2)
    reader.stop()
    assert collector.bad_input[1] == "1 frame with a bad checksum and 8 stray bytes"
    assert not any(OTHER_TAG in counts for counts in collector.bad_input)


def test_a_held_card_is_no_unreadable_input(card_transport: SerialTransport) -> None:
    collector: Collector[CardRead] = Collector()
    parser = Rdm6300Parser()
    reader = start_watched_reader(card_transport, parser, collector, FakeMonotonic())
    get_card_reader("door").present(TAG, repeats=5)
    collector.wait_for(lambda: len(collector.items) == 1)
    reader.stop()
    assert parser.stats.repeats_suppressed == 4
    assert collector.bad_input == []
    assert reader.drops is parser.stats


def test_a_parser_without_counts_is_not_watched(card_transport: SerialTransport) -> None:
    collector: Collector[bytes] = Collector()
    parser = ExplodingParser()
    reader = SerialReader(
        card_transport, parser, collector.on_read, on_bad_input=collector.on_bad_input
    )
    assert reader.drops is None
    reader.start()
    get_card_reader("door").send_garbage(b"first")
    assert parser.failed.wait(WAIT)
    get_card_reader("door").send_garbage(b"second")
    collector.wait_for(lambda: len(collector.items) == 1)
    reader.stop()
    assert collector.bad_input == []
