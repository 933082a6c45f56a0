"""The queue: services, daily counters, tickets and ticket events.

Revision ID: 0001
Revises:
Create Date: 2026-11-27

Written by hand from autogenerate's draft. Column types are spelled as what the database
holds (VARCHAR for the enums, which are stored by value; DateTime(timezone=True) for the
UTC timestamps), so this file never imports the application's models.
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


def _timestamp(name: str, nullable: bool = True) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("prefix", sa.String(length=4), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("descriptions", sa.JSON(), nullable=False),
        sa.Column("where_to_wait", sa.JSON(), nullable=False),
        sa.Column("range_start", sa.Integer(), nullable=False),
        sa.Column("range_end", sa.Integer(), nullable=False),
        sa.Column("avg_service_minutes", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "range_start >= 1 AND range_end >= range_start",
            name=op.f("ck_services_number_range"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services")),
        sa.UniqueConstraint("code", name=op.f("uq_services_code")),
    )
    op.create_table(
        "daily_counters",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_daily_counters_service_id_services")
        ),
        sa.PrimaryKeyConstraint("service_id", "business_date", name=op.f("pk_daily_counters")),
    )
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        _timestamp("issued_at", nullable=False),
        _timestamp("called_at"),
        _timestamp("serving_started_at"),
        _timestamp("finished_at"),
        sa.Column("counter", sa.String(length=32), nullable=True),
        sa.Column("transferred_from_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_tickets_service_id_services")
        ),
        sa.ForeignKeyConstraint(
            ["transferred_from_id"],
            ["tickets.id"],
            name=op.f("fk_tickets_transferred_from_id_tickets"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint(
            "service_id",
            "business_date",
            "number",
            name=op.f("uq_tickets_service_id_business_date_number"),
        ),
    )
    op.create_index(
        op.f("ix_tickets_service_id_business_date_state"),
        "tickets",
        ["service_id", "business_date", "state"],
    )
    op.create_table(
        "ticket_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        _timestamp("at", nullable=False),
        sa.Column("counter", sa.String(length=32), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_events_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_events")),
    )
    op.create_index(op.f("ix_ticket_events_ticket_id"), "ticket_events", ["ticket_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_ticket_events_ticket_id"), table_name="ticket_events")
    op.drop_table("ticket_events")
    op.drop_index(op.f("ix_tickets_service_id_business_date_state"), table_name="tickets")
    op.drop_table("tickets")
    op.drop_table("daily_counters")
    op.drop_table("services")
