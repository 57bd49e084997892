"""Names a text writes without capitals or inside a longer word, and capitalised words
that name nothing.

* **a lower-case head after a place, a people or a leader**: "the US government", "the
  Yoon administration", "the Korean military" are organisations; "the Korean peninsula",
  "the Pacific islands" places.
* **a name joined by a hyphen**: "TSMC-led", "MND-sponsored" name an organisation,
  "Seoul-based" a place.
* **a lone word after "in", "at", "to" …**: "officials in Vilnius", "terminals at
  Klaipeda" name a place; "a fellow at CSIS" an organisation.
* **names of no use**: a whole continent or ocean ("Asia", "the Pacific") is the backdrop,
  not something a researcher records; "during the Bush Administration" dates a sentence.
"""

from __future__ import annotations

import re

from models.intake.words import DEMONYMS, PLACES, STOPWORDS, TITLES, WORD, is_acronym, word_set

ORGANISATION_HEADS = ("government", "administration", "military", "armed forces", "party")
PLACE_HEADS = ("peninsula", "islands", "archipelago", "strait", "straits")
_HEAD = re.compile(r"\s+(" + "|".join(ORGANISATION_HEADS + PLACE_HEADS) + r")\b")
_LEADER_HEADS = ("government", "administration")  # "the Yoon administration"
BACKDROP = word_set("asia|europe|africa|america|americas|the americas|oceania|antarctica|"
                    "pacific|atlantic|arctic|pacific ocean|atlantic ocean|indian ocean|"
                    "arctic ocean|southern ocean", "|")
_PERIOD = re.compile(r"\b(?:during|under|throughout)\s+the\s+$", re.IGNORECASE)
_PERIOD_WORDS = word_set("administration era dynasty period presidency reign regime years")
_HYPHENED = re.compile(r"(?<![\w-])([A-Z][\w&]*)-(led|based|sponsored|backed|funded|owned|"
                       r"run|affiliated|controlled|operated|made)\b")
_LONE_PLACE = re.compile(r"(?<!according )\b(?:in|at|near|from|to|via|visit|visited|visiting|"
                         r"reached|toured|outside|across|throughout|within)\s+$")
_LONE_ORGANISATION = re.compile(r"\bat\s+(?:the\s+)?$")


def is_people(name: str) -> bool:
    """"Korean", "South Korean": a people's adjective, not a name."""
    words = WORD.findall(name)
    return bool(words) and words[-1].lower() in DEMONYMS


def is_place_name(name: str) -> bool:
    return " ".join(WORD.findall(name)).casefold() in PLACES


def head_after(text: str, end: int, name: str, initial: bool) -> tuple[str, str] | None:
    """(name with its head, kind) for "the US government" and its kin, or None."""
    match = _HEAD.match(text, end)
    if match is None or not name or name[-1] in "'’":
        return None
    head = match[1]
    qualified = is_place_name(name) or is_people(name) or is_acronym(name) or (
        head in (*PLACE_HEADS, "party") and not initial)  # "the Crimean peninsula"
    leader = head in _LEADER_HEADS and len(name.split()) == 1 and not initial and (
        name.lower() not in STOPWORDS and name not in TITLES)
    if not (qualified or leader):
        return None
    kind = "place" if head in PLACE_HEADS else "organization"
    return f"{name} {head}", kind


def is_period(text: str, start: int, name: str) -> bool:
    """"during the Bush Administration": a time, not an actor."""
    words = [w.lower() for w in WORD.findall(name)]
    return bool(words) and words[-1] in _PERIOD_WORDS and bool(
        _PERIOD.search(text[max(0, start - 30):start]))


def is_backdrop(name: str) -> bool:
    return " ".join(WORD.findall(name)).casefold() in BACKDROP


def lone_word_kind(text: str, start: int, word: str, common: set[str]) -> str:
    """The kind of a lone capitalised word its preposition makes a name ("in Vilnius":
    a place, "at CSIS": an organisation), or "" when it makes none."""
    before = text[max(0, start - 20):start]
    if is_acronym(word):
        letters = sum(c.isalpha() for c in word)
        return "organization" if letters >= 3 and _LONE_ORGANISATION.search(before) else ""
    if (word.lower() in common or word.lower() in STOPWORDS or word in TITLES
            or is_people(word) or not word[1:].islower()):
        return ""
    return "place" if _LONE_PLACE.search(before) else ""


def hyphened_names(text: str) -> list[tuple[str, str, int]]:
    """(name, kind, start) for "TSMC-led", "Nairobi-based": organisations by acronym,
    places of the gazetteer or where something is based."""
    found = []
    for match in _HYPHENED.finditer(text):
        name = match[1]
        if is_place_name(name) or (match[2] == "based" and name[1:].islower()):
            found.append((name, "place", match.start()))
        elif is_acronym(name) and sum(c.isalpha() for c in name) >= 3:
            found.append((name, "organization", match.start()))
    return found
