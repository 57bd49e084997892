"""CSV export: one file per kind of record, for spreadsheets and scripts.

``events.csv`` uses the column names the CSV import reads by default (see
``db.csvio.DEFAULT_COLUMNS``), so exporting and importing it gives the same events;
the id columns (``id``, ``participant_ids``, ``source_ids``, and the references in
``relationships.csv`` and ``citations.csv``) keep the files joinable with each other.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from db import rows
from db.export.atomic import ExportError, atomic_file, atomic_folder
from db.export.csvformat import format_participant, join_list, neutralise
from db.export.jsonstream import events_in_batches
from db.store import Store
from models.dates import iso_from_jdn
from models.records import Citation, Event

Table = tuple[list[str], Iterable[list[Any]]]

EVENT_COLUMNS = ["id", "date", "end_date", "earliest", "latest", "title", "summary",
                 "category", "location", "participants", "participant_ids", "tags", "notes",
                 "source", "source_ids", "locator", "excerpt", "confidence", "inferred"]


def _iso(day: int | None) -> str:
    return "" if day is None else iso_from_jdn(day)


def _blank(value: Any) -> Any:
    return "" if value is None else value


class _Lookup:
    """Names of entities and titles of sources by id, read once, so each row is built
    without a query. Only these small columns are held: events, citations and
    relationships are read as they are written, so memory does not grow with them."""

    def __init__(self, store: Store) -> None:
        self.entities: dict[int, tuple[str, str]] = {
            i: (name, kind) for i, name, kind in
            store.conn.execute("SELECT id, name, kind FROM entities ORDER BY id")}
        self.sources: dict[int, str] = dict(
            store.conn.execute("SELECT id, title FROM sources ORDER BY id"))

    def name(self, entity_id: int) -> str:
        return self.entities[entity_id][0]


def _cited(store: Store, first: int, last: int) -> dict[int, list[Citation]]:
    """Citations of the events with ids ``first``..``last``, by event, in id order."""
    found: dict[int, list[Citation]] = {}
    for row in store.db.query("SELECT * FROM citations WHERE event_id BETWEEN ? AND ? "
                              "ORDER BY id", [first, last]):
        citation = rows.citation_from(row)
        found.setdefault(citation.target_id, []).append(citation)
    return found


def event_table(store: Store, lookup: _Lookup) -> Table:
    def each() -> Iterator[list[Any]]:
        for batch in events_in_batches(store):
            cited = _cited(store, batch[0].id or 0, batch[-1].id or 0)
            for event in batch:
                yield _event_row(event, cited.get(event.id or 0, []), lookup)
    return EVENT_COLUMNS, each()


def _event_row(event: Event, cited: list[Citation], lookup: _Lookup) -> list[Any]:
    people = [(p.entity_id, *lookup.entities[p.entity_id], p.role)
              for p in event.participants]
    return [event.id, event.date, event.end_date, _iso(event.earliest), _iso(event.latest),
            event.title, event.summary, event.category, event.location,
            join_list(format_participant(name, kind, role) for _, name, kind, role in people),
            join_list(str(i) for i, *_ in people), join_list(event.tags), event.notes,
            *_citation_cells(cited, lookup), "yes" if event.inferred else ""]


def _citation_cells(cited: list[Citation], lookup: _Lookup) -> list[str]:
    """source, source_ids, locator, excerpt, confidence: as the import pairs them.

    One citation: locator and excerpt as they are. Several: each a ';' list in the
    order of the sources (blank when every item is blank).
    """
    titles = join_list(lookup.sources[c.source_id] for c in cited)
    ids = join_list(str(c.source_id) for c in cited)
    parts = [[c.locator for c in cited], [c.excerpt for c in cited],
             [str(_blank(c.confidence)) for c in cited]]
    if len(cited) == 1:
        return [titles, ids, *(items[0] for items in parts)]
    return [titles, ids, *(join_list(items) if any(items) else "" for items in parts)]


def _records(store: Store, table: str, convert: Callable[[Any], Any]) -> Iterator[Any]:
    return (convert(r) for r in store.db.query(f"SELECT * FROM {table} ORDER BY id"))


def entity_table(store: Store, lookup: _Lookup) -> Table:
    header = ["id", "kind", "name", "native_name", "aliases", "description", "date",
              "end_date", "earliest", "latest", "notes"]
    return header, ([e.id, e.kind, e.name, e.native_name, join_list(e.aliases),
                     e.description, e.date, e.end_date, _iso(e.earliest), _iso(e.latest),
                     e.notes] for e in _records(store, "entities", rows.entity_from))


def relationship_table(store: Store, lookup: _Lookup) -> Table:
    header = ["id", "from_id", "from_name", "to_id", "to_name", "kind", "directed", "date",
              "end_date", "earliest", "latest", "description", "notes"]
    name = lookup.name
    return header, ([r.id, r.from_id, name(r.from_id), r.to_id, name(r.to_id), r.kind,
                     "true" if r.directed else "false", r.date, r.end_date,
                     _iso(r.earliest), _iso(r.latest), r.description, r.notes]
                    for r in _records(store, "relationships", rows.relationship_from))


def source_table(store: Store, lookup: _Lookup) -> Table:
    header = ["id", "title", "author", "publisher", "date", "earliest", "latest", "url",
              "kind", "reliability", "notes", "content"]
    return header, ([s.id, s.title, s.author, s.publisher, s.date, _iso(s.earliest),
                     _iso(s.latest), s.url, s.kind, s.reliability, s.notes, s.content]
                    for s in _records(store, "sources", rows.source_from))


def claim_table(store: Store, lookup: _Lookup) -> Table:
    """Alternative and rejected claims (claims.csv): another date of an event, another
    kind or dates of a relationship; what the record holds is its preferred claim."""
    header = ["id", "target_type", "target_id", "status", "kind", "date", "end_date",
              "earliest", "latest", "note"]
    return header, ([c.id, c.target_type, c.target_id, c.status, c.kind, c.date,
                     c.end_date, _iso(c.earliest), _iso(c.latest), c.note]
                    for c in _records(store, "claims", rows.claim_from))


_CITATIONS_WITH_TARGETS = (
    "SELECT citations.*, events.title AS _event_title, relationships.kind AS _kind, "
    "relationships.from_id AS _from, relationships.to_id AS _to, "
    "claims.date AS _claim_date, claims.kind AS _claim_kind FROM citations "
    "LEFT JOIN events ON events.id = citations.event_id "
    "LEFT JOIN relationships ON relationships.id = citations.relationship_id "
    "LEFT JOIN claims ON claims.id = citations.claim_id "
    "ORDER BY citations.id")


def citation_table(store: Store, lookup: _Lookup) -> Table:
    header = ["id", "source_id", "source_title", "target_type", "target_id", "target",
              "locator", "excerpt", "confidence"]

    def each() -> Iterator[list[Any]]:
        for row in store.db.query(_CITATIONS_WITH_TARGETS):
            c = rows.citation_from(row)
            yield [c.id, c.source_id, lookup.sources[c.source_id], c.target_type,
                   c.target_id, _target_name(c.target_type, c.target_id, row, lookup),
                   c.locator, c.excerpt, _blank(c.confidence)]
    return header, each()


def _target_name(kind: str, target_id: int, row: dict[str, Any], lookup: _Lookup) -> str:
    """A readable name for a citation's target, so citations.csv reads on its own."""
    if kind == "event":
        return str(row["_event_title"])
    if kind == "entity":
        return lookup.name(target_id)
    if kind == "claim":
        said = " ".join(p for p in (row["_claim_kind"], row["_claim_date"]) if p)
        return f"claim: {said}"
    return f"{lookup.name(row['_from'])} {row['_kind']} {lookup.name(row['_to'])}"


