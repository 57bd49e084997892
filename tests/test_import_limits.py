"""Import limits: ids the search index cannot key, texts over the size cap, JSON nested
too deeply and texts that are not Unicode are each refused with one line, nothing
written; an id at the limit is kept and the next record can still be added."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from db import schema
from db.store import Store
from models.records import Event
from tests.bad_files import digest


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "limits.db"
    Store.create(path).close()
    return path


def _refused(capsys, db: Path, tmp_path: Path, text: str, *fragments: str) -> None:
    data = tmp_path / "in.json"
    data.write_text(text, encoding="utf-8")
    before = digest(db)
    code = main.run(["import", str(db), str(data)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and err[0].startswith("error: "), err
    for fragment in fragments:
        assert fragment in err[0], err[0]
    assert digest(db) == before


def _events(**fields) -> str:
    event = {"id": 1, "title": "Talks", "date": "2000"} | fields
    return json.dumps({"format": "threadline", "version": 1, "events": [event]})


@pytest.mark.parametrize("big", [schema.MAX_ID + 1, 2**63 - 1])
def test_an_id_the_search_index_cannot_key_is_refused(capsys, db: Path, tmp_path: Path,
                                                       big: int) -> None:
    _refused(capsys, db, tmp_path, _events(id=big), "largest id")


def test_an_id_at_the_limit_is_kept_and_more_can_be_added(db: Path, tmp_path: Path) -> None:
    data = tmp_path / "in.json"
    data.write_text(_events(id=schema.MAX_ID), encoding="utf-8")
    assert main.run(["import", str(db), str(data)]) == 0
    with Store.open(db) as store:
        new = store.add_event(Event(title="After", date="2001"))
        assert new == schema.MAX_ID + 1
        assert [h.title for h in store.search("After")] == ["After"]


def test_a_text_over_the_cap_is_refused(capsys, db: Path, tmp_path: Path) -> None:
    _refused(capsys, db, tmp_path, _events(summary="x" * (schema.MAX_TEXT_CHARS + 1)),
             "over the limit")


def test_json_nested_too_deeply_is_refused(capsys, db: Path, tmp_path: Path) -> None:
    _refused(capsys, db, tmp_path, "[" * 100_000 + "]" * 100_000, "nested too deeply")


def test_a_lone_surrogate_is_refused(capsys, db: Path, tmp_path: Path) -> None:
    _refused(capsys, db, tmp_path, _events(title="bad \\ud800 text").replace("\\\\", "\\"),
             "not valid Unicode")


def test_a_full_disk_is_one_message_and_nothing_written(db: Path) -> None:
    from db import ops
    from db.errors import StoreError

    with Store.open(db) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk is all but full
        data = {"events": [{"id": i, "title": f"Talks {i}", "date": "2000", "summary": "x" * 900}
                           for i in range(1, 400)]}
        with pytest.raises(StoreError, match="the disk is full"):
            ops.import_json(store, data, undoable=False)
        assert store.counts()["events"] == 0
        assert not store.conn.in_transaction
