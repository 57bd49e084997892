"""Inferred facts: a date or a relationship the sources imply rather than state.

The flag lives in the file (schema v2), travels through JSON, survives undo, reaches the
timeline's arrays and marks the sample's three inferred dates.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from db import ops, schema
from db.errors import ValidationError
from db.jsonio import dumps, export_data, import_data, loads
from db.sample import build_sample
from db.store import Store
from models.edits import EventEdit
from models.records import Event, Relationship

FIXTURES = Path(__file__).parent / "fixtures"


def _schema(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_master "
                            "ORDER BY type, name").fetchall()
    finally:
        conn.close()


def test_a_migrated_v1_file_has_exactly_the_schema_of_a_new_file(tmp_path: Path) -> None:
    Store.create(tmp_path / "new.db").close()
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_v1.db", old)
    Store.open(old).close()
    assert _schema(old) == _schema(tmp_path / "new.db")
    columns = [r[1] for r in sqlite3.connect(old).execute("PRAGMA table_info(events)")]
    assert "inferred" in columns and schema.current_version() >= 2


def test_an_inferred_event_reads_back_inferred_and_a_stated_one_stated(store: Store) -> None:
    guessed = store.add_event(Event(title="Survey", date="August 2023", inferred=True))
    stated = store.add_event(Event(title="Visit", date="May 2023"))
    assert store.event(guessed).inferred is True
    assert store.event(stated).inferred is False


def test_undo_restores_the_flag_exactly(filled: Store) -> None:
    event = filled.events()[0]
    before = dumps(export_data(filled))
    event.inferred = True
    changes = ops.update_event(filled, EventEdit(event))
    assert filled.event(event.id).inferred is True
    filled.replay(list(changes.undo))
    assert filled.event(event.id).inferred is False
    assert dumps(export_data(filled)) == before


def test_json_carries_the_flag_only_where_it_is_set(store: Store, tmp_path: Path) -> None:
    store.add_event(Event(title="Survey", date="August 2023", inferred=True))
    store.add_event(Event(title="Visit", date="May 2023"))
    data = export_data(store)
    assert [e.get("inferred") for e in data["events"]] == [True, None]
    text = dumps(data)
    copy = Store.create(tmp_path / "copy.db")
    import_data(copy, loads(text))
    assert dumps(export_data(copy)) == text
    copy.close()


def test_a_relationship_can_be_inferred(filled: Store) -> None:
    a, b = (e.id for e in filled.entities()[:2])
    rel = filled.add_relationship(Relationship(a, b, "allied with", date="1949",
                                               inferred=True))
    assert filled.relationship(rel).inferred is True
    row = next(r for r in export_data(filled)["relationships"] if r["id"] == rel)
    assert row["inferred"] is True


@pytest.mark.parametrize("value", ["yes", 1, 0, []])
def test_a_flag_that_is_not_true_or_false_is_refused_and_nothing_is_written(
        store: Store, value) -> None:
    data = {"format": "threadline", "version": 1, "events": [
        {"id": 1, "title": "Fine", "date": "2020"},
        {"id": 2, "title": "Survey", "date": "August 2023", "inferred": value}]}
    with pytest.raises(ValidationError, match="inferred must be true or false"):
        import_data(store, json.loads(json.dumps(data)))
    assert store.counts()["events"] == 0


def test_the_timeline_arrays_say_which_events_are_inferred(store: Store) -> None:
    stated = store.add_event(Event(title="Visit", date="May 2023"))
    guessed = store.add_event(Event(title="Survey", date="August 2023", inferred=True))
    table = store.event_table()
    assert table.inferred.dtype == np.bool_
    assert bool(table.inferred[table.row_of(guessed)]) is True
    assert bool(table.inferred[table.row_of(stated)]) is False


def test_the_sample_marks_its_inferred_dates(tmp_path: Path) -> None:
    build_sample(tmp_path / "s.db")
    with Store.open(tmp_path / "s.db", readonly=True) as sample:
        inferred = {e.title for e in sample.events() if e.inferred}
        assert any("Camp David" in t for t in inferred)
        assert any(e.inferred and e.category == "public opinion" for e in sample.events())
        rels = [r for r in sample.relationships() if r.inferred]
        assert [r.date for r in rels] == ["1949"]
        for record in [*(e for e in sample.events() if e.inferred), *rels]:
            assert record.notes.strip(), "an inferred date says why in its notes"
        assert len(inferred) == 2


def test_events_csv_carries_the_flag_and_reads_it_back(store: Store, tmp_path: Path) -> None:
    from db.csvio import import_events_csv
    from db.export import export_to

    store.add_event(Event(title="Survey", date="August 2023", inferred=True))
    store.add_event(Event(title="Visit", date="May 2023"))
    export_to(store, tmp_path / "out")
    copy = Store.create(tmp_path / "copy.db")
    import_events_csv(copy, tmp_path / "out" / "events.csv")
    assert {e.title: e.inferred for e in copy.events()} == {"Survey": True, "Visit": False}
    copy.close()


def test_a_csv_flag_that_is_not_yes_or_no_is_refused(store: Store, tmp_path: Path) -> None:
    from db.csvio import import_events_csv

    path = tmp_path / "e.csv"
    path.write_text("date,title,inferred\n2001,Good,yes\n2002,Bad,perhaps\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"row 2 \(line 3\).*inferred"):
        import_events_csv(store, path)
    assert store.counts()["events"] == 0
