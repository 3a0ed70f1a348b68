"""Trip media and the trip's story: photos, day journals and memory-book settings.

Revision ID: 0007_media
Revises: 0006_trips
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_media"
down_revision = "0006_trips"
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
        "trip_media",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("trip_id", sa.String, _fk("trip.id"), nullable=False),
        sa.Column("sha256", sa.String, nullable=False),
        sa.Column("ext", sa.String, nullable=False),
        sa.Column("original_name", sa.String, nullable=False, server_default=""),
        sa.Column("width", sa.Integer, nullable=False, server_default="0"),
        sa.Column("height", sa.Integer, nullable=False, server_default="0"),
        sa.Column("taken_at", sa.String),
        sa.Column("day_number", sa.Integer),
        sa.Column("caption", sa.String, nullable=False, server_default=""),
        sa.Column("included", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("notes", sa.String, nullable=False, server_default=""),
    )
    op.create_index("ix_trip_media_trip", "trip_media", ["trip_id"])
    op.create_index("ix_trip_media_sha", "trip_media", ["sha256"])
    op.create_table(
        "trip_journal",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("trip_id", sa.String, _fk("trip.id"), nullable=False),
        sa.Column("day_number", sa.Integer, nullable=False),
        sa.Column("journal", sa.String, nullable=False, server_default=""),
        sa.Column("quotes", sa.String, nullable=False, server_default=""),
        sa.Column("highlights", sa.String, nullable=False, server_default="[]"),
    )
    op.create_index("ix_trip_journal_trip", "trip_journal", ["trip_id", "day_number"])
    op.create_table(
        "memory_book",
        *_row_columns(),
        sa.Column("client_id", sa.String, _fk("client.id"), nullable=False),
        sa.Column("trip_id", sa.String, _fk("trip.id"), nullable=False),
        sa.Column("title", sa.String, nullable=False, server_default=""),
        sa.Column("subtitle", sa.String, nullable=False, server_default=""),
        sa.Column("summary", sa.String, nullable=False, server_default=""),
        sa.Column("closing", sa.String, nullable=False, server_default=""),
        sa.Column("signature", sa.String, nullable=False, server_default=""),
        sa.Column("size", sa.String, nullable=False, server_default="a4"),
        sa.Column("bleed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("cover_media_id", sa.String, _fk("trip_media.id")),
    )
    op.create_index("ix_memory_book_trip", "memory_book", ["trip_id"])


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
