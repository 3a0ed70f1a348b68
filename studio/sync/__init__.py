"""Sharing one studio between laptops through a place they all reach (a synced folder, WebDAV).

Qt-free. Submodules: :mod:`studio.sync.segment` (the sealed, signed journal segments),
:mod:`studio.sync.membership` (the owner-signed list of laptops), :mod:`studio.sync.keys` (this
laptop's keys), :mod:`studio.sync.transport` (the shared place), :mod:`studio.sync.engine`
(exchanging and merging).
"""
