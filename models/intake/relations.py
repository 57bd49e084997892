"""Relationships proposed from the patterns articles state them in.

Between two names in one sentence, the words that join them often say how they are
related: "A, director of B", "B director A", "B's director, A" or "B, whose director,
A" (holds office in), "A, a professor at B" (works at, with any occupation), "A of B"
for a person and an organisation (member of), "A visited B" (or flew to, arrived in),
"A led a delegation to B", "a B delegation led by A", "A chairs B", "A founded B".
Each proposal cites its sentence and takes the sentence's date when it has one; like
every draft, it is only saved if the user ticks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from models.intake.text import Place

Key = int | str  # an entity id (known) or a new name's key


@dataclass(frozen=True)
class RelationshipDraft:
    """A proposed relationship between two names of the text."""

    from_key: Key
    from_name: str
    to_key: Key
    to_name: str
    kind: str
    date_text: str
    sentence: str
    place: Place

    @property
    def locator(self) -> str:
        return self.place.locator


_ROLES = {
    "chairs": "chairman chairwoman chairperson chair",
    "holds office in": "director president minister head chief secretary ambassador executive ceo "
                       "leader officer "
                       "commander speaker representative governor mayor spokesperson "
                       "spokesman spokeswoman envoy premier",
    "works at": "professor fellow researcher analyst adviser advisor associate lecturer "
                "scholar economist editor correspondent",
    "member of": "member members",
    "founded": "founder co-founder",
}
_ROLE_KIND = {word: kind for kind, words in _ROLES.items() for word in words.split()}
_ROLE = re.compile(
    r"^(?:\s*[,—–(-]\s*(?:who\s+(?:serves|served|is|was)\s+as\s+)?|\s+(?:is|was)\s+)"
    r"(?:the\s+|an?\s+)?(?:(?:former|then|current|new|senior|deputy|vice|acting|advisory|"
    r"executive|founding)\s+)*(?:(?!and\b|or\b)[\w’'-]+\s+){0,2}?(" +
    "|".join(sorted(_ROLE_KIND, key=len, reverse=True)) +
    r")(?:\s+of\s+staff)?\s+(?:of|at|for|to|with)\s+(?:the\s+)?$", re.IGNORECASE)
_ROLE_BEFORE = re.compile(
    r"^\s+(?:(?:former|then|current|new|senior|deputy|vice|acting|executive|managing|"
    r"chief)\s+)*(" + "|".join(sorted(_ROLE_KIND, key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE)
_WHOSE_ROLE = re.compile(  # "B, whose executive secretary, A, …"
    r"^\)?\s*,\s+whose\s+(?:[\w-]+\s+){0,2}?(" + "|".join(sorted(_ROLE_KIND, key=len, reverse=True))
    + r")\s*,?\s+$", re.IGNORECASE)
_OWN_ROLE = re.compile(  # "B's chief operating officer, A"
    r"^['’]s?\s+(?:[\w-]+\s+){0,3}?(" + "|".join(sorted(_ROLE_KIND, key=len, reverse=True))
    + r")\s*,?\s+$", re.IGNORECASE)
_PATTERNS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("member of", re.compile(r"^\s+of\s+(?:the\s+)?$"), False),
    ("visited", re.compile(r"^\s+(?:\w+\s+){0,2}?(?:visited|toured|(?:travell?ed|flew|went)"
                           r"\s+to|arrived\s+in)\s+(?:the\s+)?$"), False),
    ("works at", re.compile(r"^\s*,\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+at\s+(?:the\s+)?$"),
     False),  # "A, a hydrologist at B": any occupation
    ("leads delegation", re.compile(r"^\s+led\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?delegation\s+"
                                    r"(?:to|of|from)\s+(?:the\s+)?$"), False),
    ("leads delegation", re.compile(r"^\s+delegation\s+(?:was\s+)?led\s+by\s+(?:[\w’'.()-]+\s+)"
                                    r"{0,6}?$"), True),
    ("chairs", re.compile(r"^\s+(?:chairs|chaired|presides\s+over)\s+(?:the\s+)?$"), False),
    ("founded", re.compile(r"^\s+(?:co-)?(?:founded|established)\s+(?:the\s+)?$"), False),
)
MAX_GAP = 120  # characters between two names that a pattern may span


def _kind_between(between: str) -> tuple[str, bool] | None:
    """(relationship kind, reversed) for the words between two names, or None."""
    if len(between) > MAX_GAP:
        return None
    role = _ROLE.match(between)
    if role:
        return _ROLE_KIND[role[1].lower()], False
    role = _ROLE_BEFORE.match(between) or _WHOSE_ROLE.match(between) or (
        _OWN_ROLE.match(between))
    if role:  # "Klaipeda Seaport Authority director Tomas Petrauskas"
        return _ROLE_KIND[role[1].lower()], True
    for kind, pattern, backwards in _PATTERNS:
        if pattern.match(between):
            return kind, backwards
    return None


def _fits(kind: str, first: str | None, second: str | None) -> bool:
    """Whether the kinds of the two names allow the relationship: an office, a post or a
    membership is held by a person in an organisation ("vice president for Asia" is no
    office in a place); unknown kinds (known entities) are given the benefit."""
    if kind in ("visited", "leads delegation"):
        return first != "place"
    return first in ("person", None) and second in ("organization", None)


def name_pattern(surfaces: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every way a name is written, longest first (so "North Korea" is
    not "Korea"); compiled once per text, it finds the names of a sentence in one pass."""
    ordered = sorted({s for s in surfaces if s.strip()}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")


def relationships_in(sentence: str, place: Place, date_text: str,
                     surfaces: dict[str, tuple[Key, str]], kinds: dict[Key, str],
                     pattern: re.Pattern[str] | None = None) -> Iterable[RelationshipDraft]:
    """Proposals from each pair of names that follow each other in ``sentence``.

    ``surfaces``: each way a name is written → (key, name shown); ``kinds``: key →
    "person", "organization" or "place" where known ("A of B" needs a person and an
    organisation); ``pattern``: ``name_pattern(surfaces)``, made once for many sentences."""
    pattern = pattern or name_pattern(surfaces)
    if pattern is None:
        return
    names = {key: name for key, name in surfaces.values()}
    spans = [(m.start(), m.end(), surfaces[m.group()][0]) for m in pattern.finditer(sentence)]
    for (_, end, a), (start, _, b) in pairwise(spans):
        found = _kind_between(sentence[end:start])
        if found is None or a == b:
            continue
        kind, backwards = found
        first, second = (b, a) if backwards else (a, b)
        ends = (first, second) if kind in _ROLES else (a, b)  # the person holds the role
        if not _fits(kind, kinds.get(ends[0]), kinds.get(ends[1])):
            continue
        yield RelationshipDraft(first, names[first], second, names[second], kind, date_text,
                                sentence, place)
