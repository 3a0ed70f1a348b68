"""Tables and small value types of a studio's data.

Import the submodules directly: ``base`` (what every row shares), ``models`` (the dossier's tables,
the change journal and :data:`~studio.domain.models.MODELS`, the list of every table), the other
``*_models`` table modules, ``values`` (every closed vocabulary), ``validate``, ``names``.
"""
