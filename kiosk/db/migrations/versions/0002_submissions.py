"""Submissions: sealed records, their status events and the sync outbox.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

Written by hand like 0001: enums are VARCHARs holding their values, timestamps
DateTime(timezone=True) holding UTC, and the personal data only in the `sealed` BLOB.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _submission_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["submission_id"], ["submissions.id"], name=op.f(f"fk_{table}_submission_id_submissions")
    )


def upgrade() -> None:
    op.create_table(
        "submissions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("tracking_code", sa.String(length=9), nullable=False),
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.Column("service_version", sa.Integer(), nullable=False),
        sa.Column("service_title", sa.JSON(), nullable=False),
        sa.Column("requirements", sa.JSON(), nullable=False),
        sa.Column("output", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.Column("ready_on", sa.Date(), nullable=False),
        sa.Column("assisted", sa.Boolean(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submissions")),
        sa.UniqueConstraint("tracking_code", name=op.f("uq_submissions_tracking_code")),
    )
    op.create_table(
        "submission_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        _timestamp("at"),
        _submission_fk("submission_events"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_events")),
    )
    op.create_index(
        op.f("ix_submission_events_submission_id"), "submission_events", ["submission_id"]
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        _timestamp("created_at"),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _timestamp("next_attempt_at"),
        _timestamp("sent_at", nullable=True),
        _submission_fk("outbox"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index(op.f("ix_outbox_submission_id"), "outbox", ["submission_id"])
    op.create_index(
        op.f("ix_outbox_sent_at_next_attempt_at"), "outbox", ["sent_at", "next_attempt_at"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_outbox_sent_at_next_attempt_at"), table_name="outbox")
    op.drop_index(op.f("ix_outbox_submission_id"), table_name="outbox")
    op.drop_table("outbox")
    op.drop_index(op.f("ix_submission_events_submission_id"), table_name="submission_events")
    op.drop_table("submission_events")
    op.drop_table("submissions")
