"""How a setting's value is shown: secrets hidden, in `kiosk config show`, a settings
object's repr, the settings errors and the log lines alike."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.config.option import Option, SettingValue

HIDDEN = "***"
# A query parameter holding a password: libpq takes ?password= and ?sslpassword= too.
_QUERY_PASSWORD = re.compile(r"([?&][^=&#]*password[^=&#]*=)[^&#]*", re.IGNORECASE)


class Secret(StrEnum):
    """What of an option's value is never shown (declared per option in the schema)."""

    NONE = "none"
    URL_PASSWORD = "url-password"  # a URL's password: user:***@host, ?password=***
    VALUE = "value"  # the whole value (a token, a passphrase)


def shown(option: Option, value: SettingValue) -> SettingValue:
    """`value` as it may be printed or logged: the option's secret part hidden."""
    if option.secret is Secret.VALUE and str(value):
        return HIDDEN
    if option.secret is Secret.URL_PASSWORD:
        return hide_url_password(str(value))
    return value


def hide_url_password(url: str) -> str:
    """The URL as written, its password replaced by ***.

    Done on the text rather than with SQLAlchemy's URL (whose rendering re-encodes the
    URL and shows a ``?password=``), and generously: the user part ends at the last "@",
    so a password holding an unencoded "@", "/" or "?" never shows in part.
    """
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    at = rest.rfind("@")
    if at >= 0:
        user, colon, _password = rest[:at].partition(":")
        if colon:
            rest = f"{user}:{HIDDEN}@{rest[at + 1 :]}"
    return f"{scheme}://" + _QUERY_PASSWORD.sub(rf"\g<1>{HIDDEN}", rest)
