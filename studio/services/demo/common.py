"""What every part of the demo shares: seeded ids and its resource files."""

from __future__ import annotations

import json
import random
import uuid
from typing import Any

from studio import paths


def seeded_id(rng: random.Random) -> str:
    """A UUID drawn from ``rng``: the same seed gives the demo the same ids every time."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def load_resource(name: str) -> Any:
    """A JSON file of ``resources/demo`` (the demo's vocabularies and hand-written content)."""
    return json.loads((paths.resources_dir() / "demo" / name).read_text(encoding="utf-8"))
