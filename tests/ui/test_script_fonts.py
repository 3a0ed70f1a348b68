"""The shipped fonts reach Qt: every family of the fallback list is loaded, and for each script a
name may be written in, one of those families covers it (so a fresh machine draws every name)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from ui.fonts import UI_FAMILIES, load_fonts

WS = QFontDatabase.WritingSystem
SCRIPTS = [
    WS.Latin,
    WS.Greek,
    WS.Cyrillic,
    WS.SimplifiedChinese,
    WS.TraditionalChinese,
    WS.Japanese,
    WS.Korean,
    WS.Arabic,
    WS.Hebrew,
    WS.Thai,
    WS.Devanagari,
]


@pytest.fixture(scope="module")
def loaded(qapp):
    return load_fonts(QApplication.instance())


def test_every_fallback_family_is_shipped_and_loaded(loaded):
    assert set(UI_FAMILIES) <= set(loaded)
    assert QApplication.instance().font().families()[: len(UI_FAMILIES)] == UI_FAMILIES


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: s.name)
def test_a_shipped_family_covers_each_script(loaded, script):
    assert any(script in QFontDatabase.writingSystems(f) for f in UI_FAMILIES)
