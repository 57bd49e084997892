"""The JSON import read as a stream (db.jsonread, db.jsonimport): the same records, checks
and errors as the whole-document import, from real files, in memory that does not grow
with the file."""

from __future__ import annotations

import json
import sqlite3
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from db import bulkload, jsonread
from db.errors import ValidationError
from db.export import export_to
from db.jsonimport import import_file
from db.jsonio import import_data, loads
from db.sample import build_sample
from db.store import Store


def _dump(tables: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(tables)
    try:
        names = [n for (n,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search%' "
            "AND name NOT LIKE 'sqlite%' AND name <> 'settings' ORDER BY name")]
        found = {n: conn.execute(f"SELECT * FROM {n} ORDER BY 1, 2").fetchall() for n in names}
        found["search"] = conn.execute("SELECT rowid, kind, ref_id, title, body FROM "
                                       "search_index ORDER BY rowid").fetchall()
        return found
    finally:
        conn.close()


@pytest.fixture(scope="module")
def sample_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    build_sample(folder / "sample.db")
    with Store.open(folder / "sample.db", readonly=True) as store:
        export_to(store, folder / "sample.json")
    return folder / "sample.json"


def test_a_file_imports_as_its_whole_document_does(sample_json: Path, tmp_path: Path) -> None:
    with Store.create(tmp_path / "stream.db") as store:
        counts = import_file(store, sample_json)
        export_to(store, tmp_path / "again.json", title="x")
    with Store.create(tmp_path / "whole.db") as store:
        assert import_data(store, loads(sample_json.read_text("utf-8"))) == counts
    assert counts == {"sources": 2, "entities": 88, "events": 32, "relationships": 114,
                      "claims": 2, "citations": 304}
    assert (tmp_path / "again.json").read_bytes() == sample_json.read_bytes()
    assert _dump(tmp_path / "stream.db") == _dump(tmp_path / "whole.db")


def test_tiny_chunks_split_numbers_and_characters_anywhere(
        sample_json: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record, a number or a multi-byte character cut by the end of a chunk reads whole."""
    monkeypatch.setattr(jsonread, "CHUNK_BYTES", 7)
    with Store.create(tmp_path / "tiny.db") as store:
        import_file(store, sample_json)
        export_to(store, tmp_path / "again.json", title="x")
    assert (tmp_path / "again.json").read_bytes() == sample_json.read_bytes()


def _write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_references_resolve_whatever_the_order_of_the_collections(tmp_path: Path) -> None:
    """Citations first, the entities they name last, text ids: the first read knows them."""
    document = {
        "citations": [{"id": "c1", "source_id": "s", "target_type": "relationship",
                       "target_id": "r"},
                      {"id": "c2", "source_id": "s", "target_type": "event", "target_id": 7}],
        "relationships": [{"id": "r", "from_id": "kim", "to_id": "lee", "kind": "met"}],
        "events": [{"id": 7, "title": "Visit", "date": "2001",
                    "participants": [{"entity_id": "kim", "role": "host"}], "tags": ["a"]}],
        "entities": [{"id": "kim", "kind": "person", "name": "Kim"},
                     {"id": "lee", "kind": "person", "name": "Lee"}],
        "sources": [{"id": "s", "title": "Report"}],
        "version": 1, "format": "threadline",
    }
    with Store.create(tmp_path / "out.db") as store:
        counts = import_file(store, _write(tmp_path / "in.json", document))
        assert counts == {"sources": 1, "entities": 2, "events": 1, "relationships": 1,
                          "citations": 2}
        event = store.event(7)
        assert store.entity(event.participants[0].entity_id).name == "Kim"
        assert event.tags == ["a"]
        assert {c.target_type for c in store.citations()} == {"event", "relationship"}
        assert [hit.title for hit in store.search("Visit")] == ["Visit"]
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def _index_rows(store: Store) -> list[tuple]:
    return store.conn.execute("SELECT kind, ref_id, title, body FROM search_index "
                              "ORDER BY rowid").fetchall()


def test_the_search_index_holds_exactly_the_new_rows(sample_json: Path, tmp_path: Path) -> None:
    with Store.create(tmp_path / "twice.db") as store:
        import_file(store, sample_json)
        once = _index_rows(store)
        import_file(store, sample_json)  # every id taken: all remapped above
        twice = _index_rows(store)
        assert store.counts()["events"] == 64
        assert len(twice) == 2 * len(once) and set(once) <= set(twice)
        new = [row for row in twice if row not in set(once)]
        assert sorted(r[::2] for r in new) == sorted(r[::2] for r in once)  # kind, title
        store.conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")


def _refused(tmp_path: Path, data: bytes, *fragments: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(data)
    with Store.create(tmp_path / f"bad{len(list(tmp_path.iterdir()))}.db") as store:
        with pytest.raises(ValidationError) as caught:
            import_file(store, path)
        assert sum(store.counts().values()) == 0
        assert store.conn.execute("SELECT count(*) FROM search_index").fetchone()[0] == 0
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, message


GOOD = {"format": "threadline", "version": 1,
        "sources": [{"id": 1, "title": "Report"}],
        "events": [{"id": 1, "title": "A", "date": "2001"},
                   {"id": 2, "title": "B", "date": "2002"}]}


@pytest.mark.parametrize(("text", "fragments"), [
    (json.dumps(GOOD)[:-1] + ', "events": []}', ["'events' appears more than once"]),
    (json.dumps(GOOD).replace('"B"', '"\\ud800"'),
     ["events[1].title", "not valid Unicode"]),
    (json.dumps(GOOD).replace('"B"', json.dumps("x" * ((1 << 20) + 1))),
     ["events[1].title", "over the limit"]),
    (json.dumps(GOOD).replace('"B"', "[" * 100_000 + "]" * 100_000), ["nested too deeply"]),
    (json.dumps(GOOD, indent=1).replace('"B"', "B"),
     ["not valid JSON: Expecting value at line 18"]),
    (json.dumps(GOOD) + " {}", ["not valid JSON: Extra data"]),
    (json.dumps(GOOD).replace('"events"', '"evnts"'), ["unknown top-level keys: evnts"]),
    ('{"events": {}}', ["events must be a list"]),
    ("[1, 2]", ["the top level is not an object"]),
    (json.dumps({**GOOD, "citations": [{"id": 1, "source_id": 1, "target_type": "event",
                                        "target_id": 3}]}),
     ["citations[0] (id 1): target_id 3 does not name a record in events"]),
])
def test_each_problem_is_one_clear_error_and_nothing_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, fragments: list[str]
        ) -> None:
    monkeypatch.setattr(jsonread, "CHUNK_BYTES", 64)  # errors found across chunks too
    _refused(tmp_path, text.encode(), *fragments)


def test_a_byte_that_is_not_utf8_is_named_by_its_offset(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonread, "CHUNK_BYTES", 16)
    data = json.dumps(GOOD).encode()
    at = data.index(b'"B"') + 1
    _refused(tmp_path, data[:at] + b"\xe9" + data[at + 1:], f"not UTF-8 text (byte {at})")


def test_a_bom_is_read_past(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    with Store.create(tmp_path / "bom.db") as store:
        assert import_file(store, path)["events"] == 2


def _big_document(path: Path, events: int) -> int:
    """A file of ``events`` events with long summaries, written a record at a time."""
    with path.open("w", encoding="utf-8") as out:
        out.write('{"format": "threadline", "version": 1, "entities": [')
        out.write(", ".join(json.dumps({"id": i, "kind": "person", "name": f"Person {i}"})
                            for i in range(1, 101)))
        out.write('], "events": [')
        for i in range(1, events + 1):
            out.write(("" if i == 1 else ",\n") + json.dumps({
                "id": i, "title": f"Event {i}", "date": str(1900 + i % 100),
                "summary": f"Summary {i} " + "lorem ipsum " * 300,
                "participants": [{"entity_id": 1 + i % 100, "role": ""}], "tags": ["t"]}))
        out.write("]}\n")
    return path.stat().st_size


@pytest.mark.slow
def test_memory_does_not_grow_with_the_file(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The import's peak allocation is a small part of the file: json.load of the whole
    file alone would take more than the file's size."""
    monkeypatch.setattr(bulkload, "BATCH", 500)
    size = _big_document(tmp_path / "big.json", 16000)
    assert size > 50 * 2**20
    with Store.create(tmp_path / "big.db") as store:
        tracemalloc.start()
        try:
            counts = import_file(store, tmp_path / "big.json")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert counts["events"] == 16000
        assert store.search("Summary")
    assert peak < size / 5, (peak, size)
