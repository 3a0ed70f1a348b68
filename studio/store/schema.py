"""The schema revisions this version of the code knows, readable without importing Alembic."""

from __future__ import annotations

import sqlite3
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
    "0011_pinyin_search",
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
            f"{db_path} is not a Travel Studio database (it is not an SQLite file); "
            "it was left untouched — move it away or choose another data directory."
        )


def read_revision(db_path: Path) -> str | None:
    """The schema revision of the file, or None for a new, empty database."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
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
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(
            f"{db_path} cannot be read as a database ({exc}); it may be damaged. "
            "It was left untouched — restore it from a backup."
        ) from None