TABLES: dict[str, Callable[[Store, _Lookup], Table]] = {
    "events.csv": event_table, "entities.csv": entity_table,
    "relationships.csv": relationship_table, "sources.csv": source_table,
    "citations.csv": citation_table,
}
# Written only when the file has such rows (older files export as they did): name ->
# (the table read, its builder).
OPTIONAL_TABLES: dict[str, tuple[str, Callable[[Store, _Lookup], Table]]] = {
    "claims.csv": ("claims", claim_table),
}


def _write_table(handle: IO[str], table: Table, raw: bool = False) -> None:
    """One table; text a spreadsheet would run as a formula is neutralised unless ``raw``."""
    writer = csv.writer(handle)  # RFC 4180: CRLF, quotes doubled inside quoted fields
    header, table_rows = table
    writer.writerow(header)
    writer.writerows(table_rows if raw else ([neutralise(c) for c in row]
                                             for row in table_rows))


def lookup_of(store: Store) -> _Lookup:
    """What the table builders share: names and titles by id, read once."""
    return _Lookup(store)


def table_names(store: Store) -> list[str]:
    """The files a CSV export writes: every kind, claims only where there are some."""
    return [*TABLES, *(name for name, (table, _) in OPTIONAL_TABLES.items()
                       if store.conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})"
                                             ).fetchone()[0])]


