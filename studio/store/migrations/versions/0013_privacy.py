"""A client's own data: the rows of erased clients (so a late change from another laptop never
brings them back) and the studio's review period for untouched prospects.

Revision ID: 0013_privacy
Revises: 0012_safety_checks
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_privacy"
down_revision = "0012_safety_checks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Written to be re-runnable (a test rewinds a current file's journal to an older schema and
    # upgrades it again, keeping this revision's table and column).
    conn = op.get_bind()
    # local bookkeeping, rebuilt from the journal's erase records (ids only, nothing personal)
    op.execute(
        "CREATE TABLE IF NOT EXISTS erased_row "
        "(row_id VARCHAR NOT NULL PRIMARY KEY, client_id VARCHAR NOT NULL)"
    )
    # the journal stays append-only, except for the records of an erased client's rows
    op.execute("DROP TRIGGER IF EXISTS journal_append_only_delete")
    op.execute(
        "CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal "
        "WHEN OLD.row NOT IN (SELECT r.n FROM journal_row r JOIN erased_row e "
        "ON e.row_id = r.row_id) "
        "BEGIN SELECT RAISE(ABORT, 'the change journal is append-only'); END"
    )
    columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(studio_profile)")}
    if "prospect_review_years" not in columns:
        op.add_column(
            "studio_profile",
            sa.Column("prospect_review_years", sa.Integer, nullable=False, server_default="3"),
        )


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
