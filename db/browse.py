"""Reads for the Browser's tables: ids in the order shown, and the columns of a few rows.

A table of a million events must not become a million Python objects. The Browser keeps
one numpy array of ids in display order (``read_view``) and asks for the shown text of a
page of rows at a time (``read_rows``). Every function here takes a bare
``sqlite3.Connection`` and touches nothing else, so a loader thread could run it.

Ordering and filtering keep what the Browser always did:

* text columns sort by their case-folded text (``str.casefold``, compared by code point,
  as Python compares strings); dates by their interval of days, so 44 BC comes before
  2022 and "c. 1974" sits by 1974; ties are broken by id ascending, both ways;
* the filter keeps rows whose shown columns, joined by spaces and case-folded, contain
  the folded text typed. For events, a word of three characters or more first narrows
  the rows through the FTS5 trigram index (``db.schema``), then the shown text is
  checked; the end date, which the index does not hold, is checked on every event that
  has one. (The index folds case by its own table, so the rare letters ``casefold``
  expands, such as ß to ss, may be missed there.)
"""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from db.evidence import grade_rank_sql, grade_text_sql, support_text_sql

FOLD = "tl_fold"  # SQL function: str.casefold, NULL as ''
MIN_INDEXED_CHARS = 3  # the trigram index answers needles of three characters or more
MAX_PLACED = 500  # more records changed than this: read the whole order again


@dataclass(frozen=True)
class BrowseColumn:
    """One column: the SQL of its shown text, its sort keys and its tooltip."""

    text: str
    sort: tuple[str, ...] = ()  # SQL sort keys; empty: the folded text
    tip: str = "''"
    searched: bool = True  # part of the text the filter looks in

    def sort_keys(self) -> tuple[str, ...]:
        return self.sort or (f"{FOLD}({self.text})",)


@dataclass(frozen=True)
class BrowseTable:
    """The rows of one kind of record as the Browser shows them."""

    table: str
    columns: tuple[BrowseColumn, ...]
    indexed_code: int = 0  # search_index rows ``id * 4 + code`` hold the text (db.schema)
    unindexed: str = "0"  # SQL condition: rows whose shown text the index may not hold
    unindexed_column: int = 0  # in those rows, the column the index may not hold

    def haystack(self) -> str:
        joined = " || ' ' || ".join(c.text for c in self.columns if c.searched)
        return f"{FOLD}({joined})"


EVENTS = BrowseTable(
    "events",
    (
        BrowseColumn("CASE WHEN end_date <> '' THEN date || ' – ' || end_date ELSE date END",
                     sort=("earliest", "latest")),
        BrowseColumn("title", tip="summary"),
        BrowseColumn("category"),
        BrowseColumn("location"),
        BrowseColumn(support_text_sql("event", "events.id", grade=False), searched=False),
        BrowseColumn(grade_text_sql("event", "events.id"),
                     sort=(grade_rank_sql("event", "events.id"),), searched=False),
    ),
    indexed_code=1,
    unindexed="end_date <> ''",
)

ENTITIES = BrowseTable(
    "entities",
    (
        BrowseColumn("name", tip="description"),
        BrowseColumn("native_name"),
        BrowseColumn("kind"),
        BrowseColumn("coalesce((SELECT group_concat(value, ', ') FROM json_each(aliases)), '')"),
        BrowseColumn(support_text_sql("entity", "entities.id", grade=False), searched=False),
        BrowseColumn(grade_text_sql("entity", "entities.id"),
                     sort=(grade_rank_sql("entity", "entities.id"),), searched=False),
    ),
)

SOURCES = BrowseTable(
    "sources",
    (
        BrowseColumn("title", tip="notes"),
        BrowseColumn("author"),
        BrowseColumn("date", sort=("coalesce(earliest, 0)", "coalesce(latest, 0)")),
        BrowseColumn("reliability"),
    ),
)


@dataclass(frozen=True)
class TableOrder:
    """What a table shows: sorted by a column, filtered by folded text ('' for all)."""

    column: int = 0
    descending: bool = False
    needle: str = ""


