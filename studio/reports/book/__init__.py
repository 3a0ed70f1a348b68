"""The trip memory book: a print-shop-ready PDF of a trip's photos and story.

Modules, each importing only those above it (and no service: the book is made from a
:class:`~studio.reports.book.content.BookContent` that a service reads from the studio):

- :mod:`~studio.reports.book.content` what a book is made of (frozen content objects)
- :mod:`~studio.reports.book.geometry` page sizes, text styles, rectangles, frames and pages
- :mod:`~studio.reports.book.flow` text stacked down a column and onto more pages
- :mod:`~studio.reports.book.arrangements` photos arranged on a page
- :mod:`~studio.reports.book.layout` the whole book, page by page (pure geometry; its dates are
  written by :mod:`studio.reports.words`, in the content's language)
- :mod:`~studio.reports.book.photos` photos checked, and prepared for print in workers
- :mod:`~studio.reports.book.cache` the prepared photos kept between builds
- :mod:`~studio.reports.book.preflight` the report of what was written
- :mod:`~studio.reports.book.text` the typesetter (reportlab paragraphs, Chinese line breaking)
- :mod:`~studio.reports.book.pdf` :func:`~studio.reports.book.pdf.write_book`, the PDF itself
"""
