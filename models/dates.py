"""Uncertain historical dates.

A source rarely gives an exact day. ``FuzzyDate`` records what a text such as
``"late December 2022"``, ``"c. 1974"``, ``"1988–1991"``, ``"44 BC"`` or ``"1984?"``
allows, as an *interval of possible days*:

* ``earliest`` / ``latest`` are inclusive Julian Day Numbers (JDN, an int per day;
  2000-01-01 is 2451545) in the proleptic Gregorian calendar with astronomical year
  numbering (1 BC is year 0, 44 BC is year -43).
* ``precision`` is the unit of the coarsest part of the text: day, month, year,
  decade, century or millennium.
* ``span`` says whether the text names something that *lasted* from a start to an
  end (``"1988–1991"``, ``"May–June 2023"``, EDTF ``"1964/2008"``). For a span,
  ``earliest`` is the first day the start may be, ``latest`` the last day the end may
  be, ``core_start`` the latest possible start and ``core_end`` the earliest
  possible end: when ``core_start <= core_end`` the thing surely lasted through
  ``[core_start, core_end]``. Without ``span`` the date is one moment somewhere in
  ``[earliest, latest]`` (``"between 1988 and 1991"`` is such a moment).

Qualifiers and the intervals they give (X is the written date, its unit being its
precision):

* ``about`` (``c.``, ``ca.``, ``circa``, ``about``, ``around``, ``approximately``,
  a leading ``~``) widens X by a margin on each side: day ±7 days, month ±1 month,
  year ±2 years, decade ±5 years, century ±25 years, millennium ±250 years.
* ``before`` X is a window of 10 units ending the day before X starts (a day's
  window is 30 days): ``before 2011`` is 2001-01-01..2010-12-31, ``before May 2011``
  is July 2010..April 2011, ``before the 1990s`` is 1890..1989. ``after`` X is the
  same window starting the day after X ends.
* ``early`` / ``mid`` / ``late``: of a month, days 1–10 / 11–20 / 21–end; of a year,
  January–April / May–August / September–December; of a decade, years 0–3 / 4–6 /
  7–9; of a century, years 0–32 / 33–65 / 66–99; of a millennium, 0–332 / 333–665 /
  666–999 (counted from the unit's first year).
* ``uncertain`` / ``approximate`` / ``uncertain-approximate`` are the EDTF
  qualifiers ``?`` / ``~`` / ``%`` written after a date: they keep X's interval.
* ``between`` is ``between A and B``: one moment from A's start to B's end.
* ``""``: as exact as the precision.

Units: ``1990s`` is 1990–1999 and EDTF ``199X`` the same; a year ending in
``00s`` names a century (``1800s`` = ``18XX`` = 1800–1899) except ``2000s``, which is
the decade 2000–2009 as everyone uses it. ``20th century`` is 1901–2000 and
``5th century BC`` 500–401 BC; ``2nd millennium`` is 1001–2000, ``1XXX`` 1000–1999.
Years run from 100001 BC to AD 100000 (astronomical -100000..100000). A year of one
or two digits needs an era (``AD 14``, ``14 BC``) or four digits (``0014``).

Ranges: en dash, em dash and hyphen are interchangeable (``1988-1991``, ``1988-91``,
``May-June 2023``), but a hyphen that makes an ISO date (``1988-12``) or follows
early/mid/late (``mid-1990s``) is not a range. ``A to B``, ``from A to B``, ``A/B``
(EDTF) and ``A–present`` are ranges too; each end may carry its own qualifier.
The qualifiers of a span's ends are not kept: their intervals are.

More forms (seasons, quarters, numeric dates, CJK year-month-day, EDTF unspecified
digits with a month or day) are rewritten into the forms above by ``models.date_forms``.

Why by hand: the ``edtf`` package works through ``struct_time`` (no years before 1
in practice) and cannot represent the natural-language forms, so this module parses
with small linear-time regular expressions and computes on plain JDN integers, never
``datetime``. ``parse_date`` raises only ``DateParseError`` for any string, and
``parse_date(d.display()) == d`` for every date it returns (``text`` is not compared).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from models.date_forms import rewrite

__all__ = [
    "MAX_TEXT_LENGTH",
    "MAX_YEAR",
    "PRECISIONS",
    "QUALIFIERS",
    "DateParseError",
    "FuzzyDate",
    "days_in_month",
    "format_day",
    "is_open_ended",
    "iso_from_jdn",
    "jdn_from_iso",
    "jdn_from_ymd",
    "parse_date",
    "parse_span",
    "today_jdn",
    "ymd_from_jdn",
]

MAX_YEAR = 100_000  # astronomical years -MAX_YEAR..MAX_YEAR are accepted
MAX_TEXT_LENGTH = 200

PRECISIONS = ("day", "month", "year", "decade", "century", "millennium")
QUALIFIERS = (
    "",
    "about",
    "before",
    "after",
    "early",
    "mid",
    "late",
    "between",
    "uncertain",
    "approximate",
    "uncertain-approximate",
)

MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class DateParseError(ValueError):
    """A date text (or a year, month, day) that cannot be a date; the message says why."""


class _Unrecognised(DateParseError):
    """No form of the grammar matches (as opposed to a form with impossible values)."""


# --------------------------------------------------------------------------- JDN


_UNIX_EPOCH_JDN = 2440588  # 1970-01-01


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _year_words(year: int, ad: bool = False) -> str:
    """A year for people: 2022, 1 (or AD 1 with ``ad``: years before 1000), 44 BC, 1 BC."""
    if year < 1:
        return f"{1 - year} BC"
    return f"AD {year}" if ad and year < 1000 else str(year)


def days_in_month(year: int, month: int) -> int:
    """Days in ``month`` (1..12) of astronomical ``year``, proleptic Gregorian."""
    if not 1 <= month <= 12:
        raise DateParseError(f"no month {month}")
    if month == 2:
        return 29 if _is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def jdn_from_ymd(year: int, month: int, day: int) -> int:
    """JDN of a proleptic Gregorian day (astronomical year); raises on impossible days.

    Days-from-civil with floor division (H. Hinnant), valid for every integer year.
    """
    if not 1 <= day <= days_in_month(year, month):
        raise DateParseError(f"no {day} {MONTH_NAMES[month]} in {_year_words(year)}")
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468 + _UNIX_EPOCH_JDN


def ymd_from_jdn(jdn: int) -> tuple[int, int, int]:
    """(astronomical year, month, day) of a JDN: the inverse of ``jdn_from_ymd``."""
    z = jdn - _UNIX_EPOCH_JDN + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


def _iso_year(year: int) -> str:
    if year < 0:
        return f"-{-year:04d}"
    return f"{year:04d}" if year <= 9999 else f"+{year}"


def iso_from_jdn(jdn: int) -> str:
    """ISO 8601 day: "2022-12-28", "-0043-03-15", "0000-01-01", "+10000-01-01"."""
    year, month, day = ymd_from_jdn(jdn)
    return f"{_iso_year(year)}-{month:02d}-{day:02d}"


_ISO_DAY = re.compile(r"([+-]?)([0-9]{4,9})-([0-9]{2})-([0-9]{2})")


def jdn_from_iso(text: str) -> int:
    """Inverse of ``iso_from_jdn``."""
    match = _ISO_DAY.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise DateParseError(f"not an ISO 8601 day (YYYY-MM-DD): {_quote(str(text))}")
    sign, year, month, day = match.groups()
    return jdn_from_ymd(-int(year) if sign == "-" else int(year), int(month), int(day))


def format_day(jdn: int) -> str:
    """A day for people: "28 December 2022", "15 March 44 BC", "1 January 1"."""
    return _day_words(jdn)


def _day_words(jdn: int, ad: bool = False) -> str:
    year, month, day = ymd_from_jdn(jdn)
    return f"{day} {MONTH_NAMES[month]} {_year_words(year, ad)}"


def today_jdn() -> int:
    """JDN of today's local date."""
    now = time.localtime()
    return jdn_from_ymd(now.tm_year, now.tm_mon, now.tm_mday)


