"""The voice: numbers in words, codes symbol by symbol, questions and errors read aloud."""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QLocale
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.cli.speech_server import ServerHung, ServerStopped, private_server
from kiosk.cli.voice_check import engine_problem, module_finding, output_modules
from kiosk.queue.announce import call_sentence
from tests.ui.guided_steps import NIK, open_service, type_keys
from tests.ui.helpers import tap
from ui.voice import (
    SpeakerTiming,
    Voice,
    choose_engine,
    speakable,
    spoken_code,
    spoken_ticket,
)

DIGITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


@pytest.mark.parametrize(
    ("text", "language", "spoken"),
    [
        ("Langkah 2 dari 6", "id", "Langkah dua dari enam"),
        ("Step 2 of 14", "en", "Step two of fourteen"),
        ("Berat 2,5 kg", "id", "Berat dua koma lima kg"),
        ("HP 0812 3456", "id", "HP nol delapan satu dua tiga ribu empat ratus lima puluh enam"),
        (
            "NIK 3273011708850001",
            "id",
            "NIK " + " ".join(DIGITS[int(d)] for d in "3273011708850001"),
        ),
        ("17 Agustus 1945", "id", "tujuh belas Agustus seribu sembilan ratus empat puluh lima"),
    ],
)
def test_numbers_are_spoken_naturally(text, language, spoken):
    assert speakable(text, language) == spoken


def test_codes_are_spoken_symbol_by_symbol():
    assert spoken_code("K7QM-2XHD", "id") == "K, tujuh, Q, M, dua, X, H, D"
    assert spoken_code("K7QM-2XHD", "en") == "K, seven, Q, M, two, X, H, D"


def test_the_question_and_its_errors_are_read_aloud(qtbot, guided):
    open_service(qtbot, guided, "surat-keterangan-domisili")
    question = "Langkah satu dari empat belas. Nomor Induk Kependudukan (NIK). "
    assert guided.voice.spoken[-1] == question + "enam belas angka pada KTP-el Anda."
    tap(qtbot, guided, "speak")
    assert guided.voice.spoken[-1] == question + "enam belas angka pada KTP-el Anda."
    tap(qtbot, guided, "next")
    assert guided.voice.spoken[-1] == "Mohon jawab pertanyaan ini."
    type_keys(qtbot, guided, NIK)
    tap(qtbot, guided, "next")
    assert guided.voice.spoken[-1].startswith("Langkah dua dari empat belas. Nama lengkap")


def test_the_tracking_code_is_read_symbol_by_symbol(qtbot, guided, fake_services):
    from tests.ui.guided_steps import agree_and_finish, fill_questions

    open_service(qtbot, guided, "surat-keterangan-usaha")
    fill_questions(qtbot, guided)
    agree_and_finish(qtbot, guided)
    code = next(iter(fake_services.stored))
    assert spoken_code(code, "id") in guided.voice.spoken[-1]


def test_a_disabled_voice_says_nothing():
    class Recording(Voice):
        def _speak(self, text: str) -> None:
            raise AssertionError(text)

    voice = Recording(enabled=False)
    voice.say("Langkah 1 dari 6")
    voice.enabled = True
    voice.say("   ")  # nothing to say


def test_without_an_engine_the_voice_is_silent_and_logs_once(monkeypatch, caplog, qapp):
    monkeypatch.setattr("ui.voice.choose_engine", lambda: None)
    voice = Voice(enabled=True)
    with caplog.at_level(logging.WARNING, logger="ui.voice"):
        voice.say("Langkah 1 dari 6")
        voice.say("Langkah 2 dari 6")
        voice.stop()
        assert voice.shutdown()  # the thread handles both first, then stops
    assert [r.getMessage() for r in caplog.records] == [
        "no text-to-speech engine: the kiosk stays silent"
    ]


@pytest.fixture
def speech_server(tmp_path, monkeypatch) -> Iterator[None]:
    """A private speech-dispatcher for the real engine, stopped afterwards.

    The user's auto-spawned server is not used: without a sound card it hangs when it
    closes its espeak-ng module, and every later client would wait for it forever. A
    server that cannot start fails the test with its reason and the fix (the voice
    check's words: `kiosk doctor voice` says the same), not with a bare timeout.
    """
    program = shutil.which("speech-dispatcher")
    if program is None:
        skip_outside_ci("speech-dispatcher is not installed")
    with private_server(program, tmp_path) as server:
        try:
            server.wait_until_listening(30, threading.Event())
        except (ServerStopped, ServerHung) as error:
            found = [module_finding(output_modules()), engine_problem(error)]
            pytest.fail(
                " ".join(
                    f"{f.what_in()}: {f.detail_in()} Fix: {f.fix_in()}" for f in found if f.problem
                )
            )
        monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{server.socket_path}")
        yield


def skip_outside_ci(reason: str) -> None:
    """CI installs the voice (scripts/bootstrap), so there a missing one is a failure."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def offers_indonesian(engine: str) -> bool:
    """Whether `engine` has an Indonesian voice, asked with an engine of the test's own."""
    probe = QTextToSpeech(engine)
    try:
        locales = probe.availableLocales()
        return any(locale.language() == QLocale.Language.Indonesian for locale in locales)
    finally:
        del probe


