"""More ways people write dates, rewritten into forms ``models.dates`` already reads.

Seasons ("spring 2023"), quarters ("Q3 2022", "third quarter of 2022"), numeric dates
("12/05/2023", "12.05.2023", "2023/05/12"), Chinese, Japanese and Korean year-month-day
("2022年12月", "2022년 12월 5일") and EDTF unspecified digits beyond the four-digit
forms ("2010-XX", "2010-05-XX", "201X-05"). Each becomes a text of the existing grammar
("between March 2023 and May 2023", "12 May 2023", "December 2022"), so the dates it
gives display and read back exactly as before, and no existing form changes meaning.

Numeric day and month: a number above 12 decides the order; otherwise ``day_first``
(the chosen order; day first by default, as most of the world writes it).
"""

from __future__ import annotations

import re

ACCEPTED_FORMS = ("late December 2022", "c. 1974", "1988–1991", "mid-2010s", "44 BC",
                  "spring 2023", "Q3 2022", "12/05/2023", "2022年12月", "2010-XX")

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 14)}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
             "fourth": 4, "4th": 4}
_YEAR = r"(\d{4})"
_SEASON_RE = re.compile(r"(spring|summer|autumn|fall|winter)(?: of)? " + _YEAR)
_QUARTER_RE = re.compile(r"q([1-4]) " + _YEAR + r"|" + _YEAR + r" q([1-4])|"
                         r"(first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of)? " + _YEAR)
_NUMERIC_RE = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})")
_YMD_RE = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})")
_CJK_RE = re.compile(r"(\d{1,4})\s*[年년]\s*(?:(\d{1,2})\s*[月월]\s*(?:(\d{1,2})\s*[日일])?)?")
_EDTF_RE = re.compile(r"(\d{1,3}x{1,3}|\d{4})-(\d\d|xx)(?:-(\d\d|xx))?")


def _month(year: int, month: int) -> str:
    return f"{_MONTHS[month - 1]} {year}"


def _between_months(year: int, first: int, last: int) -> str:
    end_year, end = (year + 1, last - 12) if last > 12 else (year, last)
    return f"between {_month(year, first)} and {_month(end_year, end)}"


def _season(s: str) -> str | None:
    match = _SEASON_RE.fullmatch(s)
    if match is None:
        return None
    first, last = _SEASONS[match[1]]
    return _between_months(int(match[2]), first, last)


def _quarter(s: str) -> str | None:
    match = _QUARTER_RE.fullmatch(s)
    if match is None:
        return None
    if match[1]:
        quarter, year = int(match[1]), int(match[2])
    elif match[3]:
        quarter, year = int(match[4]), int(match[3])
    else:
        quarter, year = _ORDINALS[match[5]], int(match[6])
    return _between_months(year, 3 * quarter - 2, 3 * quarter)


def _day(year: int, month: int, day: int) -> str | None:
    return f"{day} {_MONTHS[month - 1]} {year}" if 1 <= month <= 12 and day >= 1 else None


def _numeric(s: str, day_first: bool) -> str | None:
    match = _YMD_RE.fullmatch(s)
    if match is not None:
        return _day(int(match[1]), int(match[3]), int(match[4]))
    match = _NUMERIC_RE.fullmatch(s)
    if match is None:
        return None
    a, b, year = int(match[1]), int(match[3]), int(match[4])
    if a > 12 or (day_first and b <= 12):
        return _day(year, b, a)
    return _day(year, a, b)


def _cjk(s: str) -> str | None:
    match = _CJK_RE.fullmatch(s)
    if match is None:
        return None
    year = f"{int(match[1]):04d}"
    if match[2] is None:
        return year
    month = int(match[2])
    if not 1 <= month <= 12:
        return None
    return f"{match[3]} {_MONTHS[month - 1]} {year}" if match[3] else f"{_MONTHS[month - 1]} {year}"


def _edtf(s: str) -> str | None:
    """EDTF unspecified digits with a month or day part ("2010-xx", "201x-05")."""
    match = _EDTF_RE.fullmatch(s)
    if match is None or "x" not in s:
        return None
    year, month, day = match[1], match[2], match[3]
    if month == "xx" and day not in (None, "xx"):
        return None  # a known day of an unknown month says nothing more
    if "x" not in year:
        if month == "xx":
            return year
        return f"{_MONTHS[int(month) - 1]} {year}" if day in (None, "xx") and (
            1 <= int(month) <= 12) else None
    if month == "xx":
        return year if day in (None, "xx") else None
    if not 1 <= int(month) <= 12 or day not in (None, "xx"):
        return None
    low, high = int(year.replace("x", "0")), int(year.replace("x", "9"))
    return f"between {_month(low, int(month))} and {_month(high, int(month))}"


def rewrite(s: str, day_first: bool = True) -> str | None:
    """The existing grammar's text for a normalised (lower-case) date in one of the new
    forms, or None when it is none of them."""
    for form in (_season, _quarter, _cjk, _edtf):
        text = form(s)
        if text is not None:
            return text
    return _numeric(s, day_first)