# ------------------------------------------------------------------ units, qualifiers

_UNIT_YEARS = {"year": 1, "decade": 10, "century": 100, "millennium": 1000}
# (kind, amount) of the "about" margin and of the before/after window per precision
_MARGIN = {
    "day": ("day", 7),
    "month": ("month", 1),
    "year": ("year", 2),
    "decade": ("year", 5),
    "century": ("year", 25),
    "millennium": ("year", 250),
}
_WINDOW = {
    "day": ("day", 30),
    "month": ("month", 10),
    "year": ("year", 10),
    "decade": ("year", 100),
    "century": ("year", 1000),
    "millennium": ("year", 10000),
}
# early / mid / late as offsets (first, last) inside the unit: days, months or years
_PARTS = {
    "month": {"early": (1, 10), "mid": (11, 20), "late": (21, 31)},
    "year": {"early": (1, 4), "mid": (5, 8), "late": (9, 12)},
    "decade": {"early": (0, 3), "mid": (4, 6), "late": (7, 9)},
    "century": {"early": (0, 32), "mid": (33, 65), "late": (66, 99)},
    "millennium": {"early": (0, 332), "mid": (333, 665), "late": (666, 999)},
}
_PART_QUALIFIERS = ("early", "mid", "late")
_EDTF_SUFFIX = {"uncertain": "?", "approximate": "~", "uncertain-approximate": "%"}
_SUFFIXES = (
    ("?~", "uncertain-approximate"),
    ("~?", "uncertain-approximate"),
    ("%", "uncertain-approximate"),
    ("?", "uncertain"),
    ("~", "approximate"),
)


def _shift_start(jdn: int, kind: str, n: int) -> int:
    """First day of the day / month / year ``n`` units away from the one holding ``jdn``."""
    if kind == "day":
        return jdn + n
    year, month, _ = ymd_from_jdn(jdn)
    if kind == "month":
        year, month0 = divmod(year * 12 + month - 1 + n, 12)
        return jdn_from_ymd(year, month0 + 1, 1)
    return jdn_from_ymd(year + n, 1, 1)


def _shift_end(jdn: int, kind: str, n: int) -> int:
    """Last day of the day / month / year ``n`` units away from the one holding ``jdn``."""
    if kind == "day":
        return jdn + n
    year, month, _ = ymd_from_jdn(jdn)
    if kind == "month":
        year, month0 = divmod(year * 12 + month - 1 + n, 12)
        return jdn_from_ymd(year, month0 + 1, days_in_month(year, month0 + 1))
    return jdn_from_ymd(year + n, 12, 31)


