"""The Store pinned where a user would notice: Save a Copy, the days a window holds,
each kind of record written, updated and deleted in the file, and merges."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.errors import NotFoundError, ReadOnlyError, StoreError, ValidationError
from db.store import Store
from models.dates import jdn_from_ymd
from models.records import Citation, Entity, Event, Participant, Relationship, Source


def _titles(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM sources ORDER BY id")]
    finally:
        conn.close()


# -- opening ---------------------------------------------------------------------------

def _damaged(tmp_path: Path) -> Path:
    """The first half of a real Threadline file: its header is fine, its pages are not."""
    whole = tmp_path / "whole.db"
    with Store.create(whole) as store:
        for n in range(300):
            store.add_source(Source(title=f"Source {n}", content="text " * 50))
    data = whole.read_bytes()
    whole.unlink()
    half = tmp_path / "half.db"
    half.write_bytes(data[:len(data) // 2])
    return half


@pytest.mark.parametrize("readonly", [False, True])
def test_a_damaged_file_is_refused_and_the_folder_left_as_found(tmp_path: Path,
                                                                readonly: bool) -> None:
    half = _damaged(tmp_path)
    before = half.read_bytes()
    with pytest.raises(StoreError, match=r"half\.db is damaged"):
        Store.open(half, readonly=readonly)
    assert half.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["half.db"]


def test_a_file_that_needs_upgrading_is_not_upgraded_read_only(filled: Store,
                                                               monkeypatch) -> None:
    from db import schema

    path = filled.path
    filled.close()
    before = path.read_bytes()
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, lambda conn: None])
    with pytest.raises(ReadOnlyError, match="needs upgrading, which a read-only file cannot"):
        Store.open(path, readonly=True)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_lock_met_while_connecting_is_named(filled: Store, monkeypatch) -> None:
    """SQLite's own error, had it come from connecting, is told as the user can act on it."""
    import db.store
    from db.errors import LockedError

    path = filled.path
    filled.close()

    def locked(*_: object) -> sqlite3.Connection:
        Path(f"{path}-shm").write_bytes(b"")  # as SQLite leaves it when it gives up
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(db.store, "connect", locked)
    with pytest.raises(LockedError, match="is in use by another program"):
        Store.open(path)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_an_opened_store_knows_its_file(filled: Store) -> None:
    filled.close()
    with Store.open(str(filled.path)) as store:
        assert store.path == filled.path and not store.readonly
        with pytest.raises(StoreError, match="this is the open file"):
            store.save_copy(filled.path)


# -- Save a Copy -----------------------------------------------------------------------

def test_save_copy_onto_the_open_file_is_refused(filled: Store, tmp_path: Path) -> None:
    path = filled.path
    for target in (path, tmp_path / "." / path.name, str(path)):
        with pytest.raises(StoreError, match="this is the open file"):
            filled.save_copy(target)
    assert _titles(path) == ["Article one"]
    assert filled.counts()["events"] == 2
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_save_copy_writes_a_whole_file_and_replaces_an_old_one(filled: Store,
                                                               tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_text("an older file")
    filled.add_source(Source(title="Latest"))
    filled.save_copy(target)
    assert _titles(target) == ["Article one", "Latest"]
    assert not (tmp_path / ".copy.db.partial").exists()
    with Store.open(target, readonly=True) as copy:
        assert copy.counts() == filled.counts()


def test_save_copy_to_an_unwritable_place_says_so(filled: Store, tmp_path: Path) -> None:
    target = tmp_path / "missing folder" / "copy.db"
    with pytest.raises(StoreError, match=r"cannot write .*copy\.db"):
        filled.save_copy(target)
    assert not target.exists()


# -- reading ---------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "last", "found"), [
    ((2022, 12, 31), (2023, 1, 5), True),   # the window starts on the event's last day
    ((2022, 12, 10), (2022, 12, 21), True),  # the window ends on its first day
    ((2023, 1, 1), (2023, 1, 5), False),     # the day after
    ((2022, 12, 10), (2022, 12, 20), False),  # the day before
])
def test_events_between_includes_both_boundary_days(store: Store, first: tuple, last: tuple,
                                                    found: bool) -> None:
    store.add_event(Event(title="Late December", date="late December 2022"))  # 21–31 Dec
    events = store.events_between(jdn_from_ymd(*first), jdn_from_ymd(*last))
    assert [e.title for e in events] == (["Late December"] if found else [])


def test_events_between_orders_by_date_and_can_leave_links_out(filled: Store) -> None:
    filled.add_event(Event(title="Same start, ends later", date="December 2022",
                           tags=["t"]))
    filled.add_event(Event(title="Same start, ends sooner", date="1 December 2022"))
    window = jdn_from_ymd(2022, 12, 1), jdn_from_ymd(2022, 12, 31)
    events = filled.events_between(*window)
    assert [e.title for e in events] == ["Same start, ends sooner", "Same start, ends later",
                                         "Delegation visits Taipei"]
    assert events[1].tags == ["t"] and events[2].participants
    bare = filled.events_between(*window, with_links=False)
    assert [e.title for e in bare] == [e.title for e in events]
    assert all(e.tags == [] and e.participants == [] for e in bare)


