"""The write path's own checks."""

from __future__ import annotations

import pytest

from studio.domain.models import Client
from studio.services import clients


def test_updating_a_field_a_table_does_not_have_is_refused_by_name(studio):
    """Before, the unknown-field check ran after reading the field, so a KeyError came first."""
    c = clients.create_client(studio, "Ada Lovelace")
    with pytest.raises(ValueError, match="client has no field nickname"):
        with studio.transaction() as tx:
            tx.update(Client, c.id, nickname="Ada")


def test_a_new_row_journals_an_empty_value_that_differs_from_the_default(studio):
    """Another laptop makes the row from its records and the defaults: they must agree."""
    with studio.transaction() as tx:
        c = tx.create(Client, name="Blank stage", stage="")
    with studio.read() as conn:
        fields = {
            r[0] for r in conn.exec_driver_sql("SELECT field FROM change WHERE row_id = ?", (c.id,))
        }
    assert "stage" in fields and "notes" not in fields  # notes "" is the default
