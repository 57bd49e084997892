"""The CSV and JSON imports against real files: mapping, preview, one undo step,
problems by row with nothing written, cancel half-way."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from db.jsonio import dumps, export_data
from db.store import Store
from ui.dialogs import json_import
from ui.dialogs.import_dialog import ImportCsvDialog, default_mapping, import_csv
from ui.dialogs.json_import import import_json
from ui.document import Document

CSV = ("When,Title,Description,category,Participants,Source,Locator\n"
       "late December 2022,Delegation visits Taipei,Members of parliament,parliamentary,"
       "Kim Dong-myung (leader),Article one,para. 1\n"
       "1974,Exchange programme,,military,,,\n"
       "12 March 2023,Forum opens,,security,New Person,,\n")


def write(tmp_path: Path, text: str, name: str = "events.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(store: Store) -> str:
    return dumps(export_data(store))


@pytest.fixture
def dialog_for(qtbot):
    def make(store: Store, path: Path | None) -> ImportCsvDialog:
        dialog = ImportCsvDialog(Document(store), path)
        qtbot.addWidget(dialog)
        return dialog
    return make


def test_columns_are_mapped_by_default_and_by_hand(filled: Store, dialog_for,
                                                   tmp_path: Path) -> None:
    dialog = dialog_for(filled, write(tmp_path, CSV))
    mapping = dialog.mapping()
    assert mapping["title"] == "Title" and mapping["summary"] == "Description"
    assert mapping["category"] == "category" and mapping["locator"] == "Locator"
    assert mapping["date"] == ""  # "When" is no default name for the date
    assert not dialog.import_button.isEnabled()
    assert "Date" in dialog.status.text()
    dialog.set_mapping("date", "When")
    assert dialog.import_button.isEnabled()
    assert dialog.preview.rowCount() == 3
    assert default_mapping(["DATE ", "end_date"])["end_date"] == "end_date"


def test_preview_reads_each_date_or_says_why_not(store: Store, dialog_for,
                                                 tmp_path: Path) -> None:
    text = ("date,end date,title\n"
            "late December 2022,,Visit\n"
            "32 March 2020,,Impossible day\n"
            "1988,1991,Posting\n"
            ",,No date\n")
    dialog = dialog_for(store, write(tmp_path, text))
    rows = [dialog.preview_row(r) for r in range(dialog.preview.rowCount())]
    assert rows[0]["Read as"] == "sometime between 21 and 31 December 2022"
    assert "32 March" in rows[1]["Read as"]
    assert rows[2]["Read as"].startswith("from 1988 to 1991")
    assert "no date" in rows[3]["Read as"]
    assert [r["Row"] for r in rows] == ["1", "2", "3", "4"]
    assert "2 of the first 4 rows" in dialog.status.text()


def test_import_is_one_undo_step_and_undo_restores_the_file_exactly(
        filled: Store, dialog_for, tmp_path: Path) -> None:
    before = snapshot(filled)
    dialog = dialog_for(filled, write(tmp_path, CSV))
    dialog.set_mapping("date", "When")
    assert dialog.run_import()
    assert dialog.imported == {"sources": 0, "entities": 1, "events": 3, "citations": 1}
    titles = [e.title for e in filled.events()]
    assert titles.count("Delegation visits Taipei") == 2 and "Forum opens" in titles
    stack = dialog.document.undo_stack
    assert stack.count() == 1
    assert stack.text(0) == "Import 3 events from events.csv"
    stack.undo()
    assert snapshot(filled) == before
    stack.redo()
    assert "Forum opens" in [e.title for e in filled.events()]


def test_a_bad_row_is_listed_and_nothing_is_written(filled: Store, dialog_for,
                                                    tmp_path: Path) -> None:
    before = snapshot(filled)
    text = ("date,title,confidence,source\n"
            "2020,Fine,,\n"
            "31 February 2021,Bad date,,\n"
            "2021,Bad confidence,9,Article one\n")
    dialog = dialog_for(filled, write(tmp_path, text))
    assert not dialog.run_import()
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert len(problems) == 2
    assert problems[0].startswith("row 2 (line 3)") and "February" in problems[0]
    assert problems[1].startswith("row 3 (line 4)") and "confidence" in problems[1]
    assert "Nothing was imported: 2 problems" in dialog.status.text()
    assert dialog.problems.isVisibleTo(dialog)
    assert snapshot(filled) == before
    assert dialog.document.undo_stack.count() == 0
    assert dialog.result() == 0  # still open, to fix the mapping or the file


def test_cancel_during_the_import_leaves_the_database_unchanged(filled: Store, dialog_for,
                                                                tmp_path: Path) -> None:
    before = snapshot(filled)
    rows = "".join(f"{1900 + i % 100},Row {i},c{i % 3}\n" for i in range(3500))
    dialog = dialog_for(filled, write(tmp_path, "date,title,category\n" + rows))
    seen: list[tuple[int, int]] = []

    def progressed(done: int, total: int) -> None:
        seen.append((done, total))
        assert not dialog.progress.isHidden() and not dialog.import_button.isEnabled()
        if done >= 2000:
            dialog.cancel_import()

    dialog.progressed.connect(progressed)
    assert not dialog.run_import()
    assert seen == [(1000, 3500), (2000, 3500)]
    assert "cancelled" in dialog.status.text()
    assert snapshot(filled) == before
    assert dialog.document.undo_stack.count() == 0
    assert dialog.import_button.isEnabled()  # and it can be run again
    dialog.progressed.disconnect(progressed)
    assert dialog.run_import()
    assert filled.counts()["events"] == 2 + 3500


def test_escape_while_importing_cancels_instead_of_closing(filled: Store, dialog_for,
                                                           tmp_path: Path) -> None:
    rows = "".join(f"{1900 + i % 100},Row {i}\n" for i in range(1500))
    dialog = dialog_for(filled, write(tmp_path, "date,title\n" + rows))
    dialog.progressed.connect(lambda done, total: dialog.reject())
    assert not dialog.run_import()
    assert filled.counts()["events"] == 2
    assert dialog.result() == 0


def test_read_only_files_and_unreadable_files_are_refused(tmp_path: Path, dialog_for,
                                                          filled: Store) -> None:
    path = filled.path
    filled.close()
    with Store.open(path, readonly=True) as readonly:
        dialog = dialog_for(readonly, write(tmp_path, CSV.replace("When", "date")))
        assert not dialog.import_button.isEnabled()
        assert "read-only" in dialog.status.text()
    latin = tmp_path / "latin.csv"
    latin.write_bytes("date,title\n2020,Café\n".encode("latin-1"))
    with Store.open(path) as store:
        dialog = dialog_for(store, latin)
        assert "not UTF-8" in dialog.problems.item(0).text()
        assert not dialog.import_button.isEnabled()


def test_file_menu_entries_import_csv_and_json(filled: Store, qtbot, tmp_path: Path,
                                               monkeypatch) -> None:
    target = Store.create(tmp_path / "target.db")
    window = SimpleNamespace(document=Document(target))
    path = write(tmp_path, CSV.replace("When", "date"))
    monkeypatch.setattr(ImportCsvDialog, "ask_file_name", lambda self: path)
    monkeypatch.setattr(ImportCsvDialog, "exec", lambda self: self.run_import())
    assert import_csv(window) == 3
    monkeypatch.setattr(ImportCsvDialog, "ask_file_name", lambda self: None)
    assert import_csv(window) is None
    window.document.undo_stack.undo()
    assert target.counts()["events"] == 0

    json_path = write(tmp_path, snapshot(filled), "filled.json")
    counts = import_json(window, json_path)
    assert counts is not None and counts["events"] == 2 and counts["entities"] == 3
    assert window.document.undo_stack.text(window.document.undo_stack.index() - 1) == (
        "Import filled.json")
    window.document.undo_stack.undo()
    assert target.counts()["events"] == 0
    shown: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(json_import, "show_problems",
                        lambda parent, text, problems: shown.append((text, problems)))
    monkeypatch.setattr(json_import, "ask_json_path",
                        lambda parent: write(tmp_path, "{not json", "bad.json"))
    assert import_json(window) is None
    assert "not valid JSON" in shown[0][0]
    assert target.counts()["events"] == 0
    target.close()


def test_json_import_shows_progress_and_cancel_writes_nothing(filled: Store, qtbot,
                                                              tmp_path: Path,
                                                              monkeypatch) -> None:
    from db import jsonio
    from tests.ui.helpers import cancel_when_shown

    monkeypatch.setattr(jsonio, "PROGRESS_EVERY", 20)
    monkeypatch.setattr(json_import, "SHOW_AFTER_MS", 0)
    events = [{"id": i, "title": f"Event {i}", "date": str(1500 + i)} for i in range(1, 3001)]
    path = write(tmp_path, json.dumps({"format": "threadline", "version": 1,
                                       "events": events}), "many.json")
    window = SimpleNamespace(document=Document(filled))
    before = snapshot(filled)
    seen = cancel_when_shown(every_ms=5)
    assert import_json(window, path) is None
    assert seen and "many.json" in seen[0]
    assert snapshot(filled) == before
    assert window.document.undo_stack.count() == 0
    counts = import_json(window, path)
    assert counts is not None and counts["events"] == 3000
