"""A client's own data: exporting it, erasing it for good, and honouring their consent."""
