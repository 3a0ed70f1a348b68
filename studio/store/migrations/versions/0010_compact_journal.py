"""A compact change journal, and the local state of sharing a studio between laptops.

The flat ``change`` table (about 580 bytes per changed field with its indexes) becomes:
``journal_tx`` (advisor, device, wall time: once per transaction), ``journal_device``,
``journal_field`` and ``journal_row`` (names stored once), and ``journal`` (one row per changed
field, identified by its clock stamp: device and ``wall ms × 100000 + counter``). ``change`` stays
as a view with the old columns (without the per-record uuid, which the stamp replaces), so every
reader sees the same history. Conversion keeps every record, its order, transaction, advisor,
device, stamp and wall time; it refuses (and changes nothing) if two records share a stamp.

Revision ID: 0010_compact_journal
Revises: 0009_studio_profile
Create Date: 2026-11-23
"""

from alembic import op

revision = "0010_compact_journal"
down_revision = "0009_studio_profile"
branch_labels = None
depends_on = None

# Kept here, not imported, so this revision stays what it was if later ones change the view.
_OPS = "CASE j.op WHEN 0 THEN 'create' WHEN 1 THEN 'update' WHEN 2 THEN 'delete' ELSE 'restore' END"
CHANGE_VIEW = f"""
CREATE VIEW change AS
SELECT j.seq AS seq, t.id AS tx, {_OPS} AS op, f.table_name AS table_name, r.row_id AS row_id,
       f.field AS field, j.old AS old, j.new AS new, t.advisor_id AS advisor_id,
       td.id AS device_id,
       printf('%013d.%05d.%s', j.stamp / 100000, j.stamp % 100000, hd.id) AS hlc,
       t.wall_time AS wall_time
FROM journal j
JOIN journal_tx t ON t.n = j.tx
JOIN journal_field f ON f.n = j.field
JOIN journal_row r ON r.n = j.row
JOIN journal_device hd ON hd.n = j.device
JOIN journal_device td ON td.n = t.device
"""
_STAMP_GLOB = "[0-9]" * 13 + "." + "[0-9]" * 5 + ".?*"


def _refuse(table: str, when: str) -> str:
    return (
        f"CREATE TRIGGER {table}_append_only_{when.lower()} BEFORE {when} ON {table} "
        "BEGIN SELECT RAISE(ABORT, 'the change journal is append-only'); END"
    )


