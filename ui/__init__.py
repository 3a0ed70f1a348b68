"""The Travel Studio desktop client (PySide6). A client of ``studio``; never imported by it."""
