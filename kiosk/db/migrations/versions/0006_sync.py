"""Sync with the centre: the enrolment row, the centre's answer per outbox row, messages.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

Written by hand like the others. `sync_state` is one row: the centre's URL, this
kiosk's id there, the centre's public sealing and signing keys, the status cursor and
how the last attempt went (the credential itself is in the key store);
`catalogue_documents` the last catalogue the centre signed, as sent. Outbox rows
keep the centre's per-item outcome and reason next to `sent_at`; an application keeps
the message the centre sent with its last status (per language) and when its answers
were deleted after the retention period.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("central_url", sa.String(length=2048), nullable=False),
        sa.Column("kiosk_id", sa.String(length=36), nullable=False),
        sa.Column("sealing_key", sa.LargeBinary(), nullable=False),
        sa.Column("signing_key", sa.LargeBinary(), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_cursor", sa.Integer(), nullable=False),
        sa.Column("catalogue_version", sa.String(length=64), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_problem", sa.String(length=32), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "catalogue_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_documents")),
    )
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("outcome", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("reason_code", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("reason", sa.String(length=500), nullable=True))
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("status_message", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("answers_deleted_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("answers_deleted_at")
        batch.drop_column("status_message")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("reason")
        batch.drop_column("reason_code")
        batch.drop_column("outcome")
    op.drop_table("catalogue_documents")
    op.drop_table("sync_state")