def _unit_last(precision: str, first: int) -> int:
    """Last day of the unit of ``precision`` starting on ``first``."""
    if precision == "day":
        return first
    year, month, _ = ymd_from_jdn(first)
    if precision == "month":
        return first + days_in_month(year, month) - 1
    return jdn_from_ymd(year + _UNIT_YEARS[precision] - 1, 12, 31)


def _part(precision: str, qualifier: str, first: int, last: int) -> tuple[int, int]:
    if precision == "day":
        raise DateParseError(f"'{qualifier}' needs a month, year, decade or century, not a day")
    lo, hi = _PARTS[precision][qualifier]
    year, month, _ = ymd_from_jdn(first)
    if precision == "month":
        return jdn_from_ymd(year, month, lo), min(jdn_from_ymd(year, month, 1) + hi - 1, last)
    if precision == "year":
        return jdn_from_ymd(year, lo, 1), jdn_from_ymd(year, hi, days_in_month(year, hi))
    return jdn_from_ymd(year + lo, 1, 1), jdn_from_ymd(year + hi, 12, 31)


def _qualified(precision: str, qualifier: str, first: int) -> tuple[int, int]:
    """(earliest, latest) of ``qualifier`` applied to the unit starting on ``first``."""
    last = _unit_last(precision, first)
    if qualifier == "about":
        kind, n = _MARGIN[precision]
        return _shift_start(first, kind, -n), _shift_end(last, kind, n)
    if qualifier == "before":
        kind, n = _WINDOW[precision]
        return _shift_start(first, kind, -n), first - 1
    if qualifier == "after":
        kind, n = _WINDOW[precision]
        return last + 1, _shift_end(last, kind, n)
    if qualifier in _PART_QUALIFIERS:
        return _part(precision, qualifier, first, last)
    return first, last


def _coarsest(a: str, b: str) -> str:
    return a if PRECISIONS.index(a) >= PRECISIONS.index(b) else b


# ---------------------------------------------------------------------- FuzzyDate


@dataclass(frozen=True)
class FuzzyDate:
    """An interval of possible days, and how precisely it was written (see module doc)."""

    earliest: int
    latest: int
    precision: str
    qualifier: str
    span: bool = False
    core_start: int | None = None
    core_end: int | None = None
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.earliest > self.latest:
            raise ValueError(f"earliest {self.earliest} is after latest {self.latest}")
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}")
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")

    def is_point(self) -> bool:
        return self.earliest == self.latest and not self.span

    def iso_earliest(self) -> str:
        return iso_from_jdn(self.earliest)

    def iso_latest(self) -> str:
        return iso_from_jdn(self.latest)

    def display(self) -> str:
        """Canonical text; ``parse_date(d.display()) == d``."""
        if self.span:
            ends = _span_ends(self)
            text = ends[2] if ends else None
        elif self.qualifier == "between":
            text = _display_between(self)
        else:
            text = _display_single(self)
        return text if text is not None else _fallback_text(self)

    def describe(self) -> str:
        """Plain-English reading, e.g. "sometime between 21 and 31 December 2022"."""
        if self.span:
            return _describe_span(self)
        return _describe_single(self)


# ------------------------------------------------------------------------ grammar

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:tember|t)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_BC = r"b\.?c\.?(?:e\.?)?"
_AD = r"a\.?d\.?|c\.?e\.?"
_ERA = rf"(?P<era>{_BC}|{_AD})"
_YEAR = rf"(?:(?P<pre>{_AD}) ?)?(?P<num>[0-9]{{1,6}})(?: ?(?P<post>{_BC}|{_AD}))?"
_ORD = r"(?:st|nd|rd|th)"

_ISO_RE = re.compile(r"(?P<sign>[+-])?(?P<y>[0-9]{4,6})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?")
_UNSPECIFIED_RE = re.compile(r"(?P<digits>[0-9]{1,3})(?P<xs>x{1,3})")
_DECADE_RE = re.compile(r"(?P<y>[0-9]{2,3}0)'?s")
_ORDINAL_RE = re.compile(
    rf"(?P<n>[0-9]{{1,4}}){_ORD}[ -]?(?P<unit>century|millenn?ium)(?: ?{_ERA})?"
)
_DMY_RE = re.compile(rf"(?P<d>[0-9]{{1,2}}){_ORD}? ?(?:of )?{_MONTH},? ?{_YEAR}")
_MDY_RE = re.compile(rf"{_MONTH} ?(?P<d>[0-9]{{1,2}}){_ORD}?(?:, ?| ){_YEAR}")
_MY_RE = re.compile(rf"{_MONTH},? ?{_YEAR}")
_YEAR_RE = re.compile(_YEAR)

_THE_RE = re.compile(r"the ")
_ABOUT_RE = re.compile(
    r"(?:circa|ca\.|ca |c\.|c |c(?=[0-9])|about|around|approximately|approx\.?|~) ?"
)
_BEFORE_AFTER_RE = re.compile(r"(before|after) ?")
_PART_RE = re.compile(r"(early|mid|late)[- ]?")
_PART_END_RE = re.compile(r"(?:^|[ -])(?:early|mid|late)$")

