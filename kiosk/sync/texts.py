"""Sync problems in plain words for the technician and the clerk, in their language."""

from __future__ import annotations

from kiosk.i18n import N_, translations

PROBLEM_TEXTS = {
    "unreachable": N_(
        "The central service cannot be reached (no internet?). Applications are kept here "
        "and sent when the line is back."
    ),
    "busy": N_("The central service is busy. The kiosk tries again by itself."),
    "server_fault": N_("The central service has a fault. The kiosk tries again by itself."),
    "bad_answer": N_(
        "The answer did not come from the central service (a hotspot login page?). The kiosk "
        "tries again by itself."
    ),
    "unauthenticated": N_(
        "The central service does not recognise this kiosk. Ask the district for a new "
        "enrolment code and run: kiosk enrol URL CODE"
    ),
    "revoked": N_(
        "The district has switched this kiosk off at the central service. Nothing is lost: "
        "applications wait here until it is enrolled again."
    ),
    "enrolment_refused": N_(
        "The enrolment code is wrong, already used or expired. Ask the district for a new one."
    ),
    "insecure_address": N_(
        "The central service's address must start with https:// (http:// only on this machine)."
    ),
    "not_enrolled": N_(
        "This kiosk is not enrolled with a central service yet: kiosk enrol URL CODE"
    ),
    "catalogue_refused": N_(
        "A service list from the central service was refused (bad signature); the current "
        "one stays."
    ),
}
GENERIC = N_("Sync did not finish. The kiosk tries again by itself.")


def describe_problem(problem: str, language: str) -> str:
    """The plain sentence for a SyncError's `problem` slug."""
    return translations(language).gettext(PROBLEM_TEXTS.get(problem, GENERIC))
