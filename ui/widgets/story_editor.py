"""The story of a trip's memory book: a day's journal (the advisor's notes, the client's quotes,
highlights) on one tab, the book's texts and print options on the other. Each field is saved on
leaving it (and on switching day or trip), through ``ctx.execute``: one undo step per field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QWidget,
)

from studio.domain import dates, formatting
from studio.errors import StudioError, ValidationError
from studio.services.media import book as media_book
from studio.services.media import editing as media_edit
from studio.services.media import rows as media_rows
from studio.services.trips import reading as trip_reading
from ui.context import AppContext
from ui.widgets.field_editors import FieldBox, NotesEdit

TAB_JOURNAL, TAB_BOOK_TEXTS = 0, 1

#: Tables whose changes can alter the journal or the book's texts.
JOURNAL_TABLES = frozenset({"trip_journal", "memory_book", "trip", "trip_day", "trip_version"})


@dataclass(frozen=True)
class DayChoice:
    number: int
    date: str | None
    title: str


def size_labels(widget: QWidget) -> dict[str, str]:
    """The book sizes (the core's names) with what the user reads."""
    tr = widget.tr
    return {
        "a4": tr("A4 portrait (210 × 297 mm)"),
        "a4-landscape": tr("A4 landscape (297 × 210 mm)"),
        "letter": tr("US Letter (8.5 × 11 in)"),
        "square8": tr("8 × 8 in square"),
        "square20": tr("20 × 20 cm square"),
    }


class StoryEditor(QTabWidget):
    """The journal and the book's texts of one trip (``set_trip``)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._trip_id: str | None = None
        self._days: list[DayChoice] = []
        self._shown_day: int | None = None  # the day whose journal the editors show

        self.day_combo = QComboBox(self)
        self.day_combo.setObjectName("journalDay")
        self.day_combo.currentIndexChanged.connect(self._on_day_changed)
        self.journal = NotesEdit(self)
        self.journal.setObjectName("journalText")
        self.journal.setPlaceholderText(self.tr("What happened this day, in the advisor's words"))
        self.quotes = NotesEdit(self)
        self.quotes.setPlaceholderText(self.tr("The client's own words, one quote per line"))
        self.highlights = NotesEdit(self)
        self.highlights.setPlaceholderText(self.tr("One highlight per line"))
        self._journal_boxes = {
            "journal": FieldBox(self.journal, self),
            "quotes": FieldBox(self.quotes, self),
            "highlights": FieldBox(self.highlights, self),
        }
        for key, edit in (
            ("journal", self.journal),
            ("quotes", self.quotes),
            ("highlights", self.highlights),
        ):
            edit.editingFinished.connect(lambda k=key: self._save_journal(k))
        # three lines each; the day's journal takes the rest of the height
        for edit in (self.quotes, self.highlights):
            edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 2 * edit.frameWidth() + 10)
        self.journal.setMinimumHeight(
            self.fontMetrics().lineSpacing() * 4 + 2 * self.journal.frameWidth() + 10
        )
        for key in ("quotes", "highlights"):
            self._journal_boxes[key].setSizePolicy(
                QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum
            )
        journal_page = QWidget(self)
        jf = QFormLayout(journal_page)
        jf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        jf.addRow(self.tr("&Day:"), self.day_combo)
        jf.addRow(self.tr("&Journal:"), self._journal_boxes["journal"])
        jf.addRow(self.tr("&Quotes:"), self._journal_boxes["quotes"])
        jf.addRow(self.tr("&Highlights:"), self._journal_boxes["highlights"])
        for w, buddy in (
            (jf.labelForField(self._journal_boxes[k]), e)
            for k, e in (
                ("journal", self.journal),
                ("quotes", self.quotes),
                ("highlights", self.highlights),
            )
        ):
            w.setBuddy(buddy)

        self.book_title = QLineEdit(self)
        self.book_subtitle = QLineEdit(self)
        self.book_signature = QLineEdit(self)
        self.book_summary = NotesEdit(self)
        self.book_closing = NotesEdit(self)
        self.book_summary.setPlaceholderText(
            self.tr("A few lines about the whole trip, for the overview page")
        )
        self.book_closing.setPlaceholderText(self.tr("A closing message to the travellers"))
        self._book_edits: dict[str, QLineEdit | NotesEdit] = {
            "title": self.book_title,
            "subtitle": self.book_subtitle,
            "summary": self.book_summary,
            "closing": self.book_closing,
            "signature": self.book_signature,
        }
        self._book_boxes = {k: FieldBox(e, self) for k, e in self._book_edits.items()}
        for key, edit in self._book_edits.items():
            edit.editingFinished.connect(lambda k=key: self._save_book_text(k))
        self.size_combo = QComboBox(self)
        self.size_combo.setObjectName("bookSize")
        for key, label in size_labels(self).items():
            self.size_combo.addItem(label, key)
        self.size_combo.activated.connect(
            lambda _i: self._save_option("size", self.size_combo.currentData())
        )
        self.bleed = QCheckBox(self.tr("Bl&eed (3 mm / 0.125 in) with crop marks"), self)
        self.bleed.setToolTip(
            self.tr("For a print shop that trims the pages: photos run past the edge")
        )
        self.bleed.clicked.connect(lambda on: self._save_option("bleed", bool(on)))
        self._option_box = FieldBox(self.size_combo, self)
        book_page = QWidget(self)
        bf = QFormLayout(book_page)
        bf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, caption in (
            ("title", self.tr("&Title:")),
            ("subtitle", self.tr("S&ubtitle:")),
            ("summary", self.tr("Su&mmary:")),
            ("closing", self.tr("Closin&g:")),
            ("signature", self.tr("Si&gnature:")),
        ):
            bf.addRow(caption, self._book_boxes[key])
            bf.labelForField(self._book_boxes[key]).setBuddy(self._book_edits[key])
        bf.addRow(self.tr("Si&ze:"), self._option_box)
        bf.labelForField(self._option_box).setBuddy(self.size_combo)
        bf.addRow("", self.bleed)

        self.setObjectName("bookEditors")
        self.setDocumentMode(True)
        self._defaults_stale = True
        # each page scrolls on its own, so the tab never forces the trip's pane to grow
        for page, title in ((journal_page, self.tr("Journal")), (book_page, self.tr("Book"))):
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.addTab(scroll, title)
        self.currentChanged.connect(lambda _i: self._load_book_defaults())

    # -- public -----------------------------------------------------------------------------
    @property
    def days(self) -> list[DayChoice]:
        return list(self._days)

    def set_trip(self, trip_id: str | None) -> None:
        """Save what is being typed into the trip shown, then show ``trip_id``'s story."""
        self.flush()
        self._trip_id = trip_id
        self._load_days()
        self._load_story()

    def book_options(self) -> tuple[str, bool]:
        """The size and bleed chosen for the book."""
        return self.size_combo.currentData() or "a4", self.bleed.isChecked()

    def on_studio_changed(self, changes) -> None:
        """Slot for ``ctx.bridge.sig_changed``: the days, journal and texts follow the studio
        (what is being typed is kept)."""
        if not self._trip_id:
            return
        tables = set(getattr(changes, "tables", ()))
        if tables & {"trip", "trip_day", "trip_version"}:
            self._load_days()
        if tables & JOURNAL_TABLES:
            self._load_journal(keep_edited=True)
            self._load_book(keep_edited=True)

    # -- the story --------------------------------------------------------------------------
    def _load_days(self) -> None:
        self._days = _trip_days(self._ctx.studio, self._trip_id) if self._trip_id else []
        keep = self.day_combo.currentData()
        self.day_combo.blockSignals(True)
        self.day_combo.clear()
        for d in self._days:
            self.day_combo.addItem(self.day_label(d), d.number)
        at = self.day_combo.findData(keep)
        self.day_combo.setCurrentIndex(at if at >= 0 else 0)
        self.day_combo.blockSignals(False)
        self.day_combo.setToolTip(self.day_combo.currentText())
        self._shown_day = self.current_day()
        for w in (self.journal, self.quotes, self.highlights):
            w.setEnabled(bool(self._days))

    def day_label(self, d: DayChoice) -> str:
        text = self.tr("Day %1").replace("%1", str(d.number))
        if d.date:
            try:
                text += " · " + formatting.day_month(d.date)
            except ValueError:
                text += " · " + d.date
        if d.title:
            text += " · " + d.title
        return text

    def current_day(self) -> int | None:
        return self.day_combo.currentData()

    def set_current_day(self, number: int) -> None:
        at = self.day_combo.findData(number)
        if at >= 0:
            self.day_combo.setCurrentIndex(at)

    def _on_day_changed(self, _index: int) -> None:
        self.day_combo.setToolTip(self.day_combo.currentText())
        self.flush()  # into the day that was shown
        self._shown_day = self.current_day()
        self._load_journal()

    def flush(self) -> None:
        """Save what is being typed (leaving a field saves it; so does switching day or trip)."""
        for key, edit in (
            ("journal", self.journal),
            ("quotes", self.quotes),
            ("highlights", self.highlights),
        ):
            if edit.document().isModified():
                self._save_journal(key)
        for key, edit in self._book_edits.items():
            modified = (
                edit.document().isModified() if isinstance(edit, NotesEdit) else edit.isModified()
            )
            if modified:
                self._save_book_text(key)

    def _load_story(self) -> None:
        self._load_journal()
        self._load_book()

    def _load_journal(self, *, keep_edited: bool = False) -> None:
        entry = None
        if self._trip_id and self._shown_day is not None:
            entry = media_rows.journal_of(self._ctx.studio, self._trip_id).get(self._shown_day)
        values = {
            "journal": entry.journal if entry else "",
            "quotes": entry.quotes if entry else "",
            "highlights": "\n".join(media_rows.highlights_of(entry)),
        }
        for key, edit in (
            ("journal", self.journal),
            ("quotes", self.quotes),
            ("highlights", self.highlights),
        ):
            if keep_edited and edit.document().isModified():
                continue
            _set_plain(edit, values[key])
            self._journal_boxes[key].clear_error()

    def _save_journal(self, key: str) -> None:
        edit = {"journal": self.journal, "quotes": self.quotes, "highlights": self.highlights}[key]
        day = self._shown_day
        if not self._trip_id or day is None:
            return
        trip_id, text = self._trip_id, edit.toPlainText()
        label = {
            "journal": self.tr("Edit day %1's journal"),
            "quotes": self.tr("Edit day %1's quotes"),
            "highlights": self.tr("Edit day %1's highlights"),
        }[key].replace("%1", str(day))
        try:
            self._ctx.execute(
                label,
                lambda: media_edit.set_journal(self._ctx.studio, trip_id, day, **{key: text}),
            )
        except ValidationError as exc:
            self._journal_boxes[key].show_error(exc.message)
            return
        except StudioError as exc:
            self._journal_boxes[key].show_error(str(exc))
            return
        self._journal_boxes[key].clear_error()
        edit.document().setModified(False)

    def _load_book(self, *, keep_edited: bool = False) -> None:
        if not self._trip_id:
            for edit in self._book_edits.values():
                _set_text(edit, "")
            return
        try:
            book = media_rows.book_settings(self._ctx.studio, self._trip_id)
        except StudioError:
            return
        for key, edit in self._book_edits.items():
            modified = (
                edit.document().isModified() if isinstance(edit, NotesEdit) else edit.isModified()
            )
            if keep_edited and modified:
                continue
            _set_text(edit, getattr(book, key) or "")
            self._book_boxes[key].clear_error()
        at = self.size_combo.findData(book.size)
        self.size_combo.setCurrentIndex(at if at >= 0 else 0)
        self.bleed.setChecked(bool(book.bleed))
        self._defaults_stale = True
        self._load_book_defaults()

    def _load_book_defaults(self) -> None:
        """The texts a book gets when a field is left empty, as placeholders; read only while the
        Book tab is shown (they take the whole trip to work out)."""
        if not self._trip_id or not self._defaults_stale or self.currentIndex() != TAB_BOOK_TEXTS:
            return
        self._defaults_stale = False
        try:
            content = media_book.book_content(self._ctx.studio, self._trip_id)
        except StudioError:
            return
        for key, text in (
            ("title", content.title),
            ("subtitle", content.subtitle),
            ("signature", content.signature),
        ):
            self._book_edits[key].setPlaceholderText(text)

    def _save_book_text(self, key: str) -> None:
        if not self._trip_id:
            return
        edit = self._book_edits[key]
        text = edit.toPlainText() if isinstance(edit, NotesEdit) else edit.text()
        trip_id = self._trip_id
        try:
            self._ctx.execute(
                self.tr("Edit the book's %1").replace("%1", key),
                lambda: media_edit.set_book(self._ctx.studio, trip_id, **{key: text}),
            )
        except StudioError as exc:
            self._book_boxes[key].show_error(getattr(exc, "message", str(exc)))
            return
        self._book_boxes[key].clear_error()
        if isinstance(edit, NotesEdit):
            edit.document().setModified(False)
        else:
            edit.setModified(False)

    def _save_option(self, key: str, value: Any) -> None:
        if not self._trip_id:
            return
        trip_id = self._trip_id
        try:
            self._ctx.execute(
                self.tr("Change the book's size")
                if key == "size"
                else self.tr("Change the book's bleed"),
                lambda: media_edit.set_book(self._ctx.studio, trip_id, **{key: value}),
            )
        except StudioError as exc:
            self._option_box.show_error(str(exc))
            return
        self._option_box.clear_error()


def _trip_days(studio, trip_id: str) -> list[DayChoice]:
    """The trip's days (current version), else one per date between its start and end."""
    try:
        trip = trip_reading.find_trip(studio, trip_id)
    except StudioError:
        return []
    out: list[DayChoice] = []
    start = date.fromisoformat(trip.start_date) if trip.start_date else None
    if trip.current_version_id:
        seen = set()
        for d in trip_reading.days(studio, trip.current_version_id):
            if d.day_number in seen:
                continue
            seen.add(d.day_number)
            when = d.date or (dates.trip_day(start, d.day_number).isoformat() if start else None)
            out.append(DayChoice(d.day_number, when, d.title))
    if not out and start and trip.end_date:
        out = [
            DayChoice(n, d.isoformat(), "")
            for n, d in enumerate(dates.trip_dates(start, date.fromisoformat(trip.end_date)), 1)
        ]
    return sorted(out, key=lambda d: d.number)


def _set_plain(edit: NotesEdit, text: str) -> None:
    if edit.toPlainText() != text:
        edit.setPlainText(text)
    edit.document().setModified(False)


def _set_text(edit, text: str) -> None:
    if isinstance(edit, NotesEdit):
        _set_plain(edit, text)
    else:
        if edit.text() != text:
            edit.setText(text)
        edit.setModified(False)
