"""The consent statement shown after the summary (UU PDP, Law No. 27 of 2022)."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.i18n import N_
from kiosk.wizard.messages import translated

CONSENT_TITLE = N_("Your personal data")
CONSENT_AGREE = N_("I agree")
CONSENT_QUESTIONS = N_("In this form: %(questions)s.")
CONSENT_PARAGRAPHS = (
    N_(
        "What we collect: the answers you gave in this form, such as your NIK, your name, "
        "your address and your phone number."
    ),
    N_(
        "Why: only to process the service you asked for. The village office sees your data, "
        "and so does the government agency that handles this service if it needs to."
    ),
    N_(
        "How we keep it: your answers are stored encrypted on this kiosk until they are sent "
        "to the government system. They are not used for anything else and are not given to "
        "anyone else."
    ),
    N_(
        "Your rights: under Law No. 27 of 2022 on Personal Data Protection (UU PDP) you may "
        "ask the village office to show you, correct or delete your data, and you may "
        "withdraw your consent."
    ),
    N_('By pressing "I agree" you allow us to process your data for this service.'),
)


def consent_text(language: str, questions: Sequence[str] = ()) -> str:
    """The whole statement in `language`, one paragraph per line pair; `questions` (the
    labels of what this form asked, answered or not) follow what is collected, so the
    citizen sees exactly which data, their family's included, the consent covers."""
    paragraphs = [translated(paragraph, language) for paragraph in CONSENT_PARAGRAPHS]
    if questions:
        listed = "; ".join(label.rstrip(".?:") for label in questions)
        paragraphs.insert(1, translated(CONSENT_QUESTIONS, language) % {"questions": listed})
    return "\n\n".join(paragraphs)
