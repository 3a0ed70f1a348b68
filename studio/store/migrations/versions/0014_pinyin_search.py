"""Search by pinyin: names are indexed with their pinyin, initials and simplified form, and the
words of a romanized name run together; the index is rebuilt for the studio's clients.

Revision ID: 0014_pinyin_search
Revises: 0013_privacy
Create Date: 2026-12-02
"""

from alembic import op

revision = "0014_pinyin_search"
down_revision = "0013_privacy"
branch_labels = None
depends_on = None

# Kept here, not imported, so this revision stays what it was when later ones change the index.
# ts_names, ts_fold, ts_phone and ts_pref are SQL functions the app registers on every connection.
_FILL = """
INSERT INTO client_fts(rowid, names, contacts, tags, notes)
SELECT c.rowid,
  ts_names(c.name || ' ' || coalesce(c.native_name, '') || ' ' || coalesce((
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
      WHERE i.client_id = c.id AND i.deleted_at IS NULL), '') || ' ' || coalesce((
      SELECT group_concat(ts_pref(pf.key) || ' ' || pf.note, ' ') FROM profile_fact pf
      WHERE pf.client_id = c.id AND pf.deleted_at IS NULL AND pf.level != 'neutral'), '') || ' ' || coalesce((
      SELECT group_concat(x.txt, ' ') FROM (
        SELECT t.title || ' ' || t.notes || ' ' || coalesce((SELECT group_concat(j.value, ' ') FROM json_each(
            CASE WHEN json_valid(t.destinations) THEN t.destinations ELSE '[]' END) j), '') AS txt
        FROM trip t WHERE t.client_id = c.id AND t.deleted_at IS NULL
        UNION
        SELECT d.title || ' ' || d.notes FROM trip t
        JOIN trip_version v ON v.trip_id = t.id AND v.deleted_at IS NULL
        JOIN trip_day d ON d.version_id = v.id AND d.deleted_at IS NULL
        WHERE t.client_id = c.id AND t.deleted_at IS NULL
        UNION
        SELECT i.title || ' ' || i.place || ' ' || i.notes || ' ' || coalesce(i.confirmation, '') || ' ' ||
               coalesce(s.name || ' ' || coalesce(s.native_name, ''), '') FROM trip t
        JOIN trip_version v ON v.trip_id = t.id AND v.deleted_at IS NULL
        JOIN trip_item i ON i.version_id = v.id AND i.deleted_at IS NULL
        LEFT JOIN supplier s ON s.id = i.supplier_id
        WHERE t.client_id = c.id AND t.deleted_at IS NULL) x), ''))
FROM client c
WHERE c.deleted_at IS NULL
"""


def upgrade() -> None:
    op.execute("DELETE FROM client_fts")
    op.execute(_FILL)


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
