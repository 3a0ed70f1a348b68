"""The desktop client's loyalty screens: the trip's Survey tab, the dossier's Loyalty tab, the
Events dialog, and the tiers and referral-reward settings (Clients menu)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


def add_loyalty_actions(window: QMainWindow, menu: QMenu) -> None:
    """Clients › Events… (Ctrl+Shift+E), Loyalty tiers…, Referral reward…"""
    from ui.loyalty.events_dialog import EventsDialog
    from ui.loyalty.settings_dialogs import ReferralRuleDialog, TiersDialog

    ctx = window.ctx  # type: ignore[attr-defined]
    menu.addSeparator()

    def current_list() -> list[str]:
        model = window.client_list.model  # type: ignore[attr-defined]
        return [i for r in range(model.rowCount()) if (i := model.client_id(r))]

    def selected() -> list[str]:
        cid = window.client_list.current_client_id  # type: ignore[attr-defined]
        return [cid] if cid else []

    events = QAction(window.tr("&Events…"), window)
    events.setObjectName("loyaltyEventsAction")
    events.setShortcut(QKeySequence("Ctrl+Shift+E"))
    events.triggered.connect(lambda: EventsDialog(ctx, current_list, selected, window).exec())
    tiers = QAction(window.tr("Loyalty &tiers…"), window)
    tiers.setObjectName("loyaltyTiersAction")
    tiers.triggered.connect(lambda: TiersDialog(ctx, window).exec())
    rule = QAction(window.tr("&Referral reward…"), window)
    rule.setObjectName("loyaltyReferralAction")
    rule.triggered.connect(lambda: ReferralRuleDialog(ctx, window).exec())
    for a in (events, tiers, rule):
        menu.addAction(a)
    window.loyalty_actions = (events, tiers, rule)  # type: ignore[attr-defined]
