"""The schema revisions this version of the code knows, readable without importing Alembic."""

from __future__ import annotations

from pathlib import Path

from studio.errors import NotADatabaseError

#: Alembic revision ids in order; the last one is the schema this code writes.
REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_search",
    "0003_list_indexes",
    "0004_profiles",
    "0005_agenda",
    "0006_trips",
    "0007_media",
    "0008_trip_search",
    "0009_studio_profile",
    "0010_compact_journal",
    "0011_sync_apply",
    "0012_safety_checks",
    "0013_privacy",
    "0014_pinyin_search",
    "0015_loyalty",
)
HEAD = REVISIONS[-1]

SQLITE_HEADER = b"SQLite format 3\x00"


def check_header(db_path: Path) -> None:
    """Refuse a file that is not an SQLite database, without touching it."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    with open(db_path, "rb") as fh:
        head = fh.read(16)
    if head != SQLITE_HEADER:
        raise NotADatabaseError(
            f"{db_path} is not a Travel Studio database (it is not an SQLite file), or it is "
            "an encrypted studio whose key file studio.key is missing beside it; it was left "
            "untouched — move it away, put the key file back, or choose another data directory."
        )


def read_revision(db_path: Path, key: bytes | None = None) -> str | None:
    """The schema revision of the file (encrypted with ``key``), or None for a new, empty one."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    from studio.store import crypto

    try:
        con = crypto.connect(db_path, key, readonly=True)
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                if tables:
                    raise NotADatabaseError(
                        f"{db_path} is an SQLite file of another program, not a Travel Studio "
                        "database; it was left untouched."
                    )
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            con.close()
    except crypto.database_errors() as exc:
        if key is not None and "not a database" in str(exc):
            raise NotADatabaseError(
                f"{db_path} cannot be opened with this studio's key (the key file or the "
                "keychain belongs to another studio, or the file is damaged); it was left "
                "untouched."
            ) from None
        raise NotADatabaseError(
            f"{db_path} cannot be read as a database ({exc}); it may be damaged. "
            "It was left untouched — restore it from a backup."
        ) from None