@dataclass(frozen=True)
class View:
    """Ids of one table in display order, with what it took to get them."""

    order: TableOrder = TableOrder()
    ordered: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # every id
    matches: np.ndarray | None = None  # sorted ids the filter keeps; None: no filter
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # shown ids

    @classmethod
    def of(cls, order: TableOrder, ordered: np.ndarray, matches: np.ndarray | None) -> View:
        ids = ordered if matches is None else ordered[np.isin(ordered, matches)]
        return cls(order, ordered, matches, ids)


def fold(text: str) -> str:
    """How the Browser compares text: case-folded (the filter field folds what is typed)."""
    return text.casefold()


def install(conn: sqlite3.Connection) -> None:
    """Give the connection the folding function the Browser's SQL uses."""
    conn.create_function(FOLD, 1, lambda s: s.casefold() if isinstance(s, str) else "",
                         deterministic=True)


def read_view(conn: sqlite3.Connection, table: BrowseTable, order: TableOrder) -> View:
    """Every id of ``table`` in ``order``: the initial read of a Browser tab."""
    install(conn)
    ordered = ordered_ids(conn, table, order.column, order.descending)
    matches = matching_ids(conn, table, order.needle) if order.needle else None
    return View.of(order, ordered, matches)


def resorted(conn: sqlite3.Connection, table: BrowseTable, view: View, column: int,
             descending: bool, ordered: np.ndarray | None = None) -> View:
    """The same rows sorted by another column (``ordered``, if already read)."""
    install(conn)
    order = replace(view.order, column=column, descending=descending)
    if ordered is None:
        ordered = ordered_ids(conn, table, column, descending)
    return View.of(order, ordered, view.matches)


def refiltered(conn: sqlite3.Connection, table: BrowseTable, view: View, needle: str) -> View:
    """The same order with another filter; the sorted ids are kept."""
    install(conn)
    needle = fold(needle.strip())
    matches = matching_ids(conn, table, needle) if needle else None
    return View.of(replace(view.order, needle=needle), view.ordered, matches)


def count(conn: sqlite3.Connection, table: BrowseTable) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table.table}").fetchone()[0])


def updated(conn: sqlite3.Connection, table: BrowseTable, view: View,
            touched: Collection[int]) -> View:
    """``view`` after the records ``touched`` were added, edited or deleted.

    Each touched record still there is placed by a binary search over the sorted ids,
    reading the sort keys of about 20 rows, instead of sorting the table again.
    """
    install(conn)
    if len(touched) > MAX_PLACED:
        return read_view(conn, table, view.order)
    changed = np.fromiter(touched, np.int64, len(touched))
    ordered = view.ordered[~np.isin(view.ordered, changed)]
    keys = _SortKeys(conn, table, view.order)
    for record_id in keys.existing(changed):
        at = bisect.bisect_left(ordered, keys.of(record_id), key=keys.of)
        ordered = np.insert(ordered, at, record_id)
    matches = view.matches
    if matches is not None:
        kept = matches[~np.isin(matches, changed)]
        check = f"instr({table.haystack()}, ?) > 0"
        marks = ",".join("?" * len(changed))
        found = _ids(conn, f"SELECT id FROM {table.table} WHERE id IN ({marks}) AND {check}",
                     [*changed.tolist(), view.order.needle])
        matches = np.union1d(kept, found)
    return View.of(view.order, ordered, matches)


class _SortKeys:
    """Sort keys of single rows, comparable the way ``ordered_ids`` sorts."""

    def __init__(self, conn: sqlite3.Connection, table: BrowseTable, order: TableOrder) -> None:
        self.conn, self.table = conn, table
        self.keys = ", ".join(table.columns[order.column].sort_keys())
        self.descending = order.descending

    def existing(self, ids: np.ndarray) -> list[int]:
        marks = ",".join("?" * len(ids))
        sql = f"SELECT id FROM {self.table.table} WHERE id IN ({marks}) ORDER BY id"
        return [row[0] for row in self.conn.execute(sql, ids.tolist())]

    def of(self, record_id: int) -> _Key:
        sql = f"SELECT {self.keys} FROM {self.table.table} WHERE id = ?"
        values = self.conn.execute(sql, [int(record_id)]).fetchone()
        return _Key(tuple(values), int(record_id), self.descending)


@dataclass(frozen=True)
class _Key:
    values: tuple[object, ...]
    record_id: int
    descending: bool

    def __lt__(self, other: _Key) -> bool:
        if self.values != other.values:
            return (self.values > other.values) if self.descending else (  # type: ignore[operator]
                self.values < other.values)  # type: ignore[operator]
        return self.record_id < other.record_id