_BETWEEN_RE = re.compile(r"between (.+?) (?:and|&) (.+)")
_TO_RE = re.compile(r"(?:from )?(.+?) (?:to|until|till|through) (.+)")
_FROM_RE = re.compile(r"from ")
_OPEN_RE = re.compile(r"(?:^|/) ?\.\.|\.\. ?(?:/|$)")
_PRESENT = frozenset({"present", "the present", "now", "today", "ongoing"})
_SINCE_RE = re.compile(r"since (.+)")
_OPEN_END_RE = re.compile(r"(?: ?[–/] ?| - | to | until | till | through )(?:the )?"
                          r"(?:present|now|today|ongoing)$")
_ENDS_BC_RE = re.compile(rf"(?:^| |[0-9]){_BC}$")
_HAS_ERA_RE = re.compile(rf"(?:^|[ 0-9])(?:{_BC}|{_AD})(?:$| |[0-9])")
_LEADING_MONTH_RE = re.compile(_MONTH + r"(?= )")
_MONTH_WORD_RE = re.compile(rf"\b{_MONTH}(?![a-z])")
_TRAILING_YEAR_RE = re.compile(
    rf"(?<![0-9a-z.])(?:(?:{_AD}) ?)?[0-9]{{1,6}}(?: ?(?:{_BC}|{_AD}))?$"
)
_SHORT_YEAR_RE = re.compile(r"[0-9]{2}")
_FULL_YEAR_RE = re.compile(r"[0-9]{3,4}")

_DASHES = str.maketrans(
    {
        "\u2012": "–",
        "\u2014": "–",
        "\u2015": "–",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u2019": "'",
    }
)
_SPACES_RE = re.compile(r"\s+")
_PART_DASH_RE = re.compile(r"\b(early|mid|late)–(?=\S)")


def _quote(text: str) -> str:
    """The text in quotes, cut to 40 characters, on one printable line."""
    short = text if len(text) <= 40 else text[:39] + "…"
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in short) + "'"


def _checked_year(year: int) -> int:
    if abs(year) > MAX_YEAR:
        raise DateParseError(
            f"year {_year_words(year)} is out of range (100001 BC to AD {MAX_YEAR})"
        )
    return year


def _year_value(match: re.Match[str]) -> int:
    """Astronomical year of a ``_YEAR`` match: "2022", "44 bc", "ad 14", "800 ce"."""
    pre, num, post = match["pre"], match["num"], match["post"]
    n = int(num)
    if pre and post:
        raise DateParseError("a year can have only one era")
    if not (pre or post):
        if len(num) < 3:  # "December 14": a day or a year?
            raise _Unrecognised(f"year {n} needs an era or four digits (AD {n}, {n} BC, {n:04d})")
        return _checked_year(n)
    bc = post is not None and post.startswith("b")
    if n == 0:
        raise DateParseError(f"there is no year 0 {'BC' if bc else 'AD'} (1 BC is year 0)")
    return _checked_year(1 - n if bc else n)


_MONTH_NUMBERS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES) if name}


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name[:3]]


_Unit = tuple[str, int]  # (precision, JDN of the unit's first day)


def _plain_iso(s: str) -> _Unit | None:
    match = _ISO_RE.fullmatch(s)
    if match is None:
        return None
    digits, month, day = match["y"], match["m"], match["d"]
    year = _checked_year(-int(digits) if match["sign"] == "-" else int(digits))
    if month is None:
        return "year", jdn_from_ymd(year, 1, 1)
    short_range = match["sign"] is None and len(digits) == 4 and int(digits[:2] + month) > year
    if day is None and int(month) > 12 and short_range:
        return None  # "1988-91": a range of years, not a month
    if day is None:
        return "month", jdn_from_ymd(year, int(month), 1)
    return "day", jdn_from_ymd(year, int(month), int(day))


def _plain_unspecified(s: str) -> _Unit | None:
    """EDTF unspecified digits: 198X (decade), 19XX (century), 1XXX (millennium)."""
    match = _UNSPECIFIED_RE.fullmatch(s)
    if match is None or len(s) != 4:
        return None
    precision = ("decade", "century", "millennium")[len(match["xs"]) - 1]
    year = int(match["digits"]) * _UNIT_YEARS[precision]
    return precision, jdn_from_ymd(year, 1, 1)


def _plain_decade(s: str) -> _Unit | None:
    match = _DECADE_RE.fullmatch(s)
    if match is None:
        return None
    year = int(match["y"])
    precision = "century" if year % 100 == 0 and year != 2000 else "decade"
    return precision, jdn_from_ymd(year, 1, 1)


def _plain_ordinal(s: str) -> _Unit | None:
    """20th century, 5th century BC, 2nd millennium."""
    match = _ORDINAL_RE.fullmatch(s)
    if match is None:
        return None
    precision = "century" if match["unit"] == "century" else "millennium"
    size = _UNIT_YEARS[precision]
    n = int(match["n"])
    if not 1 <= n <= MAX_YEAR // size:
        raise DateParseError(f"no {precision} {n} (1 to {MAX_YEAR // size})")
    bc = match["era"] is not None and match["era"].startswith("b")
    first_year = 1 - n * size if bc else (n - 1) * size + 1
    return precision, jdn_from_ymd(first_year, 1, 1)


