"""Every write a user can make, as one named function: the seam every front end uses.

Each operation takes the Store and plain values (``models.edits``, ``models.records``),
writes in ONE transaction recorded by the undo journal (``db.journal``) and returns a
``Changes``: which records of which kind it added, updated or deleted, the action's name
(the undo label, "Edit event ‘…’"), the id of the record it was about, and the
statements that reverse it. The dialogs build the value and name the operation;
``ui.document.Document.apply`` runs it and puts it on the undo stack; the command line
and the tests call the same functions. No Qt here, and nothing here calls back into a
front end while the transaction is open (an import's ``progress``/``cancelled``
callables are the one exception, asked between batches so a window can repaint).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from db import ranges
from db.claim_ops import add_claim, delete_claim, set_preferred_claim, update_claim
from db.csvio import import_events_csv, import_events_table
from db.jsonimport import import_file
from db.jsonio import import_data
from db.oprun import Op, changes_of, run, write_citations
from db.store import Store
from models.changes import Changes
from models.drafts import short_excerpt
from models.edits import EntityEdit, EventEdit, RelationshipEdit, SourceSave
from models.kinds import RecordKind
from models.labels import plural, short
from models.records import Citation, Entity, Event, Participant, Relationship, Source

__all__ = ["Op", "add_claim", "changes_of", "delete_claim", "run", "set_preferred_claim",
           "update_claim", "write_citations"]  # and every operation defined below
ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


# -- running an operation: ``run``, ``changes_of`` (``db.oprun``) -------------------

def _verb(record_id: int | None) -> str:
    return "Add" if record_id is None else "Edit"


def _add_or_update(record: Any, add: Callable[[Any], int],
                   update: Callable[[Any], None]) -> int:
    """Add a record without an id, update one with; return its id."""
    if record.id is None:
        return add(record)
    update(record)
    return int(record.id)


# -- citations: ``write_citations`` (``db.oprun``) ----------------------------------------

def add_citation(store: Store, citation: Citation) -> Changes:
    return run(store, "Add citation", lambda: store.add_citation(citation))


def update_citation(store: Store, citation: Citation) -> Changes:
    def write() -> int:
        store.update_citation(citation)
        assert citation.id is not None
        return citation.id

    return run(store, "Edit citation", write)


def delete_citation(store: Store, citation_id: int) -> Changes:
    def write() -> int:
        store.delete_citation(citation_id)
        return citation_id

    return run(store, "Delete citation", write)


# -- entities -----------------------------------------------------------------------------

def _save_entity(store: Store, edit: EntityEdit) -> int:
    entity_id = _add_or_update(edit.entity, store.add_entity, store.update_entity)
    write_citations(store, RecordKind.ENTITY, entity_id, edit.citations)
    return entity_id


def _entity_action(edit: EntityEdit) -> str:
    return f"{_verb(edit.entity.id)} {edit.entity.kind} ‘{short(edit.entity.name)}’"


def add_entity(store: Store, edit: EntityEdit) -> Changes:
    """A new person, organization or place with its citations."""
    return run(store, _entity_action(edit), lambda: _save_entity(store, edit))


def update_entity(store: Store, edit: EntityEdit) -> Changes:
    return run(store, _entity_action(edit), lambda: _save_entity(store, edit))


def merge_entities(store: Store, keep_id: int, drop_id: int) -> Changes:
    """Fold ``drop`` into ``keep`` (see ``Store.merge_entities``)."""
    keep, drop = store.entity(keep_id), store.entity(drop_id)

    def write() -> int:
        store.merge_entities(keep_id, drop_id)
        return keep_id

    return run(store, f"Merge ‘{short(drop.name)}’ into ‘{short(keep.name)}’", write)


# -- events -------------------------------------------------------------------------------

def _save_event(store: Store, edit: EventEdit) -> int:
    created = {draft_id: _save_entity(store, new) for draft_id, new in edit.new_entities.items()}
    event = replace(edit.event, participants=[
        Participant(created.get(p.entity_id, p.entity_id), p.role)
        for p in edit.event.participants])
    event_id = _add_or_update(event, store.add_event, store.update_event)
    write_citations(store, RecordKind.EVENT, event_id, edit.citations)
    return event_id


def _event_action(edit: EventEdit) -> str:
    return f"{_verb(edit.event.id)} event ‘{short(edit.event.title)}’"


def add_event(store: Store, edit: EventEdit) -> Changes:
    """A new event with its participants (new entities among them) and citations."""
    return run(store, _event_action(edit), lambda: _save_event(store, edit))


def update_event(store: Store, edit: EventEdit) -> Changes:
    return run(store, _event_action(edit), lambda: _save_event(store, edit))


# -- relationships ------------------------------------------------------------------------

def _save_relationship(store: Store, edit: RelationshipEdit) -> int:
    rel_id = _add_or_update(edit.relationship, store.add_relationship,
                            store.update_relationship)
    write_citations(store, RecordKind.RELATIONSHIP, rel_id, edit.citations)
    return rel_id


def _relationship_action(edit: RelationshipEdit) -> str:
    return f"{_verb(edit.relationship.id)} relationship ‘{short(edit.relationship.kind)}’"


def add_relationship(store: Store, edit: RelationshipEdit) -> Changes:
    return run(store, _relationship_action(edit), lambda: _save_relationship(store, edit))


def update_relationship(store: Store, edit: RelationshipEdit) -> Changes:
    return run(store, _relationship_action(edit), lambda: _save_relationship(store, edit))


# -- sources ------------------------------------------------------------------------------

def add_source(store: Store, source: Source) -> Changes:
    return run(store, f"Add source ‘{short(source.title)}’", lambda: store.add_source(source))


def update_source(store: Store, source: Source) -> Changes:
    return run(store, f"Edit source ‘{short(source.title)}’",
               lambda: _add_or_update(source, store.add_source, store.update_source))


def save_source(store: Store, save: SourceSave) -> Changes:
    """A source (new or edited) with what the user accepted from its text: the events
    of the ticked sentences, the ticked new entities, and a citation of the source for
    each event (its paragraph and sentence) and each ticked name (first mention)."""
    source = save.source
    label = f"{_verb(source.id)} source ‘{short(source.title)}’"
    if save.events or source.id is None:
        label += f" with {plural(len(save.events), 'event')}"
    return run(store, label, lambda: _save_source(store, save))


def _save_source(store: Store, save: SourceSave) -> int:
    source_id = _add_or_update(save.source, store.add_source, store.update_source)
    new_ids = {c.draft.key: c.existing_id if c.existing_id is not None else store.add_entity(
        Entity(kind=c.kind, name=c.name, native_name=c.native_name, aliases=c.aliases))
        for c in save.new}  # a name linked to an entity of the file adds none
    known_ids = {m.entity_id for m in save.known}
    for chosen in save.events:
        draft = chosen.draft
        ids = ([i for i in draft.entity_ids if i in known_ids]
               + [new_ids[k] for k in draft.new_names if k in new_ids])
        people = [Participant(i) for i in dict.fromkeys(ids)]  # a linked name may be known
        event_id = chosen.existing_id  # an event already in the file is cited, not copied
        if event_id is None:
            event_id = store.add_event(Event(
                title=chosen.title, date=chosen.date, summary=draft.sentence,
                category=chosen.category, participants=people))
        store.add_citation(Citation(source_id, "event", event_id, draft.locator,
                                    short_excerpt(draft.sentence)))
    for c in save.new:
        if new_ids[c.draft.key] in known_ids:
            continue  # linked to a known name the save cites already
        store.add_citation(Citation(source_id, "entity", new_ids[c.draft.key],
                                    c.draft.place.locator, short_excerpt(c.draft.context)))
    for match in save.known:
        store.add_citation(Citation(source_id, "entity", match.entity_id,
                                    match.place.locator, short_excerpt(match.context)))
    ends: dict[int | str, int] = {**new_ids, **{i: i for i in known_ids}}
    for rel in save.relationships:
        if rel.from_key in ends and rel.to_key in ends:
            rel_id = store.add_relationship(Relationship(
                ends[rel.from_key], ends[rel.to_key], rel.kind, date=rel.date_text,
                description=short_excerpt(rel.sentence)))
            store.add_citation(Citation(source_id, "relationship", rel_id, rel.locator,
                                        short_excerpt(rel.sentence)))
    return source_id


# -- deleting -----------------------------------------------------------------------------

def describe(store: Store, kind: RecordKind | str, record_id: int) -> str:
    """A record's kind and name for a question or an undo label ("event ‘Summit’")."""
    kind = RecordKind(kind)
    if kind is RecordKind.EVENT:
        return f"event ‘{short(store.event(record_id).title)}’"
    if kind is RecordKind.ENTITY:
        entity = store.entity(record_id)
        return f"{entity.kind} ‘{short(entity.name)}’"
    if kind is RecordKind.SOURCE:
        return f"source ‘{short(store.source(record_id).title)}’"
    if kind is RecordKind.RELATIONSHIP:
        return f"relationship ‘{short(store.relationship(record_id).kind)}’"
    return f"citation {record_id}"


