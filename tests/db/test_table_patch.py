"""Patching the timeline's columns after an edit: the same table a full read gives."""

from __future__ import annotations

import numpy as np
import pytest

from db.store import Store
from db.tables import EventTable, read_event_table
from models.records import Event
from tests.db.test_tables import fill


def same(a: EventTable, b: EventTable) -> None:
    assert a.category_names == b.category_names
    for name in ("ids", "earliest", "latest", "core_start", "core_end", "categories"):
        assert getattr(a, name).tolist() == getattr(b, name).tolist(), name


def patch(store: Store, before: EventTable, ids: list[int]) -> EventTable:
    return before.patched(ids, store.event_rows(ids))


def edit(store: Store, event_id: int, **values: str) -> None:
    event = store.event(event_id)
    for name, value in values.items():
        setattr(event, name, value)
    store.update_event(event)


def test_a_date_moved_is_spliced_where_a_read_puts_it(store: Store) -> None:
    ids = fill(store)
    before = read_event_table(store.conn)
    edit(store, ids[0], date="1 January 1970")
    same(patch(store, before, [ids[0]]), read_event_table(store.conn))


@pytest.mark.parametrize("category", ["brand new", "military", ""])
def test_a_category_changed_recodes_every_row(store: Store, category: str) -> None:
    ids = fill(store)
    before = read_event_table(store.conn)
    edit(store, ids[4], category=category)  # the only "ancient, with a comma": it goes
    same(patch(store, before, [ids[4]]), read_event_table(store.conn))


def test_added_and_deleted_events_come_and_go(store: Store) -> None:
    ids = fill(store)
    before = read_event_table(store.conn)
    store.delete_event(ids[2])
    new = store.add_event(Event("Added", "12 May 1995", category="diplomatic"))
    same(patch(store, before, [ids[2], new]), read_event_table(store.conn))


def test_titles_alone_leave_the_table_as_it_holds(store: Store) -> None:
    ids = fill(store)
    before = read_event_table(store.conn)
    edit(store, ids[1], title="Renamed")
    assert before.holds_as(store.event_rows([ids[1]]), [ids[1]])
    edit(store, ids[1], date="13 May 1995")
    assert not before.holds_as(store.event_rows([ids[1]]), [ids[1]])
    store.delete_event(ids[1])
    assert not before.holds_as(store.event_rows([ids[1]]), [ids[1]])


def test_an_empty_table_takes_a_first_event(store: Store) -> None:
    before = read_event_table(store.conn)
    new = store.add_event(Event("First", "1990"))
    after = patch(store, before, [new])
    same(after, read_event_table(store.conn))
    assert after.ids.dtype == np.int64
