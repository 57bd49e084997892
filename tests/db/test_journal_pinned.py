"""What undo relies on from the journal: each write records exactly its own reversal,
an empty write records nothing, and the log it is gathered in does not grow."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db import journal
from db.errors import ValidationError
from db.jsonio import dumps, export_data
from db.store import Store
from models.records import Entity, Event, Participant, Relationship, Source


def _log_rows(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM temp.undo_log").fetchone()[0]


def test_a_write_that_changes_nothing_gives_an_empty_journal(filled: Store) -> None:
    with filled.journaled() as nothing:
        filled.counts()
    assert not nothing
    assert nothing.statements == [] and nothing.touched == {}
    with filled.journaled() as something:
        filled.add_source(Source(title="New"))
    assert something and len(something.statements) == 1


def test_the_log_is_emptied_after_every_write(filled: Store) -> None:
    for n in range(3):
        with filled.journaled() as recorded:
            filled.add_event(Event(title=f"E{n}", date="2001", tags=["t"]))
        assert recorded
        assert _log_rows(filled) == 0
        filled.replay(recorded.statements)
        assert _log_rows(filled) == 0


def test_writes_outside_a_journal_are_not_recorded(filled: Store) -> None:
    filled.add_source(Source(title="Unrecorded"))
    assert _log_rows(filled) == 0
    with filled.journaled() as recorded:
        filled.add_source(Source(title="Recorded"))
    assert len(recorded.statements) == 1
    filled.add_source(Source(title="Unrecorded too"))
    assert _log_rows(filled) == 0


def test_a_journal_names_the_records_it_touched(filled: Store) -> None:
    kim = filled.find_entities("Kim Dong-myung")[0].id
    with filled.journaled() as added:
        event_id = filled.add_event(Event(title="Talks", date="2023",
                                          participants=[Participant(kim, "guest")],
                                          tags=["new tag"]))
    tag_id = filled.conn.execute("SELECT id FROM tags WHERE name = 'new tag'").fetchone()[0]
    assert added.touched == {"events": {event_id}, "tags": {tag_id}}
    with filled.journaled() as moved:
        filled.set_positions({kim: (1.0, 2.0, True)})
        filled.update_entity(Entity(kind="person", name="Kim D.-m.", id=kim))
    assert moved.touched == {"entities": {kim}}
    rel = filled.relationships()[0]
    src = filled.sources()[0].id
    with filled.journaled() as deleted:
        filled.delete_source(src)
        filled.delete_relationship(rel.id)
    citations = {c.id for c in filled.citations()}
    assert deleted.touched["sources"] == {src}
    assert deleted.touched["relationships"] == {rel.id}
    assert citations == set() and len(deleted.touched["citations"]) == 3


def test_undo_of_an_update_restores_every_column(filled: Store) -> None:
    before = dumps(export_data(filled)), sorted(filled.positions().items())
    rel = filled.relationships()[0]
    with filled.journaled() as undo:
        filled.update_relationship(Relationship(rel.to_id, rel.from_id, "rivals", directed=False,
                                                date="c. 1990", description="d", notes="n",
                                                id=rel.id))
        event = filled.events()[0]
        event.title, event.tags, event.participants = "Renamed", ["x"], []
        filled.update_event(event)
        filled.set_positions({rel.from_id: (3.0, 4.0, False)})
        filled.set_positions({rel.from_id: (5.0, 6.0, True)})
    filled.replay(undo.statements)
    assert (dumps(export_data(filled)), sorted(filled.positions().items())) == before


def test_a_journal_replays_newest_first(store: Store) -> None:
    """Add then rename: undo must delete the row after putting the old name back."""
    with store.journaled() as undo:
        sid = store.add_source(Source(title="First"))
        store.update_source(Source(title="Second", id=sid))
    assert undo.statements[0].startswith("DELETE")
    store.replay(undo.statements)
    assert store.sources() == []


def test_replay_puts_parents_back_after_their_children(filled: Store) -> None:
    """A cascade logs the children's deletes first; replay needs deferred foreign keys."""
    kim = filled.find_entities("Kim Dong-myung")[0].id
    with filled.journaled() as undo:
        filled.delete_entity(kim)
    filled.replay(undo.statements)
    assert filled.exists("entity", kim)
    assert filled.relationships_of(kim)


def test_the_journal_lives_in_the_connection_not_the_file(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    filled.save_copy(path)
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert not any(n.startswith("undo_") for n in names)
    journal.install(filled.conn)  # installing twice changes nothing
    with filled.journaled() as recorded:
        filled.add_source(Source(title="Once"))
    assert len(recorded.statements) == 1


def test_a_refused_write_leaves_nothing_in_file_or_log(filled: Store) -> None:
    with pytest.raises(ValidationError), filled.journaled():
        filled.add_source(Source(title="kept only if all succeed"))
        filled.add_event(Event(title="bad", date="32 May 2023"))
    assert _log_rows(filled) == 0
    assert [s.title for s in filled.sources()] == ["Article one"]


@pytest.mark.parametrize(("count", "every", "reports"), [(3, 1, [0, 1, 2]), (5, 2, [0, 2, 4]),
                                                        (4, 4, [0])])
def test_replay_progress_counts_statements(store: Store, monkeypatch, count: int, every: int,
                                           reports: list[int]) -> None:
    monkeypatch.setattr(journal, "PROGRESS_EVERY", every)
    with store.journaled() as recorded:
        for n in range(count):
            store.add_source(Source(title=f"S{n}"))
    heard: list[tuple[int, int]] = []
    store.replay(recorded.statements, lambda done, total: heard.append((done, total)))
    assert heard == [(done, count) for done in reports]
    assert store.sources() == []
