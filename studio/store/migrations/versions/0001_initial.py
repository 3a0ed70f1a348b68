"""Dossiers: advisors, clients, people, contacts, consent, interactions, dates; the change journal.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
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
    # Deferred so one transaction may insert children before parents (bulk writes, imports).
    return sa.ForeignKey(target, deferrable=True, initially="DEFERRED")


def upgrade() -> None:
    op.create_table(
        "local_setting",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.String, nullable=False),
    )
    op.create_table(
        "advisor",
        *_row_columns(),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("native_name", sa.String),
        sa.Column("role", sa.String, nullable=False, server_default="advisor"),
        sa.Column("email", sa.String),
    )
    op.create_table(
        "client",
        *_row_columns(),
        sa.Column("kind", sa.String, nullable=False, server_default="individual"),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("native_name", sa.String),
        sa.Column("stage", sa.String, nullable=False, server_default="prospect"),
        sa.Column("source", sa.String),
        sa.Column("source_detail", sa.String),
        sa.Column("referred_by_id", sa.String, _fk("client.id")),
        sa.Column("advisor_id", sa.String, _fk("advisor.id")),
        sa.Column("tags", sa.String, nullable=False, server_default="[]"),
        sa.Column("notes", sa.String, nullable=False, server_default=""),
    )
    op.create_index("ix_client_name", "client", ["name"])
    op.create_index("ix_client_advisor", "client", ["advisor_id"])
    op.create_index("ix_client_referred_by", "client", ["referred_by_id"])
    op.create_index("ix_client_stage", "client", ["stage"])
    op.create_table(
        "person",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("native_name", sa.String),
        sa.Column("role", sa.String, nullable=False, server_default="primary"),
        sa.Column("birth_date", sa.String),
        sa.Column("notes", sa.String, nullable=False, server_default=""),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_person_client", "person", ["client_id"])
    op.create_table(
        "contact_point",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("person_id", sa.String, _fk("person.id")),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("value", sa.String, nullable=False),
        sa.Column("label", sa.String),
        sa.Column("preferred", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_contact_point_client", "contact_point", ["client_id"])
    op.create_table(
        "consent",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("purpose", sa.String, nullable=False),
        sa.Column("granted", sa.Boolean, nullable=False),
        sa.Column("decided_on", sa.String, nullable=False),
        sa.Column("method", sa.String, nullable=False),
        sa.Column("note", sa.String, nullable=False, server_default=""),
    )
    op.create_index("ix_consent_client", "consent", ["client_id"])
    op.create_table(
        "interaction",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("person_id", sa.String, _fk("person.id")),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("occurred_at", sa.String, nullable=False),
        sa.Column("advisor_id", sa.String, _fk("advisor.id")),
        sa.Column("summary", sa.String, nullable=False, server_default=""),
        sa.Column("body", sa.String, nullable=False, server_default=""),
        sa.Column("satisfaction", sa.Integer),
        sa.Column("status", sa.String),
        sa.Column("resolution", sa.String),
        sa.Column("resolved_at", sa.String),
        sa.CheckConstraint(
            "satisfaction IS NULL OR satisfaction BETWEEN 0 AND 100", name="ck_satisfaction"
        ),
    )
    op.create_index("ix_interaction_client_time", "interaction", ["client_id", "occurred_at"])
    op.create_table(
        "important_date",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("person_id", sa.String, _fk("person.id")),
        sa.Column("kind", sa.String, nullable=False, server_default="birthday"),
        sa.Column("label", sa.String),
        sa.Column("month", sa.Integer, nullable=False),
        sa.Column("day", sa.Integer, nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("calendar", sa.String, nullable=False, server_default="gregorian"),
        sa.Column("note", sa.String, nullable=False, server_default=""),
    )
    op.create_index("ix_important_date_client", "important_date", ["client_id"])
    op.create_index("ix_important_date_day", "important_date", ["month", "day"])
    op.create_table(
        "change",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String, nullable=False, unique=True),
        sa.Column("tx", sa.String, nullable=False),
        sa.Column("op", sa.String, nullable=False),
        sa.Column("table_name", sa.String, nullable=False),
        sa.Column("row_id", sa.String, nullable=False),
        sa.Column("field", sa.String, nullable=False),
        sa.Column("old", sa.String),
        sa.Column("new", sa.String),
        sa.Column("advisor_id", sa.String),
        sa.Column("device_id", sa.String, nullable=False),
        sa.Column("hlc", sa.String, nullable=False),
        sa.Column("wall_time", sa.String, nullable=False),
    )
    op.create_index("ix_change_row", "change", ["row_id"])
    op.create_index("ix_change_tx", "change", ["tx"])
    op.create_index("ix_change_hlc", "change", ["hlc"])
    # The journal is append-only: the database itself refuses edits and deletions.
    op.execute(
        "CREATE TRIGGER change_append_only_update BEFORE UPDATE ON change "
        "BEGIN SELECT RAISE(ABORT, 'the change journal is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER change_append_only_delete BEFORE DELETE ON change "
        "BEGIN SELECT RAISE(ABORT, 'the change journal is append-only'); END"
    )


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
