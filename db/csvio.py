"""CSV import of events (docs/json-format.md, "CSV"): one row per event, all or nothing.

Spreadsheets are how most researchers collect events, so the import accepts what a
spreadsheet writes: UTF-8 with or without a BOM, CRLF or LF, headers in any case. It
reads the file a record at a time (``db.csvsource``) and hands each row's records to the
shared bulk path (``db.bulkload``), in one transaction: every row is checked (dates
parsed by ``db.rows``) and any problem means nothing is written (the transaction rolls
back) and ``ValidationError`` lists the problems as ``row N (line L): reason`` -- N
counts data records after the header (a spreadsheet shows it as row N + 1), L is the
file line where the record starts.

Planning and writing run in one ``Store.transaction``, so ids allocated up front and
names matched against the file cannot change under the import, and a cancel or an
error rolls everything back.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from db import rows
from db.bulkload import BulkLoad, ascii_key
from db.cancel import CancelledFn, ImportCancelled, ProgressFn, cancel_check
from db.errors import ValidationError
from db.export.csvformat import Record, parse_participant, split_list
from db.store import Store
from models.records import Entity, Event, Source

__all__ = ["DEFAULT_COLUMNS", "ImportCancelled", "import_events_csv", "import_events_table"]

# Event field <- header names it is read from by default (normalized: see _norm).
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date",), "end_date": ("end date",), "title": ("title",),
    "summary": ("summary", "description"), "category": ("category",),
    "location": ("location",), "participants": ("participants",), "tags": ("tags",),
    "notes": ("notes",), "source": ("source", "source title"), "locator": ("locator",),
    "excerpt": ("excerpt",), "confidence": ("confidence",), "inferred": ("inferred",),
}
REQUIRED = ("date", "title")
CITATION_PARTS = ("locator", "excerpt", "confidence")
PROGRESS_EVERY = 1000
MAX_PROBLEMS = 100
BYTES_PER_ROW_GUESS = 256  # a CSV row's size, when its rows are not counted first
NEW_SOURCE_KIND = "other"  # a source known only by its title: its kind is not known

def _norm(header: str) -> str:
    """Headers match ignoring case, surrounding spaces and '_' versus space."""
    return " ".join(header.replace("_", " ").split()).casefold()


def resolve_columns(header: list[str], mapping: dict[str, str] | None = None
                    ) -> dict[str, int]:
    """Field -> column index; ``mapping`` (field -> header, "" to skip) overrides defaults."""
    mapping = mapping or {}
    unknown = sorted(set(mapping) - set(DEFAULT_COLUMNS))
    if unknown:
        raise ValidationError(f"unknown field {', '.join(map(repr, unknown))} in the column "
                              f"mapping; fields are {', '.join(DEFAULT_COLUMNS)}")
    positions: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        positions.setdefault(_norm(name), []).append(index)
    columns: dict[str, int] = {}
    for name, defaults in DEFAULT_COLUMNS.items():
        wanted = (mapping[name],) if name in mapping else defaults
        found = [_norm(w) for w in wanted if _norm(w) in positions]
        if name in mapping and mapping[name].strip() and not found:
            raise ValidationError(f"column {mapping[name]!r} (mapped to {name}) is not in the "
                                  f"header ({_header_list(header)})")
        if found:
            if len(positions[found[0]]) > 1:
                raise ValidationError(f"column {found[0]!r} appears more than once in the header")
            columns[name] = positions[found[0]][0]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ValidationError(f"missing required column {missing[0]!r}: the header "
                              f"({_header_list(header)}) has no column named "
                              f"{' or '.join(map(repr, DEFAULT_COLUMNS[missing[0]]))}; "
                              f"rename one or map it (--map {missing[0]}=COLUMN)")
    return columns


def _header_list(header: list[str]) -> str:
    shown = ", ".join(repr(h) for h in header[:12])
    return shown + (", …" if len(header) > 12 else "")


# -- planning --------------------------------------------------------------------------

def _key(name: str) -> str:
    """What SQLite's NOCASE compares (ASCII case only), as Store.find_entities does."""
    return ascii_key(name)


