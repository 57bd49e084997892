"""Small rules that tell a name from a phrase that only looks like one, and its kind.

Capitalised runs are names most of the time; these rules catch the common exceptions
a researcher would otherwise untick by hand: quoted slogans ("Data Island"), fields
of study ("International Relations"), programme titles made of an acronym and a phrase
("AI for Fiji": the place inside is the name), a plural common noun opening a caption
("Banners of Peru"), and a unit word after an acronym ("XYZ Program" is XYZ's).
"""

from __future__ import annotations

import re

from models.intake.words import ORG_WORDS, PLACE_WORDS, PLACES, TITLES, WORD, is_acronym, word_set

_FIELDS = word_set("affairs studies relations sciences science economics politics policy "
                   "engineering law history management administration")
_UNIT_WORDS = word_set("program programme team staff project initiative associate associates "
                       "fellow fellows office")
_ORG_SUFFIXES = word_set("inc inc. corp corp. co co. ltd ltd. llc plc gmbh ag sa group holdings")
_PERSON_CUES = frozenset(t for t in TITLES) | word_set("Mr Mrs Ms Dr Sir")
_PLACE_PREPOSITIONS = word_set("in at to from near into across toward towards")
_QUOTES = "\"“”‘’'"
_DEGREE = re.compile(r"(?:degree|master['’]?s?|bachelor['’]?s?|phd|doctorate|diploma|"
                     r"studies|studied|major(?:ed)?|specialis[ez]s?|specializ(?:es|ed)?)"
                     r"(?:\s+\w+){0,2}\s+in\s+$", re.IGNORECASE)


def is_not_a_name(text: str, start: int, end: int, name: str, initial: bool) -> bool:
    """Whether the run ``text[start:end]`` is a phrase, not a name (see module doc)."""
    words = WORD.findall(name)
    if not words:
        return True
    before, after = text[max(0, start - 1):start], text[end:end + 1]
    if before and after and before in _QUOTES and after in _QUOTES + ",.":
        return True  # a quoted term: "Data Island"
    if _in_short_quotation(text, start) and name.casefold() not in PLACES:
        return True  # a theme or slogan: "Ports, the Pacific, and a Brave Frontier"
    if _DEGREE.search(text[max(0, start - 40):start]):
        return True
    lower = [w.lower() for w in words]
    if lower[-1] in _FIELDS and not set(lower) & ORG_WORDS:
        return True
    # "AI for Fiji": a programme's title
    return len(words) >= 3 and is_acronym(words[0]) and lower[1] in ("for", "of", "in")


def has_plural_head(name: str, initial: bool) -> bool:
    """"Banners of Peru" opening a caption: a plural common noun, then what it is of."""
    lower = [w.lower() for w in WORD.findall(name)]
    return initial and len(lower) >= 3 and lower[1] == "of" and lower[0].endswith("s") and (
        lower[0] not in ORG_WORDS | PLACE_WORDS)


def _in_short_quotation(text: str, start: int, limit: int = 12) -> bool:
    """Whether ``start`` is inside a quotation of at most ``limit`` words (a title or
    slogan; names inside longer quotations are what a speaker named)."""
    opened = max(text.rfind("“", 0, start), text.rfind('"', 0, start)
                 if text.count('"', 0, start) % 2 else -1)
    if opened < 0 or text.rfind("”", 0, start) > opened:
        return False
    close = min((i for i in (text.find("”", start), text.find('"', start)) if i >= 0),
                default=len(text))
    return len(text[opened:close].split()) <= limit


def inner_places(name: str) -> list[str]:
    """Places of the gazetteer named inside a longer run ("AI for Fiji" → Fiji)."""
    words = WORD.findall(name)
    found = []
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i:i + size])
            if phrase.lower() in PLACES and not any(phrase in f for f in found):
                found.append(phrase)
    return found


def unit_of(name: str) -> str:
    """"XYZ Program" → "XYZ": an acronym followed only by a unit's words is the acronym."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _UNIT_WORDS:
        words.pop()
    return words[0] if len(words) == 1 and is_acronym(words[0]) and words != name.split() else ""


def guess_kind(name: str, text: str, start: int) -> str:
    """Organisation, place or person from the name's words and what stands before it."""
    words = WORD.findall(name)
    lower = {w.casefold() for w in words}
    if lower & ORG_WORDS or lower & _ORG_SUFFIXES or (len(words) > 1 and is_acronym(words[0])):
        return "organization"  # "QX Dynamics": people do not have acronyms in their names
    if name.casefold() in PLACES or " ".join(words).casefold() in PLACES or lower & PLACE_WORDS:
        return "place"
    previous = text[:start].split()[-1:] if start else []
    if previous and previous[0].rstrip(".") in _PERSON_CUES:
        return "person"
    if previous and previous[0].lower() in _PLACE_PREPOSITIONS and not (
            text[:start].rstrip().lower().endswith("according to")):  # a source, not a place
        return "place"
    return "person"
