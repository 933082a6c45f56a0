"""Qt's own on-screen keyboard, on a real X server (Xvfb, which scripts/bootstrap
installs): it never shows on the guided path, text questions included (they have the
letter keypad), nor on the NIK proposal, the date entry, a keypad or "Masih di sini?"."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ui.guided.parts import SCREEN_MARGIN_PX

ROOT = Path(__file__).resolve().parents[3]
SCREEN = "-screen 0 1280x800x24"
RUN_SECONDS = 120  # about 2 s here; Qt's keyboard loads QML on first use
MIN_BUTTON_PX = 86
TEXT_STEPS = ("text", "text_again", "back_to_text", "resumed")
OTHER_STEPS = ("proposal", "date", "keypad", "still_there")


@pytest.fixture(scope="module")
def walk() -> dict:
    """The steps of tests/ui/guided/real_keyboard.py, as it saw them."""
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is not installed (scripts/bootstrap installs it)")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "QT_IM_MODULE": "qtvirtualkeyboard"}
    command = ["xvfb-run", "-a", "-s", SCREEN, sys.executable, "-m"]
    run = subprocess.run(
        [*command, "tests.ui.guided.real_keyboard"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS,
        check=False,
    )
    lines = run.stdout.strip().splitlines()
    assert run.returncode == 0 and lines, run.stderr[-3000:]
    seen = json.loads(lines[-1])
    assert seen["platform"] == "xcb"
    return dict(seen["steps"])


@pytest.mark.slow
@pytest.mark.parametrize("step", TEXT_STEPS)
def test_a_text_question_has_the_letter_keypad_not_the_keyboard(walk, step):
    seen = walk[step]
    assert seen["screen"] == "question"
    assert not seen["keyboard"], seen
    assert seen["focus"] == "text_answer"  # the letter entry: a hardware keyboard works
    assert seen["question_margin"] == SCREEN_MARGIN_PX  # nothing to make room for
    assert seen["overlapping"] == []
    assert seen["lowest_button_px"] >= MIN_BUTTON_PX


@pytest.mark.slow
@pytest.mark.parametrize("step", OTHER_STEPS)
def test_the_keyboard_is_gone_when_no_text_is_asked(walk, step):
    seen = walk[step]
    assert not seen["keyboard"], seen
    assert seen["focus"] != "text_answer"
    assert seen["question_margin"] == SCREEN_MARGIN_PX
    assert seen["overlapping"] == []  # the date steppers overlapped under it
    assert seen["lowest_button_px"] >= MIN_BUTTON_PX
