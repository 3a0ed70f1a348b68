"""The Profile tab and the "at a glance" card of a dossier.

The form mirrors the taxonomy (``resources/taxonomy/preferences.json``): one group per section,
one line per item with a level chooser, so a profile fills in with single clicks during a phone
call. Clicking a level saves at once; clicking the chosen level again removes the fact. Notes are
saved when editing finishes. Every change goes through ``ctx.execute`` (one undoable step).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.domain import formatting, taxonomy
from studio.domain.i18n import current_language
from studio.domain.names import display_name
from studio.domain.profile_models import ProfileFact
from studio.errors import StudioError
from studio.services import profiles
from studio.services.safety import vocabulary as safety_vocabulary
from ui.context import AppContext
from ui.style import error_color
from ui.widgets.field_editors import NO_VALUE, ErrorLabel

PARTY = "party"  # person-combo data for "the whole party" (never None in combo data)


def is_allergen(item: taxonomy.Item | None) -> bool:
    """An ingredient row of the diet section (peanuts, shellfish…), as against a diet (vegan)."""
    return item is not None and safety_vocabulary.load().rule(item.key).allergen


def levels_for(section: taxonomy.Section, item: taxonomy.Item | None = None) -> tuple[str, ...]:
    """The level buttons a section (and, in the diet section, an item) offers."""
    if section.single or section.kind in ("need", "note"):
        return ("must",)
    if section.kind == "diet":
        return ("like", "never", "dislike") if is_allergen(item) else ("must",)
    return ("love", "like", "neutral", "dislike", "never")


def _level_text(section: taxonomy.Section, level: str, item: taxonomy.Item | None = None) -> str:
    if section.kind == "diet":
        if is_allergen(item):
            return {
                "like": QCoreApplication.translate("ProfilePanel", "Eats"),
                "never": QCoreApplication.translate("ProfilePanel", "Avoids"),
                "dislike": QCoreApplication.translate("ProfilePanel", "Dislikes"),
                "must": QCoreApplication.translate("ProfilePanel", "Avoids"),
            }[level]
        return QCoreApplication.translate("ProfilePanel", "Follows")
    if level == "must":
        return (
            QCoreApplication.translate("ProfilePanel", "Yes")
            if section.kind in ("need", "note") or section.single
            else QCoreApplication.translate("ProfilePanel", "Must")
        )
    return taxonomy.level_label(level, current_language())


def severity_text(key: str | None) -> str:
    """How the severity chooser words a severity: allergies read "Allergic (severe)"."""
    return {
        None: QCoreApplication.translate("ProfilePanel", "Not allergic"),
        "preference": QCoreApplication.translate("ProfilePanel", "By choice"),
        "intolerance": QCoreApplication.translate("ProfilePanel", "Allergic (intolerance)"),
        "severe": QCoreApplication.translate("ProfilePanel", "Allergic (severe)"),
    }.get(key, key or "")


class _ItemRow:
    """The widgets of one taxonomy item: label, level buttons, (severity), note."""

    def __init__(
        self,
        panel: ProfilePanel,
        grid: QGridLayout,
        row: int,
        section: taxonomy.Section,
        item: taxonomy.Item,
    ):
        self.panel, self.section, self.item = panel, section, item
        parent = grid.parentWidget()
        self.label = QLabel(item.text(current_language()), parent)
        self.label.setToolTip(item.text("zh"))
        self.label.setWordWrap(True)
        grid.addWidget(self.label, row, 0)
        box = QWidget(parent)
        hb = QHBoxLayout(box)
        hb.setContentsMargins(0, 0, 0, 0)
        hb.setSpacing(2)
        self.group = QButtonGroup(box)
        self.group.setExclusive(False)
        self.buttons: dict[str, QToolButton] = {}
        for level in levels_for(section, item):
            b = QToolButton(box)
            b.setText(_level_text(section, level, item))
            b.setCheckable(True)
            b.setAutoRaise(False)
            b.setObjectName(f"level-{item.key}-{level}")
            b.setToolTip(taxonomy.level_label(level, "en" if current_language() == "zh" else "zh"))
            self.group.addButton(b)
            self.buttons[level] = b
            b.clicked.connect(lambda checked, lv=level: panel._level_clicked(self, lv, checked))
            hb.addWidget(b)
        hb.addStretch(1)
        grid.addWidget(box, row, 1)
        self.severity: QComboBox | None = None
        if section.kind == "diet" and is_allergen(item):
            self.severity = QComboBox(parent)
            # Narrow in the row (its list shows the whole words): the form must fit beside the
            # client list at the default window size.
            self.severity.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.severity.setMinimumContentsLength(10)
            self.severity.addItem(severity_text(None), NO_VALUE)
            for key in taxonomy.SEVERITIES:
                self.severity.addItem(severity_text(key), key)
            self.severity.setToolTip(
                QCoreApplication.translate("ProfilePanel", "Allergic (severity)")
            )
            self.severity.activated.connect(lambda _i: panel._severity_changed(self))
            grid.addWidget(self.severity, row, 2)
        self.note = QLineEdit(parent)
        self.note.setPlaceholderText(
            QCoreApplication.translate("ProfilePanel", "note")
            if section.kind != "note"
            else QCoreApplication.translate("ProfilePanel", "what exactly?")
        )
        self.note.setClearButtonEnabled(True)
        self.note.editingFinished.connect(lambda: panel._note_finished(self))
        grid.addWidget(self.note, row, 3)
        # What the others in the party said about this item, so nothing is asked twice.
        self.others = QLabel(parent)
        self.others.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        grid.addWidget(self.others, row, 4)
        self.fact: ProfileFact | None = None
        #: A note or severity typed on a row without a fact, kept until a level is chosen.
        self.pending = False

    def shown_level(self, fact: ProfileFact | None) -> str | None:
        """The button a fact lights: an allergen recorded as "must" (kept from older versions,
        meaning "keeps away from it") lights *Avoids*."""
        if fact is None:
            return None
        if fact.level == "must" and "must" not in self.buttons and "never" in self.buttons:
            return "never"
        return fact.level

    def show_fact(self, fact: ProfileFact | None, others: str = "") -> None:
        self.fact = fact
        keep = fact is None and self.pending  # what was typed waits for a level
        if not keep:
            self.pending = False
            self.others.setText(others)
        lit = self.shown_level(fact)
        for level, b in self.buttons.items():
            b.blockSignals(True)
            b.setChecked(lit == level)
            b.blockSignals(False)
        if self.severity is not None and not keep:
            self.severity.blockSignals(True)
            idx = self.severity.findData(fact.severity if fact and fact.severity else NO_VALUE)
            self.severity.setCurrentIndex(max(idx, 0))
            self.severity.blockSignals(False)
        if not self.note.hasFocus() and not keep:
            self.note.setText(fact.note if fact else "")
        bold = self.label.font()
        bold.setBold(fact is not None)
        self.label.setFont(bold)


class ProfilePanel(QWidget):
    """The profile form for one client, per person or for the whole party."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._client_id: str | None = None
        self._stale = True
        self._studio_share = ""
        self._share_stale = True
        self.rows: dict[str, _ItemRow] = {}

        self.person = QComboBox(self)
        self.person.setToolTip(self.tr("Whose preferences the form shows and records"))
        self.person.activated.connect(lambda _i: self.refresh())
        self.source = QComboBox(self)
        for key in taxonomy.SOURCES:
            self.source.addItem(taxonomy.load().sources[key][current_language()], key)
        self.source.setCurrentIndex(taxonomy.SOURCES.index("conversation"))
        self.source.setToolTip(self.tr("Where what you record now was learned"))
        self.trip = QLineEdit(self)
        self.trip.setPlaceholderText(self.tr("Learned on trip (optional)"))
        self.completeness = QLabel(self)
        self.completeness.setWordWrap(True)
        self.error = ErrorLabel(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("For:"), self))
        top.addWidget(self.person, 1)
        top.addWidget(QLabel(self.tr("Source:"), self))
        top.addWidget(self.source)
        top.addWidget(self.trip, 1)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)

        # Nothing above the form changes height while it is used: the completeness line keeps
        # two lines' room, and a refusal shows below the form, so no row moves under the pointer.
        self.completeness.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 4)
        self.completeness.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.completeness)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)

    def _ensure_form(self) -> None:
        """Build the form on first use: 138 lines of widgets would slow every start-up."""
        if self.rows:
            return
        body = QWidget(self)
        # A chosen level must be seen at a glance during a call, in light and dark themes alike.
        body.setStyleSheet(
            "QToolButton { padding: 1px 6px; }"
            "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
            " border: 1px solid palette(highlight); border-radius: 3px; font-weight: bold; }"
        )
        bv = QVBoxLayout(body)
        bv.setContentsMargins(0, 0, 8, 0)
        tax = taxonomy.load()
        # One column width for every section, so the level buttons line up down the whole form.
        # Measured in bold: a label turns bold once its item has a fact, and must not push the
        # buttons beside it sideways.
        bold = self.font()
        bold.setBold(True)
        label_width = (
            max(
                QFontMetrics(bold).horizontalAdvance(i.text(current_language()))
                for i in tax.items.values()
            )
            + 12
        )
        # The longest labels ("Children travelling, and their ages") wrap instead of widening
        # every row: the form must fit beside the client list at the default window size.
        label_width = min(label_width, QFontMetrics(bold).horizontalAdvance("x" * 24))
        buttons_width = self.fontMetrics().horizontalAdvance("Love Like Neutral Dislike Never") + 90
        for section in tax.sections:
            gb = QGroupBox(f"{section.text('en')} · {section.text('zh')}", body)
            gb.setObjectName(f"section-{section.key}")
            grid = QGridLayout(gb)
            grid.setHorizontalSpacing(8)
            grid.setVerticalSpacing(2)
            grid.setColumnStretch(3, 1)
            grid.setColumnMinimumWidth(0, label_width)
            grid.setColumnMinimumWidth(1, buttons_width)
            for n, item in enumerate(section.items):
                self.rows[item.key] = _ItemRow(self, grid, n, section, item)
            bv.addWidget(gb)
        self.history = QLabel(body)
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        history_box = QGroupBox(self.tr("Profile history"), body)
        QVBoxLayout(history_box).addWidget(self.history)
        self.unknown = QLabel(body)
        self.unknown.setWordWrap(True)
        self.unknown.setTextFormat(Qt.TextFormat.PlainText)
        bv.addWidget(self.unknown)
        bv.addWidget(history_box)
        bv.addStretch(1)
        self.scroll.setWidget(body)

    # -- the contract ---------------------------------------------------------------------------
    def set_client(self, client_id: str | None, people: list | None = None) -> None:
        """Show ``client_id``; ``people`` are its Person rows (for the person chooser)."""
        if client_id != self._client_id:
            self.error.set_message(None)
            # Studio-wide: read when the tab shows another client, not after every click.
            self._share_stale = True
        self._client_id = client_id
        current = self.person.currentData()
        self.person.clear()
        self.person.addItem(taxonomy.load().party[current_language()], PARTY)
        for p in people or []:
            self.person.addItem(display_name(p.name, p.native_name), p.id)
        idx = self.person.findData(current) if current else 0
        self.person.setCurrentIndex(max(idx, 0))
        self._stale = True
        if self.isVisible():
            self.refresh()

    def person_id(self) -> str | None:
        data = self.person.currentData()
        return None if data in (PARTY, NO_VALUE, None) else data

    def refresh(self) -> None:
        self._ensure_form()
        self._stale = False
        if not self._client_id:
            return
        studio = self._ctx.studio
        pid = self.person_id()
        facts = profiles.facts(studio, self._client_id)
        mine = {f.key: f for f in facts if f.person_id == pid}
        if (self._client_id, pid) != getattr(self, "_shown", None):
            for row in self.rows.values():  # typed for someone else: not carried over
                row.pending = False
            self._shown = (self._client_id, pid)
        people = {
            p_id: self.person.itemText(i).split(" · ")[0]
            for i in range(self.person.count())
            if (p_id := self.person.itemData(i)) not in (PARTY, NO_VALUE)
        }
        others: dict[str, list[str]] = {}
        for f in facts:
            if f.person_id != pid:
                who = (
                    people.get(f.person_id, taxonomy.load().party[current_language()])
                    if f.person_id
                    else taxonomy.load().party[current_language()]
                )
                others.setdefault(f.key, []).append(
                    f"{who}: {taxonomy.level_label(f.level, current_language())}"
                )
        for key, row in self.rows.items():
            row.show_fact(mine.get(key), "; ".join(others.get(key, [])))
        comp = profiles.completeness(studio, self._client_id)
        if comp.complete:
            self.completeness.setText(self.tr("Profile complete (100%)."))
        else:
            self.completeness.setText(
                self.tr("Profile %1% complete — still to ask: %2.")
                .replace("%1", str(comp.score))
                .replace("%2", ", ".join(comp.missing_labels(current_language())))
            )
        if self._share_stale:
            self._share_stale = False
            share = profiles.studio_completeness(studio)
            self._studio_share = (
                self.tr("Studio: %1% of dossiers complete (target %2%).")
                .replace("%1", str(round(share.share * 100)))
                .replace("%2", str(round(share.target * 100)))
            )
        if self._studio_share:
            self.completeness.setText(self.completeness.text() + "  " + self._studio_share)
        changes = profiles.profile_history(studio, self._client_id)[:20]
        self.history.setText(
            "\n".join(
                f"{formatting.format_date(c.when[:10])} · {c.advisor or '—'} · {c.person} — {c.text}"
                for c in changes
            )
            or self.tr("No changes yet.")
        )
        unknown = [f for f in facts if not taxonomy.load().knows(f.key)]
        self.unknown.setText(
            self.tr("Kept from an older or newer taxonomy: ")
            + "; ".join(f"{f.key} ({f.level}{', ' + f.note if f.note else ''})" for f in unknown)
            if unknown
            else ""
        )
        self.unknown.setVisible(bool(unknown))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self.refresh()
        super().showEvent(event)

    # -- writes ---------------------------------------------------------------------------------
    def _common(self) -> dict:
        return {"source": self.source.currentData(), "trip_id": self.trip.text().strip() or None}

    def _run(self, text: str, op) -> None:
        try:
            self._ctx.execute(text, op)
            self.error.set_message(None)
        except StudioError as exc:
            self.error.set_message(str(exc))
        if self._stale or not self.isVisible():
            self.refresh()

    def _level_clicked(self, row: _ItemRow, level: str, checked: bool) -> None:
        label = row.item.text(current_language())
        studio, cid, pid = self._ctx.studio, self._client_id, self.person_id()
        if not cid:
            return
        if not checked:
            if row.fact is not None:
                fid = row.fact.id
                self._run(
                    self.tr("Remove “%1” from the profile").replace("%1", label),
                    lambda: profiles.remove_fact(studio, fid),
                )
            return
        if row.section.single:  # one answer per section (the budget band)
            others = [
                r.fact.id
                for r in self.rows.values()
                if r.section is row.section and r is not row and r.fact is not None
            ]
        else:
            others = []
        note = row.note.text().strip()
        severity = row.severity.currentData() if row.severity is not None else None

        def op():
            for fid in others:
                profiles.remove_fact(studio, fid)
            profiles.set_fact(
                studio,
                cid,
                row.item.key,
                level,
                person_id=pid,
                note=note,
                severity=severity or None,
                **self._common(),
            )

        self._run(
            self.tr("Set “%1” to %2")
            .replace("%1", label)
            .replace("%2", taxonomy.level_label(level, current_language())),
            op,
        )

    def _hold(self, row: _ItemRow) -> None:
        """Something typed or chosen on a row without a level: kept on the row, not recorded,
        until the user picks a level (which records it with the note and severity)."""
        row.pending = True
        row.others.setText(self.tr("choose a level to record this"))

    def _severity_changed(self, row: _ItemRow) -> None:
        assert row.severity is not None  # only diet rows have the chooser
        sev = row.severity.currentData() or None
        studio = self._ctx.studio
        if row.fact is None:
            if sev is not None:
                self._hold(row)
            return
        fid = row.fact.id
        self._run(
            self.tr("Change severity of “%1”").replace("%1", row.item.text(current_language())),
            lambda: profiles.update_fact(studio, fid, severity=sev),
        )

    def _note_finished(self, row: _ItemRow) -> None:
        text = row.note.text().strip()
        studio = self._ctx.studio
        if row.fact is None:
            if not text or not self._client_id:
                return
            if row.section.kind != "note":
                self._hold(row)
                return
            # A note row (a service prompt, an insight) has no level to choose: the note is
            # the answer.
            cid, pid, key = self._client_id, self.person_id(), row.item.key
            self._run(
                self.tr("Note on “%1”").replace("%1", row.item.text(current_language())),
                lambda: profiles.set_fact(
                    studio, cid, key, "must", person_id=pid, note=text, **self._common()
                ),
            )
            return
        if text == row.fact.note:
            return
        fid = row.fact.id
        self._run(
            self.tr("Note on “%1”").replace("%1", row.item.text(current_language())),
            lambda: profiles.update_fact(studio, fid, note=text),
        )


