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

from db.export.atomic import ExportError, atomic_file, atomic_folder
from db.export.csvformat import format_participant, join_list
from db.store import Store
from models.dates import iso_from_jdn
from models.records import Citation, Entity, Event, Source

Table = tuple[list[str], Iterable[list[Any]]]

EVENT_COLUMNS = ["id", "date", "end_date", "earliest", "latest", "title", "summary",
                 "category", "location", "participants", "participant_ids", "tags", "notes",
                 "source", "source_ids", "locator", "excerpt", "confidence", "inferred"]


def _iso(day: int | None) -> str:
    return "" if day is None else iso_from_jdn(day)


def _blank(value: Any) -> Any:
    return "" if value is None else value


class _Lookup:
    """Names and titles by id, read once, so each row is built without a query."""

    def __init__(self, store: Store) -> None:
        self.entities: dict[int, Entity] = {e.id: e for e in store.entities() if e.id}
        self.sources: dict[int, Source] = {s.id: s for s in store.sources() if s.id}
        self.citations = store.citations()
        self.of_event: dict[int, list[Citation]] = {}
        for citation in self.citations:
            if citation.target_type == "event":
                self.of_event.setdefault(citation.target_id, []).append(citation)


def event_table(store: Store, lookup: _Lookup) -> Table:
    return EVENT_COLUMNS, (_event_row(e, lookup) for e in store.events())


def _event_row(event: Event, lookup: _Lookup) -> list[Any]:
    people = [(lookup.entities[p.entity_id], p.role) for p in event.participants]
    return [event.id, event.date, event.end_date, _iso(event.earliest), _iso(event.latest),
            event.title, event.summary, event.category, event.location,
            join_list(format_participant(e.name, e.kind, role) for e, role in people),
            join_list(str(e.id) for e, _ in people), join_list(event.tags), event.notes,
            *_citation_cells(lookup.of_event.get(event.id or 0, []), lookup),
            "yes" if event.inferred else ""]


def _citation_cells(cited: list[Citation], lookup: _Lookup) -> list[str]:
    """source, source_ids, locator, excerpt, confidence: as the import pairs them.

    One citation: locator and excerpt as they are. Several: each a ';' list in the
    order of the sources (blank when every item is blank).
    """
    titles = join_list(lookup.sources[c.source_id].title for c in cited)
    ids = join_list(str(c.source_id) for c in cited)
    parts = [[c.locator for c in cited], [c.excerpt for c in cited],
             [str(_blank(c.confidence)) for c in cited]]
    if len(cited) == 1:
        return [titles, ids, *(items[0] for items in parts)]
    return [titles, ids, *(join_list(items) if any(items) else "" for items in parts)]


def entity_table(store: Store, lookup: _Lookup) -> Table:
    header = ["id", "kind", "name", "native_name", "aliases", "description", "date",
              "end_date", "earliest", "latest", "notes"]
    return header, ([e.id, e.kind, e.name, e.native_name, join_list(e.aliases),
                     e.description, e.date, e.end_date, _iso(e.earliest), _iso(e.latest),
                     e.notes] for e in lookup.entities.values())


def relationship_table(store: Store, lookup: _Lookup) -> Table:
    header = ["id", "from_id", "from_name", "to_id", "to_name", "kind", "directed", "date",
              "end_date", "earliest", "latest", "description", "notes"]
    names = {i: e.name for i, e in lookup.entities.items()}
    return header, ([r.id, r.from_id, names[r.from_id], r.to_id, names[r.to_id], r.kind,
                     "true" if r.directed else "false", r.date, r.end_date,
                     _iso(r.earliest), _iso(r.latest), r.description, r.notes]
                    for r in store.relationships())


def source_table(store: Store, lookup: _Lookup) -> Table:
    header = ["id", "title", "author", "publisher", "date", "earliest", "latest", "url",
              "kind", "reliability", "notes", "content"]
    return header, ([s.id, s.title, s.author, s.publisher, s.date, _iso(s.earliest),
                     _iso(s.latest), s.url, s.kind, s.reliability, s.notes, s.content]
                    for s in lookup.sources.values())


def citation_table(store: Store, lookup: _Lookup) -> Table:
    header = ["id", "source_id", "source_title", "target_type", "target_id", "target",
              "locator", "excerpt", "confidence"]
    targets = _target_names(store, lookup)
    return header, ([c.id, c.source_id, lookup.sources[c.source_id].title, c.target_type,
                     c.target_id, targets.get((c.target_type, c.target_id), ""), c.locator,
                     c.excerpt, _blank(c.confidence)] for c in lookup.citations)


def _target_names(store: Store, lookup: _Lookup) -> dict[tuple[str, int], str]:
    """A readable name for each citation target, so citations.csv reads on its own."""
    names: dict[tuple[str, int], str] = {("entity", i): e.name
                                         for i, e in lookup.entities.items()}
    sql = "SELECT id, title FROM events"
    names.update({("event", i): title for i, title in store.conn.execute(sql)})
    for r in store.relationships():
        names[("relationship", r.id or 0)] = (f"{lookup.entities[r.from_id].name} {r.kind} "
                                              f"{lookup.entities[r.to_id].name}")
    return names


TABLES: dict[str, Callable[[Store, _Lookup], Table]] = {
    "events.csv": event_table, "entities.csv": entity_table,
    "relationships.csv": relationship_table, "sources.csv": source_table,
    "citations.csv": citation_table,
}


def _write_table(handle: IO[str], table: Table) -> None:
    writer = csv.writer(handle)  # RFC 4180: CRLF, quotes doubled inside quoted fields
    header, table_rows = table
    writer.writerow(header)
    writer.writerows(table_rows)


def _tables(store: Store, names: Iterable[str]) -> Iterator[tuple[str, Table]]:
    lookup = _Lookup(store)
    for name in names:
        yield name, TABLES[name](store, lookup)


def export_csv(store: Store, out: Path) -> list[str]:
    """Write the CSV files into a folder, a .zip, or (for ``*.csv``) events alone."""
    suffix = "" if out.is_dir() else out.suffix.lower()
    if suffix == ".csv":
        with atomic_file(out) as handle:
            for _, table in _tables(store, ["events.csv"]):
                _write_table(handle, table)
        return [out.name]
    if suffix == ".zip":
        with atomic_file(out, binary=True) as handle, \
                zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, table in _tables(store, TABLES):
                with archive.open(name, "w") as member, \
                        io.TextIOWrapper(member, encoding="utf-8", newline="") as text:
                    _write_table(text, table)
        return list(TABLES)
    if suffix:
        raise ExportError(f"a CSV export goes to a folder, a .zip or a .csv file (events "
                          f"only), not {out.name}")
    with atomic_folder(out) as folder:
        for name, table in _tables(store, TABLES):
            with open(folder / name, "x", encoding="utf-8", newline="") as handle:
                _write_table(handle, table)
    return list(TABLES)
