"""The import dialog with real .xlsx and .ods workbooks: the same mapping, preview,
problems by sheet row and one undo step as a CSV file."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.jsonio import dumps, export_data
from db.store import Store
from tests.db.test_sheets import write_ods, write_xlsx
from ui.dialogs.import_dialog import ImportCsvDialog
from ui.document import Document

ROWS = [["When", "Title", "Participants"],
        ["late December 2022", "Delegation visits Taipei", "Kim Dong-myung (leader)"],
        [1974, "Exchange programme", ""],
        ["12 March 2023", "Forum opens", "New Person"]]


@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_a_workbook_is_mapped_previewed_and_undone(suffix: str, filled: Store, qtbot,
                                                   tmp_path: Path) -> None:
    write = write_xlsx if suffix == "xlsx" else write_ods
    path = write(tmp_path / f"events.{suffix}", ROWS)
    before = dumps(export_data(filled))
    dialog = ImportCsvDialog(Document(filled), path)
    qtbot.addWidget(dialog)
    assert dialog.mapping()["title"] == "Title" and dialog.mapping()["date"] == ""
    dialog.set_mapping("date", "When")
    assert dialog.preview.rowCount() == 3
    assert dialog.run_import()
    assert dialog.imported == {"sources": 0, "entities": 1, "events": 3, "citations": 0}
    assert "1974" in {e.date for e in filled.events()}
    stack = dialog.document.undo_stack
    assert stack.text(0) == f"Import 3 events from events.{suffix}"
    stack.undo()
    assert dumps(export_data(filled)) == before


def test_a_bad_sheet_row_is_listed_and_nothing_is_written(filled: Store, qtbot,
                                                          tmp_path: Path) -> None:
    rows = [["date", "title"], ["2020", "Fine"], ["31 February 2021", "Bad date"]]
    before = dumps(export_data(filled))
    dialog = ImportCsvDialog(Document(filled), write_xlsx(tmp_path / "bad.xlsx", rows))
    qtbot.addWidget(dialog)
    assert not dialog.run_import()
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert len(problems) == 1 and problems[0].startswith("row 2 (sheet row 3)")
    assert dumps(export_data(filled)) == before


@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_a_workbook_of_every_kind_imports_whole_as_one_undo_step(
        suffix: str, filled: Store, qtbot, tmp_path: Path) -> None:
    """The .xlsx export (or an .ods typed by hand) with its entities, relationships and
    sources sheets: mapped and previewed by its events sheet, every sheet imported."""
    from tests.db.test_workbook import HAND_TYPED
    from tests.db.test_workbook import write_ods as write_book

    if suffix == "xlsx":
        from db.export import export_to

        path = tmp_path / "book.xlsx"
        export_to(filled, path)
        expected = filled.counts()
    else:
        path = write_book(tmp_path / "book.ods", HAND_TYPED)
        expected = None
    before = dumps(export_data(filled))
    dialog = ImportCsvDialog(Document(filled), path)
    qtbot.addWidget(dialog)
    if suffix == "ods":
        dialog.set_mapping("date", "When")
    assert "relationships" in dialog.info.text() and "sources" in dialog.info.text()
    assert dialog.preview.rowCount() == min(dialog.total, 20) > 0
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.progressed, timeout=5000, check_params_cb=lambda d, t: d == t):
        assert dialog.run_import()
    imported = dialog.imported or {}
    assert imported["relationships"] >= 1 and imported["entities"] >= 2
    if expected is not None:  # every record of the file again, with new ids
        assert {k: imported[k] for k in ("events", "entities", "relationships")} == {
            k: expected[k] for k in ("events", "entities", "relationships")}
    stack = dialog.document.undo_stack
    assert stack.text(0).startswith("Import ") and stack.text(0).endswith(path.name)
    stack.undo()
    assert dumps(export_data(filled)) == before
    stack.redo()
    assert filled.counts()["relationships"] >= imported["relationships"]
