"""An open end ("1992–present") is drawn as open: its bar reaches today as the fade the
timeline draws for "after 2018", chosen by the date as written."""

from __future__ import annotations

import numpy as np
import pytest

from db.store import Store
from models.dates import today_jdn
from models.records import Event
from ui.timeline.items import POINT, SPAN, UNCERTAIN, event_items, open_side


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
