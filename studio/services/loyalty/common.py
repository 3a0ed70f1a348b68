"""Small helpers the loyalty modules share."""

from __future__ import annotations

from typing import Any, TypeVar

from studio.domain.base import Row, table_name
from studio.domain.i18n import tr
from studio.errors import NotFoundError, ValidationError
from studio.store import Transaction

R = TypeVar("R", bound=Row)
#: A connection as the services use it (SQLAlchemy's, through ``exec_driver_sql``).
Connection = Any


def whole(value: Any, field: str, low: int, high: int, what: str) -> int:
    """``value`` as a whole number from ``low`` to ``high``, else one sentence naming ``what``."""
    if isinstance(value, bool):
        raise ValidationError(field, _range(what, low, high))
    try:
        n = int(str(value).strip()) if isinstance(value, str) else int(value)
    except (TypeError, ValueError):
        raise ValidationError(field, _range(what, low, high, value)) from None
    if isinstance(value, float) and value != n:
        raise ValidationError(field, _range(what, low, high, value))
    if not low <= n <= high:
        raise ValidationError(field, _range(what, low, high, n))
    return n


def _range(what: str, low: int, high: int, value: Any = None) -> str:
    if value is None:
        return tr("{what} is a whole number from {low} to {high}.", what=what, low=low, high=high)
    return tr(
        "{what} is a whole number from {low} to {high}, not {value}.",
        what=what,
        low=low,
        high=high,
        value=value,
    )


def live(tx: Transaction, model: type[R], row_id: str) -> R:
    """The live row, or a one-sentence NotFoundError."""
    row = tx.get(model, row_id)
    if row is None:
        raise NotFoundError(f"No {table_name(model).replace('_', ' ')} with id {row_id}.")
    return row
