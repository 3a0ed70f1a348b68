"""Small reads the dossier screen needs beyond :mod:`studio.services.queries`."""

from __future__ import annotations

import json
from collections.abc import Iterable

from studio.store import Studio


def names_for_ids(studio: Studio, ids: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """``{id: (name, native_name)}`` for any client, advisor or person among ``ids``.

    Deleted rows are included: history still needs to say who a value referred to.
    """
    wanted = json.dumps(sorted({i for i in ids if i}))
    sql = """
    SELECT id, name, native_name FROM client WHERE id IN (SELECT value FROM json_each(:ids))
    UNION ALL SELECT id, name, native_name FROM advisor WHERE id IN (SELECT value FROM json_each(:ids))
    UNION ALL SELECT id, name, native_name FROM person WHERE id IN (SELECT value FROM json_each(:ids))
    """
    from sqlalchemy import text

    with studio.read() as conn:
        return {r[0]: (r[1], r[2]) for r in conn.execute(text(sql), {"ids": wanted})}
