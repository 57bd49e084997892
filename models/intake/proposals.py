"""The assistant's proposals as plain data (``extract --json``) and as the save that
accepts all of them (``extract --save``), so the command line gives what the dialog
shows and writes through the same operation. A new name that repeats an entity of the
file (``duplicates.same_entity``: what the dialog asks about at Save) says so
(``same_as``), and the save links it to that entity unless told to add it anyway."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from models.edits import ChosenEvent, ChosenName, SourceSave
from models.intake.duplicates import Known, repeated_names, same_entity
from models.intake.records import Drafts
from models.intake.relations import Key
from models.records import Source


def as_json(drafts: Drafts, known: Known | None = None) -> dict[str, Any]:
    """Events, names and relationships in the format ``extract --json`` prints;
    ``known``: the file's entities, (id, names), for ``same_as``."""
    shown: dict[Key, str] = {m.entity_id: m.name for m in drafts.known_matches}
    shown.update({n.key: n.name for n in drafts.new_names})
    events = [{
        "title": e.title, "date": e.written or e.date_text, "date_text": e.date_text,
        "earliest": e.date.iso_earliest(), "latest": e.date.iso_latest(),
        "excerpt": e.sentence, "locator": e.locator, "category": e.category,
        "participants": [shown[k] for k in (*e.entity_ids, *e.new_names) if k in shown],
        "inferred": e.inferred, "how": e.how} for e in drafts.events]
    names = [{"name": m.name, "kind": "", "native_name": "", "aliases": [], "known": True,
              "mentions": m.count, "locator": m.place.locator} for m in drafts.known_matches]
    names += [{"name": n.name, "kind": n.kind, "native_name": n.native_name,
               "aliases": list(n.aliases), "known": False, "mentions": n.count,
               "locator": n.place.locator, "same_as": _same_as(n.name, known)}
              for n in drafts.new_names]
    relationships = [{"from": r.from_name, "to": r.to_name, "kind": r.kind, "date": r.date_text,
                      "excerpt": r.sentence, "locator": r.locator}
                     for r in drafts.relationships]
    return {"events": events, "names": names, "relationships": relationships,
            "truncated": drafts.truncated}


def _same_as(name: str, known: Known | None) -> str | None:
    found = same_entity(name, known) if known else None
    return found[1] if found else None


def accept_all(source: Source, drafts: Drafts, known: Known | None = None,
               add_anyway: bool = False) -> SourceSave:
    """The save a user makes by ticking every proposal and, unless ``add_anyway``,
    linking each new name that repeats an entity of the file to that entity."""
    new = [ChosenName(i, n.name, n.kind, n.native_name, list(n.aliases), n)
           for i, n in enumerate(drafts.new_names)]
    if known and not add_anyway:
        repeats = repeated_names(new, known)
        new = [replace(c, existing_id=repeats[c.row][0]) if c.row in repeats else c
               for c in new]
    return SourceSave(
        source=source,
        events=tuple(ChosenEvent(i, e.title, e.date_text, e.category, e)
                     for i, e in enumerate(drafts.events)),
        known=tuple(drafts.known_matches),
        new=tuple(new),
        relationships=tuple(drafts.relationships))
