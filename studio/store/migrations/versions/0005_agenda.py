"""Relationship care: agenda rules, per-occurrence actions (done, snoozed, dismissed) and documents.

Revision ID: 0005_agenda
Revises: 0004_profiles
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_agenda"
down_revision = "0004_profiles"
branch_labels = None
depends_on = None


def _row_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.Column("deleted_at", sa.String, nullable=True),
    ]


def _fk(target: str) -> sa.ForeignKey:
    # Deferred like 0001_initial: one transaction may insert children before parents.
    return sa.ForeignKey(target, deferrable=True, initially="DEFERRED")


def upgrade() -> None:
    op.create_table(
        "agenda_setting",
        *_row_columns(),
        sa.Column("key", sa.String, nullable=False),
        sa.Column("value", sa.String, nullable=False),
    )
    op.create_index("ix_agenda_setting_key", "agenda_setting", ["key"])
    op.create_table(
        "travel_document",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("person_id", sa.String, _fk("person.id"), nullable=False),
        sa.Column("kind", sa.String, nullable=False, server_default="passport"),
        sa.Column("number", sa.String),
        sa.Column("country", sa.String),
        sa.Column("expires_on", sa.String, nullable=False),
        sa.Column("note", sa.String, nullable=False, server_default=""),
    )
    op.create_index("ix_travel_document_client", "travel_document", ["client_id"])
    op.create_index("ix_travel_document_expires", "travel_document", ["expires_on"])
    op.create_table(
        "agenda_action",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("source_table", sa.String, nullable=False),
        sa.Column("source_id", sa.String, nullable=False),
        sa.Column("occurrence", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("snooze_until", sa.String),
        sa.Column("sent", sa.String, nullable=False, server_default=""),
        sa.Column("interaction_id", sa.String, _fk("interaction.id")),
        sa.Column("advisor_id", sa.String, _fk("advisor.id")),
    )
    op.create_index("ix_agenda_action_source", "agenda_action", ["source_id", "occurrence"])
    op.create_index("ix_agenda_action_client", "agenda_action", ["client_id"])


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
