"""The Store's reads and writes on a real file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.errors import LockedError, NotFoundError, ReadOnlyError, ValidationError
from db.store import Store
from models.dates import jdn_from_ymd
from models.records import Citation, Entity, Event, Participant, Relationship, Source


def test_records_read_back_as_written(filled: Store) -> None:
    kim = filled.find_entities("金東明")[0]
    assert (kim.kind, kim.name, kim.aliases) == ("person", "Kim Dong-myung", ["Kim D.", "김동명"])
    event = filled.events_of_entity(kim.id)[0]
    assert event.title == "Delegation visits Taipei"
    assert (event.earliest, event.latest) == (jdn_from_ymd(2022, 12, 21),
                                              jdn_from_ymd(2022, 12, 31))
    assert {(p.entity_id, p.role) for p in event.participants} >= {(kim.id, "delegation leader")}
    assert event.tags == ["Track 1.5", "visits"]
    citation = filled.citations_for("event", event.id)[0]
    assert (citation.locator, citation.excerpt, citation.confidence) == (
        "Parliamentary Diplomacy, para. 1", "visited Taiwan", 2)


def test_span_dates_keep_their_certain_core(filled: Store) -> None:
    programme = next(e for e in filled.events() if e.title == "Exchange programme")
    assert programme.earliest == jdn_from_ymd(1974, 1, 1)
    assert programme.latest == jdn_from_ymd(2011, 12, 31)
    assert (programme.core_start, programme.core_end) == (
        jdn_from_ymd(1974, 12, 31), jdn_from_ymd(2011, 1, 1))
    rel = filled.relationships_of(filled.find_entities("Kim D.")[0].id)[0]
    assert (rel.earliest, rel.latest) == (jdn_from_ymd(1988, 1, 1), jdn_from_ymd(1991, 12, 31))


def test_events_between_returns_overlapping_events_by_date(filled: Store) -> None:
    in_2000 = filled.events_between(jdn_from_ymd(2000, 1, 1), jdn_from_ymd(2000, 12, 31))
    assert [e.title for e in in_2000] == ["Exchange programme"]
    december = filled.events_between(jdn_from_ymd(2022, 12, 25), jdn_from_ymd(2022, 12, 25))
    assert [e.title for e in december] == ["Delegation visits Taipei"]
    assert filled.events_between(jdn_from_ymd(2030, 1, 1), jdn_from_ymd(2031, 1, 1)) == []
    everything = filled.events_between(0, jdn_from_ymd(3000, 1, 1))
    assert [e.title for e in everything] == ["Exchange programme", "Delegation visits Taipei"]


def test_neighbours_to_depth(filled: Store) -> None:
    kim, assoc, taipei = (filled.find_entities(n)[0].id
                          for n in ("Kim D.", "Alishan Society", "Taipei"))
    assert filled.neighbours(kim, 1) == {kim: 0, assoc: 1}
    assert filled.neighbours(kim, 2) == {kim: 0, assoc: 1, taipei: 2}
    assert filled.neighbours(taipei, 3) == {taipei: 0, assoc: 1, kim: 2}


def test_update_replaces_participants_and_tags(filled: Store) -> None:
    event = filled.events()[0]
    taipei = filled.find_entities("Taipei")[0].id
    event.participants = [Participant(taipei, "venue")]
    event.tags = ["new tag"]
    event.title = "Renamed"
    filled.update_event(event)
    again = filled.event(event.id)
    assert again.title == "Renamed"
    assert [(p.entity_id, p.role) for p in again.participants] == [(taipei, "venue")]
    assert again.tags == ["new tag"]


def test_writing_with_an_id_restores_a_deleted_record(filled: Store) -> None:
    event = filled.events()[0]
    filled.delete_event(event.id)
    filled.add_event(event)
    assert filled.event(event.id) == event


@pytest.mark.parametrize("bad, message", [
    (Event(title="", date="2020"), "event title is empty"),
    (Event(title="x", date=""), "date of event 'x' is empty"),
    (Event(title="x", date="2023-02-29"), "2023"),
    (Event(title="x", date="1991", end_date="1988"), "before"),
    (Entity(kind="person", name=" "), "name is empty"),
    (Entity(kind="robot", name="R2"), "entity kind"),
    (Relationship(1, 1, "knows"), "two different entities"),
    (Relationship(1, 999, "knows"), "entity 999, which does not exist"),
    (Citation(999, "event", 1), "source 999, which does not exist"),
    (Citation(1, "event", 999), "event 999, which does not exist"),
    (Citation(1, "source", 1), "citation target"),
    (Citation(1, "event", 1, confidence=7), "confidence"),
    (Source(title="s", reliability="Q"), "reliability"),
])
def test_invalid_records_are_refused_with_a_message_and_nothing_written(
    filled: Store, bad: object, message: str
) -> None:
    before = filled.counts()
    adder = {"Event": filled.add_event, "Entity": filled.add_entity,
             "Relationship": filled.add_relationship, "Citation": filled.add_citation,
             "Source": filled.add_source}[type(bad).__name__]
    with pytest.raises(ValidationError, match=message):
        adder(bad)
    assert filled.counts() == before


def test_event_with_unknown_participant_writes_nothing(filled: Store) -> None:
    before = filled.counts()
    with pytest.raises(ValidationError, match="participant"):
        filled.add_event(Event(title="x", date="2020", participants=[Participant(999)]))
    assert filled.counts() == before


def test_missing_records_raise_not_found(filled: Store) -> None:
    with pytest.raises(NotFoundError, match="no event with id 999"):
        filled.event(999)
    with pytest.raises(NotFoundError):
        filled.delete_entity(999)


@pytest.mark.parametrize("query", ['"', "*", "AND", "NEAR(", "-", "a'b", "x" * 10_000,
                                   '"unclosed', "title:foo", "%", "_", "\\", "OR NOT"])
def test_search_never_errors_on_query_syntax(filled: Store, query: str) -> None:
    assert isinstance(filled.search(query), list)


def test_search_matches_every_word_and_puts_titles_first(filled: Store) -> None:
    hits = filled.search("delegation taipei")
    assert [h.title for h in hits] == ["Delegation visits Taipei"]
    titles = [h.title for h in filled.search("Taipei")]
    assert titles[0] in ("Taipei", "Delegation visits Taipei")
    assert "Exchange programme" not in titles


def test_read_only_store_refuses_writes(filled: Store, tmp_path: Path) -> None:
    filled.close()
    path = tmp_path / "test.db"
    with Store.open(path, readonly=True) as store:
        assert store.counts()["events"] == 2
        with pytest.raises(ReadOnlyError):
            store.add_source(Source(title="new"))


def test_read_only_file_is_refused_for_writing(filled: Store, tmp_path: Path) -> None:
    filled.close()
    path = tmp_path / "test.db"
    path.chmod(0o444)
    try:
        with pytest.raises(ReadOnlyError, match="read-only"):
            Store.open(path)
    finally:
        path.chmod(0o644)


def test_locked_file_gives_a_clear_error(filled: Store, tmp_path: Path) -> None:
    other = sqlite3.connect(tmp_path / "test.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(LockedError, match="in use by another program"):
            filled.add_source(Source(title="blocked"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [s.title for s in filled.sources()] == ["Article one"]


def test_a_confirmed_write_is_on_disk_at_once(filled: Store, tmp_path: Path) -> None:
    """Another connection sees every write as soon as the Store returns: nothing pending."""
    filled.add_source(Source(title="Written now"))
    assert not filled.conn.in_transaction
    other = sqlite3.connect(tmp_path / "test.db")
    try:
        titles = [r[0] for r in other.execute("SELECT title FROM sources ORDER BY id")]
    finally:
        other.close()
    assert titles == ["Article one", "Written now"]


def test_merge_moves_everything_to_the_kept_entity(filled: Store) -> None:
    kim = filled.find_entities("Kim Dong-myung")[0]
    twin = filled.add_entity(Entity(kind="person", name="Kim Dongmyung", aliases=["KDM"],
                                    description="same man"))
    src = filled.sources()[0].id
    event = filled.add_event(Event(title="Talk", date="2020",
                                   participants=[Participant(twin, "speaker")]))
    taipei = filled.find_entities("Taipei")[0].id
    filled.add_relationship(Relationship(twin, taipei, "lives in"))
    filled.add_relationship(Relationship(twin, kim.id, "same as"))
    filled.add_citation(Citation(src, "entity", twin, "p. 9"))
    filled.merge_entities(kim.id, twin)
    merged = filled.entity(kim.id)
    assert merged.aliases == ["Kim D.", "김동명", "Kim Dongmyung", "KDM"]
    assert "Merged with ‘Kim Dongmyung’" in merged.notes
    assert [p.entity_id for p in filled.event(event).participants] == [kim.id]
    kinds = sorted(r.kind for r in filled.relationships_of(kim.id))
    assert kinds == ["lives in", "member of"]  # the self-link 'same as' is gone
    assert "p. 9" in [c.locator for c in filled.citations_for("entity", kim.id)]
    assert not filled.exists("entity", twin)
    assert filled.find_entities("KDM")[0].id == kim.id


def test_dependents_say_what_a_delete_takes(filled: Store) -> None:
    kim = filled.find_entities("Kim D.")[0].id
    assert filled.dependents("entity", kim) == {
        "event participations": 1, "relationships": 1, "citations": 1}
    source = filled.sources()[0].id
    assert filled.dependents("source", source) == {
        "citations": 3, "records left without any source": 3}
