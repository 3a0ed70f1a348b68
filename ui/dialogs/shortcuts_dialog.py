"""Help ▸ Keyboard shortcuts: a sheet read from the window's own actions, so it stays true.

The menus come first, in menu-bar order; then the keys that belong to one list or panel (Delete,
F2, Space…), found among the window's actions that are in no menu.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Shortcut:
    """One line of the sheet."""

    group: str  # the menu's title, or "In lists and panels"
    text: str  # the action's text without its &-mnemonic
    keys: tuple[str, ...]  # as the user reads them ("Ctrl+Shift+Z")


def _clean(text: str) -> str:
    return text.split("\t", 1)[0].replace("&&", "\0").replace("&", "").replace("\0", "&")


def _keys(action: QAction) -> tuple[str, ...]:
    keys = [
        k.toString(QKeySequence.SequenceFormat.NativeText)
        for k in action.shortcuts()
        if not k.isEmpty()
    ]
    if "\t" in action.text():  # a key shown by the menu but registered by a view
        keys.append(action.text().split("\t", 1)[1])
    return tuple(dict.fromkeys(keys))


def shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every key of ``window``: the menus' actions, then the panels' actions in no menu."""
    out: list[Shortcut] = []
    in_menus: set[int] = set()

    def walk(menu, group: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), group)
                continue
            if action.isSeparator() or id(action) in in_menus:
                continue  # an action in two menus is listed once, under the first
            in_menus.add(id(action))
            keys = _keys(action)
            if keys:
                out.append(Shortcut(group, _clean(action.text()), keys))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), _clean(top.text()))
    panel = QCoreApplication.translate("ShortcutsDialog", "In lists and panels")
    seen: set[tuple[str, tuple[str, ...]]] = set()

    def same(text: str) -> str:
        return text.replace("…", "").strip().lower()

    in_menu_text = {(same(item.text), key) for item in out for key in item.keys}
    for action in window.findChildren(QAction):
        if id(action) in in_menus or action.menu() is not None:
            continue
        keys = _keys(action)
        text = _clean(action.text())
        if keys and all((same(text), key) in in_menu_text for key in keys):
            continue  # a view's own copy of a menu's action (Ctrl+P, Ctrl+Shift+N): listed there
        if keys and text and (text, keys) not in seen:
            seen.add((text, keys))
            out.append(Shortcut(panel, text, keys))
    return out


def sheet_html(items: list[Shortcut]) -> str:
    """The sheet as a small HTML table per group."""
    parts: list[str] = []
    group = None
    for item in items:
        if item.group != group:
            if group is not None:
                parts.append("</table>")
            group = item.group
            parts.append(f"<h3>{html.escape(group)}</h3><table cellspacing='0' cellpadding='3'>")
        keys = " · ".join(f"<b>{html.escape(k)}</b>" for k in item.keys)
        parts.append(f"<tr><td width='180'>{keys}</td><td>{html.escape(item.text)}</td></tr>")
    if group is not None:
        parts.append("</table>")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    """The keyboard-shortcuts sheet of a main window."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.items = shortcuts(window)
        self.browser = QTextBrowser(self)
        self.browser.setHtml(
            "<p>"
            + html.escape(
                self.tr(
                    "Tab moves between fields and out of a list; arrows move inside a list. "
                    "F6 or Ctrl+Tab goes to the next pane."
                )
            )
            + "</p>"
            + sheet_html(self.items)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("m") * 48, fm.height() * 34)
