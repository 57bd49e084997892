"""Where a time axis puts its ticks and what it writes under them, for any zoom and any year.

Pure functions on Julian Day Numbers (see ``models.dates``), so the timeline can label
44 BC as well as 28 December 2022 without ``datetime`` or UNIX timestamps. A tick stands
at the *start* of its unit (midnight of a day, the 1st of a month, 1 January of a year).

Year ticks are round in the way historians count: BC ticks fall on multiples of the step
in BC numbering (10 BC, 20 BC …), AD ticks on multiples in AD numbering (AD 10, AD 20 …),
and AD 1 is a tick too for steps of ten years and more, since there is no year 0 between
1 BC and AD 1.

Labels carry the year wherever a day or month tick would otherwise be ambiguous: on the
first tick and on the first tick of each new year ("28 Dec 2022", "29 Dec", "1 Jan 2023").
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from models.dates import MONTH_NAMES, days_in_month, format_day, jdn_from_ymd, ymd_from_jdn

__all__ = ["Level", "choose_level", "minor_ticks", "range_text", "ticks", "year_label"]

MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS_PER_YEAR = 365.2425


@dataclass(frozen=True)
class Level:
    """One spacing of ticks: ``step`` days, weeks (as days), months or years."""

    unit: str  # "day", "week", "month" or "year"
    step: int

    @property
    def days(self) -> float:
        """Approximate distance between two ticks, in days."""
        per_unit = {"day": 1.0, "week": 1.0, "month": _DAYS_PER_YEAR / 12,
                    "year": _DAYS_PER_YEAR}[self.unit]
        return self.step * per_unit


_FIXED_LEVELS = (
    Level("day", 1), Level("day", 2), Level("week", 7), Level("week", 14),
    Level("month", 1), Level("month", 3), Level("month", 6),
)


def _levels() -> Iterator[Level]:
    """Every level from the finest up: days, weeks, months, then years 1, 2, 5, 10, 20 …"""
    yield from _FIXED_LEVELS
    power = 1
    while True:
        for factor in (1, 2, 5):
            yield Level("year", factor * power)
        power *= 10


# ------------------------------------------------------------------------ positions


def _day_ticks(first: float, last: float, step: int) -> list[int]:
    lo, hi = math.ceil(first), math.floor(last)
    start = lo + (-lo) % step  # JDN multiples of 7 are Mondays
    return list(range(start, hi + 1, step))


def _month_ticks(first: float, last: float, step: int) -> list[int]:
    year, month, day = ymd_from_jdn(math.ceil(first))
    index = year * 12 + month - 1 + (day > 1)
    index += (-index) % step
    found = []
    while True:
        jdn = jdn_from_ymd(index // 12, index % 12 + 1, 1)
        if jdn > last:
            return found
        found.append(jdn)
        index += step


def _multiples(lo: int, hi: int, step: int) -> range:
    """Multiples of ``step`` in [lo, hi]."""
    return range(lo + (-lo) % step, hi + 1, step)


def _tick_years(y0: int, y1: int, step: int) -> list[int]:
    """Astronomical years in [y0, y1] that get a tick at ``step`` years (see module doc)."""
    bc_numbers = _multiples(max(1, 1 - min(y1, 0)), 1 - y0, step) if y0 <= 0 else range(0)
    years = [1 - b for b in reversed(bc_numbers)]
    if step >= 10 and y0 <= 1 <= y1:
        years.append(1)
    years.extend(y for y in _multiples(max(1, y0), y1, step) if y != 1 or step < 10)
    return years


def _year_ticks(first: float, last: float, step: int) -> list[int]:
    y0 = ymd_from_jdn(math.ceil(first))[0]
    y1 = ymd_from_jdn(math.floor(last))[0]
    days = (jdn_from_ymd(y, 1, 1) for y in _tick_years(y0, y1, step))
    return [d for d in days if first <= d <= last]


def _positions(level: Level, first: float, last: float) -> list[int]:
    if level.unit in ("day", "week"):
        return _day_ticks(first, last, level.step)
    if level.unit == "month":
        return _month_ticks(first, last, level.step)
    return _year_ticks(first, last, level.step)


def _valid(first: float, last: float, max_ticks: int) -> bool:
    return max_ticks >= 1 and math.isfinite(first) and math.isfinite(last) and last >= first


def choose_level(first_jdn: float, last_jdn: float, max_ticks: int
                 ) -> tuple[Level, list[int]] | None:
    """The finest level with at most ``max_ticks`` ticks in the range, and those ticks."""
    if not _valid(first_jdn, last_jdn, max_ticks):
        return None
    span = last_jdn - first_jdn
    for level in _levels():
        if span / level.days > max_ticks + 1:
            continue  # clearly too many: do not enumerate them
        positions = _positions(level, first_jdn, last_jdn)
        if len(positions) <= max_ticks:
            return level, positions
    raise AssertionError("unreachable: year steps grow without bound")


# --------------------------------------------------------------------------- labels


def year_label(year: int, era: bool = False) -> str:
    """A year on an axis: "2023", "44 BC", "1 BC"; with ``era``, AD years read "AD 14"."""
    if year <= 0:
        return f"{1 - year} BC"
    return f"AD {year}" if era else str(year)


def _context_year(year: int) -> str:
    """A year after a day or month, never mistaken for a day: "2023", "AD 14", "44 BC"."""
    return year_label(year, era=0 < year < 1000)


def _year_labels(level: Level, positions: list[int], first_year: int) -> list[str]:
    """Years; if the range reaches back before AD 1, AD years say so ("AD 200")."""
    years = [ymd_from_jdn(p)[0] for p in positions]
    era = first_year <= 0
    if level.step == 10 and not era:
        return [f"{y}s" if y >= 100 else str(y) for y in years]
    return [year_label(y, era) for y in years]


def _calendar_labels(level: Level, positions: list[int]) -> list[str]:
    labels = []
    previous_year: int | None = None
    for position in positions:
        year, month, day = ymd_from_jdn(position)
        text = MONTH_ABBR[month] if level.unit == "month" else f"{day} {MONTH_ABBR[month]}"
        if year != previous_year:
            text = f"{text} {_context_year(year)}"
        labels.append(text)
        previous_year = year
    return labels


def ticks(first_jdn: float, last_jdn: float, max_ticks: int) -> list[tuple[int, str]]:
    """Major ticks in [first_jdn, last_jdn]: (JDN, label), increasing, at most ``max_ticks``."""
    chosen = choose_level(first_jdn, last_jdn, max_ticks)
    if chosen is None:
        return []
    level, positions = chosen
    if level.unit == "year":
        labels = _year_labels(level, positions, ymd_from_jdn(math.floor(first_jdn))[0])
    else:
        labels = _calendar_labels(level, positions)
    return list(zip(positions, labels, strict=True))


# ---------------------------------------------------------------------------- minor


def _nests(minor: Level, major: Level) -> bool:
    """Whether ``minor`` ticks subdivide ``major`` ones well enough to draw between them."""
    if minor.unit == major.unit or {minor.unit, major.unit} == {"day", "week"}:
        return major.step % minor.step == 0 and minor.step < major.step
    if major.unit == "year" and minor.unit == "month":
        return major.step == 1
    return major.unit == "month" and minor.unit in ("day", "week") and minor.step == 7


def minor_ticks(first_jdn: float, last_jdn: float, max_ticks: int,
                density: int = 4) -> list[int]:
    """Unlabelled ticks between the major ones: at most ``density`` × ``max_ticks``."""
    chosen = choose_level(first_jdn, last_jdn, max_ticks)
    if chosen is None:
        return []
    major, _ = chosen
    limit = density * max_ticks
    best: list[int] = []
    for level in _levels():
        if level == major:
            return best
        if not _nests(level, major) or (last_jdn - first_jdn) / level.days > limit + 1:
            continue
        positions = _positions(level, first_jdn, last_jdn)
        if len(positions) <= limit:
            return positions
    return best


def range_text(first_jdn: int, last_jdn: int) -> str:
    """The days [first, last] as a chart's subtitle writes them: whole years "1974 –
    2025", whole months "May 2022 – August 2023", else days; one unit once ("2025")."""
    y0, m0, d0 = ymd_from_jdn(first_jdn)
    y1, m1, d1 = ymd_from_jdn(last_jdn)
    if (m0, d0, m1, d1) == (1, 1, 12, 31):
        ends = year_label(y0, era=y0 <= 0), year_label(y1, era=y0 <= 0)
    elif d0 == 1 and d1 == days_in_month(y1, m1):
        ends = (f"{MONTH_NAMES[m0]} {_context_year(y0)}",
                f"{MONTH_NAMES[m1]} {_context_year(y1)}")
    else:
        ends = format_day(first_jdn), format_day(last_jdn)
    return ends[0] if ends[0] == ends[1] else f"{ends[0]} – {ends[1]}"