def table_of(name: str) -> Callable[[Store, _Lookup], Table]:
    """The builder of the file ``name`` of a CSV export."""
    return TABLES[name] if name in TABLES else OPTIONAL_TABLES[name][1]


def _tables(store: Store, names: Iterable[str]) -> Iterator[tuple[str, Table]]:
    lookup = _Lookup(store)
    for name in names:
        yield name, table_of(name)(store, lookup)


def _encoding(bom: bool) -> str:
    """UTF-8 with a byte-order mark by default: without it Excel on Windows reads the
    file in the local code page and garbles dashes and Chinese or Korean script."""
    return "utf-8-sig" if bom else "utf-8"


def export_csv(store: Store, out: Path, bom: bool = True, raw: bool = False) -> list[str]:
    """Write every kind of record as CSV files into a folder or a .zip; ``raw`` keeps
    text that starts like a formula as it is (``csvformat.neutralise``).

    A ``*.csv`` target is refused: one file can hold one kind, and writing events
    alone under a name that promises the export would lose the rest without a word.
    ``export_events_csv`` writes the events alone when that is what is asked for.
    """
    suffix = "" if out.is_dir() else out.suffix.lower()
    names = table_names(store)
    if suffix == ".csv":
        raise ExportError(f"{out.name} would hold the events only; export to "
                          f"{out.with_suffix('.zip').name} or a folder for every kind of "
                          f"record, or choose the format csv-events for the events alone")
    if suffix == ".zip":
        with atomic_file(out, binary=True) as handle, \
                zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, table in _tables(store, names):
                with archive.open(name, "w") as member, \
                        io.TextIOWrapper(member, encoding=_encoding(bom), newline="") as text:
                    _write_table(text, table, raw)
        return names
    if suffix:
        raise ExportError(f"a CSV export goes to a folder or a .zip, not {out.name}")
    with atomic_folder(out) as folder:
        for name, table in _tables(store, names):
            with open(folder / name, "x", encoding=_encoding(bom), newline="") as handle:
                _write_table(handle, table, raw)
    return names


def export_events_csv(store: Store, out: Path, bom: bool = True,
                      raw: bool = False) -> list[str]:
    """The events alone as one CSV file, as the CSV import reads it by default."""
    with atomic_file(out, binary=True) as binary, \
            io.TextIOWrapper(binary, encoding=_encoding(bom), newline="") as handle:
        for _, table in _tables(store, ["events.csv"]):
            _write_table(handle, table, raw)
    return [out.name]
