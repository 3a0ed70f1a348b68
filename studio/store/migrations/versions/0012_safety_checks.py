"""The advisor's marks that a profile flag was checked (who, when, against which text).

Revision ID: 0012_safety_checks
Revises: 0010_compact_journal
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_safety_checks"
down_revision = "0011_sync_apply"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "safety_check",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.Column("deleted_at", sa.String, nullable=True),
        sa.Column("client_id", sa.String, sa.ForeignKey("client.id"), nullable=False),
        sa.Column("trip_id", sa.String, sa.ForeignKey("trip.id"), nullable=False),
        sa.Column("item_key", sa.String, nullable=False),
        sa.Column("fact_id", sa.String, sa.ForeignKey("profile_fact.id"), nullable=False),
        sa.Column("fingerprint", sa.String, nullable=False),
        sa.Column("checked_by", sa.String, sa.ForeignKey("advisor.id"), nullable=True),
        sa.Column("checked_at", sa.String, nullable=False),
        sa.Column("note", sa.String, nullable=False, server_default=""),
    )
    op.create_index("ix_safety_check_trip", "safety_check", ["trip_id"])


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
