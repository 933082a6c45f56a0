"""Tickets: who is printing a ticket (host, boot, process), for start-up reconciliation.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

Written by hand like the others. A number is committed in the new state ``printing``
before its first byte leaves for the printer (the state column is a VARCHAR(16), so the
new states ``printing`` and ``voided`` need no type change). These columns name the
process that is printing it, so that a starting kiosk voids only a ticket whose printer
process is provably dead (same host and boot, process gone; or an earlier boot of this
host) and leaves alone one that another live process is printing right now. The index
on ``state`` finds the few ``printing`` tickets without scanning years of tickets.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("printing_host", "printing_boot_id", "printing_pid", "printing_process_start")


def upgrade() -> None:
    op.add_column("tickets", sa.Column("printing_host", sa.String(length=255), nullable=True))
    op.add_column("tickets", sa.Column("printing_boot_id", sa.String(length=64), nullable=True))
    op.add_column("tickets", sa.Column("printing_pid", sa.Integer(), nullable=True))
    op.add_column("tickets", sa.Column("printing_process_start", sa.BigInteger(), nullable=True))
    op.create_index(op.f("ix_tickets_state"), "tickets", ["state"])


def downgrade() -> None:
    op.drop_index(op.f("ix_tickets_state"), table_name="tickets")
    with op.batch_alter_table("tickets") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
