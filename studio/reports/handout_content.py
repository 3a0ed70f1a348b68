"""What an itinerary handout prints, independent of where it is stored.

:func:`studio.services.trips.handout.handout_content` reads a trip's version, client, travellers,
suppliers, prices and the studio's details into a :class:`HandoutContent`;
:mod:`studio.reports.itinerary` lays it out in a language and writes the PDF. The two sides meet only
here, so the layout can be tested without a studio and the studio without PDFs. The content holds
what a client may see and nothing else: prices, never costs or margins.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from studio.domain.names import NameForm, display_name


@dataclass(frozen=True)
class HandoutSupplier:
    kind: str
    name: str
    native_name: str | None = None
    contacts: str = ""
    location: str = ""

    @property
    def display_name(self) -> str:
        """“Hôtel d'Europe (欧洲酒店)”, or the name alone (the printed form of a name)."""
        return display_name(self.name, self.native_name, NameForm.PRINTED)


@dataclass(frozen=True)
class HandoutItem:
    kind: str
    title: str
    start_time: str | None = None  # HH:MM, local at the place
    end_time: str | None = None
    start_zone: str = ""  # the zone's abbreviation at that day and time ("JST"), or ""
    end_zone: str = ""  # the arrival's, for a flight into another zone (else the start's)
    #: For a flight: its arrival's calendar day against its departure's ("+1", "−1"), or "".
    arrival_offset: str = ""
    place: str = ""
    supplier: HandoutSupplier | None = None
    confirmation: str | None = None
    price: Decimal | None = None
    currency: str = ""  # the price's (the item's, else the trip's)
    notes: str = ""


@dataclass(frozen=True)
class HandoutDay:
    number: int
    date: str | None = None  # YYYY-MM-DD
    title: str = ""
    notes: str = ""
    items: tuple[HandoutItem, ...] = ()


@dataclass(frozen=True)
class PriceTotal:
    """The prices of one currency added up (currencies are never converted or added together)."""

    currency: str
    amount: Decimal
    items: int  # how many priced items make it up


@dataclass(frozen=True)
class HandoutAdvisor:
    name: str  # as printed, with the native name
    email: str = ""


@dataclass(frozen=True)
class HandoutStudio:
    """The studio's details as the handout prints them."""

    name: str = "Travel Studio"  # the brand (upper-cased on the cover)
    native_name: str = ""  # printed under the brand, when the brand is the studio's own name
    display_name: str = "Travel Studio"  # name and native name, for the band and the footer
    tagline: str = ""
    contacts: tuple[str, ...] = ()  # phone (formatted), email, website
    address: str = ""
    emergency_phone: str = ""  # formatted, or "" when the studio has no 24 h line


@dataclass(frozen=True)
class HandoutContent:
    title: str
    client: str  # the client as the cover names them ("Zhang Wei & Zoë Müller  张伟")
    client_name: str  # the Latin name alone, for the PDF's metadata
    currency: str  # the trip's
    start_date: str | None = None
    end_date: str | None = None
    travellers: tuple[str, ...] = ()  # display names
    destinations: tuple[str, ...] = ()
    version_number: int = 1
    version_label: str | None = None
    approved_on: str | None = None  # YYYY-MM-DD
    advisor: HandoutAdvisor | None = None
    days: tuple[HandoutDay, ...] = ()
    price_totals: tuple[PriceTotal, ...] = ()  # per currency, with a price other than 0
    studio: HandoutStudio = HandoutStudio()

    def suppliers(self) -> list[HandoutSupplier]:
        """The suppliers of the plan's items, each once, in the order they first appear."""
        out: list[HandoutSupplier] = []
        for d in self.days:
            for it in d.items:
                if it.supplier and it.supplier not in out:
                    out.append(it.supplier)
        return out
