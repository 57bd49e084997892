"""From text to drafts: the pipeline the source dialog and the ``extract`` command run."""

from __future__ import annotations

from dataclasses import replace

from models.intake.events import MAX_EVENTS, EventFinder
from models.intake.names import Matcher, name_candidates
from models.intake.near import near_known
from models.intake.records import Drafts, EventDraft, Match, NameDraft, TextTooLongError
from models.intake.relations import Key, RelationshipDraft, name_pattern, relationships_in
from models.intake.text import Place, Unit, clean_text, text_units, window
from models.intake.titles import unique_titles
from models.intake.twins import known_short_forms, merge_twins, short_forms, without_surnames
from models.intake.words import name_key

MAX_TEXT = 2_000_000

# ----------------------------------------------------------------------- proposing


def propose_drafts(text: str, known: list[tuple[int, list[str]]]) -> Drafts:
    """Draft events, known-name matches and new names for an article's text.

    ``known`` is (entity id, all its names) for each entity already in the database;
    the first name is the one shown. Raises ``TextTooLongError`` only.
    """
    if len(text) > MAX_TEXT:
        raise TextTooLongError(
            f"the text is too long to look through ({len(text):,} characters; "
            f"at most {MAX_TEXT:,})")
    units = text_units(clean_text(text))
    known_keys = {name_key(n) for _, names in known for n in names}
    candidates = without_surnames(merge_twins(name_candidates(units, known_keys)))
    matcher = Matcher()
    for entity_id, names in known:
        matcher.add(entity_id, names)
    linked = near_known(candidates, known)
    for candidate in (c for c in candidates if c.key in linked):
        matcher.add(linked[candidate.key], [candidate.name, *candidate.aliases])
    candidates = [c for c in candidates if c.key not in linked]
    for candidate in candidates:
        matcher.add(candidate.key, [candidate.name, candidate.native_name, *candidate.aliases])
    short = {w: k for w, k in short_forms(candidates).items() if name_key(w) not in known_keys}
    for word, key in short.items():
        matcher.add(key, [word], exact_case=True)
    for word, entity_id in known_short_forms(text, known, candidates).items():
        if word not in short and name_key(word) not in known_keys:
            matcher.add(entity_id, [word], exact_case=True)  # "President Yoon": the known one
    mentions = [matcher.find(unit.text) for unit in units]
    drafts = Drafts()
    drafts.known_matches = _known_matches(known, units, mentions)
    drafts.new_names = _new_names(candidates, units, mentions)
    drafts.events, drafts.truncated = _events(units, mentions)
    titles = unique_titles([e.title for e in drafts.events],
                           [e.written or e.date_text for e in drafts.events])
    drafts.events = [replace(e, title=t) for e, t in zip(drafts.events, titles, strict=True)]
    drafts.relationships = _relationships(units, mentions, known, drafts, short)
    return drafts


def _relationships(units: list[Unit], mentions: list[dict[object, int]],
                   known: list[tuple[int, list[str]]], drafts: Drafts,
                   short: dict[str, str]) -> list[RelationshipDraft]:
    """Relationships stated by the sentences, one per (from, kind, to)."""
    named = {k for found in mentions for k in found}
    surfaces: dict[str, tuple[Key, str]] = {}
    for entity_id, names in known:
        if entity_id in named and names:
            surfaces.update({n: (entity_id, names[0]) for n in names if n})
    shown = {c.key: c.name for c in drafts.new_names}
    for c in drafts.new_names:
        surfaces.update({n: (c.key, c.name) for n in (c.name, *c.aliases) if n})
    surfaces.update({word: (key, shown[key]) for word, key in short.items() if key in shown})
    kinds: dict[Key, str] = {c.key: c.kind for c in drafts.new_names}
    dates: dict[Place, list[EventDraft]] = {}
    for event in drafts.events:
        dates.setdefault(event.place, []).append(event)
    pattern = name_pattern(surfaces)
    found: dict[tuple[Key, str, Key], RelationshipDraft] = {}
    for unit in units:
        date = next((e.date_text for e in dates.get(unit.place, ())
                     if e.sentence.lstrip("…")[:60] in unit.text), "")
        for draft in relationships_in(unit.text, unit.place, date, surfaces, kinds, pattern):
            found.setdefault((draft.from_key, draft.kind, draft.to_key), draft)
    return list(found.values())


def _firsts(units: list[Unit], mentions: list[dict[object, int]]
            ) -> tuple[dict[object, int], dict[object, int]]:
    """(total mentions, index of the first unit) per key."""
    counts: dict[object, int] = {}
    first: dict[object, int] = {}
    for index, found in enumerate(mentions):
        for key, n in found.items():
            counts[key] = counts.get(key, 0) + n
            first.setdefault(key, index)
    return counts, first


def _known_matches(known: list[tuple[int, list[str]]], units: list[Unit],
                   mentions: list[dict[object, int]]) -> list[Match]:
    counts, first = _firsts(units, mentions)
    found = [Match(entity_id, names[0] if names else str(entity_id), counts[entity_id],
                   units[first[entity_id]].place, window(units[first[entity_id]].text, 0, 0))
             for entity_id, names in known if entity_id in counts]
    order = {m.entity_id: first[m.entity_id] for m in found}
    return sorted(found, key=lambda m: (-m.count, order[m.entity_id]))


def _new_names(candidates: list[NameDraft], units: list[Unit],
               mentions: list[dict[object, int]]) -> list[NameDraft]:
    counts, first = _firsts(units, mentions)
    found = []
    for c in candidates:
        if c.key in counts:
            unit = units[first[c.key]]
            found.append(NameDraft(c.name, c.kind, counts[c.key], unit.place,
                                   window(unit.text, 0, 0), c.native_name, c.aliases))
        else:
            found.append(c)
    order = {c.key: first.get(c.key, len(units)) for c in found}
    return sorted(found, key=lambda c: (-c.count, order[c.key]))


def _events(units: list[Unit], mentions: list[dict[object, int]]
            ) -> tuple[list[EventDraft], bool]:
    events: list[EventDraft] = []
    finder = EventFinder()
    for unit, found in zip(units, mentions, strict=True):
        ids = tuple(k for k in found if isinstance(k, int))
        names = tuple(k for k in found if isinstance(k, str))
        for draft in finder.drafts(unit, ids, names):
            if len(events) >= MAX_EVENTS:
                return events, True
            events.append(draft)
        if finder.reader.budget <= 0:
            return events, True
    return events, False
