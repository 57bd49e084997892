"""A workbook with a sheet per kind of record, imported whole: events, entities,
relationships, sources, competing claims and citations, as the .xlsx export (and the CSV
zip) lays them out.

The sheets are named as the CSV zip's files without ".csv" and hold the same columns
(``db.export.tables``); each row becomes a record of the Threadline JSON format and the
JSON import checks and writes them (``db.jsonimport``): ids kept or remapped,
references by id in any order, all or nothing, the search index filled for the new
rows. So exporting to .xlsx and importing the workbook into a new file gives what the
CSV zip holds. The events sheet is read through the CSV import's column mapping
(``db.csvio.resolve_columns``), so a workbook typed by hand with other headers can be
mapped as a CSV file is; its ``id``, ``participant_ids`` and ``source_ids`` columns
are read by name. Without ``participant_ids`` a participant is found by name in the
entities sheet; without a citations sheet an event's ``source_ids`` (or ``source``
titles from the sources sheet) with ``locator``/``excerpt``/``confidence`` give its
citations, paired as the CSV import pairs them.

Problems name the sheet and the row the spreadsheet shows: ``events sheet row 7``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineError

from db.cancel import CancelledFn, ProgressFn
from db.csvio import CITATION_PARTS, confidence_cell, resolve_columns, yes_no_cell
from db.errors import ValidationError
from db.export.csvformat import Record, parse_participant, split_list
from db.jsonimport import import_walk
from db.jsonread import Member
from db.sheets import _open, read_sheet
from db.store import Store

__all__ = ["KINDS", "import_workbook", "is_workbook", "kinds_in"]

KINDS = ("sources", "entities", "events", "relationships", "claims", "citations")
MAX_PROBLEMS = 100
# Columns read as they are (JSON key = column name), per sheet; the rest are converted.
_PLAIN = {
    "sources": ("title", "author", "publisher", "date", "url", "kind", "reliability",
                "notes", "content"),
    "entities": ("kind", "name", "native_name", "description", "date", "end_date", "notes"),
    "relationships": ("kind", "date", "end_date", "description", "notes"),
    "claims": ("target_type", "status", "kind", "date", "end_date", "note"),
    "citations": ("target_type", "locator", "excerpt"),
}
_REQUIRED = {"sources": ("title",), "entities": ("kind", "name"),
             "relationships": ("kind",), "claims": ("target_type",),
             "citations": ("target_type",)}


def kinds_in(path: Path) -> list[str]:
    """The kinds of record the workbook has a sheet for (by the sheet's name)."""
    book = _open(path)
    try:
        names = {name.strip().casefold() for name in book.sheet_names}
    except CalamineError as exc:  # pragma: no cover - calamine read the names at open
        raise ValidationError(f"cannot read {path.name}: {exc}") from None
    finally:
        book.close()
    return [kind for kind in KINDS if kind in names]


def is_workbook(path: Path) -> bool:
    """True for a workbook of several kinds (an events sheet and at least one other)."""
    kinds = kinds_in(path)
    return "events" in kinds and len(kinds) > 1


# -- cells -----------------------------------------------------------------------------

def _id(text: str) -> int | str:
    """A sheet's id cell: a whole number is an integer id, anything else a text id."""
    text = text.strip()
    return int(text) if text.lstrip("-").isdigit() else text


def _norm(header: str) -> str:
    return " ".join(header.replace("_", " ").split()).casefold()


@dataclass
class _Sheet:
    """One kind's records in the JSON format, and where each is in the workbook."""

    kind: str
    items: list[dict[str, Any]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # "events sheet row 7", per item


@dataclass
class _Book:
    sheets: dict[str, _Sheet] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    names: dict[tuple[str, str], int | str] = field(default_factory=dict)  # (kind, name)
    titles: dict[str, int | str] = field(default_factory=dict)

    def problem(self, kind: str, record: Record, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{kind} sheet row {record.line}: {message}")


def _cells(header: list[str], record: Record) -> dict[str, str]:
    """Cell text by normalized column name (the first column of a name wins)."""
    found: dict[str, str] = {}
    for name, text in zip(header, record.cells, strict=False):
        found.setdefault(_norm(name).replace(" ", "_"), text)
    return found


def _plain_item(kind: str, cells: dict[str, str]) -> dict[str, Any]:
    item: dict[str, Any] = {"id": _id(cells.get("id", ""))}
    for key in _PLAIN[kind]:
        text = cells.get(key, "")
        if text.strip() or key in _REQUIRED[kind]:
            item[key] = text
    return item


def _entity(cells: dict[str, str]) -> dict[str, Any]:
    item = _plain_item("entities", cells)
    item["aliases"] = split_list(cells.get("aliases", ""))
    return item


def _relationship(cells: dict[str, str]) -> dict[str, Any]:
    item = _plain_item("relationships", cells)
    item["from_id"], item["to_id"] = _id(cells.get("from_id", "")), _id(cells.get("to_id", ""))
    item["directed"] = yes_no_cell(cells.get("directed", "") or "true", "directed")
    if cells.get("inferred", "").strip():
        item["inferred"] = yes_no_cell(cells["inferred"], "inferred")
    return item


def _claim(cells: dict[str, str]) -> dict[str, Any]:
    item = _plain_item("claims", cells)
    item["target_id"] = _id(cells.get("target_id", ""))
    return item


def _citation(cells: dict[str, str]) -> dict[str, Any]:
    item = _plain_item("citations", cells)
    item["source_id"], item["target_id"] = (_id(cells.get("source_id", "")),
                                            _id(cells.get("target_id", "")))
    item["confidence"] = confidence_cell(cells.get("confidence", ""))
    return item


_CONVERT: dict[str, Callable[[dict[str, str]], dict[str, Any]]] = {
    "sources": lambda cells: _plain_item("sources", cells), "entities": _entity,
    "relationships": _relationship, "claims": _claim, "citations": _citation,
}


# -- the events sheet ------------------------------------------------------------------

class _Events:
    """Rows of the events sheet as events (and their citations, if no sheet has them)."""

    def __init__(self, book: _Book, header: list[str], mapping: dict[str, str] | None,
                 cite: bool) -> None:
        self.book, self.cite = book, cite
        self.columns = resolve_columns(header, mapping)
        by_name = {_norm(h): i for i, h in reversed(list(enumerate(header)))}
        self.extra = {key: by_name.get(_norm(key)) for key in
                      ("id", "participant_ids", "source_ids")}

    def read(self, record: Record) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        cells = {name: record.cells[i] for name, i in self.columns.items()}
        cells.update({name: record.cells[i] for name, i in self.extra.items()
                      if i is not None})
        given = cells.get("id", "").strip()
        event_id = _id(given) if given else f"events sheet row {record.line}"
        item: dict[str, Any] = {"id": event_id, "title": cells.get("title", ""),
                                "date": cells.get("date", "")}
        for key in ("summary", "end_date", "category", "location", "notes"):
            if cells.get(key, "").strip():
                item[key] = cells[key]
        item["tags"] = split_list(cells.get("tags", ""))
        if cells.get("inferred", "").strip():
            item["inferred"] = yes_no_cell(cells["inferred"], "inferred")
        item["participants"] = self.participants(cells)
        return item, self.citations(event_id, cells) if self.cite else []

    def participants(self, cells: dict[str, str]) -> list[dict[str, Any]]:
        texts = split_list(cells.get("participants", ""))
        ids = split_list(cells.get("participant_ids", ""))
        if ids:
            roles = ([parse_participant(t)[2] for t in texts] if len(texts) == len(ids)
                     else [""] * len(ids))
            return [{"entity_id": _id(i), "role": r} for i, r in zip(ids, roles, strict=True)]
        return [self.person(text) for text in texts]

    def person(self, text: str) -> dict[str, Any]:
        """A participant named as the CSV import reads it: the whole text as a name
        first (an entity named "Kuomintang (KMT)"), then ``kind:Name (role)``."""
        whole = (None, text.strip().casefold())
        if whole in self.book.names:
            return {"entity_id": self.book.names[whole], "role": ""}
        kind, name, role = parse_participant(text)
        key = (kind, name.casefold())
        if key in self.book.names:
            return {"entity_id": self.book.names[key], "role": role}
        raise ValidationError(f"participant {text!r} is not in the entities sheet")

    def citations(self, event_id: int | str, cells: dict[str, str]) -> list[dict[str, Any]]:
        sources = [_id(i) for i in split_list(cells.get("source_ids", ""))]
        if not sources:
            sources = [self.source(title) for title in split_list(cells.get("source", ""))]
        parts = {name: cells.get(name, "") for name in CITATION_PARTS}
        if not sources:
            given = [name for name, text in parts.items() if text.strip()]
            if given:
                raise ValidationError(f"{given[0]} given without a source")
            return []
        if len(sources) == 1:
            lists = {name: [text.strip()] for name, text in parts.items()}
        else:
            lists = {name: split_list(text, keep_blank=True) or [""] * len(sources)
                     for name, text in parts.items()}
            for name, items in lists.items():
                if len(items) != len(sources):
                    raise ValidationError(f"{len(sources)} sources but {len(items)} {name} "
                                          f"entries (separate them with ';' in the same order)")
        return [{"id": f"event {event_id} citation {n + 1}", "source_id": source,
                 "target_type": "event", "target_id": event_id,
                 "locator": lists["locator"][n], "excerpt": lists["excerpt"][n],
                 "confidence": confidence_cell(lists["confidence"][n])}
                for n, source in enumerate(sources)]

    def source(self, title: str) -> int | str:
        found = self.book.titles.get(title.strip().casefold())
        if found is None:
            raise ValidationError(f"source {title!r} is not in the sources sheet")
        return found


# -- the workbook ----------------------------------------------------------------------

def _add(book: _Book, kind: str, item: dict[str, Any], label: str) -> None:
    sheet = book.sheets.setdefault(kind, _Sheet(kind))
    sheet.items.append(item)
    sheet.labels.append(label)


def read_book(path: Path, mapping: dict[str, str] | None = None) -> _Book:
    """Every sheet's rows as records; conversion problems listed by sheet row."""
    kinds = kinds_in(path)
    book = _Book()
    for kind in ("sources", "entities", "relationships", "claims", "citations"):
        if kind not in kinds:
            continue
        header, records = read_sheet(path, kind)
        for record in records:
            label = f"{kind} sheet row {record.line}"
            try:
                item = _CONVERT[kind](_cells(header, record))
            except ValidationError as exc:
                book.problem(kind, record, str(exc))
                continue
            if item["id"] == "":  # a sheet typed without ids: the row names the record
                item["id"] = label
            _add(book, kind, item, label)
    for item in book.sheets.get("entities", _Sheet("entities")).items:
        name = str(item.get("name", "")).strip().casefold()
        book.names.setdefault((None, name), item["id"])
        book.names.setdefault((str(item.get("kind", "")), name), item["id"])
    for item in book.sheets.get("sources", _Sheet("sources")).items:
        book.titles.setdefault(str(item.get("title", "")).strip().casefold(), item["id"])
    header, records = read_sheet(path, "events")
    events = _Events(book, header, mapping, cite="citations" not in kinds)
    for record in records:
        try:
            item, cited = events.read(record)
        except ValidationError as exc:
            book.problem("events", record, str(exc))
            continue
        _add(book, "events", item, f"events sheet row {record.line}")
        for citation in cited:
            _add(book, "citations", citation, f"events sheet row {record.line}")
    return book


def import_workbook(store: Store, path: Path, mapping: dict[str, str] | None = None,
                    progress: ProgressFn | None = None,
                    cancelled: CancelledFn | None = None) -> dict[str, int]:
    """Every sheet's records added in one transaction, all or nothing; the counts."""
    book = read_book(Path(path), mapping)
    if book.problems:
        raise ValidationError(book.problems)

    def walk() -> Iterator[Member]:
        for kind in KINDS:
            if kind in book.sheets:
                yield kind, None, iter(enumerate(book.sheets[kind].items))

    def where(kind: str, index: int, item: Any) -> str:
        return book.sheets[kind].labels[index]

    return import_walk(store, walk, progress, cancelled, where)
