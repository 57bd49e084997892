"""The timeline's column reads against a real file: the same rows plain SQL gives."""

from __future__ import annotations

import sqlite3

import numpy as np

from db.store import Store
from db.tables import NO_DAY, read_event_labels, read_event_table
from models.records import Event

EVENTS = [("Known day", "12 May 1995", "", "diplomatic"),
          ("Same day, earlier id", "12 May 1995", "", ""),
          ("A span", "1980", "1987", "military"),
          ("Open-ended", "March 1990", "", "diplomatic"),
          ("Before Christ", "44 BC", "", "ancient, with a comma"),
          ("Mid-decade", "mid-2010s", "", "économie"),
          ("人民日報", "2001", "2003", "")]


def fill(store: Store) -> list[int]:
    return [store.add_event(Event(title, date, end_date=end, category=category))
            for title, date, end, category in EVENTS]


def test_columns_are_the_rows_in_day_order(store: Store) -> None:
    fill(store)
    table = read_event_table(store.conn)
    rows = store.conn.execute(
        "SELECT id, earliest, latest, core_start, core_end, category FROM events "
        "ORDER BY earliest, latest, id").fetchall()
    assert table.ids.tolist() == [r[0] for r in rows]
    assert table.earliest.tolist() == [r[1] for r in rows]
    assert table.latest.tolist() == [r[2] for r in rows]
    assert table.core_start.tolist() == [NO_DAY if r[3] is None else r[3] for r in rows]
    assert table.core_end.tolist() == [NO_DAY if r[4] is None else r[4] for r in rows]
    assert table.category_names == sorted({r[5] for r in rows})
    assert [table.category_names[c] for c in table.categories] == [r[5] for r in rows]
    assert (table.core_start != NO_DAY).sum() == 2  # the two spans


def test_an_empty_file_gives_empty_columns(store: Store) -> None:
    table = store.event_table()
    assert len(table) == 0 and table.category_names == []
    assert table.earliest.dtype == np.int64 and table.categories.dtype == np.int32


def test_labels_are_read_only_for_the_ids_asked(store: Store) -> None:
    ids = fill(store)
    labels = read_event_labels(store.conn, [ids[2], ids[6], 10_000])
    assert labels == {ids[2]: ("A span", "1980 – 1987"), ids[6]: ("人民日報", "2001 – 2003")}
    assert store.event_labels([]) == {}


def test_the_read_needs_only_a_read_only_connection(store: Store) -> None:
    fill(store)
    conn = sqlite3.connect(f"{store.path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        table = read_event_table(conn)
    finally:
        conn.close()
    assert sorted(table.ids.tolist()) == sorted(store.event_table().ids.tolist())


def test_many_categories_are_coded_from_the_category_index(store: Store, monkeypatch) -> None:
    fill(store)
    in_scan = read_event_table(store.conn)
    monkeypatch.setattr("db.tables.CASE_LIMIT", 1)
    from_index = read_event_table(store.conn)
    assert from_index.category_names == in_scan.category_names
    assert from_index.categories.tolist() == in_scan.categories.tolist()
    assert len(set(in_scan.categories.tolist())) == 5


def test_a_category_written_between_the_two_reads_is_read_again(store: Store) -> None:
    fill(store)
    from db import tables

    class Racing(sqlite3.Connection):
        """Answers the first question for category names as if one were not there yet."""

        asked = 0

        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            if sql == tables._NAMES_SQL and not Racing.asked:
                Racing.asked += 1
                return super().execute("SELECT 'diplomatic' UNION SELECT 'military'")
            return super().execute(sql, *args)

    conn = sqlite3.connect(store.path, factory=Racing)
    try:
        table = read_event_table(conn)
    finally:
        conn.close()
    expected = store.event_table()
    assert Racing.asked == 1
    assert table.category_names == expected.category_names
    assert table.categories.tolist() == expected.categories.tolist()


def test_count_between_agrees_with_sql_for_every_window(store: Store) -> None:
    fill(store)
    table = read_event_table(store.conn)
    days = sorted({*table.earliest.tolist(), *table.latest.tolist()})
    edges = [days[0] - 1, *days, days[-1] + 1]
    for first in edges:
        for last in edges:
            if first <= last:
                assert table.count_between(first, last) == \
                    store.count_events_between(first, last), (first, last)
    assert table.count_between(days[0], days[-1]) == len(EVENTS)
