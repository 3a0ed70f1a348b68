"""Guard against a Qt binding that leaks references to None (PySide6 6.12.0 on Python 3.11 did,
and aborted the app with "deallocating None" after a few thousand widget calls)."""

import sys

from PySide6.QtWidgets import QComboBox, QLabel


def test_void_calls_keep_none_alive(qtbot):
    label, combo = QLabel(), QComboBox()
    qtbot.addWidget(label)
    qtbot.addWidget(combo)
    combo.addItem("any", None)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        label.setText("王小明 · Zoë")
        combo.itemData(0)
        label.clear()
    assert abs(sys.getrefcount(None) - before) < 1000
