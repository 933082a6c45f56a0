"""The summary's answers in a few blocks (about you, address, your request), worked out
from the form's order and field names, so no service file needs a section of its own."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.catalogue.model import FieldType, ServiceDefinition
from kiosk.i18n import N_
from kiosk.wizard import SummaryRow

ABOUT_YOU = N_("About you")
ADDRESS = N_("Address")
REQUEST = N_("Your request")
# Words of the shipped services' field names (split at "_") that say "where": the
# address a citizen lives at, or moves to (pindah: provinsi_tujuan, alamat_tujuan).
ADDRESS_WORDS = frozenset(
    {"alamat", "rt", "rw", "dusun", "desa", "kelurahan", "kecamatan", "kabupaten"}
    | {"kota", "provinsi", "tinggal", "tujuan", "kode", "pos"}
)


@dataclass(frozen=True)
class Block:
    title: str  # a msgid (ABOUT_YOU, ADDRESS or REQUEST)
    rows: tuple[SummaryRow, ...]


def summary_blocks(rows: list[SummaryRow], definition: ServiceDefinition) -> list[Block]:
    """About you: the rows up to the citizen's phone number (every shipped service asks
    who you are and how to reach you first); then the address rows, then the rest.
    Without a phone question every row is one block. Empty blocks are left out."""
    phone = _first_phone(rows, definition)
    if phone is None:
        return [Block(REQUEST, tuple(rows))] if rows else []
    about, rest = rows[: phone + 1], rows[phone + 1 :]
    address = [row for row in rest if _is_address(row.field_name)]
    request = [row for row in rest if not _is_address(row.field_name)]
    blocks = [Block(ABOUT_YOU, tuple(about)), Block(ADDRESS, tuple(address))]
    blocks.append(Block(REQUEST, tuple(request)))
    return [block for block in blocks if block.rows]


def _first_phone(rows: list[SummaryRow], definition: ServiceDefinition) -> int | None:
    types = {field.name: field.type for field in definition.fields}
    for index, row in enumerate(rows):
        if types.get(row.field_name) is FieldType.PHONE:
            return index
    return None


def _is_address(name: str) -> bool:
    return not ADDRESS_WORDS.isdisjoint(name.lower().split("_"))
