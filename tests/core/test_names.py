"""One display name: the native script beside the romanized name only when it adds something."""

from __future__ import annotations

import pytest

from studio.domain.names import NameForm, display_name, native_part


def test_native_script_first_by_default():
    assert display_name("Wang Xiaoming", "王小明") == "王小明 · Wang Xiaoming"


@pytest.mark.parametrize(
    ("form", "shown"),
    [
        (NameForm.NATIVE_FIRST, "王小明 · Wang Xiaoming"),
        (NameForm.LISTED, "Wang Xiaoming  王小明"),
        (NameForm.PRINTED, "Wang Xiaoming (王小明)"),
        (NameForm.INLINE, "Wang Xiaoming 王小明"),
    ],
)
def test_each_place_has_its_form(form, shown):
    assert display_name("Wang Xiaoming", "王小明", form) == shown


@pytest.mark.parametrize("native", [None, "", "   ", "Zoë Martin", " Zoë Martin "])
def test_no_native_name_or_the_same_one_shows_the_name_alone(native):
    assert native_part("Zoë Martin", native) is None
    for form in NameForm:
        assert display_name("Zoë Martin", native, form) == "Zoë Martin"


def test_the_native_name_is_shown_trimmed():
    assert display_name("Li Na", " 李娜 ") == "李娜 · Li Na"
