"""Relationship care: the daily agenda of birthdays, anniversaries, expiring passports and tasks.

Import from the submodules, not from here:

- :mod:`~studio.services.agenda.rules`: lead days, switches, options, the one definition of dormant;
- :mod:`~studio.services.agenda.documents`: travel documents (passports) and reading them;
- :mod:`~studio.services.agenda.sources`: occurrences, the source protocol, dates and documents;
- :mod:`~studio.services.agenda.trip_sources`: trip anniversaries, trip tasks, win-back;
- :mod:`~studio.services.agenda.build`: the one list of sources and the agenda itself;
- :mod:`~studio.services.agenda.actions`: done, snoozed, dismissed, reopened;
- :mod:`~studio.services.agenda.calendar`: the ``.ics`` calendar file;
- :mod:`~studio.services.agenda.cli`: ``travel-studio agenda`` as text or JSON.

Imports go one way, down this list (``calendar`` and ``cli`` read ``build``); no module imports one
that imports it back.
"""
