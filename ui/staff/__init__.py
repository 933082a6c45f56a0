"""Staff screens: signing in with a staff number or a badge, always with a PIN."""

from ui.staff.contracts import StaffPort
from ui.staff.relay import CardRelay
from ui.staff.sign_in import StaffSignIn

__all__ = ["CardRelay", "StaffPort", "StaffSignIn"]
