"""Tables and small value types of a studio's data."""

from studio.domain.models import (
    MODELS,
    Advisor,
    Change,
    Client,
    Consent,
    ContactPoint,
    ImportantDate,
    Interaction,
    Person,
    model_for_table,
)

__all__ = [
    "MODELS",
    "Advisor",
    "Change",
    "Client",
    "Consent",
    "ContactPoint",
    "ImportantDate",
    "Interaction",
    "Person",
    "model_for_table",
]
