"""The waiting room's picture, the spoken call, and learning of a change without spinning."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db.engine import create_engine_for, session_factory
from kiosk.i18n.javanese_numbers import javanese_number
from kiosk.queue.announce import call_sentence, number_words, spoken_letters
from kiosk.queue.board import BoardReader
from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from kiosk.queue.signals import SqliteWatcher, watcher_for
from tests.helpers.database import migrate_and_seed, sqlite_url
from tests.helpers.stubs import FakeClock, RecordingPrinter


def test_board_shows_each_loket_the_last_calls_and_who_waits(
    queue: QueueDesk, clock: FakeClock, sessions: sessionmaker[Session]
) -> None:
    for line in "BBBA":
        queue.issue_ticket(line)
    counter = CounterDesk(sessions, clock, "Asia/Jakarta")
    board = BoardReader(sessions, clock, "Asia/Jakarta")
    first = counter.call_next("1", ["B"], actor="S-01")
    second = counter.call_next("2", ["B"], actor="S-02")
    assert first is not None and second is not None
    counter.recall(first.ticket_id, "1", actor="S-01")

    state = board.read()

    assert state.serving == {"1": "B-001", "2": "B-002"}
    assert [(c.code, c.counter, c.again) for c in state.calls] == [
        ("B-001", "1", True),
        ("B-002", "2", False),
        ("B-001", "1", False),
    ]
    assert state.calls[0].event_id > state.calls[1].event_id
    assert {line.code: line.waiting for line in state.lines} == {"A": 1, "B": 1, "C": 0}
    counter.start(second.ticket_id, "2", actor="S-02")
    counter.finish(second.ticket_id, "2", actor="S-02")
    assert board.read().serving == {"1": "B-001"}


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("id", "Nomor antrean be dua belas, silakan ke loket dua."),
        ("jv", "Nomer antrian be kalih welas, mangga dhateng loket kalih."),
        ("en", "Queue number B twelve, please go to counter two."),
    ],
)
def test_the_call_is_said_with_words_for_numbers_and_letters(language: str, sentence: str) -> None:
    assert call_sentence("B", 12, "2", language) == sentence


def test_letters_numbers_and_named_lokets_aloud() -> None:
    assert spoken_letters("C", "id") == "ce"
    assert spoken_letters("Q", "jv") == "ki"
    assert number_words(105, "id") == "seratus lima"
    assert call_sentence("A", 7, "Umum", "id") == "Nomor antrean a tujuh, silakan ke loket Umum."


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "nol"),
        (7, "pitu"),
        (10, "sedasa"),
        (11, "sewelas"),
        (12, "kalih welas"),
        (21, "selikur"),
        (25, "selangkung"),
        (50, "seket"),
        (60, "sewidak"),
        (73, "pitung dasa tiga"),
        (100, "satus"),
        (345, "tigang atus sekawan dasa gangsal"),
        (1000, "sewu"),
        (2024, "kalih ewu sekawan likur"),
    ],
)
def test_javanese_krama_numbers(value: int, words: str) -> None:
    assert javanese_number(value) == words


def test_javanese_numbers_refuse_what_they_cannot_say() -> None:
    for value in (-1, 10_000):
        with pytest.raises(ValueError, match="outside"):
            javanese_number(value)


def test_sqlite_watcher_wakes_on_another_connections_commit(
    queue: QueueDesk, engine: Engine
) -> None:
    watcher = watcher_for(engine)
    assert isinstance(watcher, SqliteWatcher)
    try:
        assert watcher.wait(0.3) is False  # nothing changed: it waits the whole timeout
        timer = threading.Timer(0.2, queue.issue_ticket, args=("B",))
        started = time.monotonic()
        timer.start()
        assert watcher.wait(30) is True
        assert time.monotonic() - started < 10  # woken by the commit, not the timeout
        timer.join()
    finally:
        watcher.close()


def test_the_sqlite_watcher_reads_a_file_in_a_folder_with_odd_characters(tmp_path: Path) -> None:
    folder = tmp_path / "Kantor Desa #1? 100%"
    folder.mkdir()
    url = sqlite_url(folder / "anjungan.db")
    migrate_and_seed(url)
    engine = create_engine_for(url)
    watcher = watcher_for(engine)
    try:
        assert watcher.wait(0.2) is False  # it could open the file read-only
        QueueDesk(
            session_factory(engine), RecordingPrinter(), FakeClock(), "K", "Asia/Jakarta"
        ).issue_ticket("B")
        assert watcher.wait(30) is True
    finally:
        watcher.close()
        engine.dispose()
