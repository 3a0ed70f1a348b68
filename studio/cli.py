"""The ``travel-studio`` command: the desktop app, and the studio's scripting surface.

Errors go to stderr as one clear sentence with a non-zero exit; nothing half-written is left.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from studio import __version__
from studio.errors import StudioError

if TYPE_CHECKING:
    from studio.store import Studio
    from studio.sync.engine import SyncReport


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="travel-studio",
        description="Travel Studio: client dossiers, profiles, itineraries and keepsakes for a boutique travel studio.",
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the studio's data directory (default: $TRAVEL_STUDIO_HOME, else your user data folder)",
    )
    p.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="an encrypted studio's passphrase, read from FILE (or $TRAVEL_STUDIO_PASSPHRASE_FILE)",
    )
    p.add_argument("--version", action="version", version=f"travel-studio {__version__}")
    p.add_argument(
        "--lang",
        dest="ui_lang",
        choices=("en", "zh"),
        help="the language of the command's output (default: the system's, from LANG)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    d = sub.add_parser("demo", help="fill the data directory with a realistic demo studio")
    d.add_argument("--clients", type=int, default=300, help="how many clients (default 300)")
    d.add_argument(
        "--seed", type=int, default=2026, help="random seed; the same seed gives the same studio"
    )

    e = sub.add_parser("export", help="write the whole studio as versioned JSON")
    e.add_argument("out", metavar="OUT.json")

    i = sub.add_parser(
        "import", help="read a studio JSON file (validated whole before anything is written)"
    )
    i.add_argument("src", metavar="IN.json")

    sub.add_parser("check", help="integrity check and schema version; non-zero exit on trouble")

    s = sub.add_parser("search", help="find clients by name, contact, tag or note")
    s.add_argument("query")
    s.add_argument("--limit", type=int, default=20)

    fm = sub.add_parser(
        "intake-form", help="printable preference questionnaire (PDF), blank or pre-filled"
    )
    fm.add_argument("out", metavar="OUT.pdf")
    fm.add_argument(
        "--client", metavar="C", help="pre-fill for this client (an id or an unambiguous name)"
    )
    fm.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="English or Chinese (default en)"
    )

    sh = sub.add_parser("screenshot", help="render the real main window offscreen to a PNG")
    sh.add_argument("out", metavar="OUT.png")
    sh.add_argument(
        "--view",
        default="clients",
        help="which view to show: clients, dossier, people, profile (dossier tabs), agenda, "
        "trips, book (a trip's memory book), deleted or studio",
    )
    sh.add_argument("--size", default="1400x900", help="window size, WIDTHxHEIGHT")
    sh.add_argument(
        "--lang", choices=("en", "zh", "pseudo"), help="the window's language (default: chosen)"
    )

    ag = sub.add_parser("agenda", help="upcoming birthdays, anniversaries, expiries and follow-ups")
    ag.add_argument("--days", type=int, default=30, help="how many days ahead (default 30)")
    ag.add_argument("--json", action="store_true", help="print JSON instead of text")
    ag.add_argument("--today", metavar="YYYY-MM-DD", help="as if today were this day")

    it = sub.add_parser(
        "itinerary", help="printable itinerary handout (PDF) of a trip's current version"
    )
    it.add_argument("trip", metavar="TRIP", help="the trip: an id or an unambiguous title")
    it.add_argument("out", metavar="OUT.pdf")
    it.add_argument("--size", choices=("a4", "letter"), default="a4", help="page size (default a4)")
    it.add_argument(
        "--prices",
        action="store_true",
        help="print each item's price and the totals per currency (never cost or margin)",
    )
    it.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="language of the handout's own words and dates (default en)",
    )

    bk = sub.add_parser(
        "book", help="the trip's memory book (PDF): photos and journal, print-shop ready"
    )
    bk.add_argument("trip", metavar="TRIP", help="the trip: an id or an unambiguous title")
    bk.add_argument("out", metavar="OUT.pdf")
    bk.add_argument(
        "--size",
        choices=("a4", "a4-landscape", "letter", "square8", "square20"),
        default="a4",
        help="page size (default a4)",
    )
    bk.add_argument(
        "--bleed",
        action="store_true",
        help="add bleed (3 mm / 0.125 in) and crop marks for the printer",
    )
    bk.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="language of the book's dates (default en)",
    )

    ic = sub.add_parser("ics", help="write the dates and reminders as a calendar file")
    ic.add_argument("out", metavar="OUT.ics")
    _add_sharing(sub)
    for name in _COMMAND_MODULES:
        _COMMANDS.update(importlib.import_module(name).add_commands(sub))
    return p


_WEBDAV_HELP = (
    "A WebDAV place takes its account from the URL (webdavs://USER@host/path) or "
    "TRAVEL_STUDIO_WEBDAV_USER, and its password from TRAVEL_STUDIO_WEBDAV_PASSWORD or the first "
    "line of the file named by TRAVEL_STUDIO_WEBDAV_PASSWORD_FILE (or the OS keychain, where the "
    "app was told to remember it); no password is ever written to the data directory."
)


def _add_sharing(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sy = sub.add_parser(
        "sync", help="exchange changes with the shared place now", epilog=_WEBDAV_HELP
    )
    sy.add_argument("--json", action="store_true", help="print JSON instead of text")
    sr = sub.add_parser("share", help="share this studio between laptops", epilog=_WEBDAV_HELP)
    ss = sr.add_subparsers(dest="share_command", metavar="ACTION", required=True)
    c = ss.add_parser(
        "create",
        help="make this studio shared in PLACE (a folder or a webdav(s):// URL)",
        epilog=_WEBDAV_HELP,
    )
    c.add_argument("place", metavar="PLACE")
    c.add_argument("--key-file", metavar="KEY", help="where to write the studio key (0600)")
    j = ss.add_parser(
        "join",
        help="join the studio shared in PLACE, into an empty data directory",
        epilog=_WEBDAV_HELP,
    )
    j.add_argument("place", metavar="PLACE")
    j.add_argument("--key-file", metavar="KEY", required=True, help="the studio key file")
    st = ss.add_parser("status", help="the shared place, the laptops, what waits to go out")
    st.add_argument("--json", action="store_true", help="print JSON instead of text")
    rm = ss.add_parser("remove-device", help="remove a laptop (owner only)")
    rm.add_argument("device", metavar="DEVICE", help="its device id (or an unambiguous start)")
    kf = ss.add_parser("key-file", help="write a key file for a new laptop (owner only)")
    kf.add_argument("key_file", metavar="KEY", help="where to write it (0600)")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from studio.domain import i18n

    i18n.set_language(args.ui_lang or i18n.language_from_environment())
    from studio.store.keystore import use_passphrase_file

    try:
        with use_passphrase_file(args.passphrase_file):
            if args.command is None:
                return _gui("run")(args.data_dir)
            handler = _COMMANDS[args.command]
            return handler(args)
    except StudioError as exc:
        print(f"travel-studio: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("travel-studio: interrupted; nothing half-written was left.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``travel-studio search wang | head``): stop quietly, and point
        # stdout at nothing so the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _gui(name: str) -> Callable[..., int]:
    """The desktop client's entry point ``name``, looked up only when a command needs the GUI.

    The core never imports the client at import time (a test walks every module to prove it);
    only launching the window or rendering a screenshot reaches for it, by name.
    """
    return getattr(importlib.import_module("ui.app"), name)


def _open(args: argparse.Namespace) -> Studio:
    from studio.store.commands import open_studio

    studio = open_studio(args.data_dir)  # encrypted, or plain and saying so; asks a passphrase
    if studio.backup_path:
        print(
            f"Upgraded the studio database ({studio.migration}); backup: {studio.backup_path}",
            file=sys.stderr,
        )
    return studio


def _cmd_demo(args: argparse.Namespace) -> int:
    from studio.services.demo.build import build_demo

    with _open(args) as studio:
        if not studio.is_empty():
            raise StudioError(
                f"{studio.data_dir} already holds a studio; the demo needs an empty data directory."
            )
        summary = build_demo(studio, clients=args.clients, seed=args.seed)
        print(f"Demo studio ready in {studio.data_dir}: {summary}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from studio.services import exchange

    with _open(args) as studio:
        summary = exchange.export_studio(studio, Path(args.out))
        print(f"Exported {summary} to {args.out}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from studio.services import exchange

    with _open(args) as studio:
        summary = exchange.import_studio(studio, Path(args.src))
        print(f"Imported {summary}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from studio.domain import i18n
    from studio.services.check import check

    with _open(args) as studio:
        report = check(studio)
    for line in report.facts:
        print(line)
    for line in report.problems:
        print(i18n.tr("PROBLEM: {problem}", problem=line), file=sys.stderr)
    print(i18n.tr("ok") if report.ok else i18n.tr("{n} problem(s) found", n=len(report.problems)))
    return 0 if report.ok else 1


def _cmd_search(args: argparse.Namespace) -> int:
    from studio.domain.names import NameForm, display_name
    from studio.services.search import search

    with _open(args) as studio:
        hits = search(studio, args.query, limit=args.limit)
        for hit in hits:
            name = display_name(hit.name, hit.native_name, NameForm.LISTED)
            print(f"{hit.client_id}  {name}  [{hit.stage}]")
    if not hits:
        print(f"No client matches “{args.query}”.")
    return 0


def _cmd_screenshot(args: argparse.Namespace) -> int:
    return _gui("screenshot")(
        args.data_dir, Path(args.out), view=args.view, size=args.size, lang=args.lang
    )


def _cmd_agenda(args: argparse.Namespace) -> int:
    from studio.services.agenda.cli import print_agenda

    with _open(args) as studio:
        return print_agenda(studio, days=args.days, as_json=args.json, today=args.today)


def _cmd_ics(args: argparse.Namespace) -> int:
    from studio.domain.i18n import tr_n
    from studio.services.agenda.calendar import write_ics

    with _open(args) as studio:
        n = write_ics(studio, Path(args.out))
    print(tr_n("Wrote {n} event to {out}", "Wrote {n} events to {out}", n, out=args.out))
    return 0


def _cmd_intake_form(args: argparse.Namespace) -> int:
    from studio import paths
    from studio.reports import text_runs
    from studio.services.intake import write_intake_form
    from studio.services.queries import find_client

    out = Path(args.out)
    with text_runs.collect_missing() as missing:
        if args.client:
            with _open(args) as studio:
                client = find_client(studio, args.client)
                pages = write_intake_form(studio, out, client_id=client.id, lang=args.lang)
            print(f"Wrote {out} ({pages} pages, pre-filled for {client.name})")
        elif (paths.resolve_data_dir(args.data_dir) / paths.DB_NAME).exists():
            with _open(args) as studio:  # a blank form still carries the studio's name
                pages = write_intake_form(studio, out, lang=args.lang)
            print(f"Wrote {out} ({pages} pages, blank)")
        else:
            pages = write_intake_form(None, out, lang=args.lang)
            print(f"Wrote {out} ({pages} pages, blank)")
    if missing:
        print(text_runs.describe_missing(missing))
    return 0


def _cmd_itinerary(args: argparse.Namespace) -> int:
    from studio.reports import text_runs
    from studio.services.trips.handout import write_itinerary

    out = Path(args.out)
    with _open(args) as studio, text_runs.collect_missing() as missing:
        pages = write_itinerary(
            studio, args.trip, out, size=args.size, prices=args.prices, lang=args.lang
        )
    print(f"Wrote {out} ({pages} pages)")
    if missing:
        print(text_runs.describe_missing(missing))
    return 0


def _cmd_book(args: argparse.Namespace) -> int:
    from studio.services.media.book import BookOptions, build_book
    from studio.services.trips import reading as trip_reading

    with _open(args) as studio:
        trip = trip_reading.find_trip(studio, args.trip)
        options = BookOptions(size=args.size, bleed=args.bleed, lang=args.lang)
        preflight = build_book(studio, trip.id, Path(args.out), options)
    print(preflight.summary())
    return 0


def _print_sync(report: SyncReport, as_json: bool) -> None:
    import json

    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        print("\n".join(report.lines()))


def _cmd_sync(args: argparse.Namespace) -> int:
    from studio.sync import engine

    with _open(args) as studio:
        report = engine.sync(studio)
    _print_sync(report, args.json)
    return 1 if report.refused else 0


def _cmd_share(args: argparse.Namespace) -> int:
    import json

    from studio.sync import engine

    with _open(args) as studio:
        if args.share_command == "create":
            key_file, code = engine.create_share(
                studio, args.place, Path(args.key_file) if args.key_file else None
            )
            print(f"Shared this studio in {args.place}; studio key written to {key_file}")
            print(f"join code (compare on the new laptop): {code}")
            _print_sync(engine.sync(studio), False)
        elif args.share_command == "join":
            code = engine.join_share(studio, args.place, Path(args.key_file))
            print(f"Joined the studio in {args.place} (join code {code})")
            _print_sync(engine.sync(studio), False)
        elif args.share_command == "status":
            info = engine.status(studio)
            if args.json:
                print(json.dumps(info, ensure_ascii=False, indent=1))
            else:
                role = "owner's laptop" if info["owner"] else "laptop"
                print(f"shared in {info['place']} (this is the {role} {info['device']})")
                print(f"{info['waiting_to_go_out']:,} change(s) waiting to go out")
                for lap in info["laptops"]:
                    state = "removed" if lap["removed"] else f"{lap['segments']} segment(s)"
                    mark = " (this laptop)" if lap["this_laptop"] else ""
                    print(f"  {lap['device']}  {lap['name']}{mark}: {state}")
                if info.get("problem"):
                    print(f"problem: {info['problem']}")
        elif args.share_command == "key-file":
            code = engine.write_key_file(studio, Path(args.key_file))
            print(f"Studio key written to {args.key_file}; join code {code}")
        else:
            device = engine.remove_device(studio, args.device)
            print(f"Removed laptop {device}; its later segments are refused")
            print("The studio key was rotated: new laptops join with “share key-file KEY”")
    return 0


# Feature packages that bring commands of their own: each module's ``add_commands(sub)`` adds its
# subparsers and returns {command name: handler(args) -> exit code}. Keep those modules cheap to
# import (stdlib only at module level; the work is imported inside the handlers).
_COMMAND_MODULES: tuple[str, ...] = (
    "studio.store.commands",
    "studio.services.figures.commands",
    "studio.services.privacy.commands",
    "studio.services.contacts_io.commands",
)

_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "sync": _cmd_sync,
    "share": _cmd_share,
    "itinerary": _cmd_itinerary,
    "book": _cmd_book,
    "intake-form": _cmd_intake_form,
    "agenda": _cmd_agenda,
    "ics": _cmd_ics,
    "demo": _cmd_demo,
    "export": _cmd_export,
    "import": _cmd_import,
    "check": _cmd_check,
    "search": _cmd_search,
    "screenshot": _cmd_screenshot,
}


if __name__ == "__main__":
    sys.exit(main())
