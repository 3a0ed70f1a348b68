"""Indexes for the client list's default order and for the clock's start-up read; a leaner journal.

Revision ID: 0003_list_indexes
Revises: 0002_search
Create Date: 2026-11-22
"""

from alembic import op

revision = "0003_list_indexes"
down_revision = "0002_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The client list sorts live clients by name without case; this index hands them over in order.
    op.execute(
        "CREATE INDEX ix_client_live_name ON client (name COLLATE NOCASE, id) WHERE deleted_at IS NULL"
    )
    # Opening a studio reads this device's latest clock stamp. That index also serves every
    # other read by stamp, so the plain one on hlc (a tenth of the journal's size) goes.
    op.create_index("ix_change_device_hlc", "change", ["device_id", "hlc"])
    op.drop_index("ix_change_hlc", table_name="change")


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
