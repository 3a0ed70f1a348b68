"""The demo studio: a realistic, deterministic studio built from a seed.

:func:`studio.services.demo.build.build_demo` runs the parts in order: ``dossiers`` (advisors,
clients, their people and history), ``profiles``, ``agenda``, ``trips`` and ``media``; ``common``
holds what they share. Import the submodules directly.
"""
