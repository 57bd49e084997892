"""The assistant's proposals as plain data (``extract --json``) and as the save that
accepts all of them (``extract --save``), so the command line gives what the dialog
shows and writes through the same operation."""

from __future__ import annotations

from typing import Any

from models.edits import ChosenEvent, ChosenName, SourceSave
from models.intake.records import Drafts
from models.intake.relations import Key
from models.records import Source


def as_json(drafts: Drafts) -> dict[str, Any]:
    """Events, names and relationships in the format ``extract --json`` prints."""
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
               "locator": n.place.locator} for n in drafts.new_names]
    relationships = [{"from": r.from_name, "to": r.to_name, "kind": r.kind, "date": r.date_text,
                      "excerpt": r.sentence, "locator": r.locator}
                     for r in drafts.relationships]
    return {"events": events, "names": names, "relationships": relationships,
            "truncated": drafts.truncated}


def accept_all(source: Source, drafts: Drafts) -> SourceSave:
    """The save a user makes by ticking every proposal."""
    return SourceSave(
        source=source,
        events=tuple(ChosenEvent(i, e.title, e.date_text, e.category, e)
                     for i, e in enumerate(drafts.events)),
        known=tuple(drafts.known_matches),
        new=tuple(ChosenName(i, n.name, n.kind, n.native_name, list(n.aliases), n)
                  for i, n in enumerate(drafts.new_names)),
        relationships=tuple(drafts.relationships))