def _delete(store: Store, kind: RecordKind, record_id: int,
            remove: Callable[[int], None]) -> Changes:
    label = f"Delete {describe(store, kind, record_id)}"

    def write() -> int:
        remove(record_id)
        return record_id

    return run(store, label, write)


def delete_event(store: Store, event_id: int) -> Changes:
    """An event with its participants, tags and citations."""
    return _delete(store, RecordKind.EVENT, event_id, store.delete_event)


def delete_entity(store: Store, entity_id: int) -> Changes:
    """An entity with its participations, relationships and citations."""
    return _delete(store, RecordKind.ENTITY, entity_id, store.delete_entity)


def delete_relationship(store: Store, relationship_id: int) -> Changes:
    return _delete(store, RecordKind.RELATIONSHIP, relationship_id, store.delete_relationship)


def delete_source(store: Store, source_id: int) -> Changes:
    """A source with its citations."""
    return _delete(store, RecordKind.SOURCE, source_id, store.delete_source)


def delete_record(store: Store, kind: RecordKind | str, record_id: int) -> Changes:
    """The delete operation of ``kind``, for menus that act on whatever is selected."""
    ops: dict[RecordKind, Callable[[Store, int], Changes]] = {
        RecordKind.EVENT: delete_event, RecordKind.ENTITY: delete_entity,
        RecordKind.RELATIONSHIP: delete_relationship, RecordKind.SOURCE: delete_source,
        RecordKind.CITATION: delete_citation,
    }
    return ops[RecordKind(kind)](store, record_id)


