"""Column-wise reads for the charts: numpy arrays instead of one Python object per row.

The timeline and the graph draw thousands to millions of items; they need day numbers
and ids as arrays they can sort, search and slice, not records.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import numpy as np

NO_DAY = np.iinfo(np.int64).min  # stands for NULL in day-number arrays


@dataclass
class EventTable:
    """Every event as parallel columns, sorted by (earliest, latest, id)."""

    ids: np.ndarray  # int64
    earliest: np.ndarray  # int64, JDN
    latest: np.ndarray  # int64, JDN
    core_start: np.ndarray  # int64, NO_DAY where the event is not a span
    core_end: np.ndarray  # int64, NO_DAY where the event is not a span
    categories: np.ndarray  # int32 index into ``category_names``
    category_names: list[str]
    titles: list[str]
    dates: list[str]  # as written

    def __len__(self) -> int:
        return len(self.ids)

    def row_of(self, event_id: int) -> int | None:
        """Position of an event in the columns, or None."""
        found = np.flatnonzero(self.ids == event_id)
        return int(found[0]) if len(found) else None


class StoreTables:
    """Mixin of ``Store``: the array reads."""

    conn: sqlite3.Connection

    def event_table(self) -> EventTable:
        sql = ("SELECT id, earliest, latest, core_start, core_end, category, title, "
               "CASE WHEN end_date = '' THEN date ELSE date || ' – ' || end_date END "
               "FROM events ORDER BY earliest, latest, id")
        rows = self.conn.execute(sql).fetchall()
        names = sorted({r[5] for r in rows})
        index = {name: i for i, name in enumerate(names)}
        columns = list(zip(*rows, strict=True)) if rows else [()] * 8

        def days(values: tuple) -> np.ndarray:
            return np.array([NO_DAY if v is None else v for v in values], dtype=np.int64)

        return EventTable(
            ids=np.array(columns[0], dtype=np.int64),
            earliest=np.array(columns[1], dtype=np.int64),
            latest=np.array(columns[2], dtype=np.int64),
            core_start=days(columns[3]),
            core_end=days(columns[4]),
            categories=np.array([index[c] for c in columns[5]], dtype=np.int32),
            category_names=names,
            titles=list(columns[6]),
            dates=list(columns[7]),
        )

    def count_events_between(self, first_day: int, last_day: int) -> int:
        sql = "SELECT count(*) FROM events WHERE earliest <= ? AND latest >= ?"
        return int(self.conn.execute(sql, [last_day, first_day]).fetchone()[0])

    def event_ids_of_entity(self, entity_id: int) -> list[int]:
        sql = "SELECT DISTINCT event_id FROM event_participants WHERE entity_id = ?"
        return [r[0] for r in self.conn.execute(sql, [entity_id])]

    def co_participation(self) -> list[tuple[int, int, int]]:
        """Pairs of entities (a < b) that took part in the same events, and how many."""
        sql = """
            SELECT a.entity_id, b.entity_id, count(DISTINCT a.event_id)
            FROM event_participants a
            JOIN event_participants b ON a.event_id = b.event_id AND a.entity_id < b.entity_id
            GROUP BY a.entity_id, b.entity_id
        """
        return [(a, b, n) for a, b, n in self.conn.execute(sql)]
