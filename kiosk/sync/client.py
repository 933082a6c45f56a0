"""The kiosk's HTTP client of the centre: TLS always verified, timeouts always set.

Plain http:// is allowed only to this machine (the demo's centre on loopback); any
other address must be https://, checked against the system's CAs or the district's
own bundle. Answers are read with a size cap and a content-type check before they
are parsed (kiosk.sync.wire), so a hotspot's login page or a hostile server gives a
clear CentralAnswerInvalid instead of a crash or a memory blow-up.
"""

from __future__ import annotations

import gzip
import ipaddress
import json
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from kiosk.sync import wire
from kiosk.sync.errors import (
    CentralAnswerInvalid,
    CentralBusy,
    CentralFault,
    CentralUnreachable,
    EnrolmentRefused,
    InsecureAddress,
    KioskRevoked,
    NotAuthenticated,
)

log = logging.getLogger(__name__)

MAX_ANSWER_BYTES = 1024 * 1024  # the largest answer is a catalogue of a few dozen services
MAX_CATALOGUE_BYTES = 8 * 1024 * 1024
RETRY_AFTER_CAP = 3600.0  # a Retry-After of days is a broken proxy, not a plan
GZIP_FROM_BYTES = 1024  # smaller bodies gain less than gzip's own 18 bytes of framing


class CentralClient:
    """One centre, one credential; a requests Session keeps the TLS connection alive."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        timeouts: tuple[float, float],
        ca_bundle: str = "",
        user_agent: str = "anjungan",
    ) -> None:
        self._base = checked_url(base_url)
        self._timeouts = timeouts
        self._session = requests.Session()
        self._session.trust_env = False  # no proxy or .netrc from the environment
        self._session.verify = ca_bundle or True
        self._session.headers["User-Agent"] = user_agent
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"

    def __repr__(self) -> str:
        return f"CentralClient({self._base!r})"

    def close(self) -> None:
        self._session.close()

    def time(self) -> datetime:
        """The centre's clock, to tell how far the kiosk's is off."""
        return wire.parse_server_time(self._json("GET", "/v1/time"))

    def enrol(self, code: str, name: str, software_version: str) -> wire.Enrolment:
        body = {"code": code, "name": name, "software_version": software_version}
        return wire.parse_enrolment(self._json("POST", "/v1/enrolments", body))

    def upload(self, items: Sequence[wire.UploadItem]) -> list[wire.ItemResult]:
        body = {"items": [item.to_json() for item in items]}
        return wire.parse_results(self._json("POST", "/v1/applications/batch", body), items)

    def status_changes(self, after: int, limit: int = 200) -> wire.StatusPage:
        path = f"/v1/status-changes?after={int(after)}&limit={int(limit)}"
        return wire.parse_status_page(self._json("GET", path), after)

    def catalogue(self, etag: str | None) -> wire.SignedDocument | None:
        """The signed catalogue, or None when `etag` is still current (304)."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self._send("GET", "/v1/catalogue", None, headers)
        if response.status_code == 304:
            response.close()
            return None
        answer = _read_json(response, MAX_CATALOGUE_BYTES)
        return wire.parse_signed(answer, response.headers.get("ETag"))

    def report_health(self, report: dict[str, Any]) -> None:
        self._send("POST", "/v1/health", report).close()

    def _json(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return _read_json(self._send(method, path, body), MAX_ANSWER_BYTES)

    def _send(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        data, coding = _encoded(body)
        try:
            response = self._session.request(
                method,
                self._base + path,
                data=data,
                headers={**coding, **(headers or {})},
                timeout=self._timeouts,
                stream=True,
                allow_redirects=False,
            )
        except requests.exceptions.SSLError as error:
            # A certificate the kiosk does not trust is not a line problem to wait out
            # silently: the technician sees it in `kiosk sync status`.
            raise CentralUnreachable(f"TLS check failed: {type(error).__name__}") from None
        except requests.exceptions.RequestException as error:
            reason = type(error).__name__
            raise CentralUnreachable(f"no answer from the centre ({reason})") from None
        _raise_for_problem(response)
        return response


def _encoded(body: dict[str, Any] | None) -> tuple[bytes | None, dict[str, str]]:
    """The body as compact JSON, gzipped when large (the contract accepts gzip);
    answers come back gzipped too, and requests inflates them under our size caps."""
    if body is None:
        return None, {}
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if len(data) >= GZIP_FROM_BYTES:
        data = gzip.compress(data, compresslevel=9, mtime=0)
        headers["Content-Encoding"] = "gzip"
    return data, headers


def checked_url(url: str) -> str:
    """`url` without a trailing slash, if the kiosk may send citizen data there."""
    parts = urlsplit(url.strip())
    if parts.scheme == "https" and parts.hostname:
        return url.strip().rstrip("/")
    if parts.scheme == "http" and parts.hostname and _is_loopback(parts.hostname):
        return url.strip().rstrip("/")
    raise InsecureAddress(
        "the centre's address must start with https:// (http:// only to this machine)"
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _raise_for_problem(response: requests.Response) -> None:
    status = response.status_code
    if status < 400 and status not in (301, 302, 303, 307, 308):
        return
    slug = _problem_slug(response)
    if status in (301, 302, 303, 307, 308):
        raise CentralAnswerInvalid("the centre's address redirects elsewhere")
    if status == 401:
        raise NotAuthenticated("the centre does not know this kiosk's credential")
    if status == 403 and slug == "kiosk-revoked":
        raise KioskRevoked("an operator revoked this kiosk")
    if status == 403 and slug == "enrolment-code-invalid":
        raise EnrolmentRefused("the enrolment code is wrong, used or expired")
    if status in (429, 503):
        raise CentralBusy(f"the centre is busy ({status})", _retry_after(response))
    if status >= 500:
        raise CentralFault(f"the centre failed ({status})")
    raise CentralAnswerInvalid(f"the centre refused the request ({status} {slug or ''})".strip())


def _problem_slug(response: requests.Response) -> str | None:
    """The problem type's last part, from a small problem+json body; None otherwise."""
    try:
        if not response.headers.get("Content-Type", "").startswith("application/problem+json"):
            return None
        body = json.loads(_read_capped(response, 64 * 1024))
        kind = body.get("type") if isinstance(body, dict) else None
        return kind.rsplit("/", 1)[-1] if isinstance(kind, str) else None
    except (ValueError, CentralAnswerInvalid, requests.exceptions.RequestException):
        return None
    finally:
        response.close()


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if not value.isdigit():
        return None  # an HTTP date is rare from an API; the backoff decides then
    return min(float(value), RETRY_AFTER_CAP)


def _read_json(response: requests.Response, limit: int) -> Any:
    try:
        kind = response.headers.get("Content-Type", "")
        if not kind.split(";")[0].strip() == "application/json":
            raise CentralAnswerInvalid("the answer is not JSON (a hotspot's login page?)")
        return json.loads(_read_capped(response, limit))
    except (ValueError, UnicodeDecodeError):
        raise CentralAnswerInvalid("the answer is not valid JSON") from None
    finally:
        response.close()


def _read_capped(response: requests.Response, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(chunk_size=64 * 1024):
            size += len(chunk)
            if size > limit:
                raise CentralAnswerInvalid("the answer is larger than any the contract allows")
            chunks.append(chunk)
    except requests.exceptions.RequestException as error:
        raise CentralUnreachable(f"the answer was cut off ({type(error).__name__})") from None
    return b"".join(chunks)
