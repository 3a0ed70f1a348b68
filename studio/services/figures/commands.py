"""``travel-studio report`` and ``travel-studio activity``: the owner's desk on the command line.

Stdlib-only at import time (the CLI imports every command module); the work is imported inside
the handlers.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_commands(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    r = sub.add_parser(
        "report", help="the studio's figures for a period (default: the last full month)"
    )
    r.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day (included)")
    r.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="end day (excluded)")
    r.add_argument("--advisor", metavar="A", help="only this advisor's clients (id or name)")
    r.add_argument("--json", action="store_true", help="print JSON instead of text")
    r.add_argument("--pdf", metavar="OUT.pdf", help="also write the monthly studio report as PDF")
    r.add_argument("--lang", choices=("en", "zh"), default="en", help="the PDF's language")
    r.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)

    a = sub.add_parser(
        "activity", help="who changed what, when, on which client, in words a person reads"
    )
    a.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day (included)")
    a.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="end day (excluded)")
    a.add_argument("--advisor", metavar="A", help="changes made by this advisor (id or name)")
    a.add_argument("--client", metavar="C", help="changes of this client (id or name)")
    a.add_argument("--limit", type=int, default=200, help="at most this many lines (default 200)")
    a.add_argument("--csv", metavar="OUT.csv", help="write every matching line to a CSV file")
    return {"report": _cmd_report, "activity": _cmd_activity}


def _open(args: argparse.Namespace):  # noqa: ANN202 - a Studio, imported late
    import sys

    from studio.store.commands import open_studio

    studio = open_studio(args.data_dir)
    if studio.backup_path:
        print(
            f"Upgraded the studio database ({studio.migration}); backup: {studio.backup_path}",
            file=sys.stderr,
        )
    return studio


def _cmd_report(args: argparse.Namespace) -> int:
    import json
    from datetime import date

    from studio.services.figures.compute import desk
    from studio.services.figures.period import from_args, parse_day
    from studio.services.figures.text import report_lines

    today = parse_day(args.today, "today") if args.today else date.today()
    period = from_args(args.start, args.end, today)
    with _open(args) as studio:
        d = desk(studio, period, args.advisor, today=today)
        if args.pdf:
            from pathlib import Path

            from studio.services.figures.report import studio_name, write_owner_report

            pages = write_owner_report(
                d, Path(args.pdf), lang=args.lang, studio_name=studio_name(studio)
            )
    if args.json:
        print(json.dumps(d.to_json(), ensure_ascii=False, indent=1))
    else:
        print("\n".join(report_lines(d)))
    if args.pdf:
        import sys

        print(f"Wrote the studio report ({pages} pages) to {args.pdf}", file=sys.stderr)
    return 0


def _cmd_activity(args: argparse.Namespace) -> int:
    from pathlib import Path

    from studio.services import activity
    from studio.services.figures.period import parse_day

    start = parse_day(args.start, "from") if args.start else None
    end = parse_day(args.end, "to") if args.end else None
    with _open(args) as studio:
        flt = activity.ActivityFilter.resolve(
            studio, start=start, end=end, advisor=args.advisor, client=args.client
        )
        lines = activity.activity(studio, flt, limit=None if args.csv else args.limit)
        if args.csv:
            activity.write_csv(lines, Path(args.csv))
    if args.csv:
        print(f"Wrote {len(lines):,} lines of activity to {args.csv}")
        return 0
    if not lines:
        print("No changes match.")
    for line in lines:
        print(f"{line.when_local()}  {line.sentence}")
    return 0
