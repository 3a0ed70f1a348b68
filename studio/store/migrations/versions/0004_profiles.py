"""Preference profiles: facts per person or party (taxonomy keys, level, source, date learned).

Revision ID: 0004_profiles
Revises: 0003_list_indexes
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_profiles"
down_revision = "0003_list_indexes"
branch_labels = None
depends_on = None


def _fk(target: str) -> sa.ForeignKey:
    # Deferred so one transaction may insert children before parents (bulk writes, imports).
    return sa.ForeignKey(target, deferrable=True, initially="DEFERRED")


def upgrade() -> None:
    op.create_table(
        "profile_fact",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.Column("deleted_at", sa.String, nullable=True),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("person_id", sa.String, _fk("person.id")),
        sa.Column("key", sa.String, nullable=False),
        sa.Column("level", sa.String, nullable=False, server_default="like"),
        sa.Column("severity", sa.String),
        sa.Column("note", sa.String, nullable=False, server_default=""),
        sa.Column("source", sa.String, nullable=False, server_default="conversation"),
        sa.Column("learned_on", sa.String, nullable=False),
        sa.Column("trip_id", sa.String),
        sa.CheckConstraint(
            "level IN ('love', 'like', 'neutral', 'dislike', 'never', 'must')",
            name="ck_profile_level",
        ),
    )
    op.create_index("ix_profile_fact_client", "profile_fact", ["client_id", "key"])
    op.create_index("ix_profile_fact_key", "profile_fact", ["key"])


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