def _plain_written(s: str) -> _Unit | None:
    """28 December 2022, December 28, 2022, Dec. 2022, March 44 BC."""
    for regex in (_DMY_RE, _MDY_RE):
        match = regex.fullmatch(s)
        if match is not None:
            year = _year_value(match)
            return "day", jdn_from_ymd(year, _month_number(match["month"]), int(match["d"]))
    match = _MY_RE.fullmatch(s)
    if match is not None:
        return "month", jdn_from_ymd(_year_value(match), _month_number(match["month"]), 1)
    return None


def _plain_year(s: str) -> _Unit | None:
    match = _YEAR_RE.fullmatch(s)
    return None if match is None else ("year", jdn_from_ymd(_year_value(match), 1, 1))


_PLAIN_PARSERS = (
    _plain_iso,
    _plain_unspecified,
    _plain_decade,
    _plain_ordinal,
    _plain_written,
    _plain_year,
)


def _parse_plain(s: str) -> _Unit | None:
    """An unqualified unit, or None when no form matches."""
    for parser in _PLAIN_PARSERS:
        unit = parser(s)
        if unit is not None:
            return unit
    return None


def _split_qualifier(s: str) -> tuple[str, str] | None:
    """(qualifier, rest) for a qualified text, None when it has no qualifier."""
    for suffix, qualifier in _SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            return qualifier, s[: -len(suffix)].rstrip()
    for regex, fixed in ((_ABOUT_RE, "about"), (_BEFORE_AFTER_RE, None), (_PART_RE, None)):
        match = regex.match(s)
        if match is not None and match.end() < len(s):
            return fixed or match[1], s[match.end() :]
    return None


def _strip_the(s: str) -> str:
    match = _THE_RE.match(s)
    return s[match.end() :] if match and match.end() < len(s) else s


def _parse_single(s: str) -> FuzzyDate | None:
    """A date that is not a range, or None when no form matches."""
    s = _strip_the(s)
    unit = _parse_plain(s)
    qualifier = ""
    if unit is None:
        split = _split_qualifier(s)
        if split is None:
            return None
        qualifier, rest = split
        if _split_qualifier(rest) is not None:
            raise DateParseError("a date can carry only one qualifier")
        unit = _parse_plain(_strip_the(rest))
        if unit is None:
            return None
    precision, first = unit
    earliest, latest = _qualified(precision, qualifier, first)
    return FuzzyDate(earliest, latest, precision, qualifier)


def _first_success(
    candidates: list[str], end: FuzzyDate | None = None
) -> tuple[FuzzyDate, str] | None:
    """The first candidate that parses as a single date (that can start a range up to
    ``end``); else the first that parses at all; else the first error, or None.
    """
    error: DateParseError | None = None
    reversed_start: tuple[FuzzyDate, str] | None = None
    for candidate in candidates:
        try:
            result = _parse_single(candidate)
        except DateParseError as exc:
            error = error or exc
            continue
        if result is None:
            continue
        if end is None or result.earliest <= end.latest:
            return result, candidate
        reversed_start = reversed_start or (result, candidate)
    if reversed_start is None and error is not None:
        raise error
    return reversed_start


def _parse_end(left: str, right: str, today: int | None) -> tuple[FuzzyDate, str]:
    """The end of a range and its text, completed from the start ("1988–91")."""
    if right in _PRESENT:
        day = today_jdn() if today is None else today
        return FuzzyDate(day, day, "day", ""), right
    if _SHORT_YEAR_RE.fullmatch(right) and _FULL_YEAR_RE.fullmatch(left):
        right = left[:-2] + right
    candidates = [right]
    month = _LEADING_MONTH_RE.match(left)
    if month is not None and right[:1].isdigit():
        candidates.append(f"{month[0]} {right}")  # December 11–13, 2022
    found = _first_success(candidates)
    if found is None:
        raise _Unrecognised(f"unrecognised end of range {_quote(right)}")
    return found


def _parse_start(left: str, right: str, end: FuzzyDate) -> FuzzyDate:
    """The start of a range, borrowing the end's era, year or month where it lacks them."""
    candidates = [left]
    if _ENDS_BC_RE.search(right) and not _HAS_ERA_RE.search(left):
        candidates.append(f"{left} bc")  # 500–400 BC
    year = _TRAILING_YEAR_RE.search(right)
    if year is not None:
        candidates.append(f"{left} {year[0]}")  # May–June 2023
        month = _MONTH_WORD_RE.search(right, 0, year.start())
        if month is not None:
            candidates.append(f"{left} {month[0]} {year[0]}")  # 11–13 December 2022
    found = _first_success(candidates, end)
    if found is None:
        raise _Unrecognised(f"unrecognised start of range {_quote(left)}")
    return found[0]


def _parse_pair(left: str, right: str, today: int | None) -> tuple[FuzzyDate, FuzzyDate]:
    left = _FROM_RE.sub("", left.strip(), count=1)
    right = right.strip()
    if not left or not right:
        raise DateParseError("a range needs both a start and an end")
    end, right = _parse_end(left, right, today)
    start = _parse_start(left, right, end)
    if end.latest < start.earliest:
        raise DateParseError(f"end {_quote(right)} is before start {_quote(left)}")
    return start, end


def _span(pair: tuple[FuzzyDate, FuzzyDate]) -> FuzzyDate:
    """From the start's earliest to the end's latest day. The core runs from the latest
    start to the earliest end, clipped where the ends overlap ("1990s–1995"): the end
    cannot come before the start's earliest day, nor the start after the end's latest.
    """
    start, end = pair
    precision = _coarsest(start.precision, end.precision)
    core_start = min(start.latest, end.latest)
    core_end = max(end.earliest, start.earliest)
    return FuzzyDate(start.earliest, end.latest, precision, "", True, core_start, core_end)


