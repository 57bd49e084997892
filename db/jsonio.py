"""The Threadline JSON format (docs/json-format.md): export a whole file, import all or nothing.

Import checks every record: keys and types, dates (parsed with ``models.dates``),
references between records. Any problem means nothing is written and
``ValidationError`` lists each problem by collection, position and id. The import
itself streams (``db.jsonimport``): a first read collects every id, so references
resolve wherever their targets are, and a second checks and writes each record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db import rows, schema
from db.cancel import CancelledFn, ProgressFn
from db.claims import claim_from_json, claim_json
from db.errors import ValidationError, read_input_file
from db.store import Store
from models.dates import iso_from_jdn
from models.records import Citation, Entity, Event, Participant, Relationship, Source

FORMAT_NAME = "threadline"
FORMAT_VERSION = 1
COLLECTIONS = ("sources", "entities", "events", "relationships", "claims", "citations")
OPTIONAL = ("claims",)  # written only when the file has some: older files read the same
MAX_PROBLEMS = 100
PROGRESS_EVERY = 1000  # records checked between two progress reports and cancel checks

# Keys a record may carry; the first ones listed are required.
_KEYS: dict[str, tuple[set[str], set[str]]] = {
    "sources": ({"id", "title"}, {"author", "publisher", "date", "earliest", "latest", "url",
                                  "kind", "reliability", "notes", "content"}),
    "entities": ({"id", "kind", "name"}, {"native_name", "aliases", "description", "date",
                                          "end_date", "earliest", "latest", "notes"}),
    "events": ({"id", "title", "date"}, {"summary", "end_date", "earliest", "latest",
                                         "category", "location", "participants", "tags",
                                         "notes", "inferred"}),
    "relationships": ({"id", "from_id", "to_id", "kind"},
                      {"directed", "date", "end_date", "earliest", "latest", "description",
                       "notes", "inferred"}),
    "claims": ({"id", "target_type", "target_id"},
               {"status", "kind", "date", "end_date", "earliest", "latest", "note"}),
    "citations": ({"id", "source_id", "target_type", "target_id"},
                  {"locator", "excerpt", "confidence"}),
}
_TABLES = {"sources": "sources", "entities": "entities", "events": "events",
           "relationships": "relationships", "claims": "claims", "citations": "citations"}
_TARGET_COLLECTION = {"event": "events", "entity": "entities", "relationship": "relationships",
                      "claim": "claims"}


# -- export ----------------------------------------------------------------------------

def _iso(day: int | None) -> str | None:
    return None if day is None else iso_from_jdn(day)


def export_data(store: Store) -> dict[str, Any]:
    """The whole database as a JSON-ready dict, records in id order."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "sources": [source_json(s) for s in store.sources()],
        "entities": [entity_json(e) for e in store.entities()],
        "events": [event_json(e) for e in store.events()],
        "relationships": [relationship_json(r) for r in store.relationships()],
        **({"claims": claims} if (claims := [claim_json(c) for c in store.claims()]) else {}),
        "citations": [citation_json(c) for c in store.citations()],
    }


def dumps(data: dict[str, Any]) -> str:
    """Stable text: the same database always gives the same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def source_json(s: Source) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "author": s.author, "publisher": s.publisher,
            "date": s.date, "earliest": _iso(s.earliest), "latest": _iso(s.latest),
            "url": s.url, "kind": s.kind, "reliability": s.reliability, "notes": s.notes,
            "content": s.content}


def entity_json(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "kind": e.kind, "name": e.name, "native_name": e.native_name,
            "aliases": e.aliases, "description": e.description, "date": e.date,
            "end_date": e.end_date, "earliest": _iso(e.earliest), "latest": _iso(e.latest),
            "notes": e.notes}


def event_json(e: Event) -> dict[str, Any]:
    return {"id": e.id, "title": e.title, "summary": e.summary, "date": e.date,
            "end_date": e.end_date, "earliest": _iso(e.earliest), "latest": _iso(e.latest),
            "category": e.category, "location": e.location,
            "participants": [{"entity_id": p.entity_id, "role": p.role}
                             for p in e.participants],
            "tags": e.tags, "notes": e.notes, **_inferred(e.inferred)}


def relationship_json(r: Relationship) -> dict[str, Any]:
    return {"id": r.id, "from_id": r.from_id, "to_id": r.to_id, "kind": r.kind,
            "directed": r.directed, "date": r.date, "end_date": r.end_date,
            "earliest": _iso(r.earliest), "latest": _iso(r.latest),
            "description": r.description, "notes": r.notes, **_inferred(r.inferred)}


def _inferred(flag: bool) -> dict[str, Any]:
    """``"inferred": true`` only where it is set, so files of stated facts stay as they were."""
    return {"inferred": True} if flag else {}


def citation_json(c: Citation) -> dict[str, Any]:
    return {"id": c.id, "source_id": c.source_id, "target_type": c.target_type,
            "target_id": c.target_id, "locator": c.locator, "excerpt": c.excerpt,
            "confidence": c.confidence}


# -- import ----------------------------------------------------------------------------

@dataclass
class _Plan:
    """What an import will write, once every record has passed its checks."""

    ids: dict[str, dict[Any, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def problem(self, where: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{where}: {message}")


def loads(text: str) -> dict[str, Any]:
    """A JSON document whose every text is storable: one error for anything else."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    except RecursionError:
        raise ValidationError("not a Threadline JSON file: nested too deeply") from None
    if not isinstance(data, dict):
        raise ValidationError("not a Threadline JSON file: the top level is not an object")
    _check_texts(data)
    return data


