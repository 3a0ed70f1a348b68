"""The studio's own details (name, contacts, 24 h line, tagline) as shared, journaled data.

Revision ID: 0009_studio_profile
Revises: 0008_trip_search
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_studio_profile"
down_revision = "0008_trip_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "studio_profile",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.Column("deleted_at", sa.String, nullable=True),
        sa.Column("name", sa.String, nullable=False, server_default=""),
        sa.Column("native_name", sa.String, nullable=False, server_default=""),
        sa.Column("phone", sa.String, nullable=False, server_default=""),
        sa.Column("email", sa.String, nullable=False, server_default=""),
        sa.Column("website", sa.String, nullable=False, server_default=""),
        sa.Column("address", sa.String, nullable=False, server_default=""),
        sa.Column("emergency_phone", sa.String, nullable=False, server_default=""),
        sa.Column("tagline", sa.String, nullable=False, server_default=""),
    )


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
