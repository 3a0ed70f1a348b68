"""Errors a user can read: each carries one clear sentence, never a traceback."""

from __future__ import annotations


class StudioError(Exception):
    """Base of every error the app reports to a person."""


class ValidationError(StudioError):
    """A value was refused. ``field`` names the field so a form can show the message beside it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class NotFoundError(StudioError):
    """A client, person or other record asked for does not exist (or is ambiguous)."""


class StoreError(StudioError):
    """The data directory or database file cannot be used as it is."""


class NotADatabaseError(StoreError):
    """The database file is corrupt or is not an SQLite file at all."""


class NewerDatabaseError(StoreError):
    """The database was written by a newer version of the app."""


class StudioLockedError(StoreError):
    """Another app instance holds the data directory."""


class ImportFileError(StudioError):
    """An import file was rejected as a whole; nothing was written."""