def test_each_kind_of_record_reads_back_by_id(filled: Store) -> None:
    source = filled.sources()[0]
    assert filled.source(source.id).title == "Article one"
    rel = filled.relationships()[0]
    assert filled.relationship(rel.id).kind == "member of"
    citation = filled.citations()[0]
    assert filled.citation(citation.id).locator == "Parliamentary Diplomacy, para. 1"
    for reader, kind in [(filled.source, "source"), (filled.relationship, "relationship"),
                         (filled.citation, "citation"), (filled.entity, "entity")]:
        with pytest.raises(NotFoundError, match=f"no {kind} with id 999"):
            reader(999)


def test_exists_and_counts(filled: Store) -> None:
    assert filled.counts() == {"events": 2, "entities": 3, "relationships": 2, "sources": 1,
                               "citations": 3}
    event_id = filled.events()[0].id
    assert filled.exists("event", event_id) and not filled.exists("event", 999)
    assert filled.exists("source", filled.sources()[0].id)


def test_events_and_citations_of_a_source(filled: Store) -> None:
    source = filled.sources()[0].id
    other = filled.add_source(Source(title="Other"))
    later = filled.add_event(Event(title="Later", date="2030"))
    filled.add_citation(Citation(other, "event", later, "p. 1"))
    filled.add_citation(Citation(source, "event", later, "p. 2"))
    assert [e.title for e in filled.events_citing_source(source)] == [
        "Delegation visits Taipei", "Later"]
    assert [e.title for e in filled.events_citing_source(other)] == ["Later"]
    assert [c.locator for c in filled.citations_of_source(source)] == [
        "Parliamentary Diplomacy, para. 1", "para. 2", "para. 3", "p. 2"]
    assert [c.locator for c in filled.citations_of_source(other)] == ["p. 1"]


def test_lists_by_kind_and_relationships_by_start_date(filled: Store) -> None:
    assert [e.name for e in filled.entities("place")] == ["Taipei"]
    assert [e.name for e in filled.entities()] == ["Kim Dong-myung", "Alishan Society",
                                                   "Taipei"]
    assoc = filled.find_entities("alishan society")[0].id
    kim = filled.find_entities("KIM D.")[0].id
    filled.add_relationship(Relationship(kim, assoc, "advises", date="1970"))
    assert [r.kind for r in filled.relationships_of(assoc)] == ["advises", "member of",
                                                                "based in"]
    with pytest.raises(ValueError, match="unknown citation target"):
        filled.citations_for("source", 1)


def test_events_with_many_ids_still_get_their_links(store: Store) -> None:
    person = store.add_entity(Entity(kind="person", name="P"))
    for n in range(905):
        store.add_event(Event(title=f"E{n}", date=str(1000 + n), tags=["t"],
                              participants=[Participant(person, "r")]))
    events = store.events()
    assert len(events) == 905
    assert all(e.tags == ["t"] and e.participants == [Participant(person, "r")]
               for e in events)


# -- writing ---------------------------------------------------------------------------

def test_updates_of_each_kind_are_in_the_file(filled: Store) -> None:
    source = filled.sources()[0]
    filled.update_source(Source(title="Renamed", kind="book", id=source.id))
    kim = filled.find_entities("Kim D.")[0]
    filled.update_entity(Entity(kind="person", name="Kim D.-m.", id=kim.id))
    rel = filled.relationships()[0]
    filled.update_relationship(Relationship(rel.to_id, rel.from_id, "led", id=rel.id))
    citation = filled.citations()[0]
    filled.update_citation(Citation(source.id, "entity", kim.id, "p. 7", id=citation.id))
    assert (filled.source(source.id).title, filled.source(source.id).kind) == ("Renamed", "book")
    assert filled.entity(kim.id).name == "Kim D.-m."
    assert (filled.relationship(rel.id).kind, filled.relationship(rel.id).from_id) == (
        "led", rel.to_id)
    assert (filled.citation(citation.id).target_type, filled.citation(citation.id).locator) == (
        "entity", "p. 7")
    with pytest.raises(ValidationError, match="without its id"):
        filled.update_source(Source(title="no id"))
    with pytest.raises(NotFoundError, match="no record 999 in sources"):
        filled.update_source(Source(title="gone", id=999))


def test_updates_check_what_they_refer_to(filled: Store) -> None:
    rel = filled.relationships()[0]
    with pytest.raises(ValidationError, match="refers to entity 999"):
        filled.update_relationship(Relationship(rel.from_id, 999, "x", id=rel.id))
    citation = filled.citations()[0]
    with pytest.raises(ValidationError, match="refers to source 999"):
        filled.update_citation(Citation(999, "event", citation.target_id, id=citation.id))
    assert filled.relationship(rel.id) == rel and filled.citation(citation.id) == citation


