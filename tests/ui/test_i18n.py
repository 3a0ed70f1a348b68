"""The Chinese interface: the catalogue is complete and compiled, it loads with Qt's own, the
language follows the system or the menu, and switches while the app runs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from studio.domain import i18n as core_i18n
from ui import i18n, i18n_build


@pytest.fixture(autouse=True)
def _back_to_english(qapp):
    i18n._windows.clear()
    yield
    i18n._windows.clear()
    i18n.install("en")


def test_catalogue_is_complete_and_compiled():
    """Runs lupdate over ui/ and lrelease: every string of the code is in the Chinese catalogue,
    translated, with its placeholders, and the committed .qm is the compiled .ts."""
    problems = i18n_build.problems("zh_CN")
    assert not problems, (
        f"{len(problems)} translation problem(s); run `{i18n_build.COMMAND}`, translate what it "
        "lists (Qt Linguist or the files in resources/translations/), run it again:\n"
        + "\n".join(problems[:40])
    )


def test_every_translation_keeps_its_placeholders():
    for m in i18n_build.ts_messages(i18n_build.ts_path("zh_CN")):
        want = i18n_build.placeholders(m["source"], i18n_build._QT_PLACEHOLDER)
        for text in m["forms"] or [m["translation"]]:
            got = i18n_build.placeholders(text, i18n_build._QT_PLACEHOLDER)
            assert got == want, (m["context"], m["source"], text)
    core = i18n_build._read_core(i18n_build.core_path("zh_CN"))["messages"]
    plurals = i18n_build.core_sources()
    for source, value in core.items():
        want = set(i18n_build.placeholders(source, i18n_build._PY_PLACEHOLDER))
        if plurals.get(source):
            want |= set(i18n_build.placeholders(plurals[source], i18n_build._PY_PLACEHOLDER))
        for text in value if isinstance(value, list) else [value]:
            assert set(i18n_build.placeholders(text, i18n_build._PY_PLACEHOLDER)) == want, source


def test_chinese_loads_the_apps_catalogue_and_qts_own():
    i18n.install("zh")
    tr = QCoreApplication.translate
    assert tr("MainWindow", "&File") == "文件(&F)"
    assert tr("TripTable", "Proposed") == "已提案"
    # a string whose context at run time differs from lupdate's still finds its translation
    assert tr("StoryEditor", "A4 portrait (210 × 297 mm)") == "A4 纵向（210 × 297 毫米）"
    # the standard dialogs' buttons come from Qt's qtbase_zh_CN.qm
    assert tr("QPlatformTheme", "Cancel") == "取消"
    assert core_i18n.current_language() == "zh"
    assert QLocale().language() == QLocale.Language.Chinese
    i18n.install("en")
    assert tr("MainWindow", "&File") == "&File"
    assert core_i18n.current_language() == "en"
    assert QLocale().language() == QLocale.Language.English


def test_language_follows_the_system_until_chosen(settings, monkeypatch):
    monkeypatch.delenv(i18n.PSEUDO_ENV, raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.chosen_language(settings) == "zh"
    settings.setValue(i18n.SETTINGS_KEY, "en")
    assert i18n.chosen_language(settings) == "en"
    settings.setValue(i18n.SETTINGS_KEY, "system")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert i18n.chosen_language(settings) == "en"
    monkeypatch.setenv(i18n.PSEUDO_ENV, "1")
    assert i18n.chosen_language(settings) == i18n.PSEUDO


def test_pseudo_translation_stretches_and_keeps_placeholders():
    text = i18n.pseudo("Move %1 to <b>Recently deleted</b>?")
    assert "%1" in text and "<b>" in text and "</b>" in text
    assert len(text) >= len("Move %1 to <b>Recently deleted</b>?") * 1.3
    assert i18n.pseudo("&File").count("&") == 1
    i18n.install(i18n.PSEUDO)
    assert QCoreApplication.translate("MainWindow", "&File").startswith("[&F")


@pytest.fixture
def own_window(ctx, settings, qtbot):
    """A main window the switch may delete (qtbot closes only the last one)."""
    from ui.main_window import MainWindow

    w = MainWindow(ctx, settings=settings)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_switching_language_at_run_time_keeps_the_window_state(own_window, qtbot):
    """View › Language › 简体中文: the window is rebuilt in Chinese at once, on the same area and
    client; back to English the same way."""
    window = own_window
    client_id = window.ctx.studio.ids[3]
    window.show_area("clients")
    assert window.client_list.select_client(client_id)
    size = window.size()
    names = [a.text() for a in window.language_menu.actions()]
    assert names == ["System language", "English", "简体中文"]

    zh = i18n.switch_language(window, "zh")
    assert zh is not window and zh.isVisible()
    assert [m.title() for m in zh.menuBar().findChildren(type(window.language_menu))][:1]
    assert zh.menuBar().actions()[0].text() == "文件(&F)"
    assert zh.current_area() == "clients"
    assert zh.client_list.current_client_id == client_id
    assert zh.size() == size
    assert zh.nav.item(zh._areas.index("agenda")).text() == "日程"
    assert zh.language_menu.title() == "语言(&L)"
    assert [a.isChecked() for a in zh.language_menu.actions()] == [False, False, True]
    assert zh._settings.value(i18n.SETTINGS_KEY) == "zh"
    assert core_i18n.current_language() == "zh"
    assert not window.isVisible()

    en = i18n.switch_language(zh, "en")
    qtbot.addWidget(en)
    assert en.menuBar().actions()[0].text() == "&File"
    assert en.client_list.current_client_id == client_id
    assert core_i18n.current_language() == "en"


def test_the_language_menu_switches(own_window, qtbot):
    window = own_window
    action = next(a for a in window.language_menu.actions() if a.data() == "zh")
    action.trigger()
    qtbot.waitUntil(lambda: bool(i18n._windows) and i18n._windows[0] is not window)
    new = i18n._windows[0]
    qtbot.addWidget(new)
    assert new.windowTitle().startswith("Travel Studio")
    assert new.menuBar().actions()[1].text() == "编辑(&E)"


def test_screenshot_in_chinese(seeded, tmp_path, qapp):
    """`travel-studio screenshot OUT.png --lang zh`: the window drawn in Chinese."""
    from PySide6.QtGui import QImage

    from ui.app import screenshot

    data_dir = seeded.data_dir
    seeded.close()
    out = tmp_path / "zh-deleted.png"
    assert screenshot(str(data_dir), out, view="deleted", size="1366x768", lang="zh") == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    assert core_i18n.current_language() == "zh"
