"""One proposal per thing: twins merged, short forms linked to the full name.

An article names a thing several ways: "Allied Forces Command (AFC)" and later "Allied
Command Forces (AFC)"; "the Republic of Korea (ROK)", "South Korea" and "Korea";
"President Ana Lopes", then "President Lopes", then "Lopes". Proposing each as a new
entity leaves the user merging by hand, and events would get no participants from the
short forms. Twins share an acronym, are one country's usual names (a small, general
table) or one country's government, military … ("the Korean military", "the ROK
military"), or one is an organisation's name made longer ("King's College London"); a
short form is a word of exactly one person's name in the text, or, after a title
("President Yoon"), of exactly one name the file knows.
"""

from __future__ import annotations

import re
from dataclasses import replace

from models.intake.heads import ORGANISATION_HEADS
from models.intake.records import NameDraft
from models.intake.words import PLACES, STOPWORDS, TITLES, WORD, is_acronym, name_key

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


# A people's adjective → its country, so "the Korean military" is "the ROK military".
PEOPLES = {"korean": "korea", "south korean": "south korea", "north korean": "north korea",
           "american": "united states", "chinese": "china", "taiwanese": "taiwan",
           "japanese": "japan", "russian": "russia", "british": "united kingdom",
           "vietnamese": "vietnam", "czech": "czech republic"}


def _country(names: set[str]) -> int | None:
    for index, group in enumerate(COUNTRY_TWINS):
        if names & group:
            return index
    return None


def _group(draft: NameDraft) -> int | None:
    return _country({draft.key, *(name_key(a) for a in draft.aliases)})


def _headed(draft: NameDraft) -> tuple[int, str] | None:
    """(country, head) of "Korean military", "ROK government": one body, however the
    country is written."""
    for head in ORGANISATION_HEADS:
        if draft.key.endswith(" " + head):
            qualifier = draft.key[: -len(head) - 1]
            country = _country({PEOPLES.get(qualifier, qualifier)})
            return None if country is None else (country, head)
    return None


def _is_prefix(a: NameDraft, b: NameDraft) -> bool:
    """"King's College" and "King's College London": an organisation's name and the same
    name made longer (two words at least)."""
    short, long = sorted((a.key.split(), b.key.split()), key=len)
    return (a.kind == b.kind == "organization" and len(short) >= 2
            and len(short) < len(long) and long[:len(short)] == short)


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
    if group is not None and group == _group(b):
        return True
    headed = _headed(a)
    return (bool(_acronyms(a) & _acronyms(b)) or _is_prefix(a, b)
            or (headed is not None and headed == _headed(b)))


def short_forms(candidates: list[NameDraft]) -> dict[str, str]:
    """Surname or given name → the key of the one person whose name has it ("Lopes" →
    "ana lopes"); a word two people share ("Kim") links to neither."""
    owners: dict[str, set[str]] = {}
    for draft in candidates:
        if draft.kind != "person":
            continue
        words = WORD.findall(draft.name)
        for word in {words[0], words[-1]} if len(words) > 1 else ():
            if len(word) > 2 and word[0].isupper() and word.lower() not in STOPWORDS and (
                    word not in TITLES):
                owners.setdefault(word, set()).add(draft.key)
    claimed = {name_key(n) for d in candidates if d.kind != "person"
               for n in (d.name, *d.aliases)}
    return {word: next(iter(keys)) for word, keys in owners.items()
            if len(keys) == 1 and name_key(word) not in claimed}


def without_surnames(candidates: list[NameDraft]) -> list[NameDraft]:
    """Candidates less a lone word that is one person's given name or surname ("letters
    to Avery" is Charles Avery, not a place called Avery), unless the gazetteer has it."""
    people = short_forms([c for c in candidates if c.kind == "person"])
    return [c for c in candidates if c.kind == "person" or " " in c.key
            or c.name not in people or c.key in PLACES]


_TITLED = re.compile(r"\b(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) +
                     r")\.?\s+([A-Z][\w'’-]+)\b(?!\s+[A-Z])")


def known_short_forms(text: str, known: list[tuple[int, list[str]]],
                      candidates: list[NameDraft]) -> dict[str, int]:
    """A word the text writes after a title ("President Yoon", "Dr Okafor") → the one
    known entity whose name of two words or more starts or ends with it; none when two
    known names, or a new name of the text, have that word."""
    written = {m[1] for m in _TITLED.finditer(text)}
    if not written:
        return {}
    owners: dict[str, set[int]] = {}
    for entity_id, names in known:
        for name in names:
            words = WORD.findall(name)
            for word in {words[0], words[-1]} & written if len(words) > 1 else ():
                owners.setdefault(word, set()).add(entity_id)
    taken = {w for c in candidates for w in WORD.findall(c.name)}
    return {word: next(iter(ids)) for word, ids in owners.items()
            if len(ids) == 1 and word not in taken}