def test_deletes_of_relationships_and_citations(filled: Store) -> None:
    rel = filled.relationships()[0]
    filled.delete_relationship(rel.id)
    assert not filled.exists("relationship", rel.id)
    assert filled.counts()["citations"] == 2  # its citation went with it
    citation = filled.citations()[0]
    filled.delete_citation(citation.id)
    assert filled.counts()["citations"] == 1
    with pytest.raises(NotFoundError, match=f"^no record {citation.id} in citations$"):
        filled.delete_citation(citation.id)


def test_positions_are_saved_and_updated(filled: Store) -> None:
    kim = filled.find_entities("Kim D.")[0].id
    taipei = filled.find_entities("Taipei")[0].id
    filled.set_positions({kim: (1, 2.5, True), taipei: (-3.0, 4.0, False)})
    filled.set_positions({kim: (5.0, 6.0, False)})
    assert filled.positions() == {kim: (5.0, 6.0, False), taipei: (-3.0, 4.0, False)}


def test_tags_are_trimmed_and_shared(filled: Store) -> None:
    a = filled.add_event(Event(title="A", date="2001", tags=[" visits ", "", "new", "new"]))
    assert filled.event(a).tags == ["new", "visits"]
    assert filled.conn.execute("SELECT count(*) FROM tags").fetchone()[0] == 3


def test_merge_refuses_one_entity_or_a_missing_one(filled: Store) -> None:
    kim = filled.find_entities("Kim D.")[0].id
    before = filled.counts()
    with pytest.raises(ValidationError, match=r"^choose two different entities to merge$"):
        filled.merge_entities(kim, kim)
    with pytest.raises(NotFoundError, match="no entity with id 999"):
        filled.merge_entities(kim, 999)
    with pytest.raises(NotFoundError, match="no entity with id 998"):
        filled.merge_entities(998, kim)
    assert filled.counts() == before


def test_merge_keeps_the_first_names_and_fills_gaps_from_the_second(store: Store) -> None:
    keep = store.add_entity(Entity(kind="person", name="Lee", notes="first"))
    drop = store.add_entity(Entity(kind="person", name="LEE", native_name="李",
                                   aliases=["Li", "lee", " "], description="from drop",
                                   date="1950", end_date="2010", notes=""))
    event = store.add_event(Event(title="E", date="2000", participants=[
        Participant(keep, "host"), Participant(drop, "host"), Participant(drop, "guest")]))
    store.merge_entities(keep, drop)
    merged = store.entity(keep)
    assert (merged.name, merged.native_name, merged.aliases) == ("Lee", "李", ["Li"])
    assert (merged.description, merged.date, merged.end_date) == ("from drop", "1950", "2010")
    assert merged.notes == "first\nMerged with ‘LEE’."
    assert sorted(p.role for p in store.event(event).participants) == ["guest", "host"]


def test_merge_keeps_both_native_names(store: Store) -> None:
    keep = store.add_entity(Entity(kind="person", name="Kim", native_name="金", date="1960",
                                   description="kept"))
    drop = store.add_entity(Entity(kind="person", name="Gim", native_name="김",
                                   date="1961", end_date="2000"))
    store.merge_entities(keep, drop)
    merged = store.entity(keep)
    assert (merged.native_name, merged.aliases) == ("金", ["Gim", "김"])
    assert (merged.description, merged.date, merged.end_date) == ("kept", "1960", "")


def test_dependents_of_events_relationships_and_sources(filled: Store) -> None:
    visit = filled.events_of_entity(filled.find_entities("Kim D.")[0].id)[0].id
    assert filled.dependents("event", visit) == {"participants": 2, "citations": 1,
                                                "other claims": 0}
    rel = filled.relationships()[0].id
    assert filled.dependents("relationship", rel) == {"citations": 1, "other claims": 0}
    other = filled.add_source(Source(title="Other"))
    filled.add_citation(Citation(other, "event", visit))
    source = filled.sources()[0].id
    assert filled.dependents("source", source) == {"citations": 3,
                                                   "records left without any source": 2}


# -- transactions ----------------------------------------------------------------------

def test_a_nested_failure_rolls_back_only_its_part(filled: Store) -> None:
    with filled.transaction():
        filled.add_source(Source(title="Outer"))
        with pytest.raises(ValidationError):
            filled.add_event(Event(title="bad", date="32 May 2023"))
        with pytest.raises(ValidationError), filled.transaction():
            filled.add_source(Source(title="Inner, undone"))
            filled.add_citation(Citation(1, "event", 999))
    assert [s.title for s in filled.sources()] == ["Article one", "Outer"]


def test_an_error_inside_a_transaction_writes_nothing(filled: Store) -> None:
    with pytest.raises(RuntimeError), filled.transaction():
        filled.add_source(Source(title="Lost"))
        raise RuntimeError("stop")
    assert not filled.conn.in_transaction
    assert _titles(filled.path) == ["Article one"]


def test_a_read_only_store_writes_nothing_and_says_why(filled: Store) -> None:
    filled.close()
    with Store.open(filled.path, readonly=True) as store:
        assert store.readonly
        with pytest.raises(ReadOnlyError, match="open read-only"):
            store.set_positions({1: (0.0, 0.0, False)})
        assert store.positions() == {}
