"""The desktop client's language: Qt's catalogues loaded at start, the choice in View › Language,
and a switch that takes effect at once.

- ``resources/translations/travel_studio_<locale>.qm`` (built from the ``.ts`` source by
  ``python -m ui.i18n_build``) holds the client's own words, and Qt's ``qtbase_<locale>.qm`` (from
  PySide6's translations folder) the standard dialogs' buttons and texts.
- The language follows the system (``LANG=zh_CN.UTF-8``) until one is chosen in View › Language;
  the choice is kept in the settings (``ui/language``: ``system``, ``en`` or ``zh``).
- Switching rebuilds the main window in the new language, keeping what it showed: its size and
  splits, the area, the chosen client and the chosen trip. The core's words
  (:mod:`studio.domain.i18n`) and the formats of dates and money
  (:mod:`studio.domain.formatting`) switch with it.
- ``TRAVEL_STUDIO_PSEUDO=1`` (or the language ``pseudo``) shows every string stretched by 40 % and
  bracketed, to find labels a longer translation would clip.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu

from studio import paths
from studio.domain import i18n as core_i18n

SETTINGS_KEY = "ui/language"
PSEUDO = "pseudo"
PSEUDO_ENV = "TRAVEL_STUDIO_PSEUDO"
CATALOGUE = "travel_studio"


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def qm_path(lang: str) -> Path:
    return translations_dir() / f"{CATALOGUE}_{core_i18n.LOCALES[lang]}.qm"


def chosen_language(settings: QSettings | None = None) -> str:
    """The language to show: the pseudo mode when asked, else the one chosen in the settings,
    else the system's."""
    if os.environ.get(PSEUDO_ENV, "") not in ("", "0"):
        return PSEUDO
    choice = str((settings or QSettings()).value(SETTINGS_KEY, "system") or "system")
    if choice in core_i18n.LANGUAGES or choice == PSEUDO:
        return choice
    return core_i18n.language_from_environment()


# -- the pseudo-translation ------------------------------------------------------------------------
_ACCENTS = str.maketrans("aeiouyAEIOUYcnsz", "áéíóúýÁÉÍÓÚÝçñšž")
# Kept as they are: placeholders (%1, %n, %L1, {name}), tags and entities, mnemonics' ampersands.
_KEEP = re.compile(r"(%L?\d+|%n|\{[^{}]*\}|<[^>]+>|&[a-z]+;|&#\d+;)")


def pseudo(text: str) -> str:
    """``text`` accented and stretched by 40 % ("Save" → "[Šávé··]"), placeholders and markup
    kept, so layouts can be checked for the room a translation needs."""
    if not text or text.isspace():
        return text
    parts = _KEEP.split(text)
    out = "".join(p if i % 2 else p.translate(_ACCENTS) for i, p in enumerate(parts))
    visible = len(_KEEP.sub("", text))
    return f"[{out}{'·' * max(1, math.ceil(visible * 0.4) - 2)}]"


