"""Contacts in and out: import from CSV, Excel and vCard (checked, households gathered, a dry
run against the studio's clients, written as one transaction) and export to CSV, Excel and vCard.

    table = readers.read_table(path)                      # one sentence if the file is bad
    choice = mapping.choose_mapping(studio, table.headers, table.kind)
    plan = build_plan(table, choice.mapping, studio=studio)    # the dry run
    write_plan(studio, plan)                               # one transaction: all or nothing

:func:`dry_run` and :func:`import_file` do the whole of it for the command line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studio.services.contacts_io import mapping, readers
from studio.services.contacts_io.plan import (
    ImportCancelled,
    ImportPlan,
    ImportResult,
    build_plan,
    write_plan,
)
from studio.services.contacts_io.readers import ImportRefused, Table, read_table
from studio.store import Studio

__all__ = [
    "ImportCancelled",
    "ImportPlan",
    "ImportRefused",
    "ImportResult",
    "Table",
    "build_plan",
    "dry_run",
    "import_file",
    "read_table",
    "write_plan",
]


def dry_run(
    studio: Studio,
    path: str | Path,
    *,
    given_mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    import_duplicates: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> tuple[Table, mapping.MappingChoice, ImportPlan]:
    """Read, map and check a file against the studio; nothing is written."""
    from studio.services import studio_profile

    path = Path(path)
    table = read_table(path, sheet=sheet, header_row=header_row)
    choice = mapping.choose_mapping(studio, table.headers, table.kind, given_mapping)
    mapping.check_mapping(choice.mapping, table.headers)
    plan = build_plan(
        table,
        choice.mapping,
        studio=studio,
        region=studio_profile.default_region(studio),
        source=path.name,
        import_duplicates=import_duplicates,
        progress=progress,
        cancel=cancel,
    )
    return table, choice, plan


def import_file(
    studio: Studio,
    path: str | Path,
    **options: object,
) -> tuple[ImportPlan, ImportResult]:
    """:func:`dry_run`, then the plan written as one transaction; the mapping is remembered for
    files with the same columns."""
    table, choice, plan = dry_run(studio, path, **options)  # type: ignore[arg-type]
    result = write_plan(studio, plan)
    mapping.remember(studio, table.headers, choice.mapping)
    return plan, result


def mapping_for(table: Table, studio: Studio | None = None) -> mapping.MappingChoice:
    return mapping.choose_mapping(studio, table.headers, table.kind)


SUFFIXES = readers.SUFFIXES
