"""The privacy commands: ``client-export`` (a client's own data) and ``erase`` (for good)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable


def add_commands(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    ce = sub.add_parser(
        "client-export",
        help="everything about one client (PDF + JSON + photos) in a zip file",
    )
    ce.add_argument("client", metavar="CLIENT", help="the client: an id or an unambiguous name")
    ce.add_argument("out", metavar="OUT.zip")
    er = sub.add_parser(
        "erase", help="(owner) erase a client for good, on every laptop of a shared studio"
    )
    er.add_argument("client", metavar="CLIENT", help="the client: an id or an unambiguous name")
    er.add_argument("--yes", action="store_true", help="confirm: nothing is asked")
    pr = sub.add_parser(
        "prospects-to-review",
        help="prospects untouched for the studio's review period (studio profile), to review or erase",
    )
    pr.add_argument("--json", action="store_true")
    return {"client-export": _cmd_export, "erase": _cmd_erase, "prospects-to-review": _cmd_review}


def _client_id(studio: object, ref: str) -> str:
    from studio.services import queries
    from studio.store import Studio

    assert isinstance(studio, Studio)
    with studio.read() as conn:  # a deleted client is still there to export or erase, by id
        if conn.exec_driver_sql("SELECT 1 FROM client WHERE id = ?", (ref,)).scalar():
            return ref
    return queries.find_client(studio, ref).id


def _cmd_export(args: argparse.Namespace) -> int:
    from studio.services.privacy import export
    from studio.store.commands import open_studio

    with open_studio(args.data_dir) as studio:
        result = export.write_client_export(studio, _client_id(studio, args.client), args.out)
    print(
        f"Wrote {result.path}: {result.rows} rows, {result.history} changes in their history, "
        f"{result.photos} photos."
    )
    return 0


def _cmd_erase(args: argparse.Namespace) -> int:
    from studio.errors import StudioError
    from studio.services.privacy import erase
    from studio.store.commands import open_studio

    with open_studio(args.data_dir) as studio:
        cid = _client_id(studio, args.client)
        plan = erase.plan(studio, cid)
        if not args.yes:
            raise StudioError(
                f"Erasing {plan.name} removes {plan.rows} rows and {plan.photos} photos for good; "
                "run again with --yes to do it."
            )
        result = erase.erase_client(studio, cid)
    until = (
        f"; the last backup holding them ages out on {plan.backups_until.isoformat()}"
        if plan.backups_until
        else ""
    )
    print(
        f"Erased {plan.name}: {result.rows} rows, {result.journal_records} history records, "
        f"{result.files} files{until}."
    )
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    import json

    from studio.services.privacy import consent
    from studio.store.commands import open_studio

    with open_studio(args.data_dir) as studio:
        years, stale = consent.prospects_to_review(studio)
    if args.json:
        print(json.dumps([{"id": p.client_id, "name": p.name, "last": p.last} for p in stale]))
        return 0
    print(f"Prospects untouched for {years} years or more: {len(stale)}")
    for p in stale:
        print(f"  {p.name}  (last touched {p.last[:10]})  {p.client_id}")
    sys.stdout.flush()
    return 0