class PseudoTranslator(QTranslator):
    """Every text of the client, pseudo-translated (see :func:`pseudo`)."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802
        # Shortcuts must stay keys, and one-letter badges drawn in a fixed square stay one letter.
        if not source_text or context in ("QShortcut", "QKeySequence", "KindBadge"):
            return source_text
        return pseudo(source_text)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


class SourceFallback(QTranslator):
    """The catalogue's translations looked up by source text alone, for the few strings whose
    context at run time is not the one ``lupdate`` saw (a helper's ``widget.tr``, a subclass
    calling its base's ``self.tr``). Installed first, so the compiled ``.qm`` answers first."""

    def __init__(self, ts: Path, parent=None):
        super().__init__(parent)
        import xml.etree.ElementTree as ET

        self.table: dict[str, str] = {}
        if ts.exists():
            for m in ET.parse(ts).getroot().iter("message"):
                tr = m.find("translation")
                if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
                    continue
                text = tr.text or ""
                if not text:
                    forms = [f.text or "" for f in tr.iter("numerusform")]
                    text = forms[0] if forms else ""
                if text:
                    self.table.setdefault(m.findtext("source") or "", text)

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802
        return self.table.get(source_text)  # None: not ours, Qt keeps the source text

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return not self.table


# -- loading --------------------------------------------------------------------------------------
_installed: list[QTranslator] = []
_current = core_i18n.SOURCE_LANGUAGE


def current() -> str:
    """The language the client shows now ("en", "zh" or "pseudo")."""
    return _current


def install(lang: str, app: QCoreApplication | None = None) -> str:
    """Load ``lang``'s catalogues into the application (replacing the previous ones), set the
    core's language and the default locale to match; returns the language installed."""
    global _current
    app = app or QCoreApplication.instance()
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    if lang == PSEUDO:
        translator = PseudoTranslator(app)
        QCoreApplication.installTranslator(translator)
        _installed.append(translator)
        core = core_i18n.SOURCE_LANGUAGE
    else:
        core = core_i18n.normalize(lang)
        if core != core_i18n.SOURCE_LANGUAGE:
            locale = core_i18n.LOCALES[core]
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            fallback = SourceFallback(qm_path(core).with_suffix(".ts"), app)
            QCoreApplication.installTranslator(fallback)
            _installed.append(fallback)
            for name, folder in ((f"qtbase_{locale}", qt_dir), (qm_path(core).stem, None)):
                translator = QTranslator(app)
                where = folder if folder is not None else str(translations_dir())
                if translator.load(name, where):
                    QCoreApplication.installTranslator(translator)
                    _installed.append(translator)
    core_i18n.set_language(core)
    # Qt's own formats (date editors, spin boxes) follow the language shown, so an English screen
    # never shows a Chinese system's month names; a system already in that language keeps its
    # region (a US system keeps Letter paper).
    system = QLocale.system()
    wanted = QLocale(core_i18n.LOCALES[core])
    QLocale.setDefault(system if system.language() == wanted.language() else wanted)
    _current = lang
    return lang


def install_chosen(settings: QSettings | None = None) -> str:
    """At start: install the chosen (or the system's) language."""
    return install(chosen_language(settings))


# -- switching at run time ------------------------------------------------------------------------
def _window_state(window) -> dict:
    state = {"area": window.current_area(), "client": window.client_list.current_client_id}
    if window._trips_view is not None:
        state["trip"] = window.trips_view.current_trip_id()
    return state


def switch_language(window, lang: str):
    """Show the app in ``lang`` ("system", "en", "zh") now: keep the choice, load the
    catalogues, and rebuild ``window`` (a :class:`~ui.main_window.MainWindow`) in the new language
    with the same area, client, trip and layout. Returns the new window."""
    from ui.widgets.tray_notifier import TrayNotifier

    settings = window._settings
    settings.setValue(SETTINGS_KEY, lang)
    state = _window_state(window)
    window.save_layout()
    install(chosen_language(settings))
    had_tray = bool(window.agenda_view.findChildren(TrayNotifier))
    new = type(window)(window.ctx, settings=settings)
    new.setGeometry(window.geometry())
    if state.get("client"):
        new.client_list.select_client(state["client"])
    if state.get("trip"):
        new.trips_view.select_trip(state["trip"])
    new.show_area(state["area"])
    if window.isVisible():
        new.show()
    if had_tray:
        icon = new.style().standardIcon(new.style().StandardPixmap.SP_FileDialogInfoView)
        TrayNotifier(new.agenda_view, icon)
    _windows[:] = [new]
    window.close()
    window.deleteLater()
    new.statusBar().showMessage(
        QCoreApplication.translate("Language", "The app now speaks %1.").replace(
            "%1", _language_name(lang)
        ),
        4000,
    )
    return new


# The window built by the last switch, kept alive here (``run`` holds only the first one).
_windows: list = []


def _language_name(lang: str) -> str:
    if lang in core_i18n.LANGUAGES:
        return core_i18n.LANGUAGES[lang]
    return QCoreApplication.translate("Language", "the system's language")


def add_language_menu(window, menu: QMenu) -> QMenu:
    """View › Language: the system's language, English, 简体中文 (each named in itself)."""
    sub = menu.addMenu(QCoreApplication.translate("Language", "&Language"))
    group = QActionGroup(sub)
    chosen = str(window._settings.value(SETTINGS_KEY, "system") or "system")
    choices = [("system", QCoreApplication.translate("Language", "System language"))]
    choices += list(core_i18n.LANGUAGES.items())
    for code, name in choices:
        action = QAction(name, sub)
        action.setCheckable(True)
        action.setChecked(code == chosen)
        action.setData(code)
        group.addAction(action)
        sub.addAction(action)
        action.triggered.connect(
            lambda _=False, c=code: (
                QApplication.instance() and _switch_later(window, c)
            )  # after the menu has closed
        )
    window.language_menu = sub
    return sub


def _switch_later(window, code: str) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: switch_language(window, code))
