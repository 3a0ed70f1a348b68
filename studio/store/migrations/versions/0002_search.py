"""Full-text search over clients (FTS5), built from the rows already there.

Revision ID: 0002_search
Revises: 0001_initial
Create Date: 2026-11-22
"""

from alembic import op

revision = "0002_search"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# Kept here, not imported, so this revision stays what it was when later ones change the index.
# ts_fold and ts_phone are SQL functions the app registers on every connection.
_CREATE = (
    "CREATE VIRTUAL TABLE client_fts USING fts5("
    "names, contacts, tags, notes, tokenize = 'unicode61 remove_diacritics 2')"
)
_FILL = """
INSERT INTO client_fts(rowid, names, contacts, tags, notes)
SELECT c.rowid,
  ts_fold(c.name || ' ' || coalesce(c.native_name, '') || ' ' || coalesce((
      SELECT group_concat(p.name || ' ' || coalesce(p.native_name, ''), ' ')
      FROM person p WHERE p.client_id = c.id AND p.deleted_at IS NULL), '')),
  ts_fold(coalesce((
      SELECT group_concat(cp.value || CASE WHEN cp.kind = 'phone' THEN ' ' || ts_phone(cp.value) ELSE '' END, ' ')
      FROM contact_point cp WHERE cp.client_id = c.id AND cp.deleted_at IS NULL), '')),
  ts_fold(coalesce((SELECT group_concat(j.value, ' ') FROM json_each(c.tags) j), '')),
  ts_fold(c.notes || ' ' || coalesce((
      SELECT group_concat(p.notes, ' ') FROM person p
      WHERE p.client_id = c.id AND p.deleted_at IS NULL AND p.notes != ''), '') || ' ' || coalesce((
      SELECT group_concat(i.summary || ' ' || i.body, ' ') FROM interaction i
      WHERE i.client_id = c.id AND i.deleted_at IS NULL), ''))
FROM client c
WHERE c.deleted_at IS NULL
"""


def upgrade() -> None:
    op.execute(_CREATE)
    op.execute(_FILL)


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
