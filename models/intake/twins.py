"""One proposal per thing: twins merged, short forms linked to the full name.

An article names a thing several ways: "Allied Forces Command (AFC)" and later "Allied
Command Forces (AFC)"; "the Republic of Korea (ROK)", "South Korea" and "Korea";
"President Ana Lopes", then "President Lopes", then "Lopes". Proposing each as a new
entity leaves the user merging by hand, and events would get no participants from the
short forms. Twins share an acronym, or are one country's usual names (a small, general
table); a short form is a word of exactly one person's name in the text.
"""

from __future__ import annotations

from dataclasses import replace

from models.intake.records import NameDraft
from models.intake.words import STOPWORDS, WORD, is_acronym, name_key

# Countries' usual names, official names and acronyms: general knowledge, not the text's.
COUNTRY_TWINS: tuple[frozenset[str], ...] = tuple(frozenset(name_key(n) for n in group.split("|"))
                                                  for group in (
    "South Korea|Republic of Korea|ROK|Korea",
    "North Korea|Democratic People's Republic of Korea|DPRK",
    "Taiwan|Republic of China|ROC|Republic of China (Taiwan)",
    "China|People's Republic of China|PRC|Mainland China",
    "United States|United States of America|US|USA|U.S.|America",
    "United Kingdom|UK|Britain|Great Britain",
    "Russia|Russian Federation",
    "Japan|Nippon",
    "Vietnam|Viet Nam|Socialist Republic of Vietnam",
    "Czech Republic|Czechia",
))


def _group(draft: NameDraft) -> int | None:
    names = {draft.key, *(name_key(a) for a in draft.aliases)}
    for index, group in enumerate(COUNTRY_TWINS):
        if names & group:
            return index
    return None


def _acronyms(draft: NameDraft) -> set[str]:
    return {a for a in (draft.name, *draft.aliases) if is_acronym(a)}


def merge_twins(candidates: list[NameDraft]) -> list[NameDraft]:
    """Candidates with twins folded into the first of them (its name stays; the twin's
    name and aliases become aliases)."""
    kept: list[NameDraft] = []
    for draft in candidates:
        twin = next((i for i, k in enumerate(kept) if _are_twins(k, draft)), None)
        if twin is None:
            kept.append(draft)
            continue
        first = kept[twin]
        aliases = [*first.aliases]
        for name in (draft.name, *draft.aliases):
            if name_key(name) not in {name_key(a) for a in (first.name, *aliases)}:
                aliases.append(name)
        kept[twin] = replace(first, aliases=tuple(aliases),
                             native_name=first.native_name or draft.native_name)
    return kept


def _are_twins(a: NameDraft, b: NameDraft) -> bool:
    if a.kind != b.kind and "person" in (a.kind, b.kind):
        return False
    group = _group(a)
    return (group is not None and group == _group(b)) or bool(_acronyms(a) & _acronyms(b))


def short_forms(candidates: list[NameDraft]) -> dict[str, str]:
    """Surname or given name → the key of the one person whose name has it ("Lopes" →
    "ana lopes"); a word two people share ("Kim") links to neither."""
    owners: dict[str, set[str]] = {}
    for draft in candidates:
        if draft.kind != "person":
            continue
        words = WORD.findall(draft.name)
        for word in {words[0], words[-1]} if len(words) > 1 else ():
            if len(word) > 2 and word[0].isupper() and word.lower() not in STOPWORDS:
                owners.setdefault(word, set()).add(draft.key)
    claimed = {name_key(n) for d in candidates if d.kind != "person"
               for n in (d.name, *d.aliases)}
    return {word: next(iter(keys)) for word, keys in owners.items()
            if len(keys) == 1 and name_key(word) not in claimed}
