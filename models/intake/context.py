"""Dates a sentence implies rather than writes, resolved from what came before it.

Articles date most sentences by reference: "That same month", "a year later", "in
August", "during the forum", and in news copy "on Friday" under a dateline ("SEOUL,
12 October 2024 —"). A reader carries the context along; ``Context`` does the same:
the dateline, the previous dated sentence, and the events named in dated sentences.
Every resolution says how it was made, so the user can check it (the draft is marked
inferred). Only the reference is guessed: the arithmetic is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.dates import (
    DateParseError,
    FuzzyDate,
    days_in_month,
    jdn_from_ymd,
    parse_date,
    ymd_from_jdn,
)

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 0}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 14)}
_PRECISE = ("day", "month", "year")
_EVENT_NOUNS = ("Forum|Summit|Conference|Dialogue|Election|Elections|Olympics|Games|Congress|"
                "Expo|Festival|Meeting|Talks|Exercise|Exercises|Drills|Symposium|Convention")

_DATELINE = re.compile(r"([A-Z][A-Za-z .'’-]{1,40}?)(?:\s*\([^()]{1,40}\))?,\s+([^—–]{4,40}?)"
                       r"\s*(?:\([^()]{1,40}\)\s*)?[—–-]{1,2}\s")
_SAME = re.compile(r"\b(?:(?:that|the)\s+same|that|later\s+that|earlier\s+that)\s+"
                   r"(month|year|spring|summer|autumn|fall|winter)\b",
                   re.IGNORECASE)
_SHIFT = re.compile(r"\b(an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                    r"(day|week|month|year)s?\s+(later|after|earlier|before)"
                    r"(?:\s+(?:the|that|this)\s+([a-z]+))?", re.IGNORECASE)
_FOLLOWING = re.compile(r"\b(?:the\s+)?(following|next|previous|preceding)\s+"
                        r"(spring|summer|autumn|fall|winter|year|month)\b", re.IGNORECASE)
_MONTH = re.compile(r"\b(?i:in|during|by|since|until|of|from|early|late|mid|mid-)\s+"
                    r"(?:(?:early|late|mid)-?\s*)?(" + "|".join(MONTH_NAMES) + r")\b"
                    r"(?!\s*,?\s*(?:\d|of\s+\d))")
_WEEKDAY = re.compile(r"\b(?:on|last|this|late|early)\s+(" + "|".join(_WEEKDAYS) + r")\b",
                      re.IGNORECASE)
_NEWS = re.compile(r"\b(yesterday|today|(?:last|this|next|earlier\s+this)\s+(?:week|month|year))\b",
                   re.IGNORECASE)
_EVENT_NAME = re.compile(r"(?:[A-Z][\w'’-]*\s+){0,4}(?:" + _EVENT_NOUNS + r")\b")
_AT_EVENT = re.compile(r"\b(?i:during|at|after|before|ahead\s+of|following|on\s+the\s+sidelines"
                       r"\s+of|since)\s+(?i:the\s+|this\s+year['’]s\s+)?(?:\d{4}\s+)?(" +
                       r"(?:[A-Z][\w'’-]*\s+){0,4}(?:" + _EVENT_NOUNS + r")|(?i:" +
                       _EVENT_NOUNS + r"))\b")


_ELECTION = re.compile(r"\b(?:election|elected)\b", re.IGNORECASE)
_CAMPAIGN = re.compile(r"\b(?i:during|in|on)\s+(?:the|his|her|their)\s+(?:(?:presidential|"
                       r"election|electoral|leadership|general)\s+)?campaign\b")


def _coarser(unit: str, ref: FuzzyDate) -> str:
    """The precision of a date moved by a year or a month: no finer than that unit."""
    order = ("year", "month", "day")
    return order[min(order.index(unit if unit in order else "day"), order.index(ref.precision))]


@dataclass(frozen=True)
class Resolved:
    """A date the sentence implies: ``text`` for the date field, ``written`` the phrase,
    ``how`` the account shown to the user ("on Friday → 11 October 2024, from the dateline")."""

    text: str
    date: FuzzyDate
    written: str
    how: str
    start: int
    end: int


def date_text(year: int, month: int = 0, day: int = 0) -> str:
    """A date as ``parse_date`` reads it: "2024", "October 2024", "11 October 2024"."""
    if month == 0:
        return str(year)
    return f"{day} {MONTH_NAMES[month - 1]} {year}" if day else f"{MONTH_NAMES[month - 1]} {year}"


def _at_precision(jdn: int, precision: str) -> str:
    year, month, day = ymd_from_jdn(jdn)
    return date_text(year, month if precision in ("day", "month") else 0,
                     day if precision == "day" else 0)


def _add_months(jdn: int, months: int) -> int:
    year, month, day = ymd_from_jdn(jdn)
    total = year * 12 + month - 1 + months
    year, month = divmod(total, 12)
    return jdn_from_ymd(year, month + 1, min(day, days_in_month(year, month + 1)))


def _shifted(ref: FuzzyDate, unit: str, n: int) -> str | None:
    """``ref`` moved by ``n`` units, written as precisely as the reference was: "two days
    later" than "May 2022" is still May 2022 as far as the text tells."""
    precision = ref.precision if ref.precision in _PRECISE else None
    if precision is None:
        return None
    if unit in ("day", "week"):
        jdn = ref.earliest + n * (7 if unit == "week" else 1)
    else:
        jdn = _add_months(ref.earliest, n * (12 if unit == "year" else 1))
    return _at_precision(jdn, precision)


