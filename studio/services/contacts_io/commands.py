"""The commands ``import-contacts`` (CSV, Excel, vCard; a dry run first) and ``export-contacts``
(CSV, Excel, vCard). The work is imported inside the handlers."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable


def add_commands(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    im = sub.add_parser(
        "import-contacts",
        help="import clients from a CSV, Excel (.xlsx) or vCard (.vcf) file, as one step",
    )
    im.add_argument("file", metavar="FILE")
    im.add_argument(
        "--mapping",
        metavar="M.json",
        help='which column is what: {"column": "target"} (default: remembered for these '
        "columns, else suggested; Google's and Outlook's exports are recognised)",
    )
    im.add_argument("--dry-run", action="store_true", help="only say what would be imported")
    im.add_argument("--json", action="store_true", help="print JSON instead of text")
    im.add_argument("--sheet", help="the sheet of a workbook (default: the first with cells)")
    im.add_argument("--header-row", type=int, metavar="N", help="the row naming the columns")
    im.add_argument(
        "--import-duplicates",
        action="store_true",
        help="import rows that may be duplicates of existing clients as new clients",
    )
    ex = sub.add_parser(
        "export-contacts", help="write clients as CSV, Excel (.xlsx) or vCard 3.0 (.vcf)"
    )
    ex.add_argument("out", metavar="OUT.{csv,xlsx,vcf}")
    ex.add_argument(
        "--client",
        metavar="C",
        action="append",
        help="only this client (an id or an unambiguous name); may be repeated",
    )
    ex.add_argument("--search", metavar="TEXT", help="only the clients a search finds")
    ex.add_argument("--stage", help="only clients in this stage")
    ex.add_argument("--tag", help="only clients with this tag")
    return {"import-contacts": _cmd_import, "export-contacts": _cmd_export}


def _cmd_import(args: argparse.Namespace) -> int:
    from studio.services import contacts_io
    from studio.services.contacts_io import mapping
    from studio.store.commands import open_studio

    given = mapping.read_mapping_file(args.mapping) if args.mapping else None
    with open_studio(args.data_dir) as studio:
        options = {
            "given_mapping": given,
            "sheet": args.sheet,
            "header_row": args.header_row,
            "import_duplicates": args.import_duplicates,
        }
        table, choice, plan = contacts_io.dry_run(studio, args.file, **options)
        result = None
        if not args.dry_run:
            result = contacts_io.write_plan(studio, plan)
            mapping.remember(studio, table.headers, choice.mapping)
    if args.json:
        out = plan.to_json()
        out["mapping"] = choice.mapping
        out["mapping_from"] = choice.origin
        out["layout"] = choice.layout
        out["dry_run"] = bool(args.dry_run)
        if result is not None:
            out["imported"] = result.to_json()
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    _print_text(plan, choice, table, result)
    return 0


def _print_text(plan, choice, table, result) -> None:  # noqa: ANN001 - the types above
    from studio.domain.i18n import tr
    from studio.services.contacts_io import mapping

    if choice.layout:
        print(tr("Recognised: {layout}.", layout=mapping.layout_label(choice.layout)))
    used = [f"{h} → {t}" for h, t in choice.mapping.items() if t]
    print(tr("Columns: {columns}", columns="; ".join(used)))
    for line in plan.summary_lines():
        print(line)
    for r in plan.rows:
        if r.status in ("skipped", "duplicate"):
            print(
                tr(
                    "  row {line}: {status}: {reason}",
                    line=r.line,
                    status=tr(r.status),
                    reason=r.reason,
                )
            )
    if result is None:
        print(tr("Dry run: nothing was written."))
    else:
        print(
            tr(
                "Imported as one step: {created:,} clients created, {updated:,} updated, "
                "{people:,} people, {contacts:,} contacts, {dates:,} birthdays.",
                created=result.clients_created,
                updated=result.clients_updated,
                people=result.people,
                contacts=result.contacts,
                dates=result.dates,
            )
        )


def _cmd_export(args: argparse.Namespace) -> int:
    from studio.domain.i18n import tr
    from studio.services import queries
    from studio.services.contacts_io import export
    from studio.store.commands import open_studio

    with open_studio(args.data_dir) as studio:
        if args.client:
            ids = list(dict.fromkeys(queries.find_client(studio, c).id for c in args.client))
        else:
            flt = queries.ClientFilter(text=args.search or "", stage=args.stage, tag=args.tag)
            ids = queries.client_ids(studio, flt)
        result = export.write(studio, args.out, ids)
    print(
        tr(
            "Wrote {path}: {clients:,} clients, {people:,} people.",
            path=result.path,
            clients=result.clients,
            people=result.people,
        )
    )
    return 0
