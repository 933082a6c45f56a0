"""The guided-service wizard's Qt-free core: steps, validation, summary, consent."""

from kiosk.wizard.consent import consent_text
from kiosk.wizard.errors import WizardError, WizardWiped, WrongStage
from kiosk.wizard.form import CompletedForm
from kiosk.wizard.machine import Wizard
from kiosk.wizard.views import ChoiceView, Stage, Step, SummaryRow

__all__ = [
    "ChoiceView",
    "CompletedForm",
    "Stage",
    "Step",
    "SummaryRow",
    "Wizard",
    "WizardError",
    "WizardWiped",
    "WrongStage",
    "consent_text",
]