def _season(year: int, season: str) -> str:
    first, last = _SEASONS[season]
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    return (f"between {date_text(year, first)} and {date_text(end_year, end_month)}")


@dataclass
class Context:
    """What a reader knows at a sentence: the dateline, the last date, the named events."""

    dateline: FuzzyDate | None = None
    dateline_text: str = ""
    previous: FuzzyDate | None = None
    previous_text: str = ""
    events: dict[str, tuple[FuzzyDate, str]] = field(default_factory=dict)

    def read_dateline(self, paragraph: str) -> int:
        """A news dateline opening the first paragraph ("SEOUL, 12 October 2024 — "):
        where the dateline ends (0 for none), so its date is not read as an event's."""
        match = _DATELINE.match(paragraph)
        date = parse_or_none(match[2]) if match else None
        if match is None or date is None or date.precision != "day":
            return 0
        self.dateline, self.dateline_text = date, match[2].strip()
        self.previous, self.previous_text = date, self.dateline_text
        return match.end()

    def note(self, sentence: str, date: FuzzyDate, written: str) -> None:
        """A dated sentence: the date later sentences refer to, and its named events."""
        self.previous, self.previous_text = date, written
        if _ELECTION.search(sentence):
            self.events.setdefault("election", (date, "the election"))
        for match in _EVENT_NAME.finditer(sentence):
            name = _event_key(match.group())
            if name and name not in self.events:
                shown = re.sub(r"^[Tt]he\s+", "", match.group().strip())
                self.events[name] = (date, shown)
                self.events.setdefault(name.split()[-1], (date, shown))

    def resolve(self, sentence: str) -> Resolved | None:
        """The date ``sentence`` implies, or None; the first rule that applies wins."""
        for rule in (self._same, self._shift, self._following, self._news, self._weekday,
                     self._month, self._event, self._campaign):
            found = rule(sentence)
            if found is not None:
                return found
        return None

    def resolve_after(self, rest: str) -> Resolved | None:
        """A date moved from the sentence's own ("…, cleared six weeks later")."""
        return self._shift(rest) or self._following(rest)

    def _made(self, match: re.Match[str], text: str | None, source: str) -> Resolved | None:
        date = parse_or_none(text) if text else None
        if date is None:
            return None
        written = match.group().strip()
        return Resolved(text, date, written, f"{written} → {text}, {source}", match.start(),
                        match.end())

    def _from_previous(self) -> str:
        return f"from the previous dated sentence ({self.previous_text})"

    def _same(self, sentence: str) -> Resolved | None:
        match = _SAME.search(sentence)
        ref = self.previous
        if match is None or ref is None or ref.precision not in _PRECISE:
            return None
        unit = match[1].lower()
        if unit == "month" and ref.precision == "year":
            return None
        if unit in _SEASONS:  # "that autumn": the season of the year spoken of
            return self._made(match, _season(ymd_from_jdn(ref.earliest)[0], unit),
                              self._from_previous())
        return self._made(match, _at_precision(ref.earliest, unit), self._from_previous())

    def _shift(self, sentence: str) -> Resolved | None:
        match = _SHIFT.search(sentence)
        if match is None:
            return None
        ref, source = self.previous, self._from_previous()
        if match[4] and match[4].lower() in self.events:
            ref, name = self.events[match[4].lower()]
            source = f"from the date of {name}"
        if ref is None:
            return None
        n = int(match[1]) if match[1].isdigit() else _NUMBERS[match[1].lower()]
        sign = 1 if match[3].lower() in ("later", "after") else -1
        return self._made(match, _shifted(ref, match[2].lower(), sign * n), source)

    def _following(self, sentence: str) -> Resolved | None:
        match = _FOLLOWING.search(sentence)
        ref = self.previous
        if match is None or ref is None or ref.precision not in _PRECISE:
            return None
        if self.dateline and match[0].lower().startswith("next"):
            return None  # "next month" in news copy: after the dateline (``_news``)
        sign = 1 if match[1].lower() in ("following", "next") else -1
        unit = match[2].lower()
        year, month, _ = ymd_from_jdn(ref.earliest)
        if unit in _SEASONS:
            first = _SEASONS[unit][0]
            target = year + (1 if sign > 0 and month >= first else 0) - (
                1 if sign < 0 and month <= _SEASONS[unit][1] else 0)
            return self._made(match, _season(target, unit), self._from_previous())
        shifted = _shifted(ref, unit, sign)  # "the following year" is a year, not a day
        text = shifted and _at_precision(parse_date(shifted).earliest, _coarser(unit, ref))
        return self._made(match, text, self._from_previous())

    def _campaign(self, sentence: str) -> Resolved | None:
        """"during the campaign": the time before the election named earlier."""
        match = _CAMPAIGN.search(sentence)
        if match is None or "election" not in self.events:
            return None
        ref, name = self.events["election"]
        if ref.precision not in _PRECISE:
            return None
        return self._made(match, f"before {_at_precision(ref.earliest, ref.precision)}",
                          f"the campaign before {name}")

    def _news(self, sentence: str) -> Resolved | None:
        match = _NEWS.search(sentence)
        if match is None or self.dateline is None:
            return None
        phrase = " ".join(match[1].lower().split())
        day = self.dateline.earliest
        if phrase in ("yesterday", "today"):
            text = _at_precision(day - (phrase == "yesterday"), "day")
        elif phrase.endswith("week"):
            back = {"last": 7, "next": -7}.get(phrase.split()[0], 0)  # next: the 7 days after
            text = (f"between {_at_precision(day - back - 6, 'day')} and "
                    f"{_at_precision(day - back, 'day')}")
        else:
            unit = phrase.split()[-1]
            step = {"last": -1, "next": 1}.get(phrase.split()[0], 0)
            text = _shifted(self.dateline, unit, step)
            text = text and _at_precision(parse_date(text).earliest, unit)
        return self._made(match, text, f"from the dateline ({self.dateline_text})")

    def _weekday(self, sentence: str) -> Resolved | None:
        match = _WEEKDAY.search(sentence)
        ref = self.dateline or self.previous
        if match is None or ref is None or ref.precision != "day":
            return None
        back = (ref.earliest - _WEEKDAYS.index(match[1].lower())) % 7
        source = (f"from the dateline ({self.dateline_text})" if self.dateline
                  else self._from_previous())
        return self._made(match, _at_precision(ref.earliest - back, "day"), source)

    def _month(self, sentence: str) -> Resolved | None:
        match = _MONTH.search(sentence)
        ref = self.previous
        if match is None or ref is None or ref.precision not in _PRECISE:
            return None
        year = ymd_from_jdn(ref.earliest)[0]
        if year != ymd_from_jdn(ref.latest)[0]:
            return None
        text = date_text(year, MONTH_NAMES.index(match[1]) + 1)
        return self._made(match, text, f"the year of the previous dated sentence "
                                       f"({self.previous_text})")

    def _event(self, sentence: str) -> Resolved | None:
        for match in _AT_EVENT.finditer(sentence):
            key = _event_key(match[1])
            if key in self.events:
                ref, name = self.events[key]
                found = self._made(match, ref.display(), f"the date of {name}")
                if found is not None:
                    return found
        return None


def _event_key(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in ("the", "a", "an")]
    return " ".join(words).lower()


def dateline_place(paragraph: str) -> str:
    """The place of a news dateline ("KISUMU, 7 March 2025 — " → "Kisumu"), or ""."""
    match = _DATELINE.match(paragraph)
    date = parse_or_none(match[2]) if match else None
    if match is None or date is None or date.precision != "day":
        return ""
    place = match[1].strip()
    return place.title() if place.isupper() else place


def parse_or_none(text: str) -> FuzzyDate | None:
    """``parse_date``'s reading, or None where it refuses the text."""
    try:
        return parse_date(text)
    except DateParseError:
        return None
