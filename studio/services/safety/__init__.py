"""The profile check: what in an itinerary item clashes with a traveller's profile, how loudly to
say so, and the advisor's marks that a flag was checked."""
