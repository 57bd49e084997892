"""Undo and redo of an import as range deletes (``db.ranges``), on real files: the file
comes back exactly, the search index follows, and no statement is logged per row."""

from __future__ import annotations

from db import ops, ranges
from db.jsonio import dumps, export_data
from db.store import Store
from models.kinds import RecordKind

ROWS = 300


def _csv(n: int = ROWS) -> str:
    lines = ["date,title,participants,tags,source,locator"]
    lines += [f"{2000 + i % 20},Imported zebra {i},Person {i % 7}; organization:Org {i % 3},"
              f"tag{i % 5}; shared,Source {i % 4},p. {i}" for i in range(n)]
    return "\n".join(lines) + "\n"


def _search_rows(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM search_index").fetchone()[0]


def test_undo_is_one_range_statement_and_restores_the_file(filled: Store) -> None:
    before, indexed = dumps(export_data(filled)), _search_rows(filled)
    seen: list[str] = []
    changes = ops.import_csv(filled, _csv())
    assert changes.counts["events"] == ROWS and len(changes.undo) == 1
    assert ranges.is_range(changes.undo[0])
    assert len(changes.added[RecordKind.EVENT]) == ROWS
    filled.conn.set_trace_callback(seen.append)
    redo = filled.replay(list(changes.undo))
    filled.conn.set_trace_callback(None)
    statements = {s for s in seen if not s.startswith("--")}  # not trigger bodies
    assert len(statements) < 60  # a few per table, not one per row
    assert dumps(export_data(filled)) == before
    assert _search_rows(filled) == indexed and not filled.search("zebra")
    assert redo.everything and len(redo.statements) == 1


def test_redo_brings_the_same_rows_back_searchable(filled: Store) -> None:
    changes = ops.import_csv(filled, _csv())
    imported, indexed = dumps(export_data(filled)), _search_rows(filled)
    redo = filled.replay(list(changes.undo))
    undo_again = filled.replay(redo.statements)
    assert dumps(export_data(filled)) == imported
    assert _search_rows(filled) == indexed
    assert len(filled.search("zebra", limit=1000)) == ROWS
    assert filled.conn.execute("SELECT count(*) FROM sqlite_temp_master WHERE name LIKE "
                               "'stash%'").fetchone() == (0,)
    filled.replay(undo_again.statements)
    assert not filled.search("zebra")


def test_json_ids_below_the_files_get_fresh_ids_and_undo_only_takes_those(
        filled: Store) -> None:
    before = dumps(export_data(filled))
    data = {"entities": [{"id": 1, "kind": "person", "name": "Low Id"}],
            "events": [{"id": 1, "title": "Low zebra", "date": "1999",
                        "participants": [{"entity_id": 1, "role": ""}], "tags": ["new tag"]}]}
    changes = ops.import_json(filled, data, "low.json")
    assert [e.title for e in filled.events()].count("Low zebra") == 1
    old_ids = {e["id"] for e in export_data(filled)["events"]} - set(
        changes.added[RecordKind.EVENT])
    assert len(old_ids) == len(export_data(filled)["events"]) - 1
    filled.replay(list(changes.undo))
    assert dumps(export_data(filled)) == before
    assert filled.conn.execute("SELECT count(*) FROM tags WHERE name = 'new tag'"
                               ).fetchone() == (0,)


def test_an_import_that_adds_nothing_has_nothing_to_undo(filled: Store) -> None:
    changes = ops.import_json(filled, {"events": []}, "empty.json")
    assert not changes.undo


def test_a_file_id_free_below_the_highest_gets_a_fresh_one(filled: Store) -> None:
    """A kept file id in a gap of the table would fall outside the import's range."""
    from models.records import Event

    ids = [filled.add_event(Event(title=f"Kept {n}", date="2001")) for n in range(3)]
    filled.delete_event(ids[1])  # a free id below the highest
    before = dumps(export_data(filled))
    data = {"events": [{"id": ids[1], "title": "In the gap", "date": "1999"}]}
    changes = ops.import_json(filled, data, "gap.json")
    (new_id,) = changes.added[RecordKind.EVENT]
    assert new_id > ids[2]
    filled.replay(list(changes.undo))
    assert dumps(export_data(filled)) == before


def test_a_json_import_is_searchable_through_the_bulk_path(filled: Store) -> None:
    """The search index is filled once for exactly the new rows, not row by row."""
    indexed = _search_rows(filled)
    data = {"sources": [{"id": 1, "title": "Zebra source"}],
            "entities": [{"id": 1, "kind": "person", "name": "Zebra Person"}],
            "events": [{"id": n, "title": f"Zebra event {n}", "date": "2001"}
                       for n in range(1, 51)]}
    seen: list[str] = []
    filled.conn.set_trace_callback(seen.append)
    ops.import_json(filled, data, "z.json")
    filled.conn.set_trace_callback(None)
    assert any("FROM main.events AS NEW WHERE NEW.id >= " in s for s in seen)
    assert _search_rows(filled) == indexed + 52
    assert len(filled.search("zebra", limit=100)) == 52
