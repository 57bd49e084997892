"""Column-wise reads for the charts: numpy arrays instead of one Python object per row.

The timeline and the graph draw thousands to millions of items; they need day numbers
and ids as arrays they can sort, search and slice, not records. ``read_event_table`` is
a pure function of a connection (no Qt), so it can run on a worker thread.

Reading a million rows one Python tuple at a time costs seconds; instead one table scan
has SQLite join each column into a string (``group_concat``), which numpy parses in C;
the category names come from seeks in the category index and their codes from the same
scan. Titles and written dates are not
read here at all: ``read_event_labels`` fetches them for the few events that show a
label or a tooltip.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TypeVar

import numpy as np

from db.evidence import read_support_arrays

T = TypeVar("T")
NO_DAY = np.iinfo(np.int64).min  # stands for NULL in day-number arrays
LABEL_BATCH = 5000  # ids per query when fetching titles
_PRESENT_WORDS = "('present', 'the present', 'now', 'today', 'ongoing')"  # open end_date

SUPPORT_INLINE_LIMIT = 50_000  # above, the timeline reads the support after its first paint
CASE_LIMIT = 64  # up to this many categories, their codes come from the one scan

_COLUMNS_SQL = """
    SELECT group_concat(id), group_concat(earliest), group_concat(latest),
           group_concat(id) FILTER (WHERE core_start IS NOT NULL), group_concat(core_start),
           group_concat(id) FILTER (WHERE core_end IS NOT NULL), group_concat(core_end),
           {codes},
           group_concat(id) FILTER (WHERE inferred = 1),
           group_concat(id) FILTER (WHERE lower(end_date) IN {present}
                                    OR lower(date) LIKE 'since %'
                                    OR lower(date) LIKE '%present')
    FROM events NOT INDEXED
"""  # NOT INDEXED: one scan in rowid order, the same order for every column
_NAMES_SQL = """
    WITH RECURSIVE name(value) AS (
        SELECT min(category) FROM events
        UNION ALL
        SELECT (SELECT min(category) FROM events WHERE category > name.value) FROM name
        WHERE name.value IS NOT NULL)
    SELECT value FROM name WHERE value IS NOT NULL
"""  # one seek in the category index per distinct name
_CATEGORIES_SQL = "SELECT category, group_concat(id) FROM events GROUP BY category"
_ROWS_SQL = f"""
    SELECT id, earliest, latest, coalesce(core_start, ?1), coalesce(core_end, ?1), category,
           inferred = 1,
           lower(end_date) IN {_PRESENT_WORDS} OR lower(date) LIKE 'since %'
           OR lower(date) LIKE '%present'
    FROM events WHERE id IN (SELECT value FROM json_each(?2))
"""
_LABELS_SQL = """
    SELECT id, title, CASE WHEN end_date = '' THEN date ELSE date || ' – ' || end_date END
    FROM events WHERE id IN (SELECT value FROM json_each(?))