def events_in_day_order(ids: np.ndarray) -> View:
    """The events tab's first view (by date, ascending) from ids already in that order.

    ``db.tables.read_event_table`` sorts events by (earliest, latest, id), which is the
    order of this table's date column: opening a file reads that order once, not twice.
    """
    return View.of(TableOrder(), ids, None)


def ordered_ids(conn: sqlite3.Connection, table: BrowseTable, column: int,
                descending: bool) -> np.ndarray:
    """Every id of the table sorted by a column, ties by id ascending."""
    direction = " DESC" if descending else ""
    keys = ", ".join(k + direction for k in table.columns[column].sort_keys())
    return _ids(conn, f"SELECT id FROM {table.table} ORDER BY {keys}, id")


def matching_ids(conn: sqlite3.Connection, table: BrowseTable, needle: str) -> np.ndarray:
    """Sorted ids of the rows whose folded, joined shown text contains ``needle``."""
    needle = fold(needle)
    check = f"instr({table.haystack()}, ?) > 0"
    words = [w for w in needle.split() if len(w) >= MIN_INDEXED_CHARS]
    if table.indexed_code and words:
        try:
            return _indexed_matches(conn, table, needle, words, check)
        except sqlite3.OperationalError:
            pass  # the index refused the query: scan instead
    return np.unique(_ids(conn, f"SELECT id FROM {table.table} WHERE {check}", [needle]))


def _indexed_matches(conn: sqlite3.Connection, table: BrowseTable, needle: str,
                     words: list[str], check: str) -> np.ndarray:
    """Rows the index finds every long word of ``needle`` in, checked on their shown text.

    A word has no space, so it lies inside one column, which the index holds, except
    ``table.unindexed`` rows: those are checked on the column the index lacks (or on all
    their text when the needle has a space, as it may run on into the next column).
    """
    phrases = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    found = (f"SELECT rowid / 4 FROM search_index WHERE search_index MATCH ? "  # no row read
             f"AND rowid % 4 = {table.indexed_code}")
    listed = _ids(conn, f"SELECT id FROM {table.table} WHERE id IN ({found}) AND {check}",
                  [phrases, needle])
    column = table.columns[table.unindexed_column].text
    in_column = f"instr({FOLD}({column}), ?) > 0"
    if " " in needle:
        rest_check, params = check, [needle]
    elif needle.isascii():  # LIKE folds ASCII case in C: a quick first pass
        rest_check, params = f"({column}) LIKE ? ESCAPE '\\' AND {in_column}", [
            _like(needle), needle]
    else:
        rest_check, params = in_column, [needle]
    rest = _ids(conn, f"SELECT id FROM {table.table} WHERE {table.unindexed} AND {rest_check}",
                params)
    return np.union1d(listed, rest)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _ids(conn: sqlite3.Connection, select: str, params: Sequence[object] = ()) -> np.ndarray:
    """The single integer column of ``select``, in its order, as an int64 array.

    One ``group_concat`` string parsed by numpy is several times quicker than a million
    Python tuples (the subquery's ORDER BY is kept: SQLite does not drop it under an
    aggregate).
    """
    text = conn.execute(f"SELECT group_concat(id, ' ') FROM ({select})", params).fetchone()[0]
    if not text:
        return np.zeros(0, np.int64)
    return np.fromstring(text, dtype=np.int64, sep=" ")


def read_rows(conn: sqlite3.Connection, table: BrowseTable,
              ids: Sequence[int]) -> list[tuple[str, ...]]:
    """Shown texts then tooltips of each id's row, in the order of ``ids``.

    An id no longer in the table gives a row of blanks.
    """
    width = 2 * len(table.columns)
    if not len(ids):
        return []
    exprs = [c.text for c in table.columns] + [c.tip for c in table.columns]
    marks = ",".join("?" * len(ids))
    sql = f"SELECT id, {', '.join(exprs)} FROM {table.table} WHERE id IN ({marks})"
    found = {row[0]: tuple(row[1:]) for row in conn.execute(sql, [int(i) for i in ids])}
    blank = ("",) * width
    return [found.get(int(i), blank) for i in ids]
