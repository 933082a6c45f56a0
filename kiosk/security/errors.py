"""Errors of the office keys, apart from the guard's SQL, so that screens can explain them."""

from __future__ import annotations

from enum import StrEnum

from kiosk.errors import KioskError


class KeyProblem(StrEnum):
    MISSING = "missing"  # the store has no such key, but the database knows one
    DIFFERENT = "different"  # the store's key is not the one the data was sealed with
    NOT_RECORDED = "not_recorded"  # a key that only the kiosk or `keys init` may record
    NOT_CREATED = "not_created"  # no key anywhere yet, and this caller may not create it
    DAMAGED = "damaged"  # the store holds something that is not a key


class KeysRefused(KioskError):
    """The key store does not hold the keys this database's data needs; nothing was
    changed. The message tells a technician what to do."""

    def __init__(self, key_name: str, problem: KeyProblem, message: str) -> None:
        super().__init__(message)
        self.key_name = key_name
        self.problem = problem