def _check_texts(data: Any, where: str = "") -> None:
    """Refuse a text over ``schema.MAX_TEXT_CHARS`` (the CSV import's cap too: a bigger
    field would freeze the panels that show it) or one that is not Unicode (a lone
    surrogate), naming where it is (``events[0].summary``; ``where`` is ``data``'s)."""
    pending: list[tuple[Any, str]] = [(data, where)]
    while pending:
        value, where = pending.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                pending.append((key, f"{where} key"))
                pending.append((item, f"{where}.{key}" if where else str(key)))
        elif isinstance(value, list):
            pending.extend((item, f"{where}[{i}]") for i, item in enumerate(value))
        elif isinstance(value, str):
            _check_text(value, where or "the document")


def _check_text(value: str, where: str) -> None:
    if len(value) > schema.MAX_TEXT_CHARS:
        raise ValidationError(f"{where}: a text of {len(value):,} characters is over the "
                              f"limit of {schema.MAX_TEXT_CHARS:,}; nothing was imported")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(f"{where}: {value[:40]!r} is not valid Unicode (a lone "
                              "surrogate); nothing was imported") from None


def load_file(path: Path) -> dict[str, Any]:
    """A Threadline JSON file read as UTF-8 (a BOM is fine), with errors a user can act on."""
    try:
        text = read_input_file(path).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path} is not UTF-8 text (byte {exc.start})") from None
    return loads(text)


def import_data(store: Store, data: dict[str, Any], progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None) -> dict[str, int]:
    """Add every record of ``data`` to the store in one transaction; return the counts.

    ``progress(done, total)`` hears every ``PROGRESS_EVERY`` records checked, and
    ``(total, total)`` once written; ``cancelled()`` returning true (asked as often, and
    while the write's statements run) raises ``ImportCancelled``, nothing written.
    ``db.jsonimport.import_file`` reads a file the same way without loading it whole.
    """
    from db.jsonimport import import_dict

    return import_dict(store, data, progress, cancelled)


def _check_top(data: dict[str, Any]) -> None:
    if data.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise ValidationError(f"not a Threadline JSON file (format {data.get('format')!r})")
    version = data.get("version", FORMAT_VERSION)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ValidationError(f"JSON format version {version!r} is newer than this Threadline")
    unknown = set(data) - {"format", "version", *COLLECTIONS}
    if unknown:
        raise ValidationError(f"unknown top-level keys: {', '.join(sorted(unknown))}")
    for collection in COLLECTIONS:
        if not isinstance(data.get(collection, []), list):
            raise ValidationError(f"{collection} must be a list")


def _allocate_ids(store: Store, plan: _Plan, collection: str, wanted: list[Any]) -> int:
    """Map each file id to a database id: an integer above every id of the table is
    kept (so a file imported into a new one keeps its ids), the rest get new ones above
    those. Every new row is then above what the table held, which is what makes the
    import's undo a range delete (``db.ranges``); a free id in a gap is not reused.
    ``wanted``: the records' ids in file order. Returns the lowest id a new row can have."""
    table = _TABLES[collection]
    highest = store.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    taken: set[int] = {highest}
    mapping: dict[Any, int] = {}
    seen: set[Any] = set()
    for file_id in wanted:
        if isinstance(file_id, bool) or not isinstance(file_id, int | str):
            continue
        if file_id in seen:
            plan.problem(f"{collection} id {file_id!r}", "used by more than one record")
        elif isinstance(file_id, int) and file_id > schema.MAX_ID:
            plan.problem(f"{collection} id {file_id}", f"over the largest id Threadline "
                         f"can index ({schema.MAX_ID:,})")
        elif isinstance(file_id, int) and file_id > highest:
            mapping[file_id] = file_id
        seen.add(file_id)
    taken |= set(mapping.values())
    next_id = max(taken, default=0) + 1
    for file_id in wanted:
        if isinstance(file_id, int | str) and not isinstance(file_id, bool) \
                and file_id not in mapping:
            mapping[file_id] = next_id
            next_id += 1
    plan.ids[collection] = mapping
    return highest + 1


