"""How much of the curated sample the intake assistant finds in the two seed articles.

The sample (resources/sample/) is what a researcher made of the two articles by hand;
an event counts as found when a draft cites the same paragraph (by locator, or holds the
citation's excerpt) and its dates overlap the event's; a name when a proposal's name,
alias or native name is one of the entity's names. Junk: proposals naming no entity.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from models.dates import parse_date
from models.intake import Drafts, name_key, propose_drafts

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "taiwan_korea.json"
SEEDS = ROOT.parent / "shared" / "seeds"
ARTICLES = {"src-semiconductor-diplomacy": "000_", "src-taiwan-rok-engagement": "002_"}


@dataclass
class Figures:
    events: int
    events_found: int
    names: int
    names_found: int
    junk: list[str]
    missed_events: list[str] = field(default_factory=list)
    missed_names: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"events found and dated right: {self.events_found}/{self.events} "
                f"({100 * self.events_found // self.events}%); names found: "
                f"{self.names_found}/{self.names}; junk names: {len(self.junk)}")


def seed_texts() -> dict[str, str] | None:
    """The seed articles by sample source id, or None when they are not on this machine."""
    texts = {}
    for source, prefix in ARTICLES.items():
        found = sorted(SEEDS.glob(f"{prefix}*.txt")) if SEEDS.is_dir() else []
        if not found:
            return None
        texts[source] = found[0].read_text(encoding="utf-8")
    return texts


def _event_found(event: dict, citations: list[dict], drafts: dict[str, Drafts]) -> bool:
    date = parse_date(event["date"])
    for citation in citations:
        excerpt = citation.get("excerpt", "")[:40]
        for draft in drafts[citation["source_id"]].events:
            same = draft.locator == citation["locator"] or (excerpt and excerpt in draft.sentence)
            if same and draft.date.earliest <= date.latest and date.earliest <= draft.date.latest:
                return True
    return False


def measure(texts: dict[str, str]) -> Figures:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    drafts = {source: propose_drafts(text, []) for source, text in texts.items()}
    missed_events = [f"{e['date']}: {e['title']}" for e in data["events"] if not _event_found(
        e, [c for c in data["citations"] if c["target_id"] == e["id"]], drafts)]
    keys = {name_key(n): e["id"] for e in data["entities"]
            for n in [e["name"], *e["aliases"], e.get("native_name", "")] if n}
    keys.update({name_key(e["name"].split(" (")[0]): e["id"] for e in data["entities"]
                 if e["name"].endswith(")")})  # "(Taiwan)" tells two namesakes apart
    hits, junk = set(), []
    for name in (n for d in drafts.values() for n in d.new_names):
        ids = {keys.get(name_key(x)) for x in [name.name, *name.aliases, name.native_name] if x}
        hits |= ids - {None}
        if not ids - {None}:
            junk.append(name.name)
    missed_names = [f"{e['name']} ({e['kind']})" for e in data["entities"] if e["id"] not in hits]
    return Figures(len(data["events"]), len(data["events"]) - len(missed_events),
                   len(data["entities"]), len(hits), junk, missed_events, missed_names)
