"""The JSON import as a stream: two reads of the document, one record in memory at a time.

The first read (``_scan``) checks the top level and every text, and collects the ids of
each collection, so a reference resolves wherever its target is in the file (a file
may list citations before the events they cite, or relationships before the entities
they join). Inside one transaction the ids are then mapped (``jsonio._allocate_ids``)
and the second read checks each record (``jsonio._plan_record``) and hands its rows to
the shared bulk path (``db.bulkload``), which writes them in batches and fills the
search index for exactly the new rows at the end. Any problem: the problems are listed
(up to ``MAX_PROBLEMS``) and the transaction rolls back, so nothing is written.

Memory holds the ids (a few tens of bytes each) and one batch of rows, never the file.
A document may come from a file (``import_file``, read twice) or a dict already in
memory (``import_data``): both walk the same ``Member`` stream.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db import jsonio, rows
from db.bulkload import BulkLoad
from db.cancel import CancelledFn, ProgressFn, cancel_check
from db.errors import ValidationError
from db.jsonread import Member, members, open_input
from db.store import Store
from models.records import Citation, Claim, Entity, Event, Relationship, Source

__all__ = ["Walk", "import_dict", "import_file", "import_walk"]

# Each call walks the document from its start.
Walk = Callable[[], Iterator[Member]]
# Where a record is, for problems: (collection, index, item) -> "events[3]".
Where = Callable[[str, int, Any], str]

_COLUMNS = {
    "sources": ("id", *rows.source_row(Source(title="t"))),
    "entities": ("id", *rows.entity_row(Entity(kind="person", name="n"))),
    "events": ("id", *rows.event_row(Event(title="t", date="2000"))),
    "relationships": ("id", *rows.relationship_row(Relationship(1, 2, "k"))),
    "claims": ("id", *rows.claim_row(Claim("event", 1, "2000"))),
    "citations": ("id", *rows.citation_row(Citation(1, "event", 1))),
}
_PARTICIPANTS = ("event_id", "entity_id", "role")


@dataclass
class _Scan:
    """What the first read found: the top level's plain members and every record's id."""

    top: dict[str, Any] = field(default_factory=dict)
    ids: dict[str, list[Any]] = field(default_factory=dict)
    total: int = 0


def _index_where(collection: str, index: int, item: Any) -> str:
    return f"{collection}[{index}]"


def _scan(walk: Walk, check: Callable[[], None], where: Where) -> _Scan:
    scan = _Scan()
    seen: set[str] = set()
    for key, value, records in walk():
        jsonio._check_text(key, "a top-level key")
        if key in seen:
            raise ValidationError(f"the top-level key {key!r} appears more than once; "
                                  f"nothing was imported")
        seen.add(key)
        if records is None:
            jsonio._check_texts(value, key)
            scan.top[key] = value
            continue
        ids = scan.ids.setdefault(key, [])
        for index, item in records:
            if scan.total % jsonio.PROGRESS_EVERY == 0:
                check()
            jsonio._check_texts(item, where(key, index, item))
            ids.append(item.get("id") if isinstance(item, dict) else None)
            scan.total += 1
    jsonio._check_top(scan.top)
    return scan


def import_walk(store: Store, walk: Walk, progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None,
                where: Where = _index_where) -> dict[str, int]:
    """Add every record the walk yields, all or nothing; the counts added."""
    check = cancel_check(cancelled)
    scan = _scan(walk, check, where)
    counts = dict.fromkeys(jsonio.COLLECTIONS, 0)
    with store.transaction(), BulkLoad(store, check, scan.total) as load:
        plan = jsonio._Plan()
        firsts = {c: jsonio._allocate_ids(store, plan, c, scan.ids.get(c, []))
                  for c in jsonio.COLLECTIONS}
        _declare(load, firsts, scan)
        done = 0
        for key, _, records in walk():
            for index, item in records or ():
                if done % jsonio.PROGRESS_EVERY == 0:
                    check()
                    if progress is not None:
                        progress(done, scan.total)
                counts[key] += _plan_one(plan, load, key, where(key, index, item), item)
                done += 1
        if plan.problems:
            raise ValidationError(plan.problems)
        plan.ids.clear()  # before the search index is filled, which takes memory of its own
    if progress is not None:
        progress(scan.total, scan.total)
    return {c: n for c, n in counts.items() if c not in jsonio.OPTIONAL or n}


def _declare(load: BulkLoad, firsts: dict[str, int], scan: _Scan) -> None:
    """The tables in the order their rows are written (parents first)."""
    for collection in jsonio.COLLECTIONS:
        first = firsts[collection] if scan.ids.get(collection) else None
        load.table(jsonio._TABLES[collection], _COLUMNS[collection], first)
        if collection == "events":
            load.table("event_participants", _PARTICIPANTS, None, "INSERT OR IGNORE")


def _plan_one(plan: jsonio._Plan, load: BulkLoad, collection: str, where: str,
              item: Any) -> int:
    """Check one record and hand its rows to ``load``; 1 if it passed, else 0."""
    planned = jsonio._plan_record(plan, collection, where, item)
    if planned is None:
        load.pause()
        return 0
    row, record_id = planned[0], planned[1]
    table = jsonio._TABLES[collection]
    load.add(table, [record_id, *(row[c] for c in _COLUMNS[collection][1:])])
    if collection == "events":
        event: Event = planned[2]
        for person in event.participants:
            load.add("event_participants", (record_id, person.entity_id, person.role.strip()))
        for tag in event.tags:
            load.tag(record_id, tag)
    return 1


def _dict_walk(data: dict[str, Any]) -> Walk:
    def walk() -> Iterator[Member]:
        for key, value in data.items():
            if key in jsonio.COLLECTIONS and isinstance(value, list):
                yield key, None, iter(enumerate(value))
            else:
                yield key, value, None
    return walk


def _file_walk(path: Path) -> Walk:
    def walk() -> Iterator[Member]:
        with open_input(path) as handle:
            yield from members(handle, str(path), jsonio.COLLECTIONS)
    return walk


def import_dict(store: Store, data: dict[str, Any], progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None) -> dict[str, int]:
    """A document already in memory (``jsonio.loads``)."""
    if not isinstance(data, dict):
        raise ValidationError("not a Threadline JSON file: the top level is not an object")
    return import_walk(store, _dict_walk(data), progress, cancelled)


def import_file(store: Store, path: Path, progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None) -> dict[str, int]:
    """A Threadline JSON file, read twice as a stream; never whole in memory."""
    return import_walk(store, _file_walk(Path(path)), progress, cancelled)
