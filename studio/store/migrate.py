"""Schema upgrades with Alembic, shipped inside the package and run at start-up when needed.

Before upgrading an existing file, a copy is made with SQLite's backup API; the upgrade runs in a
single transaction, so a failure leaves the file exactly as it was.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from studio import paths
from studio.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def script_revisions() -> list[str]:
    """Revision ids from the migration scripts, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def backup(db_path: Path, label: str, key: bytes | None = None) -> Path:
    """Copy the live database with SQLite's backup API (consistent even mid-WAL); an encrypted
    studio's copy is encrypted with the same key."""
    from studio.store import crypto

    folder = db_path.parent / paths.BACKUP_DIR
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = folder / f"studio-{stamp}-before-{label}.sqlite3"
    tmp = target.with_suffix(".partial")
    tmp.unlink(missing_ok=True)
    crypto.copy_database(db_path, key, tmp, key)
    tmp.replace(target)
    return target


def upgrade(
    engine: Engine, db_path: Path, current: str | None, *, key: bytes | None = None
) -> Path | None:
    """Bring the schema to head. Returns the backup made first (None for a new file)."""
    from studio.store import schema

    saved = backup(db_path, schema.HEAD, key) if current is not None else None
    cfg = alembic_config()
    try:
        with engine.connect() as conn:
            conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
    except Exception as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        where = f" A backup from before the attempt is at {saved}." if saved else ""
        raise StoreError(
            f"Upgrading the studio database failed ({reason}); nothing was changed.{where}"
        ) from exc
    return saved
