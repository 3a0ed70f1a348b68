"""The commands of encryption and backups: ``encrypt``, ``change-passphrase``, ``backup``,
``backups`` and ``restore`` (the work is imported inside the handlers)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from studio.errors import StudioError

if TYPE_CHECKING:
    from studio.store.database import Studio


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> dict[str, Callable[[argparse.Namespace], int]]:
    sub.add_parser(
        "encrypt",
        help="encrypt this studio in place (key in the keychain, else a studio passphrase)",
    )
    cp = sub.add_parser("change-passphrase", help="change the passphrase of an encrypted studio")
    cp.add_argument(
        "--new-passphrase-file", metavar="FILE", help="read the new passphrase from FILE"
    )
    bk = sub.add_parser("backup", help="make a verified backup now")
    bk.add_argument("--to", metavar="DIR", help="into this folder (an external disk) instead")
    bl = sub.add_parser("backups", help="list the backups with their dates and sizes")
    bl.add_argument("--json", action="store_true", help="print JSON instead of text")
    rs = sub.add_parser("restore", help="restore a backup (the current file is kept aside)")
    rs.add_argument("backup", metavar="BACKUP", help="its file name (from `backups`) or path")
    return {
        "encrypt": _cmd_encrypt,
        "change-passphrase": _cmd_change_passphrase,
        "backup": _cmd_backup,
        "backups": _cmd_backups,
        "restore": _cmd_restore,
    }


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)  # pragma: no cover


def _ask_new_passphrase(why: str) -> str:
    """Ask twice on the terminal; refuse without one (scripts give a passphrase file)."""
    import getpass

    if not sys.stdin.isatty():
        raise StudioError(
            f"A studio passphrase is needed ({why}); give it with --passphrase-file FILE."
        )
    print(f"A studio passphrase is needed: {why}.", file=sys.stderr)
    first = getpass.getpass("New studio passphrase: ")
    if getpass.getpass("The same again: ") != first:
        raise StudioError("The two passphrases differ; nothing was changed.")
    return first


def open_studio(data_dir: str | None) -> Studio:
    """Open the studio for a command: a new one encrypted when a keychain or a passphrase is at
    hand (else plain, and it says so); an encrypted one asks for its passphrase on a terminal
    when no passphrase file was given."""
    import getpass

    from studio.store import Studio, keystore

    try:
        studio = Studio.open(data_dir, encrypt="auto")
    except keystore.PassphraseNeededError:
        if not sys.stdin.isatty():
            raise
        studio = Studio.open(data_dir, passphrase=getpass.getpass("Studio passphrase: "))
    if studio.migration and studio.migration.startswith("empty") and not studio.encrypted:
        why = keystore.keychain_problem() or "it was not asked for"
        print(
            f"note: the new studio is not encrypted ({why}); `travel-studio "
            "--passphrase-file FILE encrypt` encrypts it.",
            file=sys.stderr,
        )
    return studio


def _open(args: argparse.Namespace) -> Studio:
    return open_studio(args.data_dir)


def _cmd_encrypt(args: argparse.Namespace) -> int:
    from studio.store import encryption, keystore

    with _open(args) as studio:
        was = studio.encrypted
        passphrase = None
        if not was:
            passphrase = keystore.scripted_passphrase()
            problem = keystore.keychain_problem()
            if passphrase is None and problem:
                passphrase = _ask_new_passphrase(problem)
        done = encryption.encrypt_studio(studio, passphrase)
        holder = keystore.read_info(studio.data_dir).holder
    where = (
        "its key is in this computer's keychain"
        if holder == "keychain"
        else ("it opens with the studio passphrase")
    )
    if was:
        print(f"The studio was already encrypted ({where}).")
    else:
        print(f"Encrypted the studio in place; {where}.")
    print(f"{done['files']:,} media file(s) and {done['backups']:,} backup(s) encrypted now.")
    return 0


def _cmd_change_passphrase(args: argparse.Namespace) -> int:
    from studio.store import encryption, keystore

    with _open(args) as studio:
        if args.new_passphrase_file:
            with keystore.use_passphrase_file(args.new_passphrase_file):
                new = keystore.scripted_passphrase()
            assert new is not None
        else:
            new = _ask_new_passphrase("the new one")
        encryption.change_passphrase(studio, new)
    print("The studio passphrase was changed (the studio file and its backups were not rewritten).")
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from studio.store import backup

    with _open(args) as studio:
        folder = Path(args.to).expanduser() if args.to else None
        info = backup.make_backup(studio, folder=folder, kind="manual")
    sealed = "encrypted, " if info.encrypted else ""
    print(f"Backed up to {info.path} ({_size(info.size)}, {sealed}integrity check ok)")
    return 0


def _cmd_backups(args: argparse.Namespace) -> int:
    import json

    from studio import paths
    from studio.store import backup

    data_dir = paths.resolve_data_dir(args.data_dir)
    found = backup.list_backups(backup.backup_dir(data_dir))
    if args.json:
        print(json.dumps([b.to_json() for b in found], indent=1))
        return 0
    if not found:
        print(f"No backups in {backup.backup_dir(data_dir)} yet; `travel-studio backup` makes one.")
        return 0
    for b in found:
        when = b.when.astimezone().strftime("%Y-%m-%d %H:%M")
        lock = "encrypted" if b.encrypted else "plain"
        print(f"{when}  {b.kind:<28} {_size(b.size):>10}  {lock:<9}  {b.path.name}")
    if backup.is_stale(data_dir):
        print("No backup is younger than a week: `travel-studio backup` makes one now.")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from studio.store import backup

    with _open(args) as studio:
        source = backup.resolve(studio.data_dir, args.backup)
        aside = backup.restore(studio, source)
    print(f"Restored {source.name}; the studio as it was is kept in {aside}")
    return 0
