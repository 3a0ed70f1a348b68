"""Travel Studio core: storage, domain, services, reports and the command line.

This package never imports Qt; the desktop client in ``ui`` is a client of it.
"""

__version__ = "0.1.0"
