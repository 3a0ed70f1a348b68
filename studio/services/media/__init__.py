"""A trip's photos and story: the media folder, probing and importing photos, captions and order,
day journals, memory-book settings, thumbnails, the files carried with an export, and the
memory book's content and build.

Photos are copied into ``media/`` beside the database, content-addressed
(``media/<sha[:2]>/<sha256>.<ext>``, the original bytes, written atomically): a photo added twice
to a trip is stored once and reported as a duplicate; the same file in two trips is one file and
two rows. Every row change goes through the studio's transaction (journaled, undoable); the files
themselves are never deleted by a row's removal, so undo always finds them. Thumbnails in
``media/thumbs/`` are a cache that can be deleted at any time.

Modules, each importing only those above it:

- :mod:`~studio.services.media.rows` reading a trip's rows (its days, photos, journal, book)
- :mod:`~studio.services.media.files` where files live (the media folder, the book's cache)
- :mod:`~studio.services.media.probe` what one file is (format, size, date, orientation)
- :mod:`~studio.services.media.importing` adding photos to a trip
- :mod:`~studio.services.media.carry` the photo files carried with an export of the studio
- :mod:`~studio.services.media.editing` captions, order, days, journals, the book's settings
- :mod:`~studio.services.media.thumbnails` the cached thumbnails
- :mod:`~studio.services.media.book` the memory book's content, and building it
"""
