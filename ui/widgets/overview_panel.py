"""The Overview tab: the client's editable details, referrals, consent and key contacts.

Each field is saved on commit (editing finished, or a choice made) through ``ctx.execute``;
a refused value stays in the field with the reason written under it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio.domain import formatting
from studio.domain.names import display_name
from studio.domain.validate import format_phone
from studio.domain.values import (
    ClientKind,
    ConsentMethod,
    ConsentPurpose,
    ContactKind,
    Source,
    Stage,
)
from studio.errors import StudioError, ValidationError
from studio.services import clients, queries
from studio.services.queries import Dossier
from ui.context import AppContext
from ui.widgets import labels
from ui.widgets.field_editors import NO_VALUE, FieldBox, NotesEdit


class OverviewPanel(QWidget):
    """Editable details on the left; referrals, consent and key contacts on the right."""

    #: Emitted with a client id when the user clicks the referrer or a referral.
    sig_open_client = Signal(str)
    #: Emitted when the user asks to record consent (the dossier opens the dialog).
    sig_record_consent = Signal(str)
    #: Emitted when the user asks to choose who referred this client.
    sig_choose_referrer = Signal()
    #: Emitted when the user asks to add a contact (the dossier opens the dialog).
    sig_add_contact = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._dossier: Dossier | None = None
        self._boxes: dict[str, FieldBox] = {}

        self.name = QLineEdit(self)
        self.native_name = QLineEdit(self)
        self.native_name.setPlaceholderText(self.tr("e.g. 王小明"))
        self.kind = _combo(self, labels.choices(ClientKind))
        self.stage = _combo(self, labels.choices(Stage))
        self.source = _combo(self, [(NO_VALUE, self.tr("Not known"))] + labels.choices(Source))
        self.source_detail = QLineEdit(self)
        self.source_detail.setPlaceholderText(self.tr("e.g. met at the Shanghai travel fair"))
        self.advisor = QComboBox(self)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(self.tr("Comma-separated, e.g. VIP, food lover"))
        self.notes = NotesEdit(self)
        line = self.fontMetrics().lineSpacing()
        self.notes.setMinimumHeight(line * 4 + 12)
        self.notes.setMaximumHeight(line * 12 + 12)  # leave room for contacts and consent

        self.referrer = QLabel(self)
        self.referrer.setTextFormat(Qt.TextFormat.RichText)
        self.referrer.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.referrer.linkActivated.connect(self._open_link)
        self.choose_referrer = QPushButton(self.tr("Ch&oose…"), self)
        self.choose_referrer.clicked.connect(self.sig_choose_referrer)
        self.clear_referrer = QPushButton(self.tr("Clear"), self)
        self.clear_referrer.setToolTip(self.tr("Nobody referred this client"))
        self.clear_referrer.clicked.connect(lambda: self._commit("referred_by_id", None))
        referrer_row = QWidget(self)
        rr = QHBoxLayout(referrer_row)
        rr.setContentsMargins(0, 0, 0, 0)
        rr.addWidget(self.referrer, 1)
        rr.addWidget(self.choose_referrer)
        rr.addWidget(self.clear_referrer)

        # Alt+letter mnemonics below avoid F, E, V and H: the main window's menus use them.
        details = QGroupBox(self.tr("Details"), self)
        details_layout = QVBoxLayout(details)
        form = QFormLayout()
        details_layout.addLayout(form)
        details_layout.addStretch(1)  # rows keep their natural height; spare room goes below
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, caption, editor in (
            ("name", self.tr("&Name:"), self.name),
            ("native_name", self.tr("Nat&ive name:"), self.native_name),
            ("kind", self.tr("&Kind:"), self.kind),
            ("stage", self.tr("Sta&ge:"), self.stage),
            ("source", self.tr("Sou&rce:"), self.source),
            ("source_detail", self.tr("Source &detail:"), self.source_detail),
            ("referred_by_id", self.tr("Referred by:"), referrer_row),
            ("advisor_id", self.tr("&Advisor:"), self.advisor),
            ("tags", self.tr("&Tags:"), self.tags),
            ("notes", self.tr("Note&s:"), self.notes),
        ):
            box = FieldBox(editor, details)
            self._boxes[field] = box
            label = QLabel(caption, details)
            label.setBuddy(self.choose_referrer if editor is referrer_row else editor)
            form.addRow(label, box)

        # Commit on editing finished (text) or on a user's choice (combos).
        for field, edit in (
            ("name", self.name),
            ("native_name", self.native_name),
            ("source_detail", self.source_detail),
            ("tags", self.tags),
        ):
            edit.editingFinished.connect(lambda f=field, e=edit: self._commit(f, e.text()))
        self.notes.editingFinished.connect(lambda: self._commit("notes", self.notes.toPlainText()))
        for field, combo in (
            ("kind", self.kind),
            ("stage", self.stage),
            ("source", self.source),
            ("advisor_id", self.advisor),
        ):
            combo.activated.connect(
                lambda _i, f=field, c=combo: self._commit(f, c.currentData() or None)
            )

        # Right column: relationships, consent and how to reach them.
        self.referrals = _rich_label(self)
        self.referrals.linkActivated.connect(self._open_link)
        referrals_box = _group(self, self.tr("Referred by this client"), self.referrals)

        self.consent = _rich_label(self)
        self.record_consent = QPushButton(self.tr("Record &consent…"), self)
        self.record_consent.clicked.connect(lambda: self.sig_record_consent.emit(""))
        consent_box = _group(self, self.tr("Consent"), self.consent, self.record_consent)

        self.contacts = _rich_label(self)
        self.add_contact = QPushButton(self.tr("Add contact…"), self)
        self.add_contact.clicked.connect(self.sig_add_contact)
        contacts_box = _group(self, self.tr("Key contacts"), self.contacts, self.add_contact)

        right = QVBoxLayout()
        right.addWidget(contacts_box)
        right.addWidget(consent_box)
        right.addWidget(referrals_box)
        right.addStretch(1)

        content = QWidget(self)
        columns = QHBoxLayout(content)
        columns.addWidget(details, 3)
        columns.addLayout(right, 2)
        self._columns = columns
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    #: Below this width the side column goes under the details instead of beside them.
    TWO_COLUMNS_MIN_WIDTH = 760

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        wide = event.size().width() >= self.TWO_COLUMNS_MIN_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._columns.direction() != direction:
            self._columns.setDirection(direction)
        super().resizeEvent(event)

    # -- showing --------------------------------------------------------------------------------
    def field_box(self, field: str) -> FieldBox:
        return self._boxes[field]

    def set_dossier(self, dossier: Dossier, advisors: list | None = None) -> None:
        same_client = self._dossier is not None and self._dossier.client.id == dossier.client.id
        if not same_client:
            for box in self._boxes.values():
                box.clear_error()
        self._dossier = dossier
        c = dossier.client
        self._fill_advisors(c.advisor_id, advisors)
        self._set_text("name", self.name, c.name)
        self._set_text("native_name", self.native_name, c.native_name or "")
        self._set_text("source_detail", self.source_detail, c.source_detail or "")
        self._set_text("tags", self.tags, ", ".join(dossier.tags))
        if not self._keeps_typing("notes", self.notes):
            self.notes.setPlainText(c.notes or "")
            self.notes.document().setModified(False)
        for field, combo, value in (
            ("kind", self.kind, c.kind),
            ("stage", self.stage, c.stage),
            ("source", self.source, c.source),
            ("advisor_id", self.advisor, c.advisor_id),
        ):
            if not self._boxes[field].has_error:
                combo.setCurrentIndex(max(0, combo.findData(value or NO_VALUE)))
        if dossier.referred_by is not None:
            r = dossier.referred_by
            self.referrer.setText(_link(r.id, display_name(r.name, r.native_name)))
            self.referrer.setToolTip(self.tr("Open this client's dossier"))
        else:
            self.referrer.setText(_muted(self, self.tr("Nobody")))
            self.referrer.setToolTip("")
        self.clear_referrer.setEnabled(dossier.referred_by is not None)
        self._show_referrals(dossier)
        self._show_consent(dossier)
        self._show_contacts(dossier)

    def _set_text(self, field: str, edit: QLineEdit, value: str) -> None:
        if not self._keeps_typing(field, edit):
            edit.setText(value)
            edit.setCursorPosition(0)

    def _keeps_typing(self, field: str, editor: QWidget) -> bool:
        """True when the field holds text the user typed and has not had accepted yet."""
        if self._boxes[field].has_error:
            return True
        modified = (
            editor.document().isModified() if isinstance(editor, NotesEdit) else editor.isModified()
        )
        return editor.hasFocus() and modified

    def _fill_advisors(self, current: str | None, advisors: list | None) -> None:
        self.advisor.clear()
        self.advisor.addItem(self.tr("Nobody yet"), NO_VALUE)
        for a in advisors if advisors is not None else queries.advisors(self._ctx.studio):
            self.advisor.addItem(display_name(a.name, a.native_name), a.id)
        self.advisor.setCurrentIndex(max(0, self.advisor.findData(current or NO_VALUE)))

    def _show_referrals(self, dossier: Dossier) -> None:
        if not dossier.referrals:
            self.referrals.setText(_muted(self, self.tr("No referrals yet.")))
            return
        self.referrals.setText(
            "<br>".join(_link(r.id, display_name(r.name, r.native_name)) for r in dossier.referrals)
        )

    def _show_consent(self, dossier: Dossier) -> None:
        given = {c.purpose: c for c in dossier.consents}
        lines = []
        for purpose, caption in labels.choices(ConsentPurpose):
            c = given.get(purpose)
            if c is None:
                state = _muted(self, self.tr("not asked yet"))
            else:
                answer = self.tr("agreed") if c.granted else self.tr("declined")
                how = labels.label(ConsentMethod, c.method).lower()
                state = html.escape(
                    self.tr("%1 on %2 (%3)")
                    .replace("%1", answer)
                    .replace("%2", formatting.format_date(c.decided_on))
                    .replace("%3", how)
                )
                state = f"<b>{state}</b>" if c.granted else state
            lines.append(f"{html.escape(caption)}: {state}")
        self.consent.setText("<br>".join(lines))

    def _show_contacts(self, dossier: Dossier) -> None:
        people = {p.person.id: p.person for p in dossier.people}
        lines = []
        for cp in dossier.contacts[:8]:
            value = (
                format_phone(cp.value)
                if cp.kind in (ContactKind.PHONE, ContactKind.WHATSAPP)
                else cp.value
            )
            line = f"{html.escape(labels.label(ContactKind, cp.kind))}: {html.escape(value)}"
            if cp.preferred:
                line = f"<b>{line}</b> " + _muted(self, self.tr("(preferred)"))
            who = people.get(cp.person_id)
            extra = [display_name(who.name, who.native_name)] if who else []
            if cp.label:
                extra.append(cp.label)
            if extra:
                line += " " + _muted(self, "— " + ", ".join(extra))
            lines.append(line)
        if len(dossier.contacts) > 8:
            lines.append(
                _muted(
                    self,
                    labels.count_text(
                        len(dossier.contacts) - 8,
                        self.tr("…and %n more on the People tab"),
                        self.tr("…and %n more on the People tab"),
                    ),
                )
            )
        self.contacts.setText(
            "<br>".join(lines)
            if lines
            else _muted(self, self.tr("No contacts yet — add them on the People tab."))
        )

    # -- editing --------------------------------------------------------------------------------
    def _commit(self, field: str, value: Any) -> None:
        dossier = self._dossier
        if dossier is None:
            return
        box = self._boxes[field]
        if self._unchanged(field, value):
            box.clear_error()
            return
        # What is being saved is no longer “typing in progress”: let the refresh show the stored
        # value (normalised, or later an undo) even while the field keeps the focus.
        editor = box.editor
        if isinstance(editor, QLineEdit):
            editor.setModified(False)
        elif isinstance(editor, NotesEdit):
            editor.document().setModified(False)
        studio, cid = self._ctx.studio, dossier.client.id
        operation: Callable[[], Any] = lambda: clients.update_client(studio, cid, **{field: value})  # noqa: E731
        try:
            self._ctx.execute(self._undo_text(field), operation)
        except ValidationError as exc:
            self._boxes.get(exc.field, box).show_error(exc.message)
            return
        except StudioError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        box.clear_error()

    def commit_referrer(self, client_id: str | None) -> None:
        self._commit("referred_by_id", client_id)

    def _unchanged(self, field: str, value: Any) -> bool:
        c = self._dossier.client
        if field == "tags":
            typed = [t.strip() for t in str(value).replace("，", ",").split(",") if t.strip()]
            return typed == self._dossier.tags
        current = getattr(c, field)
        if isinstance(value, str) or value is None:
            return (value or "").strip() == (current or "").strip()
        return value == current

    def _undo_text(self, field: str) -> str:
        captions = {
            "name": self.tr("Change name"),
            "native_name": self.tr("Change native name"),
            "kind": self.tr("Change kind"),
            "stage": self.tr("Change stage"),
            "source": self.tr("Change source"),
            "source_detail": self.tr("Change source detail"),
            "referred_by_id": self.tr("Change who referred"),
            "advisor_id": self.tr("Change advisor"),
            "tags": self.tr("Change tags"),
            "notes": self.tr("Change notes"),
        }
        return captions.get(field, self.tr("Change client"))

    def _open_link(self, href: str) -> None:
        if href.startswith("client:"):
            self.sig_open_client.emit(href.removeprefix("client:"))


def _combo(parent: QWidget, items: list[tuple[Any, str]]) -> QComboBox:
    combo = QComboBox(parent)
    for key, text in items:
        combo.addItem(text, key)
    return combo


def _rich_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _group(parent: QWidget, title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title, parent)
    layout = QVBoxLayout(box)
    for w in widgets:
        layout.addWidget(
            w, 0, Qt.AlignmentFlag.AlignLeft if isinstance(w, QPushButton) else Qt.AlignmentFlag(0)
        )
    return box


def _link(client_id: str, text: str) -> str:
    return f'<a href="client:{html.escape(client_id)}">{html.escape(text)}</a>'


def _muted(widget: QWidget, text: str) -> str:
    """Secondary text in the palette's placeholder colour (readable in light and dark modes)."""
    from PySide6.QtGui import QPalette

    colour = widget.palette().color(QPalette.ColorRole.PlaceholderText).name()
    return f'<span style="color:{colour}">{html.escape(text)}</span>'
