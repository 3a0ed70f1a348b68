"""File → Import contacts…: the wizard read a CSV, suggested its mapping, showed the dry run and
imported the rows as one undoable step; a refusal from the core is one sentence, nothing written."""

from __future__ import annotations

from studio.services import queries
from ui.dialogs.import_contacts_wizard import (
    PAGE_FILE,
    PAGE_MAPPING,
    PAGE_PREVIEW,
    PAGE_SOURCE,
    ImportContactsWizard,
)

CSV = (
    "Name;E-mail;Mobile;Birthday;Remark\n"
    "Olivia Hartmann;olivia@example.com;+44 7700 900123;1980-04-12;likes trains\n"
    "Kenji Sato;kenji@example;+81 90 1234 5678;not a date;\n"
)


def test_wizard_imports_a_csv_as_one_undoable_step(ctx, qtbot, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text(CSV, encoding="utf-8")
    before = len(queries.client_ids(ctx.studio, queries.ClientFilter()))
    wizard = ImportContactsWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentId() == PAGE_FILE
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentId() == PAGE_SOURCE
    assert wizard.source_page.header_spin.value() == 1
    assert wizard.source_page.sample.rowCount() == 2
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    page = wizard.mapping_page
    suggested = page.current_mapping()
    assert suggested["Name"] == "full_name"
    assert suggested["E-mail"] == "email"
    assert suggested["Mobile"] == "mobile"
    page.set_target("Remark", "notes")
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW
    preview = wizard.preview_page
    model = preview.model
    assert model.rowCount() == 2
    names = [model.index(r, 1).data() for r in range(2)]
    assert names == ["Olivia Hartmann", "Kenji Sato"]
    kenji_problems = model.index(1, 4).data()
    assert "kenji@example" in kenji_problems  # the invalid email is named
    assert "2 rows read from clients.csv" in preview.summary.text()
    assert preview.isComplete()
    assert len(queries.client_ids(ctx.studio, queries.ClientFilter())) == before  # dry run only

    with qtbot.waitSignal(ctx.bridge.sig_changed):
        wizard.next()  # on the last page: Import
    assert wizard.imported is not None and wizard.imported.clients_created == 2
    assert queries.find_client(ctx.studio, "Olivia Hartmann").name == "Olivia Hartmann"
    assert queries.find_client(ctx.studio, "Kenji Sato").name == "Kenji Sato"
    assert len(queries.client_ids(ctx.studio, queries.ClientFilter())) == before + 2
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert len(queries.client_ids(ctx.studio, queries.ClientFilter())) == before


def test_a_refused_file_is_one_sentence_and_nothing_is_imported(ctx, qtbot, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    wizard = ImportContactsWizard(ctx, path=str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentId() == PAGE_FILE
    assert wizard.file_page.error.isVisible()
    assert wizard.file_page.error.text() == "empty.csv is empty: there is nothing to import."
    assert ctx.undo_stack.count() == 0