def _between(pair: tuple[FuzzyDate, FuzzyDate]) -> FuzzyDate:
    start, end = pair
    precision = _coarsest(start.precision, end.precision)
    return FuzzyDate(start.earliest, end.latest, precision, "between")


def _parse_hyphen_range(s: str, today: int | None) -> FuzzyDate | None:
    """Ranges "1988-1991", "May-June 2023": split at a hyphen that is no minus sign nor "mid-"."""
    cuts = [
        i
        for i, c in enumerate(s)
        if c == "-" and 0 < i < len(s) - 1 and s[i - 1] != " " and not _PART_END_RE.search(s[:i])
    ]
    if len(cuts) > 4:
        return None
    error: DateParseError | None = None
    for i in cuts:
        try:
            return _span(_parse_pair(s[:i], s[i + 1 :], today))
        except _Unrecognised:
            continue
        except DateParseError as exc:
            error = error or exc
    if error is not None:
        raise error
    return None


def _parse_normalized(s: str, today: int | None, day_first: bool = True) -> FuzzyDate:
    s = rewrite(s, day_first) or s  # seasons, quarters, numeric, CJK, EDTF XX (date_forms)
    if _OPEN_RE.search(s):
        raise DateParseError("open-ended dates ('..') are not supported: use 'before' or 'after'")
    if "/" in s:
        parts = s.split("/")
        if len(parts) != 2:
            raise _Unrecognised("unrecognised date")
        return _span(_parse_pair(parts[0], parts[1], today))
    match = _SINCE_RE.fullmatch(s)
    if match is not None:  # "since 1992" is "1992–present"
        return _span(_parse_pair(match[1], "present", today))
    match = _BETWEEN_RE.fullmatch(s)
    if match is not None:
        return _between(_parse_pair(match[1], match[2], today))
    match = _TO_RE.fullmatch(s)
    if match is not None:
        return _span(_parse_pair(match[1], match[2], today))
    for separator in ("–", " - "):
        if separator in s:
            parts = s.split(separator)
            if len(parts) != 2:
                raise _Unrecognised("unrecognised date (more than one dash)")
            return _span(_parse_pair(parts[0], parts[1], today))
    result = _parse_single(s) or _parse_hyphen_range(s, today)
    if result is None:
        raise _Unrecognised("unrecognised date")
    return result


def _normalize(text: str) -> str:
    s = _SPACES_RE.sub(" ", text.lower().translate(_DASHES)).strip()
    return _PART_DASH_RE.sub(r"\1-", s)  # "mid–1990s" is not a range


