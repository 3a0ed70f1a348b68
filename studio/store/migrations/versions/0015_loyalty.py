"""Loyalty and relationship care: post-trip surveys, loyalty tiers, events and their guests.

Revision ID: 0015_loyalty
Revises: 0014_pinyin_search
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_loyalty"
down_revision = "0014_pinyin_search"
branch_labels = None
depends_on = None


def _row_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.Column("deleted_at", sa.String, nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "trip_survey",
        *_row_columns(),
        sa.Column("client_id", sa.String, sa.ForeignKey("client.id"), nullable=False),
        sa.Column("trip_id", sa.String, sa.ForeignKey("trip.id"), nullable=False),
        sa.Column("interaction_id", sa.String, sa.ForeignKey("interaction.id"), nullable=True),
        sa.Column("overall", sa.Integer, nullable=False),
        sa.Column("recommend", sa.Integer, nullable=False),
        sa.Column("keep", sa.String, nullable=False, server_default=""),
        sa.Column("change", sa.String, nullable=False, server_default=""),
        sa.Column("answered_on", sa.String, nullable=False),
        sa.Column("advisor_id", sa.String, sa.ForeignKey("advisor.id"), nullable=True),
        sa.CheckConstraint("overall BETWEEN 0 AND 100", name="ck_survey_overall"),
        sa.CheckConstraint("recommend BETWEEN 0 AND 10", name="ck_survey_recommend"),
    )
    op.create_index("ix_trip_survey_trip", "trip_survey", ["trip_id"])
    op.create_index("ix_trip_survey_client", "trip_survey", ["client_id"])
    op.create_table(
        "loyalty_tier",
        *_row_columns(),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("native_name", sa.String, nullable=True),
        sa.Column("rank", sa.Integer, nullable=False, server_default="1"),
        sa.Column("min_trips", sa.Integer, nullable=True),
        sa.Column("min_spend", sa.String, nullable=False, server_default="{}"),
        sa.Column("note", sa.String, nullable=False, server_default=""),
    )
    op.create_table(
        "studio_event",
        *_row_columns(),
        sa.Column("kind", sa.String, nullable=False, server_default="salon"),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("theme", sa.String, nullable=False, server_default=""),
        sa.Column("held_on", sa.String, nullable=False),
        sa.Column("start_time", sa.String, nullable=True),
        sa.Column("place", sa.String, nullable=False, server_default=""),
        sa.Column("capacity", sa.Integer, nullable=False, server_default="20"),
        sa.Column("notes", sa.String, nullable=False, server_default=""),
    )
    op.create_table(
        "event_guest",
        *_row_columns(),
        sa.Column("client_id", sa.String, sa.ForeignKey("client.id"), nullable=False),
        sa.Column("event_id", sa.String, sa.ForeignKey("studio_event.id"), nullable=False),
        sa.Column("rsvp", sa.String, nullable=False, server_default="invited"),
        sa.Column("attended", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("invited_on", sa.String, nullable=False),
        sa.Column("interaction_id", sa.String, sa.ForeignKey("interaction.id"), nullable=True),
    )
    op.create_index("ix_event_guest_event", "event_guest", ["event_id"])
    op.create_index("ix_event_guest_client", "event_guest", ["client_id"])


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
