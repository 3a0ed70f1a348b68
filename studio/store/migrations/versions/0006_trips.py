"""Itineraries: trips, travellers, versions, days, items and the supplier directory.

Revision ID: 0006_trips
Revises: 0005_agenda
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_trips"
down_revision = "0005_agenda"
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
        "supplier",
        *_row_columns(),
        sa.Column("kind", sa.String, nullable=False, server_default="other"),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("native_name", sa.String),
        sa.Column("contacts", sa.String, nullable=False, server_default=""),
        sa.Column("location", sa.String, nullable=False, server_default=""),
        sa.Column("rating", sa.Integer),
        sa.Column("notes", sa.String, nullable=False, server_default=""),
    )
    op.create_table(
        "trip",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("destinations", sa.String, nullable=False, server_default="[]"),
        sa.Column("start_date", sa.String),
        sa.Column("end_date", sa.String),
        sa.Column("purpose", sa.String),
        sa.Column("budget", sa.String),
        sa.Column("currency", sa.String, nullable=False, server_default="USD"),
        sa.Column("advisor_id", sa.String, _fk("advisor.id")),
        sa.Column("status", sa.String, nullable=False, server_default="inquiry"),
        sa.Column("current_version_id", sa.String),
        sa.Column("notes", sa.String, nullable=False, server_default=""),
    )
    op.create_index("ix_trip_client", "trip", ["client_id"])
    op.create_index("ix_trip_status", "trip", ["status"])
    op.create_table(
        "trip_traveller",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("trip_id", sa.String, _fk("trip.id"), nullable=False),
        sa.Column("person_id", sa.String, _fk("person.id"), nullable=False),
    )
    op.create_index("ix_trip_traveller_trip", "trip_traveller", ["trip_id"])
    op.create_table(
        "trip_version",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("trip_id", sa.String, _fk("trip.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False, server_default="1"),
        sa.Column("label", sa.String),
        sa.Column("locked", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("approved_at", sa.String),
        sa.Column("based_on_id", sa.String),
    )
    op.create_index("ix_trip_version_trip", "trip_version", ["trip_id"])
    op.create_table(
        "trip_day",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("version_id", sa.String, _fk("trip_version.id"), nullable=False),
        sa.Column("day_number", sa.Integer, nullable=False, server_default="1"),
        sa.Column("date", sa.String),
        sa.Column("title", sa.String, nullable=False, server_default=""),
        sa.Column("notes", sa.String, nullable=False, server_default=""),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_trip_day_version", "trip_day", ["version_id"])
    op.create_table(
        "trip_item",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("version_id", sa.String, _fk("trip_version.id"), nullable=False),
        sa.Column("day_id", sa.String, _fk("trip_day.id"), nullable=False),
        sa.Column("kind", sa.String, nullable=False, server_default="activity"),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("start_time", sa.String),
        sa.Column("end_time", sa.String),
        sa.Column("time_zone", sa.String),
        sa.Column("end_time_zone", sa.String),
        sa.Column("place", sa.String, nullable=False, server_default=""),
        sa.Column("supplier_id", sa.String, _fk("supplier.id")),
        sa.Column("confirmation", sa.String),
        sa.Column("cost", sa.String),
        sa.Column("price", sa.String),
        sa.Column("currency", sa.String),
        sa.Column("notes", sa.String, nullable=False, server_default=""),
        sa.Column("tags", sa.String, nullable=False, server_default="[]"),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("change_reason", sa.String),
        sa.Column("origin_id", sa.String),
    )
    op.create_index("ix_trip_item_day", "trip_item", ["day_id"])
    op.create_index("ix_trip_item_version", "trip_item", ["version_id"])


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
