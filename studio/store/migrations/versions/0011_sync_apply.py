"""Sharing between laptops, local to each laptop: the changes to review, and each segment's own
wall time (for the laptops' clock offsets).

``sync_review`` holds the collisions a sync found (a field two laptops changed unaware of each
other) until someone on this laptop takes the other value or keeps it as it is; it is local
state like ``sync_segment`` (never journaled, never sent), and it takes over the list the app
kept in the local setting ``sync_review``. ``sync_segment.written_at`` is when the segment's
laptop wrote it, by that laptop's clock (from the segment's header).

Revision ID: 0011_sync_apply
Revises: 0010_compact_journal
Create Date: 2026-12-02
"""

from alembic import op

revision = "0011_sync_apply"
down_revision = "0010_compact_journal"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE sync_segment ADD COLUMN written_at TEXT")
    op.execute(
        "CREATE TABLE sync_review (n INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, "
        "table_name TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, "
        "kept TEXT, kept_stamp TEXT NOT NULL, kept_advisor TEXT, "
        "lost TEXT, lost_stamp TEXT NOT NULL, lost_advisor TEXT, "
        "found_at TEXT NOT NULL, settled_at TEXT)"
    )
    # the list the app kept in a local setting (newest first), oldest first into the table
    op.execute(
        "INSERT OR IGNORE INTO sync_review (key, table_name, row_id, field, kept, kept_stamp, "
        "kept_advisor, lost, lost_stamp, lost_advisor, found_at) "
        "SELECT json_extract(e.value, '$.kept_stamp') || '|' || json_extract(e.value, "
        "'$.lost_stamp'), json_extract(e.value, '$.table'), json_extract(e.value, '$.row_id'), "
        "json_extract(e.value, '$.field'), e.value -> '$.kept', "
        "json_extract(e.value, '$.kept_stamp'), json_extract(e.value, '$.kept_advisor'), "
        "e.value -> '$.lost', json_extract(e.value, '$.lost_stamp'), "
        "json_extract(e.value, '$.lost_advisor'), "
        "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
        "FROM local_setting s, json_each(s.value) e "
        "WHERE s.key = 'sync_review' AND json_valid(s.value) AND json_type(s.value) = 'array' "
        "AND json_type(e.value) = 'object' AND json_extract(e.value, '$.table') IS NOT NULL "
        "AND json_extract(e.value, '$.row_id') IS NOT NULL "
        "AND json_extract(e.value, '$.field') IS NOT NULL "
        "AND json_extract(e.value, '$.kept_stamp') IS NOT NULL "
        "AND json_extract(e.value, '$.lost_stamp') IS NOT NULL "
        "ORDER BY e.key DESC"
    )
    op.execute("DELETE FROM local_setting WHERE key = 'sync_review'")


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
