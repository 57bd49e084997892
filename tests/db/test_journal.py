"""Undo and redo through the journal are exact, for any sequence of writes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.errors import ValidationError
from db.jsonio import dumps, export_data
from db.store import Store
from models.records import Citation, Entity, Event, Participant, Relationship, Source


def _snapshot(store: Store) -> str:
    positions = sorted(store.positions().items())
    return dumps(export_data(store)) + repr(positions)


def test_undo_of_a_cascading_delete_restores_everything(filled: Store) -> None:
    before = _snapshot(filled)
    kim = filled.find_entities("金東明")[0].id
    with filled.journaled() as undo:
        filled.delete_entity(kim)
    after = _snapshot(filled)
    assert after != before
    assert undo.touched["entities"] == {kim}
    redo = filled.replay(undo.statements)
    assert _snapshot(filled) == before
    assert filled.search("金東明")[0].id == kim  # the search index followed
    undo_again = filled.replay(redo.statements)
    assert _snapshot(filled) == after
    filled.replay(undo_again.statements)
    assert _snapshot(filled) == before


def test_a_refused_write_records_nothing(filled: Store) -> None:
    before = _snapshot(filled)
    try:
        with filled.journaled() as undo:
            filled.add_source(Source(title="kept only if all succeed"))
            filled.add_event(Event(title="bad", date="32 May 2023"))
    except ValidationError:
        pass
    assert _snapshot(filled) == before
    assert filled.conn.execute("SELECT count(*) FROM temp.undo_log").fetchone()[0] == 0
    assert undo.statements == [] or _snapshot(filled) == before


def _edit(store: Store, action: tuple) -> None:
    """Apply one random edit; invalid ones are refused and write nothing."""
    kind, pick, text = action
    entities = [e.id for e in store.entities()]
    events = [e.id for e in store.events()]
    sources = [s.id for s in store.sources()]

    def choose(ids: list[int]) -> int | None:
        return ids[pick % len(ids)] if ids else None

    if kind == "entity":
        store.add_entity(Entity(kind="person", name=text or "x", aliases=[text]))
    elif kind == "event":
        participants = [Participant(e, "r") for e in entities[:pick % 3]]
        store.add_event(Event(title=text or "e", date=f"{1900 + pick} ", tags=[text[:3] or "t"],
                              participants=participants))
    elif kind == "rename" and (event_id := choose(events)):
        event = store.event(event_id)
        event.title, event.tags = text or "renamed", ["moved"]
        store.update_event(event)
    elif kind == "relate" and len(entities) >= 2:
        store.add_relationship(Relationship(entities[0], choose(entities[1:]), "knows",
                                            date=f"{1950 + pick}"))
    elif kind == "cite" and sources and events:
        store.add_citation(Citation(choose(sources), "event", choose(events), text))
    elif kind == "delete_entity" and (entity_id := choose(entities)):
        store.delete_entity(entity_id)
    elif kind == "delete_event" and (event_id := choose(events)):
        store.delete_event(event_id)
    elif kind == "delete_source" and (source_id := choose(sources)):
        store.delete_source(source_id)
    elif kind == "source":
        store.add_source(Source(title=text or "s"))
    elif kind == "merge" and len(entities) >= 2:
        store.merge_entities(entities[0], choose(entities[1:]))


actions = st.lists(st.tuples(
    st.sampled_from(["entity", "event", "rename", "relate", "cite", "delete_entity",
                     "delete_event", "delete_source", "source", "merge"]),
    st.integers(0, 50),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8),
), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions)
def test_undo_all_then_redo_all_is_exact(tmp_path_factory, actions: list[tuple]) -> None:
    path: Path = tmp_path_factory.mktemp("journal") / "t.db"
    with Store.create(path) as store:
        store.add_source(Source(title="seed"))
        store.add_entity(Entity(kind="organization", name="seed org"))
        start = _snapshot(store)
        journals = []
        for action in actions:
            try:
                with store.journaled() as undo:
                    _edit(store, action)
            except ValidationError:
                continue
            journals.append(undo.statements)
        end = _snapshot(store)
        redos = [store.replay(statements).statements for statements in reversed(journals)]
        assert _snapshot(store) == start
        for statements in reversed(redos):
            store.replay(statements)
        assert _snapshot(store) == end