def _next_id(store: Store, table: str) -> int:
    return int(store.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
               .fetchone()[0])


@dataclass
class _Plan:
    """The import's names and ids, with each row's records handed to ``load`` as planned."""

    store: Store
    load: BulkLoad
    entity_index: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    source_index: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    resolved: dict[str, tuple[int, str]] = field(default_factory=dict)
    dates: dict[tuple[str, str], Any] = field(default_factory=dict)  # parsed once each
    next_ids: dict[str, int] = field(default_factory=dict)
    line_word: str = "line"  # where a record is in its file: "line", or "sheet row"

    def __post_init__(self) -> None:
        for table in ("events", "entities", "sources", "citations"):
            self.next_ids[table] = _next_id(self.store, table)
        sql = "SELECT id, kind, name, native_name, aliases FROM entities ORDER BY id"
        for entity_id, kind, name, native, aliases in self.store.conn.execute(sql):
            names = {_key(n) for n in [name, native, *json.loads(aliases)] if n.strip()}
            for key in names:
                self.entity_index.setdefault(key, []).append((entity_id, kind))
        for source_id, title in self.store.conn.execute("SELECT id, title FROM sources "
                                                        "ORDER BY id"):
            self.source_index.setdefault(_key(title), source_id)
        for table, columns in _TABLES.items():
            first = self.next_ids.get(table)
            self.load.table(table, columns, first, "INSERT OR IGNORE" if first is None
                            else "INSERT")
        self.counts = dict.fromkeys(("sources", "entities", "events", "citations"), 0)

    def emit(self, table: str, row: tuple[Any, ...]) -> None:
        self.load.add(table, row)
        if table in self.counts:
            self.counts[table] += 1

    def take_id(self, table: str) -> int:
        self.next_ids[table] += 1
        return self.next_ids[table] - 1

    def add_row(self, cells: dict[str, str]) -> None:
        """Check one row and add its records; raises ValidationError with the reason."""
        event = Event(title=cells.get("title", ""), date=cells.get("date", ""),
                      tags=_items(cells.get("tags", "")),
                      inferred=yes_no_cell(cells.get("inferred", ""), "inferred"),
                      **{k: cells.get(k, "") for k in
                         ("end_date", "summary", "category", "location", "notes")})
        row = rows.event_row(event, self.dates)
        people = [self.participant(text) for text in _items(cells.get("participants", ""))]
        cited = self.cited(cells)
        event_id = self.take_id("events")
        self.emit("events", (event_id, *row.values()))
        for entity_id, role in people:
            self.emit("event_participants", (event_id, entity_id, role))
        for tag in event.tags:
            self.load.tag(event_id, tag)
        for source_id, locator, excerpt, confidence in cited:
            self.emit("citations", (self.take_id("citations"), source_id, event_id,
                                    locator, excerpt, confidence))

    def participant(self, text: str) -> tuple[int, str]:
        """Entity id and role of ``Name``, ``Name (role)`` or ``kind:Name (role)``.

        A text is resolved once (the same people recur in row after row); the whole
        text is tried as a name first, so an entity named "Kuomintang (KMT)" is found.
        """
        if text not in self.resolved:
            self.resolved[text] = self._resolve(text)
        return self.resolved[text]

    def _resolve(self, text: str) -> tuple[int, str]:
        whole = self._existing(None, text)
        if whole is not None:
            return whole, ""
        kind, name, role = parse_participant(text)
        if not name:
            raise ValidationError(f"participant {text!r} has no name")
        found = self._existing(kind, name)
        return (found if found is not None else self._new_entity(kind or "person", name)), role

    def _existing(self, kind: str | None, name: str) -> int | None:
        for entity_id, entity_kind in self.entity_index.get(_key(name), ()):
            if kind is None or entity_kind == kind:
                return entity_id
        return None

    def _new_entity(self, kind: str, name: str) -> int:
        row = rows.entity_row(Entity(kind=kind, name=name))
        entity_id = self.take_id("entities")
        self.emit("entities", (entity_id, *row.values()))
        self.entity_index.setdefault(_key(name), []).append((entity_id, kind))
        return entity_id

    def source(self, title: str) -> int:
        key = _key(title)
        if key not in self.source_index:
            row = rows.source_row(Source(title=title, kind=NEW_SOURCE_KIND))
            self.source_index[key] = self.take_id("sources")
            self.emit("sources", (self.source_index[key], *row.values()))
        return self.source_index[key]

    def cited(self, cells: dict[str, str]) -> list[tuple[int, str, str, int | None]]:
        """Citations of the row: sources paired by position with locator/excerpt/confidence.

        With one source the other cells are taken whole (a locator may hold ';'); with
        several, each cell is a ';' list of the same length (or blank).
        """
        titles = _items(cells.get("source", ""))
        parts = {name: cells.get(name, "") for name in CITATION_PARTS}
        if not titles:
            given = [name for name, text in parts.items() if text and not text.isspace()]
            if given:
                raise ValidationError(f"{given[0]} given without a source")
            return []
        if len(titles) == 1:
            lists = {name: [text.strip()] for name, text in parts.items()}
        else:
            lists = {name: split_list(text, keep_blank=True) or [""] * len(titles)
                     for name, text in parts.items()}
            for name, items in lists.items():
                if len(items) != len(titles):
                    raise ValidationError(f"{len(titles)} sources but {len(items)} {name} "
                                          f"entries (separate them with ';' in the same order)")
        return [(self.source(title), lists["locator"][i], lists["excerpt"][i],
                 confidence_cell(lists["confidence"][i])) for i, title in enumerate(titles)]


