"""The centre's first schema: kiosks, codes, applications, status changes, definitions, health.

Revision ID: 0001
Revises:
Create Date: 2026-12-05

Written by hand from autogenerate's draft; column types are spelled as the database
holds them, so this file never imports the application's models.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _time(name: str, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _sha(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(64), nullable=False)


def upgrade() -> None:
    op.create_table(
        "kiosks",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        _sha("token_sha256"),
        _time("enrolled_at"),
        _time("revoked_at", nullable=True),
        sa.Column("software_version", sa.String(40), nullable=True),
        sa.UniqueConstraint("token_sha256", name="uq_kiosks_token_sha256"),
    )
    op.create_table(
        "enrolment_codes",
        sa.Column("code_sha256", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        _time("created_at"),
        _time("expires_at"),
        _time("used_at", nullable=True),
        sa.Column("kiosk_id", sa.Uuid(), sa.ForeignKey("kiosks.id"), nullable=True),
    )
    _create_applications()
    op.create_table(
        "status_counter",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
    )
    op.execute("INSERT INTO status_counter (id, last_seq) VALUES (1, 0)")
    _create_status_changes()
    op.create_table(
        "definitions",
        sa.Column("service_id", sa.String(100), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("source", sa.Text(), nullable=False),
        _time("first_served_at"),
    )
    op.create_table(
        "health_reports",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("kiosk_id", sa.Uuid(), sa.ForeignKey("kiosks.id"), nullable=False),
        _time("at"),
        _time("received_at"),
        sa.Column("report", sa.JSON(), nullable=False),
    )
    op.create_index("ix_health_reports_kiosk", "health_reports", ["kiosk_id", "id"])


def _create_applications() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("kiosk_id", sa.Uuid(), sa.ForeignKey("kiosks.id"), nullable=False),
        sa.Column("tracking_code", sa.String(32), nullable=False),
        sa.Column("service_id", sa.String(100), nullable=False),
        sa.Column("service_version", sa.Integer(), nullable=False),
        _time("created_at"),
        _time("received_at"),
        _sha("content_sha256"),
        sa.Column("envelope", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("status_message", sa.JSON(), nullable=True),
        _time("status_changed_at"),
    )
    op.create_index("ix_applications_kiosk_id", "applications", ["kiosk_id"])
    op.create_index("ix_applications_tracking_code", "applications", ["tracking_code"])
    op.create_index("ix_applications_status", "applications", ["status", "received_at"])


def _create_status_changes() -> None:
    op.create_table(
        "status_changes",
        sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("application_id", sa.Uuid(), sa.ForeignKey("applications.id"), nullable=False),
        sa.Column("kiosk_id", sa.Uuid(), sa.ForeignKey("kiosks.id"), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("message", sa.JSON(), nullable=True),
        _time("at"),
    )
    op.create_index("ix_status_changes_application_id", "status_changes", ["application_id"])
    op.create_index("ix_status_changes_kiosk_seq", "status_changes", ["kiosk_id", "seq"])


def downgrade() -> None:
    for table in (
        "health_reports",
        "definitions",
        "status_changes",
        "status_counter",
        "applications",
        "enrolment_codes",
        "kiosks",
    ):
        op.drop_table(table)
