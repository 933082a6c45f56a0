"""The board on a real SQLite queue: a call shows and is spoken, in turn, and the board stays
calm when the database stops answering."""

from __future__ import annotations

import threading
from typing import Any

from kiosk.queue.announce import call_sentence
from kiosk.queue.counter import CounterDesk
from kiosk.queue.desk import QueueDesk
from tests.ui.board.conftest import BoardFactory, issue
from tests.ui.board.fakes import CountingChime, SwitchableSource, SwitchableWatcher, TimedVoice

LONG = 15_000  # ms: a loaded machine may be slow; nothing here waits this long when well


def id_sentence(prefix: str, number: int, loket: str) -> tuple[str, str]:
    return ("id", call_sentence(prefix, number, loket, "id"))


def test_a_call_shows_large_and_is_said_twice(
    qtbot: Any,
    make_board: BoardFactory,
    queue: QueueDesk,
    counter: CounterDesk,
    voice: TimedVoice,
    chime: CountingChime,
) -> None:
    issue(queue, "B", "B")
    board = make_board()
    assert board.call_panel.code.text() == "\N{EM DASH}"

    counter.call_next("2", ["B"], actor="S-02")

    qtbot.waitUntil(lambda: len(voice.spoken) == 2, timeout=LONG)
    assert voice.said() == [("id", "Nomor antrean be satu, silakan ke loket dua.")] * 2
    assert chime.plays == 1
    assert board.call_panel.code.text() == "B-001"
    assert board.call_panel.counter.text() == "Counter 2"
    assert board.serving.codes["2"].text() == "B-001"
    assert board.waiting.counts["B"].text() == "1 person"
    assert voice.overlaps == 0


def test_the_call_is_said_in_javanese_too_when_asked(
    qtbot: Any, make_board: BoardFactory, queue: QueueDesk, counter: CounterDesk, voice: TimedVoice
) -> None:
    issue(queue, "A")
    make_board(languages=("id", "jv"))

    counter.call_next("1", ["A"], actor="S-01")

    qtbot.waitUntil(lambda: len(voice.spoken) == 4, timeout=LONG)
    said_id = call_sentence("A", 1, "1", "id")
    said_jv = "Nomer antrian a setunggal, mangga dhateng loket setunggal."
    assert call_sentence("A", 1, "1", "jv") == said_jv
    assert voice.said() == [("id", said_id), ("jv", said_jv)] * 2


def test_calls_that_arrive_together_are_said_one_after_the_other(
    qtbot: Any,
    make_board: BoardFactory,
    queue: QueueDesk,
    counter: CounterDesk,
    source: SwitchableSource,
    voice: TimedVoice,
    chime: CountingChime,
) -> None:
    issue(queue, "A", "B")
    voice.speak_ms = 150
    board = make_board()
    source.gate = gate = threading.Event()  # the board learns of both calls in one read
    counter.call_next("1", ["A"], actor="S-01")
    counter.call_next("3", ["B"], actor="S-03")
    gate.set()

    qtbot.waitUntil(lambda: len(voice.spoken) == 4, timeout=LONG)
    qtbot.waitUntil(lambda: voice.spoken[-1].ended is not None, timeout=LONG)
    assert voice.said() == [id_sentence("A", 1, "1")] * 2 + [id_sentence("B", 1, "3")] * 2
    assert voice.overlaps == 0
    for before, after in zip(voice.spoken, voice.spoken[1:], strict=False):
        assert before.ended is not None and before.ended <= after.began
    assert chime.plays == 2
    assert board.serving.codes["1"].text() == "A-001"
    assert board.serving.codes["3"].text() == "B-001"


def test_calls_made_before_the_board_started_are_shown_not_said(
    qtbot: Any, make_board: BoardFactory, queue: QueueDesk, counter: CounterDesk, voice: TimedVoice
) -> None:
    issue(queue, "A", "B", "B")
    counter.call_next("1", ["A"], actor="S-01")
    counter.call_next("2", ["B"], actor="S-02")
    board = make_board()
    assert board.call_panel.code.text() == "B-001"  # the newest, shown but not highlighted
    assert not board.call_panel.highlighted
    assert [entry.text() for entry in board.past.entries] == ["A-001"]

    counter.call_next("3", ["B"], actor="S-03")  # the first call made while it watches

    qtbot.waitUntil(lambda: len(voice.spoken) == 2, timeout=LONG)
    assert voice.said() == [id_sentence("B", 2, "3")] * 2


def test_a_recall_is_said_again(
    qtbot: Any, make_board: BoardFactory, queue: QueueDesk, counter: CounterDesk, voice: TimedVoice
) -> None:
    issue(queue, "C")
    make_board()
    called = counter.call_next("2", ["C"], actor="S-02")
    assert called is not None
    qtbot.waitUntil(lambda: len(voice.spoken) == 2, timeout=LONG)

    counter.recall(called.ticket_id, "2", actor="S-02")

    qtbot.waitUntil(lambda: len(voice.spoken) == 4, timeout=LONG)
    assert voice.said() == [id_sentence("C", 1, "2")] * 4


def test_the_board_keeps_its_picture_while_the_database_is_away_and_recovers(
    qtbot: Any,
    make_board: BoardFactory,
    queue: QueueDesk,
    counter: CounterDesk,
    source: SwitchableSource,
    watcher: SwitchableWatcher,
    voice: TimedVoice,
) -> None:
    issue(queue, "A", "A")
    counter.call_next("1", ["A"], actor="S-01")
    board = make_board()
    assert board.online and not board.notice.isVisible()

    source.down = watcher.down = True
    qtbot.waitUntil(lambda: not board.online, timeout=LONG)

    assert board.notice.isVisible()
    assert board.status.text() == "Last updated: 09:00"  # the clock reads 09.00 WIB
    assert board.serving.codes["1"].text() == "A-001"  # the last good picture stays
    assert board.call_panel.code.text() == "A-001"
    counter.call_next("2", ["A"], actor="S-02")  # made while the board cannot see

    source.down = watcher.down = False

    qtbot.waitUntil(lambda: board.online, timeout=LONG)
    assert not board.notice.isVisible()
    qtbot.waitUntil(lambda: board.serving.codes.get("2") is not None, timeout=LONG)
    assert board.serving.codes["2"].text() == "A-002"
    qtbot.waitUntil(lambda: len(voice.spoken) == 2, timeout=LONG)  # said once it is seen
    assert voice.said() == [id_sentence("A", 2, "2")] * 2
    assert "MainThread" not in source.threads  # every read ran off the GUI thread


def test_the_board_says_it_is_connecting_until_the_first_picture(
    qtbot: Any, make_board: BoardFactory, source: SwitchableSource
) -> None:
    source.down = True
    board = make_board(first_picture=False)
    qtbot.waitUntil(lambda: source.threads != set(), timeout=LONG)
    qtbot.waitUntil(board.notice.isVisible, timeout=LONG)
    assert board.status.text() == "Connecting to the queue…"
    source.down = False
    qtbot.waitUntil(lambda: board.state is not None, timeout=LONG)
    assert not board.notice.isVisible()


def test_the_offline_note_is_written_as_in_indonesia(
    qtbot: Any, make_board: BoardFactory, source: SwitchableSource, watcher: SwitchableWatcher
) -> None:
    board = make_board(language="id")
    source.down = watcher.down = True
    qtbot.waitUntil(lambda: not board.online, timeout=LONG)
    assert board.status.text() == "Terakhir diperbarui: 09.00"  # a translated msgid, 09.00
    assert board.clock.text() == "09.00 WIB"
    assert board.date.text() == "Senin, 6 Mei 2024"