def test_the_real_engine_speaks_indonesian(qtbot, request):
    engine = choose_engine()
    if engine is None:
        skip_outside_ci(
            "no Qt TextToSpeech engine here (available: "
            f"{QTextToSpeech.availableEngines()}); install speech-dispatcher and espeak-ng"
        )
    if engine == "speechd":
        request.getfixturevalue("speech_server")
    indonesian = offers_indonesian(engine)
    # Patient: this is about the real voice, not how long the kiosk waits for it.
    patient = SpeakerTiming(start_seconds=60, answer_seconds=60)
    voice = Voice(enabled=True, language="id", engine=engine, timing=patient)
    chosen: list[tuple[str, str]] = []
    voice.voice_chosen.connect(lambda locale, name: chosen.append((locale, name)))
    try:
        with qtbot.waitSignal(voice.state_changed, timeout=10_000) as changed:
            voice.say("Langkah 2 dari 6")
        assert changed.args[0] in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Ready)
        # Listing speech-dispatcher's voices starts its espeak module: slow on a busy
        # machine (once over 10 s in the full suite on 2 cores).
        qtbot.waitUntil(lambda: bool(chosen), timeout=30_000)
    finally:
        voice.stop()
        assert voice.shutdown(5_000), "the speaker process hung"
    if not indonesian:
        skip_outside_ci(f"engine {engine} has no Indonesian voice; install espeak-ng")
    ((locale, name),) = chosen
    assert QLocale(locale).language() == QLocale.Language.Indonesian, (locale, name)


def test_a_missing_voice_is_warned_about_once_per_language(qtbot, caplog):
    """Qt's test engine has no Indonesian voice: its own reads, and the log says so once."""
    if "mock" not in QTextToSpeech.availableEngines():
        pytest.skip("Qt's mock text-to-speech engine is not installed")
    voice = Voice(enabled=True, language="id", engine="mock")
    chosen: list[str] = []
    voice.voice_chosen.connect(lambda locale, _name: chosen.append(locale))
    states: list[QTextToSpeech.State] = []
    voice.state_changed.connect(states.append)
    try:
        with caplog.at_level(logging.WARNING, logger="ui.voice"):
            for language in ["id", "id", "en", "id", "jv", "jv", "id"]:
                voice.set_language(language)
                voice.say("Langkah 1 dari 6")
            qtbot.waitUntil(lambda: len(chosen) == 5, timeout=10_000)
            qtbot.waitUntil(lambda: QTextToSpeech.State.Speaking in states, timeout=10_000)
    finally:
        voice.stop()
        assert voice.shutdown(5_000), "the speaker process hung"
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith("text-to-speech engine mock has no id_ID voice for language id:")
    assert warnings[1].startswith("text-to-speech engine mock has no id_ID voice for language jv:")
    assert all("Langkah" not in warning for warning in warnings)
    assert QLocale(chosen[0]).language() != QLocale.Language.Indonesian  # the engine's own
    assert chosen[1] == "en_US"
    assert chosen[2:] == [chosen[1]] * 3  # no Indonesian voice: the current one reads on


def test_shutdown_stops_speech_in_progress(qtbot):
    """Qt's test engine reads word by word: at shutdown it stops mid-text (Ready), not
    torn down while still speaking."""
    if "mock" not in QTextToSpeech.availableEngines():
        pytest.skip("Qt's mock text-to-speech engine is not installed")
    voice = Voice(enabled=True, language="en", engine="mock")
    states: list[QTextToSpeech.State] = []
    voice.state_changed.connect(states.append)
    voice.say("Langkah 1 dari 6. " * 20)
    qtbot.waitUntil(lambda: QTextToSpeech.State.Speaking in states, timeout=10_000)
    assert voice.shutdown(5_000), "the speaker process hung"
    qtbot.waitUntil(lambda: states[-1] == QTextToSpeech.State.Ready, timeout=1_000)


@pytest.mark.parametrize(
    ("prefix", "number", "language", "spoken"),
    [
        ("B", 1, "id", "be satu"),  # the letter as said in Indonesian, as the board says it
        ("A", 12, "id", "a dua belas"),
        ("C", 105, "en", "C one hundred and five"),
        ("B", 12, "jv", "be kalih welas"),  # krama numbers, as the board says them
    ],
)
def test_a_queue_ticket_is_read_as_the_counter_calls_it(prefix, number, language, spoken):
    assert spoken_ticket(prefix, number, language) == spoken
    assert spoken in call_sentence(prefix, number, "2", language)  # the board's own words


@given(st.integers(min_value=1, max_value=999))
def test_a_ticket_number_never_reads_its_printed_zeros(number):
    spoken = spoken_ticket("B", number, "id")
    assert spoken.startswith("be ") and "nol" not in spoken
    assert not any(symbol.isdigit() for symbol in spoken)


@given(st.text(max_size=40), st.integers(min_value=0, max_value=10**9))
def test_any_line_prefix_and_number_are_read_without_symbols_or_digits(prefix, number):
    """A prefix comes from the office's settings: whatever it holds, the voice gets
    letters and words, never punctuation to spell out or digits to read one by one."""
    spoken = spoken_ticket(prefix, number, "id")
    words = spoken.split(" ")
    assert all(symbol.isalnum() for word in words for symbol in word)
    assert not any(symbol in "0123456789" for symbol in spoken)
