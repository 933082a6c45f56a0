"""Key checks and one-off data upgrades; unknown staff numbers no longer stored.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

Written by hand like the others. `key_checks` holds a value that recognises each
office key without revealing it (kiosk.security.keys.check_value), so that a kiosk
whose key store lost or swapped a key refuses to start instead of sealing with a new
one. Sign-ins with an unknown staff number were audited with the number as typed (a
number and PIN typed together then landed in the clear): those are blanked. Re-sealing
applications bound to their tracking code and service, and keying PIN hashes with the
pepper, need the keys, so they happen at the first start after this upgrade, once
(`data_upgrades` records it; kiosk.security.upgrades, kiosk.cli.office_keys), not here.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "key_checks",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("check_value", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_key_checks")),
    )
    op.create_table(
        "data_upgrades",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_data_upgrades")),
    )
    op.execute("UPDATE staff_events SET staff_number = NULL WHERE kind = 'unknown_number'")


def downgrade() -> None:
    op.drop_table("data_upgrades")
    op.drop_table("key_checks")
