"""An open end ("1992–present") is drawn as open: its bar reaches today as the fade the
timeline draws for "after 2018", chosen by the date as written."""

from __future__ import annotations

import numpy as np
import pytest

from db.store import Store
from models.dates import parse_date, today_jdn
from models.records import Entity, Event, Participant, Relationship
from ui.timeline.items import POINT, RELATION, SPAN, UNCERTAIN, event_items, open_side


@pytest.mark.parametrize("written, side", [
    ("1992 – present", 1), ("since 1992", 1), ("1992–present", 1), ("after 2018", 1),
    ("before 2024", -1), ("1988 – 1991", 0), ("May 2022", 0),
])
def test_open_side_reads_open_ends_from_the_text(written: str, side: int) -> None:
    assert open_side(written) == side


def test_an_open_event_reaches_today_as_an_uncertain_bar(store: Store) -> None:
    store.add_event(Event(title="No relations", date="1992", end_date="present"))
    store.add_event(Event(title="Since", date="since 2001"))
    store.add_event(Event(title="Closed", date="1988–1991"))
    store.add_event(Event(title="Day", date="1 May 2000"))
    table = store.event_table()
    assert table.open_end.tolist() == [False, True, False, True]  # by (earliest, latest)
    origin = int(table.earliest.min())
    items = event_items(table, np.arange(len(table)), 0, origin,
                        np.zeros(len(table.category_names) + 1, dtype=np.int16))
    assert items.kind.tolist() == [SPAN, UNCERTAIN, POINT, UNCERTAIN]
    opened = items.kind == UNCERTAIN
    assert (items.end[opened] >= today_jdn() - origin).all()
    assert np.isnan(items.core0[opened]).all()


def test_fit_all_stops_at_the_known_data_not_at_today(store: Store, make_panel) -> None:
    """'1992–present' reaches today as a fade, but Fit all ends near the last known date:
    the years between it and today hold nothing."""
    store.add_event(Event(title="No relations", date="1992", end_date="present"))
    store.add_event(Event(title="Talks", date="June 2000"))
    panel = make_panel(store)
    panel.fit_all()
    first, last = panel.view_range()
    assert last < parse_date("2001").latest < today_jdn()
    assert first <= parse_date("1992").earliest
    drawn = panel._current_frame()
    assert drawn.open.tolist().count(1) == 1  # the open end is still drawn open


def test_an_open_relationship_is_drawn_open_in_its_entity_lane(store: Store,
                                                               make_panel) -> None:
    """A relationship '1992–present' in a person's lane: the fade of an open date reaching
    today, not a bar with a hard end after 1992; a closed one keeps its end."""
    kim = store.add_entity(Entity(kind="person", name="Kim"))
    taiwan = store.add_entity(Entity(kind="place", name="Taiwan"))
    opened = store.add_relationship(Relationship(kim, taiwan, "posted in", date="1992",
                                                 end_date="present"))
    closed = store.add_relationship(Relationship(kim, taiwan, "visited", date="1988–1991"))
    store.add_event(Event(title="Talks", date="June 2000", participants=[Participant(kim)]))
    panel = make_panel(store)
    panel.set_lane_mode("entity", [kim])
    panel.fit_all()
    assert panel.view_range()[1] < parse_date("2001").latest
    frame, items = panel._current_frame(), panel._layout.items
    sides = {int(items.ident[i]): int(side) for i, side, kind in zip(
        frame.indices, frame.open, items.kind[frame.indices], strict=True) if kind == RELATION}
    assert sides == {opened: 1, closed: 0}
    at = {int(items.ident[i]): k for k, i in enumerate(frame.indices)
          if items.kind[i] == RELATION}
    assert frame.right[at[opened]] > frame.view.left + frame.view.width  # runs off the right
    assert frame.right[at[closed]] <= frame.left[at[opened]]


def test_the_overview_counts_an_open_date_by_its_known_start(store: Store,
                                                              make_panel) -> None:
    store.add_event(Event(title="Relations", date="since 1992"))
    store.add_event(Event(title="Talks", date="June 2000"))
    panel = make_panel(store)
    edges, heights = panel.overview.histogram.getData()
    origin = panel.origin
    counted = edges[:-1][heights > 0] + origin
    assert len(counted) == 2
    assert counted.min() < parse_date("1993").earliest  # by 1992, not half-way to today
    assert counted.max() < parse_date("2001").earliest
