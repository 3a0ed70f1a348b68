"""Printable documents (reportlab): intake questionnaires, itinerary handouts, memory books."""
