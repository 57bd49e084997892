"""Spreadsheets in and out: real .xlsx (openpyxl) and .ods (odfpy) files imported through
the CSV import's mapping and checks, and the .xlsx export read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from db import ops
from db.errors import StoreError, ValidationError
from db.export import export_to
from db.export.tables import EVENT_COLUMNS
from db.sheets import read_sheet
from db.store import Store

ROWS = [["Date", "Title", "Participants", "Source", "Notes"],
        ["late December 2022", "Delegation visits", "Kim Dong-myung (leader)", "Article", ""],
        [1974, "Exchange begins", "", "", "typed as a number"],
        [],
        [dt.datetime(2023, 3, 2), "Dated cell", "organization:Alishan Society", "", ""]]


def write_xlsx(path: Path, rows: list[list[object]], sheets: tuple[str, ...] = ("events",)
               ) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in sheets:
        sheet = book.create_sheet(name)
        for row in rows if name == sheets[-1] else [["other"]]:
            sheet.append(row)
    book.save(path)
    return path


def write_ods(path: Path, rows: list[list[object]]) -> Path:
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Events")
    for row in rows:
        tr = TableRow()
        for value in row:
            if isinstance(value, int | float):
                cell = TableCell(valuetype="float", value=value)
            elif isinstance(value, dt.datetime):
                cell = TableCell(valuetype="date", datevalue=value.date().isoformat())
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value.date() if isinstance(value, dt.datetime)
                                       else value)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


@pytest.mark.parametrize("write", [write_xlsx, write_ods], ids=["xlsx", "ods"])
def test_a_workbook_imports_like_a_csv(write, filled: Store, tmp_path: Path) -> None:
    path = write(tmp_path / f"in.{'xlsx' if write is write_xlsx else 'ods'}", ROWS)
    before = filled.counts()["events"]
    changes = ops.import_sheet(filled, path)
    assert changes.counts["events"] == 3
    events = {e.title: e for e in filled.events()}
    assert len(events) == before + 3
    assert events["Exchange begins"].date == "1974"
    assert events["Exchange begins"].notes == "typed as a number"
    assert events["Dated cell"].date == "2023-03-02"
    kim = filled.find_entities("Kim Dong-myung")[0]
    visit = events["Delegation visits"]
    assert [(p.entity_id, p.role) for p in visit.participants] == [(kim.id, "leader")]


def test_the_events_sheet_is_chosen_by_name(filled: Store, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", ROWS, sheets=("entities", "events"))
    header, records = read_sheet(path)
    assert header == ROWS[0] and len(records) == 3
    assert [r.line for r in records] == [2, 3, 5]  # the rows the spreadsheet shows
    other = write_xlsx(tmp_path / "other.xlsx", ROWS, sheets=("People", "Chronology"))
    with pytest.raises(ValidationError, match="no sheet named 'events'"):
        read_sheet(other)


def test_a_bad_row_writes_nothing_and_names_its_sheet_row(filled: Store,
                                                          tmp_path: Path) -> None:
    rows = [*ROWS, ["31 April 2023", "Impossible", "", "", ""]]
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    before = filled.counts()
    with pytest.raises(ValidationError) as caught:
        ops.import_sheet(filled, path)
    assert caught.value.problems[0].startswith("row 5 (sheet row 6):")
    assert filled.counts() == before


def test_a_mapping_reads_other_column_names(filled: Store, tmp_path: Path) -> None:
    rows = [["When", "What"], ["2001", "Mapped"]]
    path = write_xlsx(tmp_path / "m.xlsx", rows)
    with pytest.raises(ValidationError, match="missing required column 'date'"):
        ops.import_sheet(filled, path)
    ops.import_sheet(filled, path, {"date": "When", "title": "What"})
    assert "Mapped" in {e.title for e in filled.events()}


def test_a_file_that_is_not_a_spreadsheet_is_one_clear_error(filled: Store,
                                                             tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("date,title\n2001,x\n")
    with pytest.raises(ValidationError, match=r"not a readable \.xlsx spreadsheet"):
        read_sheet(fake)
    with pytest.raises(StoreError, match="no such file"):
        read_sheet(tmp_path / "missing.ods")


def test_xlsx_export_has_a_sheet_per_kind_read_back_by_openpyxl(filled: Store,
                                                                tmp_path: Path) -> None:
    from models.records import Event

    filled.add_event(Event(title="=HYPERLINK(\"http://x\")\x01", date="2001"))
    out = tmp_path / "all.xlsx"
    assert export_to(filled, out) == "xlsx"
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["events", "entities", "relationships", "sources",
                               "citations"]
    rows = [[c if c is not None else "" for c in row]
            for row in book["events"].iter_rows(values_only=True)]
    assert list(rows[0]) == EVENT_COLUMNS
    assert len(rows) == filled.counts()["events"] + 1
    titles = {row[EVENT_COLUMNS.index("title")] for row in rows[1:]}
    assert "=HYPERLINK(\"http://x\")" in titles  # text, never a formula
    formulas = openpyxl.load_workbook(out)
    assert all(cell.data_type != "f" for row in formulas["events"].iter_rows()
               for cell in row)


def test_xlsx_export_imports_back(filled: Store, tmp_path: Path) -> None:
    export_to(filled, tmp_path / "all.xlsx")
    copy = Store.create(tmp_path / "copy.db")
    ops.import_sheet(copy, tmp_path / "all.xlsx")
    assert sorted(e.title for e in copy.events()) == sorted(e.title for e in filled.events())