# -- importing and the graph's positions ----------------------------------------------------

def _import(store: Store, action: str, load: Callable[[], dict[str, int]],
            undoable: bool) -> Changes:
    """An import in one transaction, whose undo is a range delete (``db.ranges``): the
    journal is not asked to log each of its rows, whose reversal would be as large as
    the import. ``undoable=False`` (the command line) records no undo at all. Its
    Changes say "everything", and list what was added."""
    counts: dict[str, int] = {}
    with store.transaction():
        before = ranges.marks(store.conn)
        counts.update(load())
        added = ranges.new_ranges(store.conn, before)
    changes = replace(Changes.all(action), counts=counts)
    if not undoable or not added:
        return changes
    return replace(changes, undo=[ranges.statement("delete", added)], added={
        kind: frozenset(range(added[kind.table][0], added[kind.table][1] + 1))
        for kind in RecordKind if kind.table in added})


def import_json(store: Store, data: dict[str, Any] | Path, name: str = "JSON",
                progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
                undoable: bool = True) -> Changes:
    """Every record of a Threadline JSON document, all or nothing (``db.jsonio``);
    ``Changes.counts`` says how many of each collection were added. ``data``: the
    document, or the path of a file, which is read as a stream (``db.jsonimport``)."""
    if isinstance(data, Path):
        path = data
        return _import(store, f"Import {name}",
                       lambda: import_file(store, path, progress, cancelled), undoable)
    return _import(store, f"Import {name}",
                   lambda: import_data(store, data, progress, cancelled), undoable)


def import_csv(store: Store, text_or_path: Any, mapping: dict[str, str] | None = None,
               action: str = "Import CSV", progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None, undoable: bool = True) -> Changes:
    """One event per CSV row, all or nothing (``db.csvio``)."""
    return _import(store, action, lambda: import_events_csv(
        store, text_or_path, mapping, progress, cancelled), undoable)


def import_sheet(store: Store, path: Path, mapping: dict[str, str] | None = None,
                 action: str = "Import spreadsheet", progress: ProgressFn | None = None,
                 cancelled: CancelledFn | None = None, undoable: bool = True) -> Changes:
    """One event per row of a workbook's events sheet (.xlsx, .ods), as ``import_csv``
    reads a CSV file (``db.sheets``): same mapping, checks and all-or-nothing. A workbook
    with a sheet per kind of record (as the .xlsx export writes) is imported whole
    (``db.workbook``), ``mapping`` applying to its events sheet."""
    from db.sheets import read_sheet
    from db.workbook import import_workbook, is_workbook

    if is_workbook(Path(path)):
        return _import(store, action, lambda: import_workbook(
            store, Path(path), mapping, progress, cancelled), undoable)
    header, records = read_sheet(Path(path))
    return _import(store, action, lambda: import_events_table(
        store, header, records, mapping, progress, cancelled, "sheet row"), undoable)


def set_positions(store: Store, positions: Mapping[int, tuple[float, float, bool]]
                  ) -> Changes:
    """Save graph positions (entity id -> x, y, pinned)."""
    return run(store, "Move entities in the graph",
               lambda: store.set_positions(dict(positions)))


def set_properties(store: Store, title: str, description: str) -> Changes:
    """The database's title and description (File › Database properties…), in one
    transaction: both are kept or neither. Not an undo step, as graph positions are not:
    the settings table is not journaled."""
    def write() -> None:
        store.set_title(title)
        store.set_description(description)
    return run(store, "Set the database's title", write)