def _plan_record(plan: _Plan, collection: str, where: str, item: Any) -> tuple[Any, ...] | None:
    """The row (and id, and event) of one record, or None with its problem noted."""
    if not isinstance(item, dict):
        plan.problem(where, "not an object")
        return None
    where += f" (id {item.get('id')!r})"
    required, optional = _KEYS[collection]
    missing = required - set(item)
    unknown = set(item) - required - optional
    if missing or unknown:
        what = [f"missing {', '.join(sorted(missing))}"] if missing else []
        what += [f"unknown key {', '.join(sorted(unknown))}"] if unknown else []
        plan.problem(where, "; ".join(what))
        return None
    try:
        return _BUILDERS[collection](plan, item)  # type: ignore[no-any-return]
    except (ValidationError, TypeError, ValueError, KeyError) as exc:
        plan.problem(where, str(exc))
        return None


def _ref(plan: _Plan, collection: str, file_id: Any, what: str) -> int:
    try:
        return plan.ids[collection][file_id]
    except (KeyError, TypeError):
        raise ValidationError(f"{what} {file_id!r} does not name a record in {collection}") \
            from None


def _own_id(plan: _Plan, collection: str, item: dict[str, Any]) -> int:
    file_id = item["id"]
    if isinstance(file_id, bool) or not isinstance(file_id, int | str):
        raise ValidationError("id must be an integer or text")
    return plan.ids[collection][file_id]


def _opt(item: dict[str, Any], key: str, default: Any = "") -> Any:
    value = item.get(key, default)
    return default if value is None else value


def _build_source(plan: _Plan, item: dict[str, Any]) -> tuple[dict[str, Any], int]:
    source = Source(title=item["title"], **{k: _opt(item, k) for k in (
        "author", "publisher", "date", "url", "notes", "content", "reliability")},
        kind=_opt(item, "kind", "article"))
    return rows.source_row(source), _own_id(plan, "sources", item)


def _build_entity(plan: _Plan, item: dict[str, Any]) -> tuple[dict[str, Any], int]:
    entity = Entity(kind=item["kind"], name=item["name"], aliases=_opt(item, "aliases", []),
                    **{k: _opt(item, k) for k in (
                        "native_name", "description", "date", "end_date", "notes")})
    return rows.entity_row(entity), _own_id(plan, "entities", item)


def _build_event(plan: _Plan, item: dict[str, Any]) -> tuple[dict[str, Any], int, Event]:
    participants = _opt(item, "participants", [])
    tags = _opt(item, "tags", [])
    if not isinstance(participants, list) or not all(isinstance(p, dict) for p in participants):
        raise ValidationError("participants must be a list of {entity_id, role}")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValidationError("tags must be a list of text")
    people = [Participant(_ref(plan, "entities", p.get("entity_id"), "participant"),
                          _opt(p, "role")) for p in participants]
    event = Event(title=item["title"], date=item["date"], participants=people, tags=tags,
                  inferred=_opt(item, "inferred", False),
                  **{k: _opt(item, k) for k in (
                      "summary", "end_date", "category", "location", "notes")})
    return rows.event_row(event), _own_id(plan, "events", item), event


def _build_relationship(plan: _Plan, item: dict[str, Any]) -> tuple[dict[str, Any], int]:
    directed = _opt(item, "directed", True)
    if not isinstance(directed, bool):
        raise ValidationError("directed must be true or false")
    rel = Relationship(from_id=_ref(plan, "entities", item["from_id"], "from_id"),
                       to_id=_ref(plan, "entities", item["to_id"], "to_id"),
                       kind=item["kind"], directed=directed,
                       inferred=_opt(item, "inferred", False),
                       **{k: _opt(item, k) for k in ("date", "end_date", "description",
                                                     "notes")})
    return rows.relationship_row(rel), _own_id(plan, "relationships", item)


def _build_citation(plan: _Plan, item: dict[str, Any]) -> tuple[dict[str, Any], int]:
    target_type = item["target_type"]
    if target_type not in _TARGET_COLLECTION:
        raise ValidationError(f"target_type must be event, entity, relationship or claim,"
                              f" not {target_type!r}")
    citation = Citation(
        source_id=_ref(plan, "sources", item["source_id"], "source_id"),
        target_type=target_type,
        target_id=_ref(plan, _TARGET_COLLECTION[target_type], item["target_id"], "target_id"),
        locator=_opt(item, "locator"), excerpt=_opt(item, "excerpt"),
        confidence=item.get("confidence"),
    )
    return rows.citation_row(citation), _own_id(plan, "citations", item)


def _build_claim(plan: _Plan, item: dict[str, Any]) -> tuple[dict[str, Any], int]:
    claim = claim_from_json(item, lambda kind, file_id: _ref(
        plan, _TARGET_COLLECTION[kind], file_id, "target_id"))
    return rows.claim_row(claim), _own_id(plan, "claims", item)


_BUILDERS = {"sources": _build_source, "entities": _build_entity, "events": _build_event,
             "relationships": _build_relationship, "claims": _build_claim,
             "citations": _build_citation}
