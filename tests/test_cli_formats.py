"""The export and import commands for the formats besides JSON: files written, one error line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import main
from db.export import FORMATS
from db.jsonio import dumps, export_data
from db.store import Store


def _run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main.run([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _assert_one_error_line(code: int, err: str, *fragments: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]


def _dump(path: Path) -> str:
    with Store.open(path, readonly=True) as store:
        return dumps(export_data(store))


@pytest.fixture
def db_path(filled: Store, tmp_path: Path) -> Path:
    filled.close()
    return tmp_path / "test.db"


@pytest.mark.parametrize("name, fmt, written", [
    ("out.json", None, "out.json"),
    ("tables", None, "tables/events.csv"),
    ("tables.zip", None, "tables.zip"),
    ("events.csv", "csv-events", "events.csv"),
    ("g.graphml", None, "g.graphml"),
    ("g.gexf", None, "g.gexf"),
    ("t.timeline.json", None, "t.timeline.json"),
    ("t.json", "timelinejs", "t.json"),
    ("r.html", None, "r.html"),
    ("r.md", "md", "r.md"),
])
def test_each_format_writes_its_file(capsys, db_path: Path, tmp_path: Path, name: str,
                                     fmt: str | None, written: str) -> None:
    extra = ["--format", fmt] if fmt else []
    code, out, err = _run(capsys, "export", db_path, tmp_path / name, *extra,
                          "--title", "Story")
    assert (code, err) == (0, "")
    assert (tmp_path / written).is_file() and (tmp_path / written).stat().st_size > 0
    assert "exported" in out


def test_the_command_line_offers_every_export_format() -> None:
    assert main.EXPORT_FORMATS == FORMATS


@pytest.mark.parametrize("argv, fragments", [
    (["--format", "docx"], ["invalid choice: 'docx'"]),
    ([], ["cannot tell the format of out.xyz", "--format json, csv"]),
])
def test_a_bad_format_is_one_error_line(capsys, db_path: Path, tmp_path: Path,
                                        argv: list[str], fragments: list[str]) -> None:
    code, _, err = _run(capsys, "export", db_path, tmp_path / "out.xyz", *argv)
    _assert_one_error_line(code, err, *fragments)
    assert not (tmp_path / "out.xyz").exists()


def test_export_problems_are_one_error_line(capsys, db_path: Path, tmp_path: Path) -> None:
    code, _, err = _run(capsys, "export", db_path, tmp_path / "nowhere" / "r.html")
    _assert_one_error_line(code, err, "no such folder")
    code, _, err = _run(capsys, "export", db_path, db_path, "--format", "json")
    _assert_one_error_line(code, err, "the database itself")


def test_csv_import_with_a_mapping(capsys, db_path: Path, tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("When,What,Who\n2020,Launch,Kim D. (host)\n",
                                     encoding="utf-8")
    code, out, err = _run(capsys, "import", db_path, tmp_path / "in.csv", "--map",
                          "date=When", "--map", "title=What", "--map", "participants=Who")
    assert (code, err) == (0, "")
    assert "1 events" in out and "0 entities" in out
    with Store.open(db_path) as store:
        launch = next(e for e in store.events() if e.title == "Launch")
        assert [store.entity(p.entity_id).name for p in launch.participants] == [
            "Kim Dong-myung"]


def test_csv_export_then_import_through_the_command_line(capsys, db_path: Path,
                                                         tmp_path: Path) -> None:
    assert _run(capsys, "export", db_path, tmp_path / "events.csv", "--format",
                "csv-events")[0] == 0
    assert _run(capsys, "new", tmp_path / "copy.db")[0] == 0
    code, out, _ = _run(capsys, "import", tmp_path / "copy.db", tmp_path / "events.csv")
    assert code == 0 and "2 events" in out


def test_a_csv_target_is_refused_and_no_bom_drops_the_mark(capsys, db_path: Path,
                                                          tmp_path: Path) -> None:
    code, _, err = _run(capsys, "export", db_path, tmp_path / "all.csv")
    assert code == 2 and "all.zip" in err and "csv-events" in err
    assert not (tmp_path / "all.csv").exists()
    assert _run(capsys, "export", db_path, tmp_path / "plain.zip", "--no-bom")[0] == 0
    with zipfile.ZipFile(tmp_path / "plain.zip") as archive:
        assert archive.read("events.csv").startswith(b"id,")


BAD_CSV = [
    (b"date,title\n2020,A\n31 April 2023,B\n2021,\n",
     ["row 2 (line 3)", "April", "row 3 (line 4)"]),
    (b"date,summary\n2020,x\n", ["missing required column 'title'"]),
    ("date,title\n2020,Café\n".encode("latin-1"), ["not UTF-8"]),
    (b"date,title\n2020,A,B\n", ["row 1 (line 2)", "ragged"]),
    (b'date,title\n2020,"' + b"x" * 10_000_000 + b'"\n', ["field too large"]),
]


@pytest.mark.parametrize("data, fragments", BAD_CSV)
def test_csv_import_errors_are_one_line_and_write_nothing(capsys, db_path: Path,
                                                          tmp_path: Path, data: bytes,
                                                          fragments: list[str]) -> None:
    (tmp_path / "in.csv").write_bytes(data)
    before = _dump(db_path)
    code, _, err = _run(capsys, "import", db_path, tmp_path / "in.csv")
    _assert_one_error_line(code, err, *fragments)
    assert _dump(db_path) == before


@pytest.mark.parametrize("argv, fragment", [
    (["in.csv", "--map", "title"], "--map wants FIELD=COLUMN"),
    (["in.json", "--format", "json", "--map", "title=x"], "--map is for CSV"),
    (["in.txt"], "--format json or csv"),
    (["missing.csv"], "no such file"),
])
def test_import_usage_errors_are_one_line(capsys, db_path: Path, tmp_path: Path,
                                          argv: list[str], fragment: str) -> None:
    (tmp_path / "in.csv").write_text("date,title\n2020,A\n")
    (tmp_path / "in.json").write_text("{}")
    (tmp_path / "in.txt").write_text("")
    paths = [tmp_path / a if a.startswith(("in.", "missing")) else a for a in argv]
    code, _, err = _run(capsys, "import", db_path, *paths)
    _assert_one_error_line(code, err, fragment)


def test_import_help_documents_the_csv_columns(capsys) -> None:
    with pytest.raises(SystemExit):
        main.run(["import", "--help"])
    out = capsys.readouterr().out
    for text in ("end date", "source title", "description", "organization:Name", "--map"):
        assert text in out


def test_spreadsheets_through_the_command_line(capsys, db_path: Path, tmp_path: Path) -> None:
    from tests.db.test_sheets import write_ods

    assert _run(capsys, "export", db_path, tmp_path / "all.xlsx")[0] == 0
    assert _run(capsys, "new", tmp_path / "copy.db")[0] == 0
    code, out, _ = _run(capsys, "import", tmp_path / "copy.db", tmp_path / "all.xlsx")
    assert code == 0 and "2 events" in out
    write_ods(tmp_path / "in.ods", [["When", "What"], ["2001", "From LibreOffice"]])
    code, out, _ = _run(capsys, "import", tmp_path / "copy.db", tmp_path / "in.ods",
                        "--map", "date=When", "--map", "title=What")
    assert code == 0 and "1 events" in out
    code, _, err = _run(capsys, "import", tmp_path / "copy.db", tmp_path / "in.ods")
    _assert_one_error_line(code, err, "missing required column 'date'")