def upgrade() -> None:
    conn = op.get_bind()
    bad = conn.exec_driver_sql(
        f"SELECT hlc FROM change WHERE hlc NOT GLOB '{_STAMP_GLOB}' LIMIT 1"
    ).fetchone()
    if bad:
        raise RuntimeError(f"the change journal holds a malformed clock stamp {bad[0]!r}")
    op.execute("CREATE TABLE journal_device (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE)")
    op.execute(
        "CREATE TABLE journal_tx (n INTEGER PRIMARY KEY, id TEXT NOT NULL, advisor_id TEXT, "
        "device INTEGER NOT NULL, wall_time TEXT NOT NULL)"
    )
    op.execute("CREATE INDEX ix_journal_tx_id ON journal_tx (id)")
    op.execute(
        "CREATE TABLE journal_field (n INTEGER PRIMARY KEY, table_name TEXT NOT NULL, "
        "field TEXT NOT NULL, UNIQUE (table_name, field))"
    )
    op.execute("CREATE TABLE journal_row (n INTEGER PRIMARY KEY, row_id TEXT NOT NULL UNIQUE)")
    op.execute(
        "CREATE TABLE journal (seq INTEGER PRIMARY KEY, device INTEGER NOT NULL, "
        "stamp INTEGER NOT NULL, tx INTEGER NOT NULL, op INTEGER NOT NULL, "
        "field INTEGER NOT NULL, row INTEGER NOT NULL, old TEXT, new TEXT)"
    )
    # Identity (a record is applied once) and this device's latest stamp (the clock at start-up).
    op.execute("CREATE UNIQUE INDEX ix_journal_stamp ON journal (device, stamp)")
    op.execute("CREATE INDEX ix_journal_row ON journal (row)")  # a dossier's history
    op.execute("CREATE INDEX ix_journal_tx ON journal (tx)")  # undo of one transaction

    op.execute(
        "INSERT INTO journal_device (id) SELECT device_id FROM change "
        "UNION SELECT substr(hlc, 21) FROM change"
    )
    op.execute(
        "INSERT INTO journal_field (table_name, field) "
        "SELECT table_name, field FROM change GROUP BY table_name, field ORDER BY min(seq)"
    )
    op.execute(
        "INSERT INTO journal_row (row_id) SELECT row_id FROM change GROUP BY row_id "
        "ORDER BY min(seq)"
    )
    op.execute(
        "INSERT INTO journal_tx (id, advisor_id, device, wall_time) "
        "SELECT c.tx, c.advisor_id, d.n, c.wall_time FROM (SELECT tx, advisor_id, device_id, "
        "wall_time, min(seq) AS first FROM change GROUP BY tx, advisor_id, device_id, wall_time) c "
        "JOIN journal_device d ON d.id = c.device_id ORDER BY c.first"
    )
    op.execute(
        "INSERT INTO journal (seq, device, stamp, tx, op, field, row, old, new) "
        "SELECT c.seq, hd.n, CAST(substr(c.hlc, 1, 13) AS INTEGER) * 100000 "
        "+ CAST(substr(c.hlc, 15, 5) AS INTEGER), t.n, "
        "CASE c.op WHEN 'create' THEN 0 WHEN 'update' THEN 1 WHEN 'delete' THEN 2 ELSE 3 END, "
        "f.n, r.n, c.old, c.new FROM change c "
        "JOIN journal_device hd ON hd.id = substr(c.hlc, 21) "
        "JOIN journal_device td ON td.id = c.device_id "
        "JOIN journal_tx t ON t.id = c.tx AND t.advisor_id IS c.advisor_id "
        "AND t.wall_time = c.wall_time AND t.device = td.n "
        "JOIN journal_field f ON f.table_name = c.table_name AND f.field = c.field "
        "JOIN journal_row r ON r.row_id = c.row_id ORDER BY c.seq"
    )
    before = conn.exec_driver_sql("SELECT count(*) FROM change").scalar()
    after = conn.exec_driver_sql("SELECT count(*) FROM journal").scalar()
    if before != after:
        raise RuntimeError(f"the journal conversion kept {after} of {before} records")
    op.execute("DROP TRIGGER IF EXISTS change_append_only_update")
    op.execute("DROP TRIGGER IF EXISTS change_append_only_delete")
    op.execute("DROP TABLE change")
    op.execute(CHANGE_VIEW)
    for table in ("journal", "journal_tx", "journal_field", "journal_row", "journal_device"):
        op.execute(_refuse(table, "UPDATE"))
        op.execute(_refuse(table, "DELETE"))
    for when in ("INSERT", "UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER change_append_only_{when.lower()} INSTEAD OF {when} ON change "
            "BEGIN SELECT RAISE(ABORT, 'the change journal is append-only'); END"
        )

    # Sharing (studio.sync), local to this laptop: segments applied or written (per device and
    # number; ``last_seq`` is the last local journal record a segment of ours carries); the
    # transactions that arrived from other laptops (never sent out again); rows waiting for their
    # parent row to arrive.
    op.execute(
        "CREATE TABLE sync_segment (device TEXT NOT NULL, number INTEGER NOT NULL, "
        "hash TEXT NOT NULL, records INTEGER NOT NULL, last_seq INTEGER, "
        "applied_at TEXT NOT NULL, PRIMARY KEY (device, number))"
    )
    op.execute("CREATE TABLE sync_inbound (tx INTEGER PRIMARY KEY)")
    op.execute(
        "CREATE TABLE sync_waiting (table_name TEXT NOT NULL, row_id TEXT NOT NULL, "
        "PRIMARY KEY (table_name, row_id))"
    )


def downgrade() -> None:
    raise NotImplementedError("Travel Studio never downgrades a studio; restore a backup instead.")