"""


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
    inferred: np.ndarray  # bool: the date is read from context, not stated (draw apart)
    open_end: np.ndarray  # bool: "1992–present", "since 1992": the end is open, not stored
    # distinct sources citing each event (0: uncited); empty when not read
    sources: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    best: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16))  # best grade rank

    def __len__(self) -> int:
        return len(self.ids)

    def count_between(self, first_day: int, last_day: int) -> int:
        """Events that meet the days [first_day, last_day]: a bisection and one mask."""
        end = int(np.searchsorted(self.earliest, last_day, side="right"))
        return int(np.count_nonzero(self.latest[:end] >= first_day))

    def row_of(self, event_id: int) -> int | None:
        """Position of an event in the columns, or None."""
        found = np.flatnonzero(self.ids == event_id)
        return int(found[0]) if len(found) else None

    def holds_as(self, fresh: EventTable, event_ids: Iterable[int]) -> bool:
        """Whether the events ``event_ids`` are here exactly as ``fresh`` has them (same
        days and category, none added or gone): an edit of titles alone changes nothing."""
        wanted = np.fromiter((int(i) for i in event_ids), dtype=np.int64)
        rows = np.flatnonzero(np.isin(self.ids, wanted))
        if len(rows) != len(fresh) or not np.array_equal(np.sort(self.ids[rows]),
                                                         np.sort(fresh.ids)):
            return False
        mine = {int(i): self._row_key(r) for i, r in zip(self.ids[rows], rows, strict=True)}
        return all(mine[int(fresh.ids[r])] == fresh._row_key(r) for r in range(len(fresh)))

    def _row_key(self, row: int) -> tuple[int, int, int, int, str]:
        return (int(self.earliest[row]), int(self.latest[row]), int(self.core_start[row]),
                int(self.core_end[row]), self.category_names[int(self.categories[row])])

    def patched(self, event_ids: Iterable[int], fresh: EventTable) -> EventTable:
        """This table with the events ``event_ids`` as ``fresh`` holds them now (an id
        missing from ``fresh`` was deleted): a few rows spliced in, nothing read again."""
        gone = np.fromiter((int(i) for i in event_ids), dtype=np.int64)
        keep = ~np.isin(self.ids, gone)
        names = sorted(set(self.category_names) | set(fresh.category_names))
        kept = _recoded(self, keep, names)
        added = _recoded(fresh, np.ones(len(fresh), dtype=bool), names)
        at = [_position(kept, int(fresh.earliest[r]), int(fresh.latest[r]), int(fresh.ids[r]))
              for r in range(len(fresh))]
        columns = {name: np.insert(getattr(kept, name), at, getattr(added, name))
                   for name in _ARRAYS}
        if len(self.sources) == len(self) and len(fresh.sources) == len(fresh):
            for name in _SUPPORT:  # read with the rows: spliced like them
                columns[name] = np.insert(getattr(self, name)[keep], at, getattr(fresh, name))
        return _without_unused(EventTable(**columns, category_names=names))


_ARRAYS = ("ids", "earliest", "latest", "core_start", "core_end", "categories", "inferred",
           "open_end")
_SUPPORT = ("sources", "best")  # empty where the support was not read


def _recoded(table: EventTable, rows: np.ndarray, names: list[str]) -> EventTable:
    """The rows of ``table`` kept by the mask ``rows``, their categories coded in ``names``."""
    recode = np.array([names.index(n) for n in table.category_names] or [0], dtype=np.int32)
    columns = {name: getattr(table, name)[rows] for name in _ARRAYS}
    columns["categories"] = recode[columns["categories"]]
    return EventTable(**columns, category_names=names)


def _position(table: EventTable, earliest: int, latest: int, event_id: int) -> int:
    """Where a row goes in a table sorted by (earliest, latest, id): three bisections."""
    lo = int(np.searchsorted(table.earliest, earliest, side="left"))
    hi = int(np.searchsorted(table.earliest, earliest, side="right"))
    lo += int(np.searchsorted(table.latest[lo:hi], latest, side="left"))
    hi = lo + int(np.searchsorted(table.latest[lo:hi], latest, side="right"))
    return lo + int(np.searchsorted(table.ids[lo:hi], event_id, side="left"))


def _without_unused(table: EventTable) -> EventTable:
    """The table less category names no event has any more (as a fresh read has them)."""
    used = np.bincount(table.categories, minlength=len(table.category_names)) > 0
    if used.all():
        return table
    recode = np.cumsum(used).astype(np.int32) - 1
    names = [n for n, u in zip(table.category_names, used, strict=True) if u]
    return replace(table, categories=recode[table.categories], category_names=names)


def _ints(text: str | None) -> np.ndarray:
    """A comma-separated list of integers (``group_concat``'s output) as an array."""
    return np.fromstring(text or "", dtype=np.int64, sep=",")


def _sparse(ids: np.ndarray, which: str | None, values: str | None) -> np.ndarray:
    """A nullable column given as (ids that have a value, values): NO_DAY elsewhere."""
    out = np.full(len(ids), NO_DAY, dtype=np.int64)
    out[np.searchsorted(ids, _ints(which))] = _ints(values)
    return out


def _category_codes(conn: sqlite3.Connection, ids: np.ndarray, names: list[str]
                    ) -> np.ndarray:
    """Index of each event's category in ``names``, from the category index (ids ascending)."""
    codes = np.zeros(len(ids), dtype=np.int32)
    code_of = {name: code for code, name in enumerate(names)}
    for name, members in conn.execute(_CATEGORIES_SQL):
        wanted = _ints(members)
        at = np.minimum(np.searchsorted(ids, wanted), max(len(ids) - 1, 0))
        found = ids[at] == wanted if len(ids) else np.zeros(0, dtype=bool)
        codes[at[found]] = code_of.get(name, 0)  # a row written since the scan is skipped
    return codes


def read_event_table(conn: sqlite3.Connection) -> EventTable:
    """Every event's ids, days and category, sorted by (earliest, latest, id)."""
    names = sorted(name for (name,) in conn.execute(_NAMES_SQL))
    in_scan = 0 < len(names) <= CASE_LIMIT
    whens = " ".join(f"WHEN ?{i + 1} THEN {i}" for i in range(len(names) if in_scan else 0))
    codes = f"group_concat(CASE category {whens} ELSE -1 END)" if in_scan else "NULL"
    sql = _COLUMNS_SQL.format(codes=codes, present=_PRESENT_WORDS)
    row = conn.execute(sql, names if in_scan else []).fetchone()
    ids, earliest, latest = _ints(row[0]), _ints(row[1]), _ints(row[2])
    core_start, core_end = _sparse(ids, row[3], row[4]), _sparse(ids, row[5], row[6])
    categories = _ints(row[7]).astype(np.int32)
    if not in_scan or (categories < 0).any():  # many names, or one new since they were read
        names = sorted(name for (name,) in conn.execute(_NAMES_SQL))
        categories = _category_codes(conn, ids, names)
    inferred, open_end = np.isin(ids, _ints(row[8])), np.isin(ids, _ints(row[9]))
    order = np.lexsort((ids, latest, earliest))
    if len(ids) <= SUPPORT_INLINE_LIMIT:  # one GROUP BY; a big file's is read later
        sources, best = read_support_arrays(conn, "event").for_ids(ids[order])
    else:
        sources, best = np.zeros(0, np.int32), np.zeros(0, np.int16)
    return EventTable(ids[order], earliest[order], latest[order], core_start[order],
                      core_end[order], categories[order], names, inferred[order],
                      open_end[order], sources, best)


def read_event_rows(conn: sqlite3.Connection, event_ids: Iterable[int]) -> EventTable:
    """The events asked for that the file still has, as a table of their own (what
    ``EventTable.patched`` splices in after an edit, instead of reading every event)."""
    wanted = [int(i) for i in event_ids]
    rows: list[tuple[int, int, int, int, int, str, int, int]] = []
    for start in range(0, len(wanted), LABEL_BATCH):
        batch = json.dumps(wanted[start:start + LABEL_BATCH])
        rows.extend(conn.execute(_ROWS_SQL, [int(NO_DAY), batch]))
    rows.sort(key=lambda r: (r[1], r[2], r[0]))
    names = sorted({r[5] for r in rows})
    code = {name: i for i, name in enumerate(names)}
    columns = [np.array([r[c] for r in rows], dtype=np.int64) for c in range(5)]
    categories = np.array([code[r[5]] for r in rows], dtype=np.int32)
    inferred, open_end = (np.array([bool(r[c]) for r in rows], dtype=bool) for c in (6, 7))
    sources, best = read_support_arrays(conn, "event", wanted).for_ids(columns[0])
    return EventTable(*columns, categories, names, inferred, open_end, sources, best)


def read_event_labels(conn: sqlite3.Connection, event_ids: Iterable[int]
                      ) -> dict[int, tuple[str, str]]:
    """Title and date as written ("1988 – 1991" for a span) of each event asked for."""
    wanted = [int(i) for i in event_ids]
    found: dict[int, tuple[str, str]] = {}
    for start in range(0, len(wanted), LABEL_BATCH):
        batch = json.dumps(wanted[start:start + LABEL_BATCH])
        found.update((i, (title, date)) for i, title, date in conn.execute(_LABELS_SQL, [batch]))
    return found


class StoreTables:
    """Mixin of ``Store``: the array reads, and ``read`` for any read function of db/."""

    conn: sqlite3.Connection

    def read(self, read: Callable[[sqlite3.Connection], T]) -> T:
        """``read`` (a function of a connection from db/, one a loader thread may run
        on its own connection: ``db.reading``) run on this Store's connection. ui/ hands
        reads here and never holds a connection itself: one read path, two threads."""
        return read(self.conn)

    def event_table(self) -> EventTable:
        return read_event_table(self.conn)

    def event_rows(self, event_ids: Iterable[int]) -> EventTable:
        return read_event_rows(self.conn, event_ids)

    def event_labels(self, event_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
        return read_event_labels(self.conn, event_ids)

    def count_events_between(self, first_day: int, last_day: int) -> int:
        sql = "SELECT count(*) FROM events WHERE earliest <= ? AND latest >= ?"
        return int(self.conn.execute(sql, [last_day, first_day]).fetchone()[0])

    def category_names(self) -> list[str]:
        """The categories events use (the index on category answers it, not the table)."""
        sql = "SELECT DISTINCT category FROM events WHERE category <> ''"
        return [r[0] for r in self.conn.execute(sql)]

    def relationship_kinds(self) -> list[str]:
        """The kinds relationships use, for the relationship dialog's list."""
        sql = "SELECT DISTINCT kind FROM relationships WHERE kind <> ''"
        return [r[0] for r in self.conn.execute(sql)]

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
