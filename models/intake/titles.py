"""Short titles and a proposed category for event drafts.

A title is what a researcher would type: the sentence's main clause without the date
phrase or the connective it opens with ("For instance, in 2018, …"), cut at a clause or
word boundary to at most ``TITLE_CHARS`` characters, never with "…" (that would be saved
into the record). Two drafts never share a title. The category is the one whose cue
words the sentence has most of (ties: the first in ``EVENT_CATEGORIES`` order below).
"""

from __future__ import annotations

import re

from models.intake.datereader import LEAD_IN
from models.intake.words import word_set

TITLE_CHARS = 70
_OPENER = re.compile(
    r"^(?:\[\d{1,3}\]\s*)?(?:(?:for instance|for example|in fact|moreover|however|meanwhile|"
    r"indeed|further|furthermore|additionally|in addition|notably|still|yet|then|later|"
    r"similarly|likewise|also|again|more recently|most recently|by contrast|in contrast|"
    r"as a result|in turn),\s+)*", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s\([^()]{0,80}\)")
_ATTRIBUTION = re.compile(r",\s+(?:[\w’'.-]+\s+){0,3}(?:said|says|told|added|reported|"
                          r"stated|according)\b[^,]*$")
_CLAUSE_END = re.compile(r"\s*(?:[;:—–]|,\s+(?:which|who|where|while|whereas|although|"
                         r"though|as|but|and|because|since|according|including)\b)")
_WEAK_END = word_set("the a an of to in on at by for from with and or but as that which who "
                     "its their his her")
_CATEGORIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(r"\b(?:" + words + r")", re.IGNORECASE)) for name, words in (
        ("public opinion", r"survey|poll|respondents|percent|public opinion"),
        ("parliamentary", r"parliament|lawmaker|legislat|assembly|deputy speaker|congress"),
        ("military", r"military|army|navy|air force|armed forces|troops|officers?\b|general\b|"
                     r"admiral|exercise|drill|defen[cs]e attach"),
        ("security", r"security|contingency|war\b|conflict|deterren|missile|threat"),
        ("economic/technology", r"semiconductor|chip|trade|econom|supply chain|technolog|"
                                r"invest|industr|tariff"),
        ("diplomatic", r"visit|delegation|diplomat|ambassador|envoy|summit|forum|"
                       r"representative|embassy|foreign minist|relations|treaty|accord|"
                       r"signed|agreement"),
        ("statement", r"said|stated|told|statement|declared|explained|noted|argued|remarked|"
                      r"interview|announced|called"),
        ("political", r"election|elected|president|administration|party|campaign|"
                      r"government|policy|referendum|vote"),
    ))


def short_title(sentence: str, start: int = 0, end: int = 0) -> str:
    """The sentence as a short title (see module doc); [start, end) is its date phrase."""
    text = sentence
    rest = sentence[end:].lstrip(" ")
    if end and start <= 40 and rest.startswith(",") and LEAD_IN.fullmatch(sentence[:start]):
        text = rest.lstrip(" ,;:–—-")
    text = _PARENTHESES.sub("", _OPENER.sub("", text.strip())).strip(" \"“”‘’")
    text = _ATTRIBUTION.sub("", text.rstrip(" ."))  # "…, officials said."
    clause = _CLAUSE_END.search(text, 25)
    if clause:
        text = text[:clause.start()]
    text = text.rstrip(" .,;:!?")
    if len(text) > TITLE_CHARS:
        text = text[:text.rfind(" ", 0, TITLE_CHARS + 1)]
    words = text.split()
    while len(words) > 3 and words[-1].lower().strip(",") in _WEAK_END:
        words.pop()
    text = " ".join(words).rstrip(" ,;:–—-")
    return text[:1].upper() + text[1:]


def unique_titles(titles: list[str], qualifiers: list[str]) -> list[str]:
    """``titles`` with a repeated one told apart by its qualifier (the date as written)."""
    seen: dict[str, int] = {}
    result = []
    for title, qualifier in zip(titles, qualifiers, strict=True):
        candidate = title
        if candidate in seen:
            candidate = f"{title} ({qualifier})"
        n = 2
        while candidate in seen:
            candidate, n = f"{title} ({qualifier}, {n})", n + 1
        seen[candidate] = 1
        result.append(candidate)
    return result


def category(sentence: str) -> str:
    """The category whose cues the sentence has most of, or "" when it has none."""
    scores = [(len(pattern.findall(sentence)), -i, name)
              for i, (name, pattern) in enumerate(_CATEGORIES)]
    best = max(scores)
    return best[2] if best[0] else ""
