"""Nothing let in: bad files, bad dates, bad searches and bad imports are refused cleanly.

A refused file keeps its bytes; a refused import writes nothing (the JSON export of the
database is the same before and after); an error is one ``error:`` line naming where.
Cases tests/test_cli.py already covers (empty, random bytes, another application's
file, a newer Threadline's, a missing database) are not repeated here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from db.jsonio import dumps, export_data
from db.store import Store
from models.dates import DateParseError, parse_date, parse_span
from models.records import Entity, Event, Source
from tests.bad_files import digest

ROOT = Path(__file__).resolve().parent.parent
HELPERS = Path(__file__).resolve().parent / "helpers"


def _run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main.run([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _one_error(code: int, err: str, *fragments: str) -> str:
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def _snapshot(path: Path) -> str:
    with Store.open(path, readonly=True) as store:
        return dumps(export_data(store))


@pytest.fixture
def db(filled: Store) -> Path:
    path = filled.path
    filled.close()
    return path


# -- files refused untouched --------------------------------------------------------------

def _truncated(tmp_path: Path) -> Path:
    whole = tmp_path / "whole.db"
    from db.sample import build_sample

    build_sample(whole)
    data = whole.read_bytes()
    half = tmp_path / "half.db"
    half.write_bytes(data[:len(data) // 2])
    return half


@pytest.mark.parametrize("command", [
    pytest.param("export", id="export"),
    pytest.param("import", id="import"),
])
def test_truncated_database_is_refused_untouched(capsys, tmp_path: Path, command: str
                                                 ) -> None:
    half = _truncated(tmp_path)
    before = digest(half)
    (tmp_path / "in.json").write_text('{"sources": [{"id": 1, "title": "S"}]}')
    argv = {"export": ["export", half, tmp_path / "o.json"],
            "import": ["import", half, tmp_path / "in.json"]}[command]
    code, _, err = _run(capsys, *argv)
    _one_error(code, err, "half.db")
    assert "damaged" in err or "malformed" in err
    assert digest(half) == before
    assert not (tmp_path / "o.json").exists()


def test_a_folder_is_refused(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "folder.db"
    folder.mkdir()
    (folder / "keep").write_text("keep")
    (tmp_path / "in.json").write_text('{"events": []}')
    for argv in (["export", folder, tmp_path / "o.json"], ["import", folder, tmp_path / "in.json"],
                 ["new", folder], ["sample", folder]):
        code, _, err = _run(capsys, *argv)
        _one_error(code, err, "folder")
    assert [p.name for p in folder.iterdir()] == ["keep"]
    assert not (tmp_path / "o.json").exists()


def test_missing_input_or_folder_leaves_the_database_untouched(capsys, db: Path,
                                                               tmp_path: Path) -> None:
    before = digest(db)
    code, _, err = _run(capsys, "import", db, tmp_path / "nowhere.json")
    _one_error(code, err, "no such file", "nowhere.json")
    code, _, err = _run(capsys, "import", db, tmp_path / "nowhere.csv")
    _one_error(code, err, "no such file", "nowhere.csv")
    code, _, err = _run(capsys, "new", tmp_path / "no" / "such" / "folder.db")
    _one_error(code, err, "no such folder")
    assert digest(db) == before
    assert not (tmp_path / "no").exists()


def test_file_locked_by_another_process_is_refused_for_writing(capsys, db: Path,
                                                              tmp_path: Path) -> None:
    snapshot = _snapshot(db)
    before = digest(db)
    (tmp_path / "in.json").write_text('{"sources": [{"id": 1, "title": "Locked out"}]}')
    holder = subprocess.Popen([sys.executable, str(HELPERS / "hold_lock.py"), "exclusive",
                               str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        code, _, err = _run(capsys, "import", db, tmp_path / "in.json")
        _one_error(code, err, "in use by another program", db.name)
        assert digest(db) == before
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert _snapshot(db) == snapshot


def test_read_only_file_is_refused_for_import_untouched(capsys, db: Path,
                                                        tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("date,title\n2001,Refused\n")
    before = digest(db)
    db.chmod(0o444)
    try:
        code, _, err = _run(capsys, "import", db, tmp_path / "in.csv")
        assert digest(db) == before
    finally:
        db.chmod(0o644)
    _one_error(code, err, "read-only")
    assert "Refused" not in _snapshot(db)


# -- dates --------------------------------------------------------------------------------

_control = st.characters(min_codepoint=0, max_codepoint=0x1F)
_hostile = st.one_of(
    st.text(min_size=0, max_size=5000),
    st.binary(max_size=400).map(lambda b: b.decode("latin-1")),
    st.text(alphabet=st.one_of(_control, st.sampled_from("0123456789 -–/.,?~c BCADlate")),
            max_size=60),
)


def _parses_or_date_error(call) -> None:
    try:
        call()
    except DateParseError as exc:
        assert str(exc)
        assert "\n" not in str(exc)


@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_hostile)
def test_parse_date_raises_only_date_parse_error(text: str) -> None:
    _parses_or_date_error(lambda: parse_date(text))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_hostile, _hostile)
def test_parse_span_raises_only_date_parse_error(start: str, end: str) -> None:
    _parses_or_date_error(lambda: parse_span(start, end))


def test_extreme_dates_raise_only_date_parse_error() -> None:
    for text in ["\x00", "2001\x00", "9" * 5000, "-" * 5000, "1" + "0" * 400 + " BC",
                 "\ufeff2001", "２００１", "2001\r\n", "late " * 1000, "c." * 2000]:
        _parses_or_date_error(lambda t=text: parse_date(t))
        _parses_or_date_error(lambda t=text: parse_span("2001", t))


# -- search -------------------------------------------------------------------------------

SEARCHABLE = ["Rock AND Roll", "C++ guide", 'say "hi" now', "a*b star", "NEAR(x) func",
              "x-ray scan", "O'Brien", "^caret", "key:value", "{brace}", "🙂 smile", "OR NOT"]


@pytest.fixture
def searchable(store: Store) -> Store:
    for title in SEARCHABLE:
        store.add_event(Event(title=title, date="2001"))
    store.add_entity(Entity(kind="person", name="Zed", description="knows C++ and AND"))
    store.add_source(Source(title="Report", notes="on NEAR( and {x}"))
    return store


@pytest.mark.parametrize("query, expected", [
    ("AND", "Rock AND Roll"), ("C++", "C++ guide"), ('"', 'say "hi" now'),
    ('"hi"', 'say "hi" now'), ("*", "a*b star"), ("a*b", "a*b star"),
    ("NEAR(", "NEAR(x) func"), ("-", "x-ray scan"), ("x-ray", "x-ray scan"),
    ("'", "O'Brien"), ("^", "^caret"), ("key:", "key:value"), (":", "key:value"),
    ("{", "{brace}"), ("🙂", "🙂 smile"), ("OR NOT", "OR NOT"), ("NOT", "OR NOT"),
])
def test_query_syntax_is_searched_as_text(searchable: Store, query: str, expected: str
                                          ) -> None:
    titles = [hit.title for hit in searchable.search(query)]
    assert expected in titles
    for title in titles:  # every hit holds the text
        record_text = title + " knows C++ and AND" + " on NEAR( and {x}"
        assert all(word.casefold() in record_text.casefold() for word in query.split())


def test_entity_and_source_text_with_syntax_is_found(searchable: Store) -> None:
    assert "Zed" in [h.title for h in searchable.search("C++")]
    assert "Report" in [h.title for h in searchable.search("NEAR(")]


@pytest.mark.parametrize("query", ["x" * 10_000, "AND " * 3000, '"' * 10_000, "NEAR(" * 2000,
                                   "\ufeff", "\u202e", " ", ""])
def test_long_and_odd_queries_never_error(searchable: Store, query: str) -> None:
    assert isinstance(searchable.search(query), list)


def test_nul_in_a_query_finds_nothing(searchable: Store) -> None:
    assert searchable.search("\x00") == []


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_query_never_errors(searchable: Store, query: str) -> None:
    assert isinstance(searchable.search(query), list)


# -- JSON imports -------------------------------------------------------------------------

def _json_import(capsys, db: Path, tmp_path: Path, payload: bytes | str | dict
                 ) -> tuple[int, str, str]:
    path = tmp_path / "in.json"
    if isinstance(payload, dict):
        payload = json.dumps(payload)
    path.write_bytes(payload.encode("utf-8") if isinstance(payload, str) else payload)
    return _run(capsys, "import", db, path)


def _refused(capsys, db: Path, tmp_path: Path, payload, *fragments: str) -> None:
    before = _snapshot(db)
    code, _, err = _json_import(capsys, db, tmp_path, payload)
    _one_error(code, err, *fragments)
    assert _snapshot(db) == before


_EVENT = {"id": "e", "title": "Fine event", "date": "2001"}
_PERSON = {"id": "p", "kind": "person", "name": "Fine person"}


@pytest.mark.parametrize("payload, fragments", [
    ({"events": [_EVENT, {"id": 2, "title": 123, "date": "2001"}]}, ["events[1]", "title"]),
    ({"events": [{"id": 1, "title": "t", "date": 2001}]}, ["events[0]", "date"]),
    ({"events": [{"id": 1, "title": "t", "date": "2001", "tags": "a, b"}]}, ["tags"]),
    ({"events": [{"id": 1, "title": "t", "date": "2001", "summary": {}}]}, ["summary"]),
    ({"entities": [{"id": 1, "kind": "person", "name": "n", "aliases": "x"}]}, ["aliases"]),
    ({"sources": [{"id": 1, "title": "s", "url": 3}]}, ["sources[0]", "url"]),
    ({"events": [{"id": 1.5, "title": "t", "date": "2001"}]}, ["events[0]", "id"]),
    ({"events": {"id": 1}}, ["events must be a list"]),
    ({"events": [5]}, ["events[0]", "not an object"]),
    ({"entities": [_PERSON], "relationships": [{"id": 1, "from_id": "p", "to_id": 1,
                                                "kind": "k", "directed": "yes"}]},
     ["relationships[0]"]),
], ids=["title-int", "date-int", "tags-text", "summary-object", "aliases-text", "url-int",
        "id-float", "events-object", "event-number", "directed-text"])
def test_json_of_wrong_types_is_refused_by_record(capsys, db: Path, tmp_path: Path, payload,
                                                  fragments: list[str]) -> None:
    _refused(capsys, db, tmp_path, payload, *fragments)


@pytest.mark.parametrize("payload, fragments", [
    ({"events": [{"id": 1, "date": "2001"}]}, ["events[0]", "missing title"]),
    ({"entities": [{"id": 1, "name": "n"}]}, ["entities[0]", "missing kind"]),
    ({"citations": [{"id": 1, "source_id": 1, "target_type": "event"}]},
     ["citations[0]", "missing target_id"]),
    ({"events": [{**_EVENT, "colour": "red"}]}, ["events[0]", "unknown key colour"]),
    ({"events": [_EVENT], "extra": []}, ["unknown top-level keys: extra"]),
], ids=["no-title", "no-kind", "no-target", "unknown-key", "unknown-top"])
def test_json_with_missing_or_unknown_keys_is_refused(capsys, db: Path, tmp_path: Path,
                                                      payload, fragments: list[str]) -> None:
    _refused(capsys, db, tmp_path, payload, *fragments)


@pytest.mark.parametrize("payload, fragments", [
    pytest.param({"events": [{"id": 1, "title": None, "date": "2001"}]}, ["events[0]"],
                 id="title-null"),
    pytest.param({"events": [{"id": 1, "title": "t", "date": None}]}, ["events[0]"],
                 id="date-null"),
    pytest.param({"entities": [{"id": 1, "kind": "person", "name": None}]}, ["entities[0]"],
                 id="name-null"),
    pytest.param({"sources": [{"id": 1, "title": None}]}, ["sources[0]"],
                 id="source-title-null"),
    pytest.param({"entities": [{"id": 1, "kind": None, "name": "n"}]}, ["entities[0]", "kind"],
                 id="kind-null"),
])
def test_json_null_for_required_text_is_refused(capsys, db: Path, tmp_path: Path, payload,
                                                fragments: list[str]) -> None:
    _refused(capsys, db, tmp_path, payload, *fragments)


@pytest.mark.parametrize("payload, fragments", [
    ({"events": [{**_EVENT, "participants": [{"entity_id": 999}]}]},
     ["events[0]", "participant 999"]),
    ({"entities": [_PERSON], "relationships": [{"id": 1, "from_id": "p", "to_id": "ghost",
                                                "kind": "knows"}]},
     ["relationships[0]", "to_id 'ghost'"]),
    ({"events": [_EVENT], "citations": [{"id": 1, "source_id": 42, "target_type": "event",
                                         "target_id": "e"}]},
     ["citations[0]", "source_id 42"]),
    ({"sources": [{"id": "s", "title": "S"}], "citations": [
        {"id": 1, "source_id": "s", "target_type": "event", "target_id": "nope"}]},
     ["citations[0]", "target_id 'nope'"]),
    ({"sources": [{"id": "s", "title": "S"}], "citations": [
        {"id": 1, "source_id": "s", "target_type": "table", "target_id": 1}]},
     ["citations[0]", "target_type"]),
], ids=["participant", "relationship-end", "citation-source", "citation-target",
        "citation-type"])
def test_json_with_unknown_ids_is_refused(capsys, db: Path, tmp_path: Path, payload,
                                          fragments: list[str]) -> None:
    _refused(capsys, db, tmp_path, payload, *fragments)


def test_json_invalid_utf8_is_refused(capsys, db: Path, tmp_path: Path) -> None:
    good = json.dumps({"events": [_EVENT]}).encode()
    _refused(capsys, db, tmp_path, good[:20] + b"\xff\xfe" + good[20:], "not UTF-8")
    _refused(capsys, db, tmp_path, good[:-3], "not valid JSON")


@pytest.mark.parametrize("encode", [
    pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode(), id="bom"),
    pytest.param(lambda text: text.replace("\n", "\r\n").encode(), id="crlf"),
    pytest.param(lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
                 id="bom-crlf"),
])
def test_json_with_bom_or_crlf_imports_exactly(capsys, db: Path, tmp_path: Path, encode
                                               ) -> None:
    data = {"entities": [_PERSON],
            "events": [{**_EVENT, "summary": "line one\nline two",
                        "participants": [{"entity_id": "p", "role": "host"}]}]}
    code, out, err = _json_import(capsys, db, tmp_path, encode(json.dumps(data, indent=2)))
    assert code == 0, err
    assert "1 events" in out and "1 entities" in out
    with Store.open(db, readonly=True) as store:
        event = next(e for e in store.events() if e.title == "Fine event")
        assert event.summary == "line one\nline two"  # CRLF between JSON tokens only
        assert [store.entity(p.entity_id).name for p in event.participants] == ["Fine person"]


def test_json_with_a_10_mb_field_imports_whole_or_not_at_all(capsys, db: Path,
                                                             tmp_path: Path) -> None:
    big = "ä" + "x" * (10 * 1024 * 1024)
    before = _snapshot(db)
    code, out, err = _json_import(capsys, db, tmp_path,
                                  {"events": [{**_EVENT, "summary": big}, {**_EVENT, "id": 2}]})
    if code == 0:
        assert "2 events" in out
        with Store.open(db, readonly=True) as store:
            summaries = [e.summary for e in store.events() if e.title == "Fine event"]
        assert sorted(map(len, summaries)) == [0, len(big)]
        assert big in summaries
    else:
        _one_error(code, err, "events[0]")
        assert _snapshot(db) == before


# -- CSV imports --------------------------------------------------------------------------

def _csv_import(capsys, db: Path, tmp_path: Path, payload: bytes | str) -> tuple[int, str, str]:
    path = tmp_path / "in.csv"
    path.write_bytes(payload.encode("utf-8") if isinstance(payload, str) else payload)
    return _run(capsys, "import", db, path)


def _csv_refused(capsys, db: Path, tmp_path: Path, payload, *fragments: str) -> str:
    before = _snapshot(db)
    code, _, err = _csv_import(capsys, db, tmp_path, payload)
    line = _one_error(code, err, *fragments)
    assert _snapshot(db) == before
    return line


HEAD = "date,title,summary,confidence,source\n"


@pytest.mark.parametrize("body, fragments", [
    ("2001,Good,,,\nnot a date,Bad,,,\n", ["row 2 (line 3)", "date"]),
    ("2001,Good,,,\n31 April 2023,Bad,,,\n", ["row 2 (line 3)", "April"]),
    ("2001,Good,,,\n2001,,,,\n", ["row 2", "title"]),
    ("2001,Good,,,\n2001,Bad,,high,Src\n", ["row 2 (line 3)", "confidence"]),
    ("2001,Good,,,\n2001,Bad,,3,\n", ["row 2 (line 3)", "without a source"]),
    ("2001,Good,,,\n2001,Ragged\n", ["row 2 (line 3)", "ragged"]),
    ('2001,Good,,,\n2001,"open quote,,,\n2002,x,,,\n', ["line 3"]),
], ids=["date", "impossible-day", "no-title", "confidence", "no-source", "ragged",
        "open-quote"])
def test_csv_with_wrong_values_names_the_row(capsys, db: Path, tmp_path: Path, body: str,
                                             fragments: list[str]) -> None:
    _csv_refused(capsys, db, tmp_path, HEAD + body, *fragments)


def test_csv_problems_in_many_rows_are_each_named(capsys, db: Path, tmp_path: Path) -> None:
    body = "".join(f"{'bad' if i in (3, 7) else 2001},Row {i},,,\n" for i in range(1, 10))
    line = _csv_refused(capsys, db, tmp_path, HEAD + body)
    assert "row 3 (line 4)" in line and "row 7 (line 8)" in line


@pytest.mark.parametrize("header, fragment", [
    ("date,summary\n", "missing required column 'title'"),
    ("title,summary\n", "missing required column 'date'"),
    ("date,title,title\n", "more than once"),
    ("\n", "empty"),
])
def test_csv_with_missing_columns_is_refused(capsys, db: Path, tmp_path: Path, header: str,
                                             fragment: str) -> None:
    _csv_refused(capsys, db, tmp_path, header + "2001,x,y\n", fragment)


def test_csv_invalid_utf8_names_the_line(capsys, db: Path, tmp_path: Path) -> None:
    payload = (HEAD + "2001,Good,,,\n2002,Caf").encode() + b"\xe9,,,\n"
    _csv_refused(capsys, db, tmp_path, payload, "not UTF-8", "line 3")


@pytest.mark.parametrize("encode", [
    pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode(), id="bom"),
    pytest.param(lambda text: text.replace("\n", "\r\n").encode(), id="crlf"),
    pytest.param(lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
                 id="bom-crlf"),
])
def test_csv_with_bom_or_crlf_imports_exactly(capsys, db: Path, tmp_path: Path, encode) -> None:
    text = ('Date,Title,Summary,Participants\n'
            '2001,Plain row,"two\nlines",Kim Dong-myung (guest)\n'
            '1974,Another,,\n')
    code, out, err = _csv_import(capsys, db, tmp_path, encode(text))
    assert code == 0, err
    assert "2 events" in out
    with Store.open(db, readonly=True) as store:
        events = {e.title: e for e in store.events()}
        assert "Plain row" in events and "Another" in events  # no BOM or \r in the header
        assert events["Plain row"].summary in ("two\nlines", "two\r\nlines")
        assert not events["Another"].title.endswith("\r")
        assert [(p.entity_id, p.role) for p in events["Plain row"].participants] == [
            (1, "guest")]  # the existing Kim, not a new entity named with a BOM or \r


def test_csv_with_a_10_mb_field_is_refused_by_line(capsys, db: Path, tmp_path: Path) -> None:
    payload = HEAD + "2001,Good,,,\n" + "2002,Big," + "x" * (10 * 1024 * 1024) + ",,\n"
    _csv_refused(capsys, db, tmp_path, payload, "line 3", "too large")


@pytest.mark.slow
def test_large_csv_with_one_bad_row_names_it_and_writes_nothing(capsys, db: Path,
                                                               tmp_path: Path) -> None:
    """1,000,000 rows (issue 9). The one bad row is the last, so every row is checked
    before the import is refused."""
    rows = 1_000_000
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("date,title,participants,tags\n")
        out.writelines(f"{1900 + i % 120},Big {i},Person {i % 40},t{i % 5}\n"
                       for i in range(1, rows))
        out.write("31 February 1999,Big last,,\n")
    before = _snapshot(db)
    code, _, err = _run(capsys, "import", db, path)
    _one_error(code, err, f"row {rows} (line {rows + 1})", "February")
    assert _snapshot(db) == before
