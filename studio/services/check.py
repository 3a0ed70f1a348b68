"""The integrity check behind ``travel-studio check``."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from sqlalchemy.exc import DatabaseError as SADatabaseError

from studio.domain.base import table_name
from studio.domain.i18n import tr
from studio.domain.models import MODELS
from studio.store import Studio, schema


@dataclass
class CheckReport:
    facts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


#: Tables worth saving from a damaged file, besides the data tables (the change journal).
_JOURNAL_TABLES = ("journal", "journal_tx", "journal_field", "journal_row", "journal_device")


def readable_tables(studio: Studio) -> tuple[list[str], list[str]]:
    """Which tables of the studio can still be read whole, and which cannot (a damaged page)."""
    good, bad = [], []
    raw = studio.engine.raw_connection()
    try:
        cur = raw.cursor()
        for t in [*(table_name(m) for m in MODELS), *_JOURNAL_TABLES]:
            try:
                for _row in cur.execute(f"SELECT * FROM {t}"):
                    pass
                good.append(t)
            except sqlite3.DatabaseError:
                bad.append(t)
        cur.close()
    finally:
        raw.close()
    return good, bad


def damage_sentence(studio: Studio, exc: BaseException) -> str:
    """One sentence: the file is damaged, what can still be read, what to do."""
    good, bad = readable_tables(studio)
    reason = str(getattr(exc, "orig", None) or exc).split("\n")[0]
    lost = ", ".join(t.replace("_", " ") for t in bad) or "some of its pages"
    if not good:
        saved = "nothing else can be read"
    elif len(good) > len(bad):
        journal = " (the change journal among them)" if "journal" in good else ""
        saved = f"the other {len(good)} tables{journal} can still be read"
    else:
        saved = ", ".join(t.replace("_", " ") for t in good) + " can still be read"
    return (
        f"The studio file {studio.db_path} is damaged ({reason}): {lost} cannot be read, "
        f"{saved}; it was left untouched — keep a copy of it and restore the newest backup."
    )


def check(studio: Studio) -> CheckReport:
    try:
        return _check(studio)
    except (sqlite3.DatabaseError, SADatabaseError) as exc:
        if "malformed" not in str(exc) and "not a database" not in str(exc):
            raise
        rep = CheckReport()
        rep.problems.append(damage_sentence(studio, exc))
        return rep


def _check(studio: Studio) -> CheckReport:
    rep = CheckReport()
    rev = studio.schema_revision()
    rep.facts.append(tr("schema {rev} (this version writes {head})", rev=rev, head=schema.HEAD))
    if rev != schema.HEAD:
        rep.problems.append(tr("schema is {rev}, expected {head}", rev=rev, head=schema.HEAD))
    raw = studio.engine.raw_connection()
    try:
        cur = raw.cursor()
        result = [r[0] for r in cur.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            rep.problems.extend(tr("integrity: {problem}", problem=r) for r in result[:20])
        else:
            rep.facts.append(tr("SQLite integrity check: ok"))
        fk = cur.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            rep.problems.extend(
                tr(
                    "broken reference in {table} row {row} to {parent}",
                    table=t,
                    row=rowid,
                    parent=parent,
                )
                for t, rowid, parent, _ in fk[:20]
            )
        else:
            rep.facts.append(tr("references: ok"))
        try:
            cur.execute("INSERT INTO client_fts(client_fts, rank) VALUES('integrity-check', 1)")
            rep.facts.append(tr("search index: ok"))
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            rep.problems.append(tr("search index: {problem}", problem=exc))
        indexed = cur.execute("SELECT count(*) FROM client_fts").fetchone()[0]
        live = cur.execute("SELECT count(*) FROM client WHERE deleted_at IS NULL").fetchone()[0]
        if indexed != live:
            rep.problems.append(
                tr(
                    "search index has {indexed} clients, the studio {live}",
                    indexed=indexed,
                    live=live,
                )
            )
        for model in MODELS:
            t = table_name(model)
            n = cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            dead = cur.execute(f"SELECT count(*) FROM {t} WHERE deleted_at IS NOT NULL").fetchone()[
                0
            ]
            orphans = cur.execute(
                f"SELECT count(*) FROM {t} r WHERE NOT EXISTS (SELECT 1 FROM change ch "
                f"WHERE ch.row_id = r.id AND ch.table_name = '{t}')"
            ).fetchone()[0]
            rep.facts.append(
                tr("{table}: {live} live, {deleted} deleted", table=t, live=n - dead, deleted=dead)
            )
            if orphans:
                rep.problems.append(
                    tr("{n} {table} rows have no history in the change journal", n=orphans, table=t)
                )
        from studio.services.profiles import studio_completeness

        share = studio_completeness(studio)
        rep.facts.append(
            tr(
                "preference profiles: {complete} of {total} dossiers complete "
                "({share}; the studio's target is {target})",
                complete=f"{share.complete:,}",
                total=f"{share.total:,}",
                share=f"{share.share:.0%}",
                target=f"{share.target:.0%}",
            )
        )
        from studio.services.media.files import missing_media

        n_media = cur.execute(
            "SELECT count(*) FROM trip_media WHERE deleted_at IS NULL"
        ).fetchone()[0]
        gone = missing_media(studio)
        if gone:
            rep.problems.extend(
                f"trip photo {m.original_name or m.sha256[:12]} (trip {m.trip_id}) is missing from the media folder"
                for m in gone[:20]
            )
            if len(gone) > 20:
                rep.problems.append(
                    f"… and {len(gone) - 20} more trip photos are missing from the media folder"
                )
        else:
            rep.facts.append(tr("media: {n} trip photos, all files present", n=f"{n_media:,}"))
        from studio.services.media.files import unused_files

        spare = unused_files(studio)
        if spare:
            rep.facts.append(
                f"media: {len(spare):,} file{'s' if len(spare) != 1 else ''} no photo uses "
                "(left by an interrupted import; safe to delete)"
            )
        changes = cur.execute("SELECT count(*) FROM change").fetchone()[0]
        rep.facts.append(tr("change journal: {n} records", n=changes))
        cur.close()
    finally:
        raw.close()
    return rep
