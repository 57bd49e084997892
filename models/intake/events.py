"""Event drafts: a sentence's own dates, or the date its context implies.

A sentence with dates gives one draft per distinct date, except a term of office ("the
former commander from 2018 to 2021"): that dates a role, not something that happened.
A sentence without one is resolved by ``Context`` ("That same month", "on Friday"), or,
when it reports what a named person or body said or did, is given the year of the
previous dated sentence. Resolved drafts say how and are marked inferred.
"""

from __future__ import annotations

import re
from dataclasses import replace

from models.dates import FuzzyDate, ymd_from_jdn
from models.intake.context import Context, Resolved, date_text, parse_or_none
from models.intake.datereader import DateReader
from models.intake.records import EventDraft
from models.intake.text import Unit, window
from models.intake.titles import category, short_title
from models.intake.words import TITLES, word_set

MAX_EVENTS = 2000

_ROLES = frozenset(t.lower() for t in TITLES) | word_set(
    "commander attaché attache chief minister president ambassador director served serving "
    "term tenure head representative chairman chair governor mayor secretary editor "
    "professor officer member ceo")
_RANGE_START = re.compile(r"\b(?:from|between)\s*$", re.IGNORECASE)
_REPORTS = re.compile(
    r"\b(?:said|says|stated|states|told|tells|explained|argued|noted|warned|announced|"
    r"revealed|remarked|emphasi[sz]ed|stressed|described|urged|declared|claimed|visited|"
    r"met|signed|launched|hosted|attended|pledged|critici[sz]ed|asserted|wrote|reported|"
    r"interviewed|call(?:s|ed)?\s+(?:for|on)|according\s+to)\b", re.IGNORECASE)


def is_tenure(sentence: str, start: int, date: FuzzyDate) -> bool:
    """A range after "from"/"between" with a role just before it, in lower case (a title
    before a name is capitalised): a term of office, not an event."""
    if not (date.span or date.qualifier == "between"):
        return False
    before = sentence[max(0, start - 80):start]
    if not _RANGE_START.search(before):
        return False
    words = {w.strip(",.()") for w in before.split()[-5:]}  # "General Kim" is a name
    return bool(words & _ROLES)


class EventFinder:
    """Walks the units in order, keeping the context a reader would have."""

    def __init__(self) -> None:
        self.reader = DateReader()
        self.context = Context()
        self.seen_first = False

    def drafts(self, unit: Unit, ids: tuple[int, ...], names: tuple[str, ...]
               ) -> list[EventDraft]:
        """The drafts of one sentence (none for headings and titles)."""
        if not unit.statement:
            return []
        text, skip = unit.text, 0
        if not self.seen_first and unit.place.section_paragraph <= 1 and not _is_aside(unit):
            skip = self.context.read_dateline(text)  # a byline above it is no first paragraph
            self.seen_first = True
        body = text[skip:]  # the dateline dates the story; it is no part of a title
        dated = [(s + skip, e + skip, d) for s, e, d in self.reader.dates_in(body)
                 if not is_tenure(text, s + skip, d)]  # a term of office dates a role
        if dated:
            found = self._explicit(unit, dated, ids, names, skip)
            end = dated[-1][1]
            moved = self.context.resolve_after(text[end:])
            if moved is None:
                return found
            clause = _clause(text[end:end + moved.start])
            title = short_title(text[end + moved.start - len(clause):])
            return [*found, replace(self._resolved(unit, moved, end, ids, names), title=title)]
        resolved = self.context.resolve(body) or self._implicit(body, ids, names)
        return [self._resolved(unit, resolved, skip, ids, names)] if resolved else []

    def _resolved(self, unit: Unit, resolved: Resolved, skip: int, ids: tuple[int, ...],
                  names: tuple[str, ...]) -> EventDraft:
        """The draft of a date resolved from context in ``unit.text[skip:]``."""
        text, body = unit.text, unit.text[skip:]
        if not resolved.how.startswith("no date") and not _is_aside(unit):
            self.context.note(body, resolved.date, resolved.text)
        return EventDraft(
            date_text=resolved.text, date=resolved.date,
            sentence=window(text, resolved.start + skip, resolved.end + skip),
            place=unit.place, title=short_title(body, resolved.start, resolved.end),
            entity_ids=ids,
            new_names=names, written=resolved.written, how=resolved.how, category=category(text))

    def _explicit(self, unit: Unit, dated: list[tuple[int, int, FuzzyDate]],
                  ids: tuple[int, ...], names: tuple[str, ...], skip: int = 0
                  ) -> list[EventDraft]:
        text = unit.text
        found = []
        for start, end, date in dated:
            if not _is_aside(unit):
                self.context.note(text, date, text[start:end])
            found.append(EventDraft(
                date_text=text[start:end], date=date, sentence=window(text, start, end),
                place=unit.place, title=short_title(text[skip:], start - skip, end - skip),
                entity_ids=ids,
                new_names=names, category=category(text)))
        return found

    def _implicit(self, text: str, ids: tuple[int, ...], names: tuple[str, ...]
                  ) -> Resolved | None:
        """A named subject reporting or doing something, after a dated sentence."""
        ref = self.context.previous
        match = _REPORTS.search(text)
        if ref is None or match is None or not (ids or names):
            return None
        if _year(ref.earliest) != _year(ref.latest):
            return None  # "1988–1991" or "the 2010s" says too little of when it was said
        year = date_text(_year(ref.earliest))
        parsed = parse_or_none(year) or ref
        return Resolved(year, parsed, "", f"no date in the sentence → {year}, the year of the "
                        f"previous dated sentence ({self.context.previous_text})", 0, 0)


_CONNECTIVE = re.compile(r"^(?:and|but|which|who|while|then|when|before|after)\s+",
                         re.IGNORECASE)


def _clause(before: str) -> str:
    """The clause a moved date's phrase ends: the words after the last comma or
    semicolon, less the connective opening it ("which the Commission cleared")."""
    cut = max(before.rfind(","), before.rfind(";"))
    clause = before[cut + 1:].lstrip()
    return clause[_CONNECTIVE.match(clause).end():] if _CONNECTIVE.match(clause) else clause


def _is_aside(unit: Unit) -> bool:
    """A note, caption or correction: outside the narrative, so it sets no context."""
    return unit.place.section_paragraph == 0 and bool(unit.place.section)


def _year(jdn: int) -> int:
    return ymd_from_jdn(jdn)[0]
