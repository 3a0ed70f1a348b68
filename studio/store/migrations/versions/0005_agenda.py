"""Relationship care: agenda rules, per-occurrence actions (done, snoozed, dismissed) and documents.

Revision ID: 0005_agenda
Revises: 0004_profiles
Create Date: 2026-11-22
"""

from alembic import op  # noqa: F401

revision = "0005_agenda"
down_revision = "0004_profiles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