def _checked_text(text: object, what: str = "date text") -> str:
    if not isinstance(text, str):
        raise DateParseError(f"{what} must be a string, not {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        raise DateParseError(f"{what} is empty")
    if len(stripped) > MAX_TEXT_LENGTH:
        raise DateParseError(
            f"{what} is too long ({len(stripped)} characters; at most {MAX_TEXT_LENGTH}): "
            f"{_quote(stripped)}"
        )
    return stripped


def parse_date(text: str, today: int | None = None, *, day_first: bool = True) -> FuzzyDate:
    """Parse a date as a source writes it; ``today`` (JDN) is what "present" means;
    ``day_first`` is the order of an ambiguous numeric date ("05/06/2023")."""
    stripped = _checked_text(text)
    try:
        result = _parse_normalized(_normalize(stripped), today, day_first)
    except DateParseError as exc:
        raise DateParseError(f"{exc}: {_quote(stripped)}") from None
    return replace(result, text=stripped)


def is_open_ended(start: str, end: str = "") -> bool:
    """Whether the text leaves its end open ("1992–present", "since 1992", end "present").

    Such a date holds to whatever day it is read on, so what is stored for it must not
    be that day (see ``db.rows``); the written text keeps it open.
    """
    if not isinstance(start, str) or not isinstance(end, str):
        return False
    left, right = _normalize(start), _normalize(end)
    if right:
        return right in _PRESENT
    return bool(_SINCE_RE.fullmatch(left) or _OPEN_END_RE.search(left))


def parse_span(start: str, end: str, today: int | None = None) -> FuzzyDate:
    """A span from ``start`` to ``end`` (two fields of a form); ``end`` "" is ``start`` alone.

    The end may be "present"; a short end borrows from the start as in a range text
    ("1988" to "91", "May" to "June 2023").
    """
    if isinstance(end, str) and not end.strip():
        return parse_date(start, today)
    left = _checked_text(start, "start date")
    right = _checked_text(end, "end date")
    written = f"{left} – {right}"
    try:
        result = _span(_parse_pair(_normalize(left), _normalize(right), today))
    except DateParseError as exc:
        raise DateParseError(f"{exc}: {_quote(written)}") from None
    return replace(result, text=written)


# ------------------------------------------------------------------------ display


class _Form(NamedTuple):
    """A single-date text whose interval is known: ``qualifier`` applied to a unit."""

    precision: str
    qualifier: str
    first: int  # first day of the unit
    text: str


_FORM_QUALIFIERS = ("", "early", "mid", "late", "about", "before", "after")


def _display_year(year: int) -> str:
    """A year that parses back: 2022, 800, AD 14, 1 BC, 44 BC."""
    if year >= 100:
        return str(year)
    return f"AD {year}" if year >= 1 else f"{1 - year} BC"


def _ordinal(n: int) -> str:
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _long_unit_text(precision: str, year: int) -> str | None:
    """Text of a decade, century or millennium starting in ``year``, if it has one."""
    size = _UNIT_YEARS[precision]
    if precision == "decade":
        if year % 10 or not 0 <= year <= 9990:
            return None
        if year >= 100 and (year % 100 or year == 2000):
            return f"{year}s"
        return f"{year // 10:03d}X"
    if (year - 1) % size == 0:
        n, era = ((year - 1) // size + 1, "") if year >= 1 else ((1 - year) // size, " BC")
        return f"{_ordinal(n)} {precision}{era}"
    if year % size == 0 and 0 <= year <= 9999:
        digits = 4 - len(str(size)) + 1
        return f"{year // size:0{digits}d}" + "X" * (len(str(size)) - 1)
    return None


def _unit_text(precision: str, first: int) -> str | None:
    year, month, day = ymd_from_jdn(first)
    if precision == "day":
        return f"{day} {MONTH_NAMES[month]} {_display_year(year)}"
    if precision == "month":
        return f"{MONTH_NAMES[month]} {_display_year(year)}"
    if precision == "year":
        return _display_year(year)
    return _long_unit_text(precision, year)


def _form_text(precision: str, qualifier: str, first: int) -> str | None:
    base = _unit_text(precision, first)
    if base is None or not qualifier:
        return base
    if qualifier == "mid":
        return f"mid-{base}"
    return f"c. {base}" if qualifier == "about" else f"{qualifier} {base}"


def _units_holding(precision: str, jdn: int) -> list[int]:
    """First days of the units of ``precision`` that contain ``jdn``."""
    year, _, day = ymd_from_jdn(jdn)
    if precision == "day":
        return [jdn]
    if precision == "month":
        return [jdn - day + 1]
    if precision in ("year", "decade"):
        return [jdn_from_ymd(year - year % _UNIT_YEARS[precision], 1, 1)]
    size = _UNIT_YEARS[precision]
    return [jdn_from_ymd(year - (year - offset) % size, 1, 1) for offset in (0, 1)]


def _probes(precision: str, qualifier: str, first: int | None, last: int | None) -> list[int]:
    """Days that lie in the unit a ``qualifier`` form with these bounds is built on."""
    kind, n = (_MARGIN if qualifier == "about" else _WINDOW)[precision]
    if first is not None:
        if qualifier in ("about", "before"):
            return [_shift_start(first, kind, n)]
        return [first - 1] if qualifier == "after" else [first]
    if last is None:
        return []
    if qualifier in ("about", "after"):
        return [_shift_start(last, kind, -n)]
    return [last + 1] if qualifier == "before" else [last]


def _forms(first: int | None = None, last: int | None = None) -> list[_Form]:
    """Every single-date form whose interval starts on ``first`` and/or ends on ``last``.

    Ordered by qualifier (plain first), then from the coarsest precision to the finest.
    """
    found: list[_Form] = []
    for qualifier in _FORM_QUALIFIERS:
        for precision in reversed(PRECISIONS):
            if precision == "day" and qualifier in _PART_QUALIFIERS:
                continue
            for probe in _probes(precision, qualifier, first, last):
                for unit in _units_holding(precision, probe):
                    earliest, latest = _qualified(precision, qualifier, unit)
                    if first not in (None, earliest) or last not in (None, latest):
                        continue
                    text = _form_text(precision, qualifier, unit)
                    if text is not None:
                        found.append(_Form(precision, qualifier, unit, text))
    return found


def _form_bounds(form: _Form) -> tuple[int, int]:
    return _qualified(form.precision, form.qualifier, form.first)


def _reparses(text: str, date: FuzzyDate) -> bool:
    try:
        return parse_date(text) == date
    except DateParseError:
        return False


def _edtf_text(form: _Form, qualifier: str) -> str:
    """1984?, 2004-06~, -0043-03-15%, 199X?: an EDTF-qualified unit."""
    year, month, _ = ymd_from_jdn(form.first)
    base = {
        "day": iso_from_jdn(form.first),
        "month": f"{_iso_year(year)}-{month:02d}",
        "year": _iso_year(year),
    }.get(form.precision, form.text)
    return base + _EDTF_SUFFIX[qualifier]


def _single_form(date: FuzzyDate) -> tuple[_Form, str] | None:
    """The form (and its text) of a non-span date, checked to parse back equal."""
    qualifier = "" if date.qualifier in _EDTF_SUFFIX else date.qualifier
    for form in _forms(date.earliest, date.latest):
        if form.precision != date.precision or form.qualifier != qualifier:
            continue
        text = _edtf_text(form, date.qualifier) if date.qualifier in _EDTF_SUFFIX else form.text
        if _reparses(text, date):
            return form, text
    return None


def _display_single(date: FuzzyDate) -> str | None:
    found = _single_form(date)
    return found[1] if found else None


def _display_between(date: FuzzyDate) -> str | None:
    ends = _forms(last=date.latest)
    for start in _forms(first=date.earliest):
        for end in ends:
            if _coarsest(start.precision, end.precision) != date.precision:
                continue
            text = f"between {start.text} and {end.text}"
            if _reparses(text, date):
                return text
    return None


def _compact_span(start: _Form, end: _Form) -> str | None:
    """May–June 2023, 11–13 December 2022, 11 May–13 June 2023 (plain ends only)."""
    if start.qualifier or end.qualifier or start.precision != end.precision:
        return None
    (y1, m1, d1), (y2, m2, _) = ymd_from_jdn(start.first), ymd_from_jdn(end.first)
    if start.precision == "year" and y2 <= 0:
        return f"{1 - y1}–{end.text}"  # 500–400 BC
    if start.precision == "month" and y1 == y2:
        return f"{MONTH_NAMES[m1]}–{end.text}"
    if start.precision == "day" and (y1, m1) == (y2, m2):
        return f"{d1}–{end.text}"
    if start.precision == "day" and y1 == y2:
        return f"{d1} {MONTH_NAMES[m1]}–{end.text}"
    return None


def _span_ends(date: FuzzyDate) -> tuple[_Form, _Form, str] | None:
    """The forms of a span's two ends and the text joining them, checked to parse back."""
    if date.core_start is None or date.core_end is None:
        return None
    starts = [
        form
        for form in _forms(first=date.earliest)
        if min(_form_bounds(form)[1], date.latest) == date.core_start
    ]
    ends = [
        form
        for form in _forms(last=date.latest)
        if max(_form_bounds(form)[0], date.earliest) == date.core_end
    ]
    for start in starts:
        for end in ends:
            if _coarsest(start.precision, end.precision) != date.precision:
                continue
            for text in (_compact_span(start, end), f"{start.text}–{end.text}"):
                if text is not None and _reparses(text, date):
                    return start, end, text
    return None


def _fallback_text(date: FuzzyDate) -> str:
    """For a FuzzyDate no text gives (made by hand): its bounds, as days."""
    first, last = _unit_text("day", date.earliest), _unit_text("day", date.latest)
    return f"{first}–{last}" if date.span else f"between {first} and {last}"


# ----------------------------------------------------------------------- describe

_MARGIN_WORDS = {
    "day": "7 days",
    "month": "a month",
    "year": "2 years",
    "decade": "5 years",
    "century": "25 years",
    "millennium": "250 years",
}


def _range_phrase(first: int, last: int, within: str = "in") -> str:
    """Where: "on 28 December 2022", "in 1974", "between May and August 1990", ..."""
    if first == last:
        return f"on {_day_words(first, True)}"
    (y1, m1, d1), (y2, m2, d2) = ymd_from_jdn(first), ymd_from_jdn(last)
    months = d1 == 1 and d2 == days_in_month(y2, m2)
    if months and m1 == 1 and m2 == 12:
        if y1 == y2:
            return f"{within} {_year_words(y1, True)}"
        return f"between {_year_words(y1, True)} and {_year_words(y2, True)}"
    if months:
        if (y1, m1) == (y2, m2):
            return f"{within} {MONTH_NAMES[m1]} {_year_words(y1, True)}"
        start = MONTH_NAMES[m1] if y1 == y2 else f"{MONTH_NAMES[m1]} {_year_words(y1, True)}"
        return f"between {start} and {MONTH_NAMES[m2]} {_year_words(y2, True)}"
    if (y1, m1) == (y2, m2):
        return f"between {d1} and {d2} {MONTH_NAMES[m2]} {_year_words(y2, True)}"
    if y1 == y2:
        return f"between {d1} {MONTH_NAMES[m1]} and {_day_words(last, True)}"
    return f"between {_day_words(first, True)} and {_day_words(last, True)}"


def _describe_single(date: FuzzyDate) -> str:
    phrase = _range_phrase(date.earliest, date.latest)
    plain = phrase if phrase.startswith("on ") else f"sometime {phrase}"
    if date.qualifier in _EDTF_SUFFIX:
        doubt = date.qualifier.replace("-", " and ")
        return f"{plain} ({doubt})"
    found = _single_form(date) if date.qualifier in ("about", "before", "after") else None
    if found is None:
        return plain
    form = found[0]
    base = _unit_text(form.precision, form.first) or ""
    if form.precision in _UNIT_YEARS and form.precision != "year" and base[-1] != "X":
        base = f"the {base}"  # the 1990s, the 20th century
    if date.qualifier == "about":
        around = _range_phrase(form.first, _unit_last(form.precision, form.first))
        around = f"around {around[3:]}" if around.startswith("on ") else f"sometime {around}"
        return f"{around}, give or take {_MARGIN_WORDS[form.precision]} ({phrase})"
    return f"sometime {date.qualifier} {base}, taken as {phrase}"


def _describe_span(date: FuzzyDate) -> str:
    ends = _span_ends(date)
    if ends is None or date.core_start is None or date.core_end is None:
        return f"lasting from {_day_words(date.earliest, True)} to {_day_words(date.latest, True)}"
    start, end, _ = ends
    if date.earliest == date.core_start and date.core_end == date.latest:
        return f"from {_day_words(date.earliest, True)} to {_day_words(date.latest, True)}"
    first = _range_phrase(date.earliest, date.core_start, "within")
    last = _range_phrase(date.core_end, date.latest, "within")
    return f"from {start.text} to {end.text} (start {first}, end {last})"
