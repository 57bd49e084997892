"""The named operations: each writes one journaled transaction and says what it changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import ops
from db.errors import ValidationError
from db.jsonio import dumps, export_data
from db.store import Store
from models.drafts import propose_drafts
from models.edits import (
    ChosenEvent,
    ChosenName,
    CitationDraft,
    EntityEdit,
    EventEdit,
    RelationshipEdit,
    SourceSave,
)
from models.kinds import RecordKind
from models.records import Entity, Event, Participant, Relationship


def _undo(store: Store, statements) -> None:
    store.replay(list(statements))


def test_update_event_names_itself_and_says_what_it_updated(filled: Store) -> None:
    before = dumps(export_data(filled))
    event = filled.events()[0]
    event.title = "Delegation visits Taipei again"
    changes = ops.update_event(filled, EventEdit(event))
    assert changes.action == "Edit event ‘Delegation visits Taipei again’"
    assert changes.record_id == event.id
    assert changes.updated == {RecordKind.EVENT: {event.id}}
    assert changes.added == {} and changes.deleted == {}
    assert changes.events == {event.id} and not changes.citations  # citations left alone
    assert filled.event(event.id).title == "Delegation visits Taipei again"
    _undo(filled, changes.undo)
    assert dumps(export_data(filled)) == before


def test_an_event_with_a_new_participant_and_a_citation_is_one_write(filled: Store) -> None:
    before = dumps(export_data(filled))
    source = filled.sources()[0].id
    kim = filled.find_entities("Kim D.")[0].id
    edit = EventEdit(
        Event(title="Forum", date="2019", participants=[Participant(kim, "speaker"),
                                                        Participant(-1, "host")]),
        citations=(CitationDraft(source, "p. 4", "spoke at the forum", 3),),
        new_entities={-1: EntityEdit(Entity(kind="organization", name="Forum Society"),
                                     (CitationDraft(source, "p. 5"),))})
    changes = ops.add_event(filled, edit)
    event = filled.event(changes.record_id)
    society = filled.find_entities("Forum Society")[0].id
    assert {p.entity_id for p in event.participants} == {kim, society}
    assert changes.added[RecordKind.EVENT] == {event.id}
    assert changes.added[RecordKind.ENTITY] == {society}
    assert len(changes.added[RecordKind.CITATION]) == 2
    assert edit.event.participants[1].entity_id == -1  # the caller's value is unchanged
    _undo(filled, changes.undo)
    assert dumps(export_data(filled)) == before


def test_a_refused_operation_writes_nothing(filled: Store) -> None:
    before = dumps(export_data(filled))
    kim = filled.find_entities("Kim D.")[0].id
    with pytest.raises(ValidationError):
        ops.add_relationship(filled, RelationshipEdit(Relationship(kim, 9999, "knows")))
    assert dumps(export_data(filled)) == before


def test_delete_reports_what_the_cascade_took(filled: Store) -> None:
    kim = filled.find_entities("Kim D.")[0].id
    relationships = {r.id for r in filled.relationships_of(kim)}
    changes = ops.delete_record(filled, "entity", kim)
    assert changes.action == "Delete person ‘Kim Dong-myung’"
    assert changes.deleted[RecordKind.ENTITY] == {kim}
    assert changes.deleted[RecordKind.RELATIONSHIP] == relationships
    assert RecordKind.EVENT in changes.updated  # it lost a participant


def test_citations_are_written_with_the_fewest_changes(filled: Store) -> None:
    kim = filled.find_entities("Kim D.")[0]
    kept = filled.citations_for("entity", kim.id)[0]
    same = CitationDraft(kept.source_id, kept.locator, kept.excerpt, kept.confidence, kept.id)
    unchanged = ops.update_entity(filled, EntityEdit(kim, (same,)))
    assert RecordKind.CITATION not in unchanged.updated
    emptied = ops.update_entity(filled, EntityEdit(kim, ()))
    assert emptied.deleted[RecordKind.CITATION] == {kept.id}


def test_merge_keeps_one_and_deletes_the_other(filled: Store) -> None:
    keep = filled.find_entities("Taipei")[0].id
    drop = ops.add_entity(filled, EntityEdit(Entity(kind="place", name="Taibei"))).record_id
    changes = ops.merge_entities(filled, keep, drop)
    assert changes.action == "Merge ‘Taibei’ into ‘Taipei’"
    assert changes.record_id == keep and changes.deleted[RecordKind.ENTITY] == {drop}
    assert "Taibei" in filled.entity(keep).aliases


def test_save_source_writes_the_accepted_drafts_together(filled: Store) -> None:
    before = dumps(export_data(filled))
    kim = filled.find_entities("Kim D.")[0].id
    text = "On 3 May 2023 Kim Dong-myung met the Lee Foundation in Seoul."
    drafts = propose_drafts(text, [(kim, filled.entity(kim).all_names())])
    chosen = ChosenEvent(0, "Kim meets the foundation", "3 May 2023", "diplomatic",
                         drafts.events[0])
    name = next(n for n in drafts.new_names if "Foundation" in n.name)
    new = ChosenName(0, name.name, "organization", "", [], name)
    from models.records import Source

    changes = ops.save_source(filled, SourceSave(Source(title="Report", content=text),
                                                 (chosen,), tuple(drafts.known_matches),
                                                 (new,)))
    assert changes.action == "Add source ‘Report’ with 1 event"
    event = next(e for e in filled.events() if e.title == "Kim meets the foundation")
    foundation = filled.find_entities(name.name)[0].id
    assert {p.entity_id for p in event.participants} == {kim, foundation}
    assert len(filled.citations_of_source(changes.record_id)) == 3
    _undo(filled, changes.undo)
    assert dumps(export_data(filled)) == before


def test_imports_count_and_the_command_line_skips_the_journal(store: Store,
                                                              tmp_path: Path) -> None:
    data = {"events": [{"id": "e", "title": "Imported", "date": "1999"}]}
    undoable = ops.import_json(store, data, "a.json")
    assert undoable.action == "Import a.json" and undoable.counts["events"] == 1
    assert len(undoable.added[RecordKind.EVENT]) == 1 and undoable.undo
    plain = ops.import_json(store, data, "b.json", undoable=False)
    assert plain.everything and not plain.undo and plain.counts["events"] == 1
    csv = ops.import_csv(store, "title,date\nFrom CSV,2001\n", action="Import c.csv")
    assert csv.counts["events"] == 1 and len(csv.added[RecordKind.EVENT]) == 1
    assert len(store.events()) == 3


def test_operations_inside_one_write_are_recorded_by_it(filled: Store) -> None:
    """A compound write made of operations is still one journal, undone whole."""
    before = dumps(export_data(filled))

    def both() -> None:
        ops.add_entity(filled, EntityEdit(Entity(kind="person", name="One")))
        ops.add_entity(filled, EntityEdit(Entity(kind="person", name="Two")))

    changes = ops.run(filled, "Two people", both)
    assert len(changes.added[RecordKind.ENTITY]) == 2
    _undo(filled, changes.undo)
    assert dumps(export_data(filled)) == before


def test_set_positions_is_an_operation(filled: Store) -> None:
    taipei = filled.find_entities("Taipei")[0].id
    changes = ops.set_positions(filled, {taipei: (1.0, 2.0, True)})
    assert filled.positions()[taipei] == (1.0, 2.0, True)
    assert changes.updated == {RecordKind.ENTITY: {taipei}}
    _undo(filled, changes.undo)
    assert taipei not in filled.positions()


def test_record_kinds_are_the_strings_stored_and_compared() -> None:
    assert RecordKind.EVENT == "event" and {"event": 1}[RecordKind.EVENT] == 1
    assert RecordKind("relationship").table == "relationships"
    assert RecordKind.of_table("citations") is RecordKind.CITATION
    with pytest.raises(ValueError):
        RecordKind.of_table("tags")
