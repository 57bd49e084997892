"""How much of a hand-written expectation the intake assistant finds in a test article.

Each article under ``articles/`` has a ``.json`` beside it, written before the rules were
tuned on it: the events a reader would record (the date, and words of the sentence), the
names with their kinds (and the other ways the text writes them), a few relationships,
and names that are fine to propose but not required (``acceptable``).

An event is *found* when a draft's sentence holds the words and its dates overlap the
expected ones, *right* when some such draft reads exactly the expected dates. A name is
found when a proposal's name or alias is one of its ways; its kind is right when that
proposal has the expected kind. Junk: proposals naming nothing expected or acceptable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from models.dates import parse_date
from models.intake import Drafts, name_key, propose_drafts

ARTICLES = Path(__file__).resolve().parent / "articles"


@dataclass
class ArticleFigures:
    events: int = 0
    events_found: int = 0
    events_right: int = 0
    names: int = 0
    names_found: int = 0
    kinds_right: int = 0
    relationships: int = 0
    relationships_found: int = 0
    junk: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"events found {self.events_found}/{self.events}, dated right "
                f"{self.events_right}; names found {self.names_found}/{self.names}, kind right "
                f"{self.kinds_right}; relationships {self.relationships_found}/"
                f"{self.relationships}; junk {len(self.junk)}")


def load(stem: str) -> tuple[str, dict]:
    text = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
    return text, json.loads((ARTICLES / f"{stem}.json").read_text(encoding="utf-8"))


def _keys(entry: dict) -> set[str]:
    names = [entry["name"], entry["name"].split(" (")[0], *entry.get("aliases", [])]
    return {name_key(n) for n in names}


def _events(expected: list[dict], drafts: Drafts, figures: ArticleFigures) -> None:
    for event in expected:
        date = parse_date(event["date"])
        near = [d for d in drafts.events if event["excerpt"] in d.sentence
                and d.date.earliest <= date.latest and date.earliest <= d.date.latest]
        exact = [d for d in near if (d.date.earliest, d.date.latest) == (date.earliest,
                                                                          date.latest)]
        figures.events_found += bool(near)
        figures.events_right += bool(exact)
        if not exact:
            got = ", ".join(d.date_text for d in near) or "none"
            figures.missed.append(f"event {event['date']} ({event['excerpt']}): {got}")


def _names(expected: dict, drafts: Drafts, figures: ArticleFigures) -> dict[str, str]:
    """Also returns each proposal's key → the expected name it stands for."""
    owners = {k: entry["name"] for entry in expected["names"] for k in _keys(entry)}
    kinds = {entry["name"]: entry["kind"] for entry in expected["names"]}
    fine = {name_key(n) for n in expected.get("acceptable", [])}
    found: dict[str, str] = {}
    right: set[str] = set()
    for draft in drafts.new_names:
        ways = {name_key(n) for n in (draft.name, *draft.aliases, draft.native_name) if n}
        hits = {owners[w] for w in ways if w in owners}
        for hit in hits:
            found[draft.key] = hit
            if draft.kind == kinds[hit]:
                right.add(hit)
        if not hits and not ways & fine:
            figures.junk.append(f"{draft.name} ({draft.kind})")
    named = set(found.values())
    figures.names_found, figures.kinds_right = len(named), len(right)
    figures.missed += [f"name {n}" for n in kinds if n not in named]
    figures.missed += [f"kind {n}: {kinds[n]}" for n in named - right]
    return found


def measure_article(stem: str) -> ArticleFigures:
    text, expected = load(stem)
    drafts = propose_drafts(text, [])
    figures = ArticleFigures(len(expected["events"]), names=len(expected["names"]),
                             relationships=len(expected["relationships"]))
    _events(expected["events"], drafts, figures)
    owners = _names(expected, drafts, figures)
    said = {(owners.get(name_key(r.from_name)), r.kind, owners.get(name_key(r.to_name)))
            for r in drafts.relationships}
    for rel in expected["relationships"]:
        hit = (rel["from"], rel["kind"], rel["to"]) in said
        figures.relationships_found += hit
        if not hit:
            figures.missed.append(f"relationship {rel['from']} {rel['kind']} {rel['to']}")
    return figures
