"""Preference profiles: facts per person or party (taxonomy keys, level, source, date learned).

Revision ID: 0004_profiles
Revises: 0003_list_indexes
Create Date: 2026-11-22
"""

from alembic import op  # noqa: F401

revision = "0004_profiles"
down_revision = "0003_list_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
