"""Itineraries: trips, versions (proposals), days and items, suppliers, totals and checks.

Every write validates first (raising :class:`~studio.errors.ValidationError` naming the field) and
goes through the studio's transaction, so each change is journaled and can be undone. A version the
client approved is locked: any edit aimed at it (or at its days and items) first copies it to a new
version, which becomes the trip's current one, and the edit lands there.

Import from the submodules, which depend on each other in this order only (never back):
:mod:`~studio.services.trips.validators` and :mod:`~studio.services.trips.flights` (pure),
:mod:`~studio.services.trips.reading`, then :mod:`~studio.services.trips.suppliers`,
:mod:`~studio.services.trips.versions`, :mod:`~studio.services.trips.totals` (totals and the
pre-send check), :mod:`~studio.services.trips.plan` (days and items),
:mod:`~studio.services.trips.lifecycle` (trips and their status),
:mod:`~studio.services.trips.pipeline` (the list read model) and
:mod:`~studio.services.trips.handout` (the handout's content).
"""
