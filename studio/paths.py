"""Where a studio's files live."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "TRAVEL_STUDIO_HOME"
APP_NAME = "TravelStudio"
DB_NAME = "studio.sqlite3"
LOCK_NAME = "studio.lock"
MEDIA_DIR = "media"
BACKUP_DIR = "backups"


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The data directory: ``explicit`` (``--data-dir``), else ``$TRAVEL_STUDIO_HOME``, else the
    platform's per-user data directory."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)).resolve()


def resources_dir() -> Path:
    import resources

    return resources.ROOT
