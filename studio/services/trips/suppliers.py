"""The studio's suppliers: hotels, airlines, ground operators, guides, insurers…"""

from __future__ import annotations

from typing import Any

from studio.domain import validate
from studio.domain.trip_models import Supplier
from studio.domain.values import SupplierKind
from studio.errors import ValidationError
from studio.services.trips.reading import get_row, read_rows
from studio.services.trips.validators import text_field
from studio.store import Studio


def clean_supplier(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in fields.items():
        if name == "kind":
            out[name] = validate.choice(SupplierKind, raw, name, noun="a kind of supplier")
        elif name == "name":
            out[name] = text_field(raw, name, required=True, max_len=200)
        elif name == "native_name":
            out[name] = validate.optional_text(raw, name, max_len=200)
        elif name in ("contacts", "location", "notes"):
            out[name] = text_field(raw, name, max_len=5000)
        elif name == "rating":
            if raw in (None, ""):
                out[name] = None
            else:
                try:
                    n = int(raw)
                except (TypeError, ValueError):
                    raise ValidationError(
                        name, f"The rating must be a whole number from 1 to 5, not “{raw}”."
                    ) from None
                if not 1 <= n <= 5:
                    raise ValidationError(name, f"The rating must be from 1 to 5, not {n}.")
                out[name] = n
        else:
            raise ValidationError(name, f"A supplier has no editable field “{name}”.")
    return out


def create_supplier(studio: Studio, name: str, kind: str = "other", **fields: Any) -> Supplier:
    data = clean_supplier({"name": name, "kind": kind, **fields})
    with studio.transaction() as tx:
        return tx.create(Supplier, **data)


def update_supplier(studio: Studio, supplier_id: str, **changes: Any) -> dict:
    data = clean_supplier(changes)
    with studio.transaction() as tx:
        get_row(tx, Supplier, supplier_id)
        return tx.update(Supplier, supplier_id, **data)


def suppliers(studio: Studio) -> list[Supplier]:
    with studio.read() as conn:
        return read_rows(conn, Supplier, ("name",))