def _items(cell: str) -> list[str]:
    """``split_list`` of a cell, quicker for the blank cells most rows have."""
    return split_list(cell) if cell and not cell.isspace() else []


_YES, _NO = frozenset({"yes", "y", "true", "1", "x"}), frozenset({"", "no", "n", "false", "0"})


def yes_no_cell(text: str, what: str) -> bool:
    """A spreadsheet's yes/no cell: blank is no; anything unclear is an error, not a guess."""
    word = text.strip().lower()
    if word in _YES or word in _NO:
        return word in _YES
    raise ValidationError(f"{what} must be yes or no (or blank), not {text!r}")


def confidence_cell(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if text.isdigit() and 1 <= int(text) <= 6:
        return int(text)
    raise ValidationError(f"confidence must be 1–6 or empty, not {text!r}")


def _plan_rows(plan: _Plan, header: list[str], records: Iterable[Record],
               columns: dict[str, int], tick: Callable[[int], None]) -> None:
    for done, record in enumerate(records, 1):
        if done % PROGRESS_EVERY == 0:
            tick(done)
        if len(record.cells) != len(header):
            _problem(plan, record, f"has {len(record.cells)} fields, the header has "
                                   f"{len(header)} (ragged row)")
            continue
        cells = {name: record.cells[index] for name, index in columns.items()}
        try:
            plan.add_row(cells)
        except ValidationError as exc:
            _problem(plan, record, str(exc))
        if len(plan.problems) >= MAX_PROBLEMS:
            plan.problems.append(f"stopped after {MAX_PROBLEMS} problems")
            return


def _problem(plan: _Plan, record: Record, message: str) -> None:
    plan.load.pause()  # nothing more is written: the transaction is to roll back
    one_line = " ".join(message.split())
    plan.problems.append(f"row {record.row} ({plan.line_word} {record.line}): {one_line}")


# -- writing ---------------------------------------------------------------------------

_EVENT_COLUMNS = ("id", *rows.event_row(Event(title="t", date="2000")))
_ENTITY_COLUMNS = ("id", *rows.entity_row(Entity(kind="person", name="n")))
_SOURCE_COLUMNS = ("id", *rows.source_row(Source(title="t")))
_CITATION_COLUMNS = ("id", "source_id", "event_id", "locator", "excerpt", "confidence")
# Tables in the order their rows are written, parents first.
_TABLES = {"sources": _SOURCE_COLUMNS, "entities": _ENTITY_COLUMNS, "events": _EVENT_COLUMNS,
           "event_participants": ("event_id", "entity_id", "role"),
           "citations": _CITATION_COLUMNS}


# -- the import ------------------------------------------------------------------------

def import_events_csv(store: Store, text_or_path: str | bytes | os.PathLike[str],
                      mapping: dict[str, str] | None = None,
                      progress: ProgressFn | None = None,
                      cancelled: CancelledFn | None = None) -> dict[str, int]:
    """Add one event per CSV row, all or nothing; return how many records were added.

    ``text_or_path``: CSV text (``str``), its bytes, or a path (``Path``), read a record
    at a time. ``mapping``: event field -> column header, overriding
    ``DEFAULT_COLUMNS``. ``progress(done, total)`` is called every ``PROGRESS_EVERY``
    rows while checking, and once with ``(total, total)`` when written (a file is then
    counted by a read of its own first); ``cancelled()`` returning true (checked as
    often) raises ``ImportCancelled`` with the database as it was.
    """
    from db.csvsource import count_records, open_records

    total = count_records(text_or_path) if progress is not None else None
    with open_records(text_or_path) as (header, _):
        if total is None and isinstance(text_or_path, os.PathLike):  # sizes the page cache
            total = os.path.getsize(text_or_path) // BYTES_PER_ROW_GUESS

    def each() -> Iterator[Record]:
        with open_records(text_or_path) as (_, records):
            yield from records

    return _import_rows(store, header, each, mapping, progress, cancelled, "line", total)


def import_events_table(store: Store, header: list[str], records: list[Record],
                        mapping: dict[str, str] | None = None,
                        progress: ProgressFn | None = None,
                        cancelled: CancelledFn | None = None,
                        line_word: str = "line") -> dict[str, int]:
    """``import_events_csv`` of records read (a spreadsheet's, ``db.sheets``): the same
    mapping, checks, all-or-nothing and progress. ``line_word`` names where
    ``Record.line`` is in problems ("line", "sheet row")."""
    return _import_rows(store, header, lambda: iter(records), mapping, progress, cancelled,
                        line_word, len(records))


def _import_rows(store: Store, header: list[str], each: Callable[[], Iterator[Record]],
                 mapping: dict[str, str] | None, progress: ProgressFn | None,
                 cancelled: CancelledFn | None, line_word: str,
                 total: int | None) -> dict[str, int]:
    """Two reads of the rows (``each()`` starts one), in one transaction: the first
    checks every row and writes nothing, so a bad last row of a million is refused
    before anything is written; the second plans the rows again and writes them through
    the shared bulk path."""
    columns = resolve_columns(header, mapping)
    count = total or 0
    check = cancel_check(cancelled)

    def tick(done: int) -> None:
        check()
        if progress is not None:
            progress(done, count)

    with store.transaction(), BulkLoad(store, check, count) as load:
        load.pause()
        dry = _Plan(store, load, line_word=line_word)
        _plan_rows(dry, header, each(), columns, tick)
        if dry.problems:
            raise ValidationError(dry.problems)
        load.resume()
        plan = _Plan(store, load, line_word=line_word, dates=dry.dates)
        del dry
        _plan_rows(plan, header, each(), columns, lambda done: check())
        if plan.problems:  # pragma: no cover - the rows were checked just before
            raise ValidationError(plan.problems)
    if progress is not None:
        progress(count, count)
    return plan.counts
