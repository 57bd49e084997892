"""Pinned behaviour of the named operations (``db.ops``): the rows each writes, the
Changes it returns (label, record, what was added, updated and deleted) and its exact
undo — each checked on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import ops
from db.errors import NotFoundError
from db.jsonio import dumps, export_data
from db.store import Store
from models.changes import Changes
from models.edits import (
    ChosenEvent,
    ChosenName,
    CitationDraft,
    EntityEdit,
    EventEdit,
    RelationshipEdit,
    SourceSave,
)
from models.intake.records import EventDraft, Match, NameDraft
from models.intake.relations import RelationshipDraft
from models.intake.text import Place
from models.kinds import RecordKind
from models.records import Citation, Entity, Event, Participant, Relationship, Source


def _snapshot(store: Store) -> str:
    return dumps(export_data(store))


def _undo_is_exact(store: Store, changes: Changes, before: str) -> None:
    """Undo gives back the file as it was; the redo it records gives back the write."""
    after = _snapshot(store)
    redo = store.replay(list(changes.undo))
    assert _snapshot(store) == before
    store.replay(list(redo.statements))
    assert _snapshot(store) == after


def _ids(store: Store, name: str) -> int:
    return store.find_entities(name)[0].id


# -- citations ------------------------------------------------------------------------------

def test_citations_are_kept_updated_added_and_deleted_as_listed(filled: Store) -> None:
    kim = filled.entity(_ids(filled, "Kim Dong-myung"))
    source = filled.sources()[0].id
    other = filled.add_source(Source(title="Second"))
    kept = filled.citations_for("entity", kim.id)[0]
    ops.add_citation(filled, Citation(other, "entity", kim.id, "p. 9", "gone soon"))
    gone = next(c for c in filled.citations_for("entity", kim.id) if c.id != kept.id)
    # a later citation, so the new one does not take the deleted one's id (SQLite gives
    # the next after the highest), which the journal would report as one record updated
    filled.add_citation(Citation(other, "event", filled.events()[0].id, "p. 11"))
    before = _snapshot(filled)
    wanted = (CitationDraft(source, "para. 2, revised", kept.excerpt, 3, kept.id),
              CitationDraft(other, "p. 10", "new words", 1))
    changes = ops.update_entity(filled, EntityEdit(kim, wanted))

    now = {c.locator: c for c in filled.citations_for("entity", kim.id)}
    assert set(now) == {"para. 2, revised", "p. 10"}
    revised, added = now["para. 2, revised"], now["p. 10"]
    assert (revised.id, revised.source_id, revised.confidence) == (kept.id, source, 3)
    assert (revised.target_type, revised.target_id) == ("entity", kim.id)
    assert (added.source_id, added.excerpt, added.confidence) == (other, "new words", 1)
    assert (added.target_type, added.target_id) == ("entity", kim.id)
    assert changes.updated[RecordKind.CITATION] == {kept.id}
    assert changes.added[RecordKind.CITATION] == {added.id}
    assert changes.deleted[RecordKind.CITATION] == {gone.id}
    assert changes.action == "Edit person ‘Kim Dong-myung’"
    assert changes.record_id == kim.id
    _undo_is_exact(filled, changes, before)


def test_a_draft_with_an_id_of_another_record_is_added_as_new(filled: Store) -> None:
    """A citation id the record does not have is not taken over from its owner."""
    taipei = _ids(filled, "Taipei")
    foreign = filled.citations_for("event", filled.events()[0].id)[0]
    changes = ops.update_entity(filled, EntityEdit(
        filled.entity(taipei), (CitationDraft(foreign.source_id, "p. 1", id=foreign.id),)))
    assert filled.citation(foreign.id) == foreign
    (cited,) = filled.citations_for("entity", taipei)
    assert cited.id != foreign.id and cited.locator == "p. 1"
    assert changes.added[RecordKind.CITATION] == {cited.id}
    assert RecordKind.CITATION not in changes.updated


def test_none_leaves_the_citations_and_unchanged_ones_are_not_rewritten(filled: Store) -> None:
    kim = filled.entity(_ids(filled, "Kim Dong-myung"))
    (kept,) = filled.citations_for("entity", kim.id)
    kim.description = "Retired general, later a lobbyist"
    untouched = ops.update_entity(filled, EntityEdit(kim, None))
    assert filled.citations_for("entity", kim.id) == [kept]
    assert untouched.citations == frozenset() and untouched.updated == {
        RecordKind.ENTITY: {kim.id}}
    same = CitationDraft(kept.source_id, kept.locator, kept.excerpt, kept.confidence, kept.id)
    with filled.journaled() as recorded:
        ops.write_citations(filled, "entity", kim.id, [same])
    assert not recorded


def test_one_citation_operations_name_their_record(filled: Store) -> None:
    event = filled.events()[0].id
    source = filled.sources()[0].id
    before = _snapshot(filled)
    added = ops.add_citation(filled, Citation(source, "event", event, "p. 7", "seen"))
    assert added.action == "Add citation"
    assert added.added == {RecordKind.CITATION: {added.record_id}}
    assert filled.citation(added.record_id).locator == "p. 7"
    _undo_is_exact(filled, added, before)

    citation = filled.citations_for("event", event)[0]
    before = _snapshot(filled)
    edited = ops.update_citation(filled, Citation(
        citation.source_id, "event", event, "p. 8", citation.excerpt, 1, id=citation.id))
    assert edited.action == "Edit citation" and edited.record_id == citation.id
    assert edited.updated == {RecordKind.CITATION: {citation.id}}
    assert filled.citation(citation.id).locator == "p. 8"
    _undo_is_exact(filled, edited, before)

    before = _snapshot(filled)
    deleted = ops.delete_citation(filled, citation.id)
    assert deleted.action == "Delete citation" and deleted.record_id == citation.id
    assert deleted.deleted == {RecordKind.CITATION: {citation.id}}
    assert all(c.id != citation.id for c in filled.citations())
    _undo_is_exact(filled, deleted, before)


# -- entities, events, relationships, sources ---------------------------------------------------

def test_adding_an_entity_writes_it_with_its_citations(filled: Store) -> None:
    source = filled.sources()[0].id
    before = _snapshot(filled)
    changes = ops.add_entity(filled, EntityEdit(
        Entity(kind="organization", name="  Lee   Foundation "),
        (CitationDraft(source, "p. 3", "the foundation", 2),)))
    assert changes.action == "Add organization ‘Lee Foundation’"
    entity = filled.entity(changes.record_id)
    assert entity.kind == "organization"
    (citation,) = filled.citations_for("entity", entity.id)
    assert (citation.source_id, citation.locator, citation.excerpt, citation.confidence) == (
        source, "p. 3", "the foundation", 2)
    assert changes.added == {RecordKind.ENTITY: {entity.id},
                             RecordKind.CITATION: {citation.id}}
    _undo_is_exact(filled, changes, before)


def test_merging_names_both_and_undoes_whole(filled: Store) -> None:
    keep = _ids(filled, "Kim Dong-myung")
    drop = filled.add_entity(Entity(kind="person", name="Kim Dongmyung"))
    filled.add_citation(Citation(filled.sources()[0].id, "entity", drop, "p. 4"))
    before = _snapshot(filled)
    changes = ops.merge_entities(filled, keep, drop)
    assert changes.action == "Merge ‘Kim Dongmyung’ into ‘Kim Dong-myung’"
    assert changes.record_id == keep
    assert changes.deleted[RecordKind.ENTITY] == {drop}
    assert {c.locator for c in filled.citations_for("entity", keep)} == {"para. 2", "p. 4"}
    _undo_is_exact(filled, changes, before)


def test_editing_an_event_keeps_its_new_participants_and_citations(filled: Store) -> None:
    event = filled.events()[0]
    source = filled.sources()[0].id
    before = _snapshot(filled)
    event.title = "Delegation visits Taipei"
    new_person = EntityEdit(Entity(kind="person", name="Park Ji-won"),
                            (CitationDraft(source, "p. 6"),))
    event.participants.append(Participant(-7, "interpreter"))
    changes = ops.update_event(filled, EventEdit(
        event, (CitationDraft(source, "p. 2", "new citation"),), {-7: new_person}))
    park = _ids(filled, "Park Ji-won")
    assert changes.action == "Edit event ‘Delegation visits Taipei’"
    assert changes.record_id == event.id
    roles = {p.entity_id: p.role for p in filled.event(event.id).participants}
    assert roles[park] == "interpreter" and len(roles) == 3
    assert [c.locator for c in filled.citations_for("event", event.id)] == ["p. 2"]
    assert [c.locator for c in filled.citations_for("entity", park)] == ["p. 6"]
    assert changes.added[RecordKind.ENTITY] == {park}
    assert RecordKind.EVENT in changes.updated
    _undo_is_exact(filled, changes, before)


def test_adding_an_event_is_labelled_add(filled: Store) -> None:
    before = _snapshot(filled)
    changes = ops.add_event(filled, EventEdit(Event(title="Forum", date="2019")))
    assert changes.action == "Add event ‘Forum’"
    assert filled.event(changes.record_id).title == "Forum"
    assert changes.added == {RecordKind.EVENT: {changes.record_id}}
    _undo_is_exact(filled, changes, before)


def test_relationships_are_added_and_edited_with_citations(filled: Store) -> None:
    kim, taipei = _ids(filled, "Kim Dong-myung"), _ids(filled, "Taipei")
    source = filled.sources()[0].id
    before = _snapshot(filled)
    added = ops.add_relationship(filled, RelationshipEdit(
        Relationship(kim, taipei, "lives in", date="1990"), (CitationDraft(source, "p. 1"),)))
    assert added.action == "Add relationship ‘lives in’"
    rel = filled.relationship(added.record_id)
    assert (rel.from_id, rel.to_id, rel.kind, rel.date) == (kim, taipei, "lives in", "1990")
    (citation,) = filled.citations_for("relationship", rel.id)
    assert citation.locator == "p. 1"
    assert added.added == {RecordKind.RELATIONSHIP: {rel.id},
                           RecordKind.CITATION: {citation.id}}
    _undo_is_exact(filled, added, before)

    filled.replay(list(filled.replay(list(added.undo)).statements))  # back to added
    rel = filled.relationship(added.record_id)
    before = _snapshot(filled)
    rel.kind = "lived in"
    edited = ops.update_relationship(filled, RelationshipEdit(rel, ()))
    assert edited.action == "Edit relationship ‘lived in’" and edited.record_id == rel.id
    assert filled.relationship(rel.id).kind == "lived in"
    assert filled.citations_for("relationship", rel.id) == []
    assert edited.updated == {RecordKind.RELATIONSHIP: {rel.id}}
    assert edited.deleted == {RecordKind.CITATION: {citation.id}}
    _undo_is_exact(filled, edited, before)


def test_sources_are_added_and_edited(filled: Store) -> None:
    before = _snapshot(filled)
    added = ops.add_source(filled, Source(title="White paper", author="Ministry"))
    assert added.action == "Add source ‘White paper’"
    assert filled.source(added.record_id).author == "Ministry"
    assert added.added == {RecordKind.SOURCE: {added.record_id}}
    _undo_is_exact(filled, added, before)

    source = filled.sources()[0]
    before = _snapshot(filled)
    source.title = "Article one, revised"
    edited = ops.update_source(filled, source)
    assert edited.action == "Edit source ‘Article one, revised’"
    assert edited.record_id == source.id
    assert filled.source(source.id).title == "Article one, revised"
    assert edited.updated == {RecordKind.SOURCE: {source.id}}
    _undo_is_exact(filled, edited, before)


# -- a source with what was accepted from its text ------------------------------------------

def _draft_event(sentence: str, place: Place, entity_ids=(), new_names=()) -> EventDraft:
    from models.dates import parse_date

    return EventDraft("2020", parse_date("2020"), sentence, place, "Draft title",
                      tuple(entity_ids), tuple(new_names))


def test_saving_a_source_writes_events_entities_relationships_and_citations(
        filled: Store) -> None:
    kim = _ids(filled, "Kim Dong-myung")
    taipei = _ids(filled, "Taipei")
    words = " ".join(f"w{i}" for i in range(30))
    name = NameDraft("Lee Foundation", "organization", 2, Place(3, "Intro", 2),
                     "the Lee Foundation gave " + words)
    unticked = NameDraft("Park Institute", "organization", 1, Place(4), "Park Institute")
    draft = _draft_event("In 2020 Kim met the Lee Foundation and the Park Institute.",
                         Place(2), [kim, taipei], [name.key, unticked.key])
    chosen = ChosenEvent(0, "Kim meets the foundation", "2020", "diplomatic", draft)
    known = Match(kim, "Kim Dong-myung", 1, Place(1, "Intro"), "Kim Dong-myung said")
    new = ChosenName(0, "Lee Foundation", "organization", "李基金會", ["LF"], name)
    rels = (
        RelationshipDraft(kim, "Kim", name.key, "Lee Foundation", "member of", "2019",
                          "Kim joined the Lee Foundation in 2019.", Place(5)),
        RelationshipDraft(name.key, "Lee Foundation", kim, "Kim", "funds", "",
                          "The foundation funds Kim.", Place(6)),
        RelationshipDraft(kim, "Kim", unticked.key, "Park Institute", "works at", "",
                          "Kim works at the Park Institute.", Place(7)),
        RelationshipDraft(unticked.key, "Park Institute", kim, "Kim", "employs", "",
                          "The Park Institute employs Kim.", Place(8)),
    )
    before = _snapshot(filled)
    changes = ops.save_source(filled, SourceSave(
        Source(title="Report", content="text"), (chosen,), (known,), (new,), rels))
    assert changes.action == "Add source ‘Report’ with 1 event"
    source_id = changes.record_id
    assert filled.source(source_id).title == "Report"

    foundation = filled.entity(_ids(filled, "Lee Foundation"))
    assert (foundation.kind, foundation.native_name, foundation.aliases) == (
        "organization", "李基金會", ["LF"])
    assert filled.find_entities("Park Institute") == []
    event = next(e for e in filled.events() if e.title == "Kim meets the foundation")
    assert (event.date, event.category, event.summary) == (
        "2020", "diplomatic", draft.sentence)
    assert {p.entity_id for p in event.participants} == {kim, foundation.id}  # not Taipei

    cited = {(c.target_type, c.target_id): (c.locator, c.excerpt)
             for c in filled.citations_of_source(source_id)}
    rel_ids = {r.kind: r.id for r in filled.relationships_of(foundation.id)}
    assert set(rel_ids) == {"member of", "funds"}
    assert cited == {
        ("event", event.id): ("para. 2", draft.sentence),
        ("entity", foundation.id): ("Intro, para. 2",
                                    " ".join(name.context.split()[:25]) + "…"),
        ("entity", kim): ("Intro", "Kim Dong-myung said"),
        ("relationship", rel_ids["member of"]): ("para. 5",
                                                 "Kim joined the Lee Foundation in 2019."),
        ("relationship", rel_ids["funds"]): ("para. 6", "The foundation funds Kim."),
    }
    member = filled.relationship(rel_ids["member of"])
    assert (member.from_id, member.to_id, member.date, member.description) == (
        kim, foundation.id, "2019", "Kim joined the Lee Foundation in 2019.")
    funds = filled.relationship(rel_ids["funds"])
    assert (funds.from_id, funds.to_id) == (foundation.id, kim)
    assert changes.added[RecordKind.SOURCE] == {source_id}
    assert changes.added[RecordKind.EVENT] == {event.id}
    assert changes.added[RecordKind.ENTITY] == {foundation.id}
    assert len(changes.added[RecordKind.CITATION]) == 5
    _undo_is_exact(filled, changes, before)


def test_saving_a_source_cites_an_event_already_in_the_file(filled: Store) -> None:
    existing = filled.events()[0]
    source = filled.sources()[0]
    draft = _draft_event("The delegation came.", Place(4))
    chosen = ChosenEvent(0, "ignored", "2020", "", draft, existing_id=existing.id)
    second = ChosenEvent(1, "Another", "2021", "", _draft_event("Then more.", Place(5)))
    before = _snapshot(filled)
    changes = ops.save_source(filled, SourceSave(source, (chosen, second)))
    assert changes.action == "Edit source ‘Article one’ with 2 events"
    assert changes.record_id == source.id
    assert filled.event(existing.id) == existing
    assert [e.title for e in filled.events()].count("ignored") == 0
    locators = {c.target_id: c.locator for c in filled.citations_of_source(source.id)
                if c.target_type == "event"}
    assert locators[existing.id] == "para. 4"
    assert len(changes.added[RecordKind.EVENT]) == 1
    _undo_is_exact(filled, changes, before)


def test_an_edited_source_without_events_says_so_only_when_new(filled: Store) -> None:
    source = filled.sources()[0]
    source.title = "Article one (2nd ed.)"
    edited = ops.save_source(filled, SourceSave(source))
    assert edited.action == "Edit source ‘Article one (2nd ed.)’"
    added = ops.save_source(filled, SourceSave(Source(title="Blank")))
    assert added.action == "Add source ‘Blank’ with 0 events"


# -- deleting --------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "label"), [
    ("event", "Delete event ‘Delegation visits Taipei’"),
    ("entity", "Delete organization ‘Alishan Society’"),
    ("source", "Delete source ‘Article one’"),
    ("relationship", "Delete relationship ‘member of’"),
    ("citation", "Delete citation"),
])
def test_each_kind_is_deleted_by_its_own_operation(filled: Store, kind: str,
                                                   label: str) -> None:
    record_id = {
        "event": filled.events()[0].id,
        "entity": _ids(filled, "Alishan Society"),
        "source": filled.sources()[0].id,
        "relationship": next(r.id for r in filled.relationships() if r.kind == "member of"),
        "citation": filled.citations()[0].id,
    }[kind]
    before = _snapshot(filled)
    changes = ops.delete_record(filled, kind, record_id)
    assert changes.action == label and changes.record_id == record_id
    assert record_id in changes.deleted[RecordKind(kind)]
    with pytest.raises(NotFoundError):
        getattr(filled, kind)(record_id)
    _undo_is_exact(filled, changes, before)


def test_describe_names_a_record_for_a_question(filled: Store) -> None:
    kim = _ids(filled, "Kim Dong-myung")
    assert ops.describe(filled, "entity", kim) == "person ‘Kim Dong-myung’"
    assert ops.describe(filled, RecordKind.CITATION, 12) == "citation 12"


# -- imports and positions ---------------------------------------------------------------------

def test_an_import_lists_each_kind_it_added_and_undoes_them(filled: Store) -> None:
    before = _snapshot(filled)
    data = {"entities": [{"id": "p", "kind": "person", "name": "Imported person"}],
            "events": [{"id": "e1", "title": "One", "date": "1999"},
                       {"id": "e2", "title": "Two", "date": "2000"}]}
    changes = ops.import_json(filled, data, "x.json")
    events = {e.id for e in filled.events() if e.title in ("One", "Two")}
    person = _ids(filled, "Imported person")
    assert changes.action == "Import x.json" and changes.everything
    assert changes.added == {RecordKind.EVENT: events, RecordKind.ENTITY: {person}}
    assert changes.counts["events"] == 2 and changes.counts["entities"] == 1
    assert len(changes.undo) == 1
    _undo_is_exact(filled, changes, before)


def test_an_import_that_adds_nothing_has_no_undo(filled: Store) -> None:
    changes = ops.import_json(filled, {"events": []}, "empty.json")
    assert changes.everything and changes.undo == () and changes.added == {}
    assert changes.action == "Import empty.json"


def test_a_csv_import_is_named_and_undone_exactly(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("When,What\n2001,From CSV\n", encoding="utf-8")
    before = _snapshot(filled)
    changes = ops.import_csv(filled, path, {"date": "When", "title": "What"})
    assert changes.action == "Import CSV"
    (event,) = [e for e in filled.events() if e.title == "From CSV"]
    assert event.date == "2001" and changes.added == {RecordKind.EVENT: {event.id}}
    plain = ops.import_csv(filled, "title,date\nAgain,2002\n", undoable=False)
    assert plain.undo == () and plain.counts["events"] == 1
    filled.replay(list(changes.undo))
    assert [e.title for e in filled.events() if e.title in ("From CSV", "Again")] == ["Again"]
    assert before != _snapshot(filled)


def test_moving_entities_is_one_step(filled: Store) -> None:
    kim, taipei = _ids(filled, "Kim Dong-myung"), _ids(filled, "Taipei")
    before = _snapshot(filled)
    changes = ops.set_positions(filled, {kim: (1.5, -2.0, False), taipei: (3.0, 4.0, True)})
    assert changes.action == "Move entities in the graph"
    assert filled.positions() == {kim: (1.5, -2.0, False), taipei: (3.0, 4.0, True)}
    assert changes.updated == {RecordKind.ENTITY: {kim, taipei}}
    redo = filled.replay(list(changes.undo))
    assert filled.positions() == {} and _snapshot(filled) == before
    filled.replay(list(redo.statements))
    assert filled.positions()[taipei] == (3.0, 4.0, True)


def test_run_reports_counts_and_undo_of_its_write(filled: Store) -> None:
    changes = ops.run(filled, "Two sources", lambda: filled.add_source(Source(title="S")),
                      lambda: {"sources": 1})
    assert changes.action == "Two sources" and changes.counts == {"sources": 1}
    assert changes.record_id == max(s.id for s in filled.sources())
    assert len(changes.undo) == 1 and not changes.everything
    bare = ops.run(filled, "Nothing", lambda: None)
    assert bare.counts == {} and bare.record_id is None and bare.undo == []


def test_a_spreadsheet_import_is_named_and_undone_exactly(filled: Store,
                                                           tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "events"
    book.active.append(["Date", "Title"])
    book.active.append(["1988", "From a sheet"])
    book.save(tmp_path / "in.xlsx")
    before = _snapshot(filled)
    told: list[tuple[int, int]] = []
    changes = ops.import_sheet(filled, tmp_path / "in.xlsx",
                               progress=lambda done, total: told.append((done, total)))
    assert changes.action == "Import spreadsheet" and changes.counts["events"] == 1
    assert told and told[-1] == (1, 1)
    (event,) = [e for e in filled.events() if e.title == "From a sheet"]
    assert changes.added == {RecordKind.EVENT: {event.id}}
    _undo_is_exact(filled, changes, before)


# -- what the operations' Changes rely on from the journal ----------------------------------

def test_a_record_edited_then_deleted_in_one_write_is_reported_deleted_only(
        filled: Store) -> None:
    temp = filled.add_entity(Entity(kind="person", name="Temporary"))
    before = _snapshot(filled)

    def edit_then_delete() -> int:
        entity = filled.entity(temp)
        entity.name = "Temporary, renamed"
        filled.update_entity(entity)
        filled.delete_entity(temp)
        return temp

    changes = ops.run(filled, "Edit and delete", edit_then_delete)
    assert changes.deleted == {RecordKind.ENTITY: {temp}}
    assert changes.updated == {} and changes.added == {}
    _undo_is_exact(filled, changes, before)


def test_a_citation_replaced_by_one_taking_its_id_is_reported_updated(filled: Store) -> None:
    """SQLite gives a new row the id after the highest, so a deleted last citation's id
    comes back for the one added in the same write: one record, changed."""
    kim = filled.entity(_ids(filled, "Kim Dong-myung"))
    (kept,) = filled.citations_for("entity", kim.id)
    old_id = ops.add_citation(filled, Citation(kept.source_id, "entity", kim.id,
                                               "p. 1")).record_id
    assert old_id == max(c.id for c in filled.citations())
    before = _snapshot(filled)
    changes = ops.update_entity(filled, EntityEdit(kim, (
        CitationDraft(kept.source_id, kept.locator, kept.excerpt, kept.confidence, kept.id),
        CitationDraft(kept.source_id, "p. 2"))))
    now = {c.id: c.locator for c in filled.citations_for("entity", kim.id)}
    assert now == {kept.id: kept.locator, old_id: "p. 2"}
    assert changes.updated == {RecordKind.CITATION: {old_id}, RecordKind.ENTITY: {kim.id}}
    assert changes.added == {} and changes.deleted == {}
    _undo_is_exact(filled, changes, before)


def test_a_tables_key_columns_are_read_in_the_primary_keys_order(store: Store) -> None:
    from db.journal import columns_of

    store.conn.execute("CREATE TABLE main.t2 (a INTEGER, b TEXT, c TEXT, PRIMARY KEY (b, a))")
    assert columns_of(store.conn, "t2") == (('"b"', '"a"'), ('"c"',))
