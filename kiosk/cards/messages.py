"""Card and staff errors in plain words, in the person's language."""

from __future__ import annotations

from kiosk.cards.errors import (
    CardAlreadyRegistered,
    InvalidStaffNumber,
    InvalidTag,
    NameRequired,
    StaffAlreadyExists,
    StaffLockedOut,
    UnknownCard,
    UnknownStaff,
    WeakPin,
    WrongPin,
)
from kiosk.catalogue.errors import InvalidAnswer
from kiosk.errors import KioskError
from kiosk.i18n import N_, translations
from kiosk.office_time import office_zone
from kiosk.security.errors import KeysRefused

DEFAULT_TIMEZONE = "Asia/Jakarta"

WEAK_PIN: dict[str, str] = {
    WeakPin.NOT_SIX_DIGITS: N_("A PIN is exactly 6 digits."),
    WeakPin.ALL_SAME: N_("A PIN cannot be one digit repeated. Choose another PIN."),
    WeakPin.SEQUENCE: N_("A PIN cannot be a run of digits such as 123456. Choose another PIN."),
    WeakPin.MISMATCH: N_("The two PINs are not the same. Please type it again."),
}

SIMPLE: dict[type[KioskError], str] = {
    InvalidTag: N_("This is not a card number. A card number has 10 characters (0-9, A-F)."),
    UnknownCard: N_("This card is not registered at this office."),
    CardAlreadyRegistered: N_("This card is already registered."),
    NameRequired: N_("Please type a name."),
    InvalidStaffNumber: N_("A staff number has only digits (at most 12)."),
    UnknownStaff: N_("No staff member has this number."),
    KeysRefused: N_("The keys of this kiosk do not fit its data. Please call the technician."),
}


def describe_card_error(error: KioskError, language: str, timezone: str = DEFAULT_TIMEZONE) -> str:
    """One or two sentences for a card or staff error; the lockout end in office time."""
    translation = translations(language)
    _ = translation.gettext
    if isinstance(error, WrongPin):
        return translation.ngettext(
            "Wrong PIN. %(count)d more try before the account is locked.",
            "Wrong PIN. %(count)d more tries before the account is locked.",
            error.remaining,
        ) % {"count": error.remaining}
    if isinstance(error, StaffLockedOut):
        until = error.until.astimezone(office_zone(timezone))
        return _("Too many wrong PINs. Please try again after %(time)s.") % {
            "time": f"{until:%H:%M}"
        }
    if isinstance(error, WeakPin):
        return _(WEAK_PIN[error.reason])
    if isinstance(error, StaffAlreadyExists):
        return _("Staff number %(number)s is already registered.") % {"number": error.staff_number}
    if isinstance(error, InvalidAnswer):
        return error.text(language)
    for kind, msgid in SIMPLE.items():
        if isinstance(error, kind):
            return _(msgid)
    return _("Something went wrong. Please ask a staff member for help.")