class GlanceCard(QFrame):
    """At the top of every dossier: must-knows first (severe allergies, mobility), then loves,
    avoids and service prompts. Hidden when the profile is empty."""

    #: Emitted when the user clicks "edit profile" on the card.
    sig_edit_profile = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("glanceCard")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # The card keeps one height however many facts it lists (longer lists scroll inside),
        # so recording a fact never pushes the form below it down between two clicks.
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setWidget(self.text)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("glanceToggle")
        self.toggle.setAutoRaise(True)
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.toggled.connect(self._set_expanded)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        self.glance: profiles.Glance | None = None
        self._set_expanded(True)

    #: Lines of the card when open (collapsed: one line).
    LINES = 4

    def _set_expanded(self, expanded: bool) -> None:
        lines = self.LINES if expanded else 1
        self.toggle.setText("▴" if expanded else "▾")
        self.toggle.setToolTip(
            self.tr("Fold the card to one line") if expanded else self.tr("Show the whole card")
        )
        self.area.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 6)
        self.area.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if expanded
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )

    def set_client(self, client_id: str | None) -> None:
        if not client_id:
            self.glance = None
            self.hide()
            return
        g = self.glance = profiles.glance(self._ctx.studio, client_id, current_language())
        if g.is_empty():
            self.text.setText(
                html.escape(self.tr("No preferences recorded yet — fill in the Profile tab."))
            )
            self.show()
            return
        parts = []

        def block(title: str, lines: list[str], style: str = "", limit: int = 6) -> None:
            if not lines:
                return
            shown = [html.escape(x) for x in lines[:limit]]
            if len(lines) > limit:
                shown.append(
                    html.escape(self.tr("… and %1 more").replace("%1", str(len(lines) - limit)))
                )
            parts.append(f"<b{style}>{html.escape(title)}</b> " + " · ".join(shown))

        red = error_color(self.palette()).name()  # readable on light and dark backgrounds
        block(self.tr("Must know:"), g.must_knows, f' style="color:{red}"', limit=8)
        block(self.tr("Loves:"), g.loves)
        block(self.tr("Avoid:"), g.avoids)
        block(self.tr("Every time:"), g.prompts)
        self.text.setText("<br>".join(parts))
        self.show()
