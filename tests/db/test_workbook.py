"""A workbook with a sheet per kind of record (db.workbook): the .xlsx export read back by
openpyxl and imported into a new file gives what the CSV zip holds; an .ods written with
odfpy, typed as a person would, imports with names resolved; problems name sheet rows and
nothing is written."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from db import ops, ranges
from db.errors import ValidationError
from db.export import export_to
from db.export.tables import TABLES
from db.sample import build_sample
from db.store import Store
from db.workbook import import_workbook, is_workbook


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("book")
    build_sample(folder / "sample.db")
    with Store.open(folder / "sample.db", readonly=True) as store:
        export_to(store, folder / "sample.xlsx")
        export_to(store, folder / "sample.zip")
    return folder


def _csv_tables(path: Path) -> dict[str, list[list[str]]]:
    """Every file of a CSV zip, read by the csv module (each starts with a BOM)."""
    found = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            assert data.startswith(b"\xef\xbb\xbf"), name
            found[name] = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return found


def test_the_xlsx_export_is_read_back_by_openpyxl(sample: Path) -> None:
    book = openpyxl.load_workbook(sample / "sample.xlsx", read_only=True)
    tables = _csv_tables(sample / "sample.zip")
    assert book.sheetnames == [name.removesuffix(".csv") for name in tables]
    assert book.sheetnames == [name.removesuffix(".csv") for name in TABLES] + ["claims"]
    for name, rows in tables.items():
        sheet = [["" if v is None else str(v) for v in row]
                 for row in book[name.removesuffix(".csv")].iter_rows(values_only=True)]
        assert sheet[0] == rows[0]
        assert len(sheet) == len(rows), name
    book.close()
    assert is_workbook(sample / "sample.xlsx")


def test_export_then_import_of_xlsx_keeps_what_the_csv_zip_keeps(sample: Path,
                                                                 tmp_path: Path) -> None:
    with Store.create(tmp_path / "copy.db") as copy:
        counts = import_workbook(copy, sample / "sample.xlsx")
        export_to(copy, tmp_path / "copy.zip", title="x")
        assert copy.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert copy.search("Taiwan")
    assert counts == {"sources": 2, "entities": 88, "events": 32, "relationships": 114,
                      "claims": 2, "citations": 304}
    assert _csv_tables(tmp_path / "copy.zip") == _csv_tables(sample / "sample.zip")


def test_a_workbook_import_is_one_undo_step(sample: Path, tmp_path: Path) -> None:
    with Store.create(tmp_path / "undo.db") as store:
        changes = ops.import_sheet(store, sample / "sample.xlsx")
        assert changes.counts["relationships"] == 114
        with store.transaction():
            for statement in changes.undo:
                ranges.run(store.conn, statement)
        assert sum(store.counts().values()) == 0


def write_ods(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    doc = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            tr = TableRow()
            for value in row:
                if isinstance(value, int):
                    cell = TableCell(valuetype="float", value=value)
                else:
                    cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


HAND_TYPED = {
    "Sources": [["title", "author", "kind"], ["Seoul Daily", "Park", "article"],
                ["Taipei Times", "", "report"]],
    "Entities": [["id", "kind", "name", "aliases"],
                 [1, "person", "Kim Dong-myung", "Kim D.; 김동명"],
                 [2, "organization", "Alishan Society", ""]],
    "Events": [["When", "Title", "Participants", "Source", "Locator", "Tags"],
               ["late December 2022", "Delegation visits",
                "Kim Dong-myung (leader); organization:Alishan Society", "Seoul Daily",
                "p. 3", "visit; Seoul"],
               [1974, "Exchange begins", "", "", "", ""]],
    "Relationships": [["from_id", "to_id", "kind", "directed", "date"],
                      [1, 2, "member of", "false", "2019"]],
}


def test_an_ods_typed_by_hand_resolves_names_and_titles(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "hand.ods", HAND_TYPED)
    with Store.create(tmp_path / "hand.db") as store:
        counts = import_workbook(store, path, {"date": "When"})
        assert counts == {"sources": 2, "entities": 2, "events": 2, "relationships": 1,
                          "citations": 1}
        visit = next(e for e in store.events() if e.title == "Delegation visits")
        people = {store.entity(p.entity_id).name: p.role for p in visit.participants}
        assert people == {"Kim Dong-myung": "leader", "Alishan Society": ""}
        assert sorted(visit.tags) == ["Seoul", "visit"]
        (cited,) = store.citations()
        assert (cited.target_id, cited.locator) == (visit.id, "p. 3")
        assert store.source(cited.source_id).title == "Seoul Daily"
        (rel,) = store.relationships()
        assert rel.directed is False and rel.date == "2019"
        assert store.entity(rel.from_id).aliases == ["Kim D.", "김동명"]
        assert next(e for e in store.events() if e.title == "Exchange begins").date == "1974"


def test_a_claims_sheet_typed_by_hand_gives_each_record_its_competing_claims(
        tmp_path: Path) -> None:
    sheets = {**HAND_TYPED,
              "Events": [["id", "When", "Title"], ["e1", "1974", "Exchange begins"]],
              "Claims": [["id", "target_type", "target_id", "status", "kind", "date", "note"],
                         ["k1", "event", "e1", "", "", "1975", "a later year"],
                         ["k2", "relationship", "r1", "rejected", "rival of", "", ""]],
              "Citations": [["source_id", "target_type", "target_id", "locator",
                             "confidence"], ["s1", "claim", "k1", "p. 9", "3"]],
              "Sources": [["id", "title"], ["s1", "Seoul Daily"]],
              "Relationships": [["id", "from_id", "to_id", "kind"], ["r1", 1, 2, "ally of"]]}
    path = write_ods(tmp_path / "claims.ods", sheets)
    with Store.create(tmp_path / "claims.db") as store:
        counts = import_workbook(store, path, {"date": "When"})
        assert (counts["claims"], counts["citations"]) == (2, 1)
        (event,) = store.events()
        (alternative,) = store.claims_for("event", event.id)
        assert (alternative.status, alternative.date, alternative.note) == (
            "alternative", "1975", "a later year")
        (rejected,) = store.claims_for("relationship", store.relationships()[0].id)
        assert (rejected.status, rejected.kind) == ("rejected", "rival of")
        (cited,) = store.citations()
        assert (cited.target_type, cited.target_id, cited.locator) == (
            "claim", alternative.id, "p. 9")


def test_problems_name_the_sheet_row_and_nothing_is_written(tmp_path: Path) -> None:
    sheets = {**HAND_TYPED,
              "Relationships": [["from_id", "to_id", "kind", "directed"],
                                [1, 2, "member of", "maybe"]],
              "Events": [*HAND_TYPED["Events"],
                         ["2001", "Ghost", "Nobody Known", "", "", ""]]}
    path = write_ods(tmp_path / "bad.ods", sheets)
    with Store.create(tmp_path / "bad.db") as store, \
            pytest.raises(ValidationError) as caught:
        import_workbook(store, path, {"date": "When"})
    assert caught.value.problems == [
        "relationships sheet row 2: directed must be yes or no (or blank), not 'maybe'",
        "events sheet row 4: participant 'Nobody Known' is not in the entities sheet"]
    sheets["Relationships"] = [["from_id", "to_id", "kind"], [1, 9, "knows"]]
    sheets["Events"] = [*HAND_TYPED["Events"], ["someday", "Undated", "", "", "", ""]]
    path = write_ods(tmp_path / "bad2.ods", sheets)
    with Store.create(tmp_path / "bad2.db") as store:
        with pytest.raises(ValidationError) as caught:
            import_workbook(store, path, {"date": "When"})
        assert sum(store.counts().values()) == 0
    problems = "\n".join(caught.value.problems)
    assert "events sheet row 4 (id 'events sheet row 4'):" in problems
    assert ("relationships sheet row 2 (id 'relationships sheet row 2'): to_id 9 does not "
            "name a record") in problems
