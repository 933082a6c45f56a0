"""Cards: staff members (PIN hash, badge fingerprint, lockout), card holders, staff events.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Written by hand like 0001 and 0002. Tags are stored only as HMAC fingerprints; a card
holder's NIK and name only inside the `sealed` BLOB; staff events name staff numbers
and never a citizen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FINGERPRINT_LENGTH = 64


def _timestamp(name: str, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "staff_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_number", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("badge_fingerprint", sa.String(length=FINGERPRINT_LENGTH), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        _timestamp("locked_until", nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_members")),
        sa.UniqueConstraint("staff_number", name=op.f("uq_staff_members_staff_number")),
        sa.UniqueConstraint("badge_fingerprint", name=op.f("uq_staff_members_badge_fingerprint")),
    )
    op.create_table(
        "card_holders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=FINGERPRINT_LENGTH), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_holders")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_card_holders_fingerprint")),
    )
    op.create_table(
        "staff_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("staff_number", sa.String(length=16), nullable=True),
        _timestamp("at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_events")),
    )
    op.create_index(op.f("ix_staff_events_staff_number"), "staff_events", ["staff_number"])


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_events_staff_number"), table_name="staff_events")
    op.drop_table("staff_events")
    op.drop_table("card_holders")
    op.drop_table("staff_members")
