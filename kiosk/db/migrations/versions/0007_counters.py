"""Counters call tickets: who acted on each event, and tickets sent to one loket.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

Written by hand like the others. `ticket_events.actor` is the signed-in clerk's staff
number (never a citizen's data) and `ticket_events.action` names what a counter did
when the state alone does not say it (recall, resume, reprint). `tickets.assigned_counter`
holds a ticket transferred to one loket: only that loket calls it. The index serves
"call next": the waiting tickets of a line, oldest first.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ticket_events") as batch:
        batch.add_column(sa.Column("actor", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("action", sa.String(length=16), nullable=True))
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("assigned_counter", sa.String(length=32), nullable=True))
    op.create_index(
        op.f("ix_tickets_business_date_state"), "tickets", ["business_date", "state"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_tickets_business_date_state"), table_name="tickets")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("assigned_counter")
    with op.batch_alter_table("ticket_events") as batch:
        batch.drop_column("action")
        batch.drop_column("actor")
