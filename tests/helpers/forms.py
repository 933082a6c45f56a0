"""Filling a shipped service's wizard in code, as a citizen would answer it."""

from __future__ import annotations

from kiosk.wizard import Stage, Wizard

NIK = "3171011708450001"
ANSWERS = {
    "nik": NIK,
    "nama": "Siti Aminah",
    "no_hp": "0812 3456 7890",
    "keperluan": "hilang",
    "surat_kehilangan": "sudah",
}


def completed(wizard: Wizard) -> Wizard:
    """Answer the e-KTP reprint form as a citizen would, through summary and consent."""
    while wizard.stage is Stage.QUESTIONS:
        step = wizard.current
        assert step is not None
        assert wizard.answer(ANSWERS[step.name]) == [], step.name
        assert wizard.next() == []
    assert wizard.next() == []  # summary -> consent
    wizard.accept_consent()
    return wizard
