"""The studio's loyalty settings: its tiers (Clients › Loyalty tiers…) and its referral reward
(Clients › Referral reward…)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.services.loyalty import referrals, tiers
from ui.context import AppContext
from ui.widgets.field_editors import ErrorLabel
from ui.widgets.form_dialog import FormDialog

_ID = Qt.ItemDataRole.UserRole


class TierFormDialog(FormDialog):
    def __init__(self, ctx: AppContext, tier: tiers.Tier | None, parent: QWidget | None = None):
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Edit tier") if tier else self.tr("New tier"))
        self.tier = tier
        self.name = QLineEdit(tier.name if tier else "", self)
        self.native_name = QLineEdit((tier.native_name or "") if tier else "", self)
        self.rank = QLineEdit(str(tier.rank) if tier else "", self)
        self.rank.setPlaceholderText(self.tr("1 is the first tier"))
        self.min_trips = QLineEdit(
            str(tier.min_trips) if tier and tier.min_trips is not None else "", self
        )
        self.min_spend = QLineEdit(
            ", ".join(f"{v:f} {c}" for c, v in sorted(tier.min_spend.items())) if tier else "",
            self,
        )
        self.min_spend.setPlaceholderText(self.tr("e.g. 150000 CNY, 20000 USD"))
        self.add_field("name", self.tr("&Name:"), self.name)
        self.add_field("native_name", self.tr("Name in &Chinese:"), self.native_name)
        self.add_field("rank", self.tr("&Rank:"), self.rank)
        self.add_field("min_trips", self.tr("Completed &trips:"), self.min_trips)
        self.add_field("min_spend", self.tr("Or lifetime &spend:"), self.min_spend)
        hint = QLabel(
            self.tr(
                "Spend counts per currency and is never converted; either rule reaches the tier."
            ),
            self,
        )
        hint.setWordWrap(True)
        self._form.addRow(hint)

    def operation(self) -> Any:
        values = {
            "name": self.name.text(),
            "native_name": self.native_name.text(),
            "rank": self.rank.text(),
            "min_trips": self.min_trips.text(),
            "min_spend": self.min_spend.text(),
        }
        if self.tier is None:
            name, rank = values.pop("name"), values.pop("rank")
            return tiers.define_tier(self.ctx.studio, name, rank, **values)
        return tiers.update_tier(self.ctx.studio, self.tier.id, **values)


class TiersDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Loyalty tiers"))
        self.resize(520, 360)
        self.list = QListWidget(self)
        self.list.setObjectName("tiersList")
        self.error = ErrorLabel(self)
        add = QPushButton(self.tr("&Add…"), self)
        edit = QPushButton(self.tr("&Edit…"), self)
        remove = QPushButton(self.tr("&Remove"), self)
        add.clicked.connect(lambda: self.edit(None))
        edit.clicked.connect(lambda: self.edit(self._current()))
        remove.clicked.connect(self.remove)
        self.list.itemDoubleClicked.connect(lambda _i: self.edit(self._current()))
        row = QHBoxLayout()
        for b in (add, edit, remove):
            row.addWidget(b)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("A client's tier is the highest one reached by completed trips or spend."),
                self,
            )
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for t in tiers.list_tiers(self.ctx.studio):
            name = f"{t.name} {t.native_name}".strip() if t.native_name else t.name
            item = QListWidgetItem(f"{t.rank}. {name} — {t.rule_text()}", self.list)
            item.setData(_ID, t.id)

    def _current(self) -> tiers.Tier | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return next((t for t in tiers.list_tiers(self.ctx.studio) if t.id == item.data(_ID)), None)

    def edit(self, tier: tiers.Tier | None) -> None:
        dialog = TierFormDialog(self.ctx, tier, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def remove(self) -> None:
        tier = self._current()
        if tier is None:
            return
        try:
            self.ctx.execute(
                self.tr("Remove tier"), lambda: tiers.delete_tier(self.ctx.studio, tier.id)
            )
        except StudioError as exc:
            self.error.set_message(str(exc))
        self.reload()


class ReferralRuleDialog(FormDialog):
    """What the studio gives a client whose friend's first trip is confirmed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Referral reward"))
        rule = referrals.load_rule(ctx.studio)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("A gift"), "gift")
        self.kind.addItem(self.tr("A credit on a next trip"), "credit")
        self.kind.setCurrentIndex(max(0, self.kind.findData(rule.kind)))
        self.what = QLineEdit(rule.what, self)
        self.what.setPlaceholderText(self.tr("e.g. a bottle of Burgundy with a handwritten card"))
        self.amount = QLineEdit(rule.amount or "", self)
        self.currency = QLineEdit(rule.currency, self)
        self.currency.setPlaceholderText("CNY")
        self.currency.setMaximumWidth(80)
        self.enabled = QCheckBox(self.tr("Remind the referrer's advisor on the agenda"), self)
        self.enabled.setChecked(rule.enabled)
        self.add_field("kind", self.tr("&Reward:"), self.kind)
        self.add_field("what", self.tr("&What:"), self.what)
        self.add_field("amount", self.tr("&Amount:"), self.amount)
        self.add_field("currency", self.tr("&Currency:"), self.currency)
        self.add_field("enabled", "", self.enabled)
        hint = QLabel(
            self.tr(
                "When a referred client's first trip is confirmed, the agenda asks to thank "
                "the client who referred them; Done logs the reward on their timeline."
            ),
            self,
        )
        hint.setWordWrap(True)
        self._form.addRow(hint)

    def operation(self) -> Any:
        return referrals.set_rule(
            self.ctx.studio,
            self.kind.currentData(),
            self.what.text(),
            self.amount.text(),
            self.currency.text(),
            enabled=self.enabled.isChecked(),
        )
