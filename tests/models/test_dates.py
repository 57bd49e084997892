"""Tests of models/dates.py: JDN arithmetic, the date grammar, display and describe."""

from __future__ import annotations

import calendar
import contextlib
import datetime
import time

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from models.dates import (
    MAX_TEXT_LENGTH,
    MAX_YEAR,
    DateParseError,
    FuzzyDate,
    days_in_month,
    format_day,
    iso_from_jdn,
    jdn_from_iso,
    jdn_from_ymd,
    parse_date,
    parse_span,
    today_jdn,
    ymd_from_jdn,
)

TODAY = jdn_from_ymd(2025, 6, 15)
ORDINAL_TO_JDN = 1721425


def ymd(year: int, month: int, day: int) -> int:
    return jdn_from_ymd(year, month, day)


def parse(text: str) -> FuzzyDate:
    return parse_date(text, today=TODAY)


# ---------------------------------------------------------------------------- JDN


def test_jdn_epoch() -> None:
    assert jdn_from_ymd(2000, 1, 1) == 2451545
    assert ymd_from_jdn(2451545) == (2000, 1, 1)
    assert jdn_from_ymd(-4713, 11, 24) == 0  # JDN 0 in the proleptic Gregorian calendar


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(1, 1, 1),
        datetime.date(1, 3, 1),
        datetime.date(100, 2, 28),
        datetime.date(400, 2, 29),
        datetime.date(1582, 10, 15),
        datetime.date(1600, 12, 31),
        datetime.date(1900, 3, 1),
        datetime.date(1970, 1, 1),
        datetime.date(2000, 2, 29),
        datetime.date(2022, 12, 28),
        datetime.date(9999, 12, 31),
    ],
)
def test_jdn_agrees_with_datetime(day: datetime.date) -> None:
    assert jdn_from_ymd(day.year, day.month, day.day) == day.toordinal() + ORDINAL_TO_JDN
    assert ymd_from_jdn(day.toordinal() + ORDINAL_TO_JDN) == (day.year, day.month, day.day)


@given(st.dates())
def test_jdn_agrees_with_datetime_everywhere(day: datetime.date) -> None:
    jdn = jdn_from_ymd(day.year, day.month, day.day)
    assert jdn == day.toordinal() + ORDINAL_TO_JDN
    assert iso_from_jdn(jdn) == day.isoformat()


@given(st.integers(min_value=-50_000_000, max_value=50_000_000))
def test_ymd_and_iso_round_trip(jdn: int) -> None:
    year, month, day = ymd_from_jdn(jdn)
    assert 1 <= month <= 12
    assert 1 <= day <= days_in_month(year, month)
    assert jdn_from_ymd(year, month, day) == jdn
    assert jdn_from_iso(iso_from_jdn(jdn)) == jdn
    assert ymd_from_jdn(jdn + 1) > (year, month, day)


@given(st.integers(min_value=-200_000, max_value=200_000), st.integers(1, 12))
def test_months_are_contiguous(year: int, month: int) -> None:
    first = jdn_from_ymd(year, month, 1)
    last = jdn_from_ymd(year, month, days_in_month(year, month))
    assert ymd_from_jdn(last + 1)[2] == 1
    assert ymd_from_jdn(first - 1)[2] == days_in_month(*ymd_from_jdn(first - 1)[:2])


def test_days_in_month_matches_calendar() -> None:
    for year in (1, 4, 100, 400, 1900, 2000, 2023, 2024, 9999):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
    assert days_in_month(0, 2) == 29  # 1 BC is a leap year
    assert days_in_month(-100, 2) == 28
    assert days_in_month(-400, 2) == 29


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((2023, 2, 29), "no 29 February in 2023"),
        ((2023, 13, 1), "no month 13"),
        ((2023, 0, 1), "no month 0"),
        ((2023, 4, 31), "no 31 April in 2023"),
        ((2023, 5, 0), "no 0 May in 2023"),
        ((-43, 2, 30), "no 30 February in 44 BC"),
    ],
)
def test_jdn_from_ymd_refuses_impossible_days(args: tuple[int, int, int], message: str) -> None:
    with pytest.raises(DateParseError, match=message):
        jdn_from_ymd(*args)


def test_iso_strings() -> None:
    assert iso_from_jdn(ymd(2022, 12, 21)) == "2022-12-21"
    assert iso_from_jdn(ymd(-43, 3, 15)) == "-0043-03-15"
    assert iso_from_jdn(ymd(0, 1, 1)) == "0000-01-01"
    assert iso_from_jdn(ymd(10000, 1, 1)) == "+10000-01-01"
    assert iso_from_jdn(ymd(-12345, 6, 7)) == "-12345-06-07"
    assert jdn_from_iso("2022-12-28") == ymd(2022, 12, 28)
    assert jdn_from_iso("-0043-03-15") == ymd(-43, 3, 15)
    assert jdn_from_iso("+10000-01-01") == ymd(10000, 1, 1)
    for bad in ("2022-12", "2022-02-30", "12/28/2022", "", "2022-12-28x"):
        with pytest.raises(DateParseError):
            jdn_from_iso(bad)


def test_format_day() -> None:
    assert format_day(ymd(2022, 12, 28)) == "28 December 2022"
    assert format_day(ymd(-43, 3, 15)) == "15 March 44 BC"
    assert format_day(ymd(0, 7, 1)) == "1 July 1 BC"
    assert format_day(ymd(1, 1, 1)) == "1 January 1"


def test_today_jdn() -> None:
    assert abs(today_jdn() - (datetime.date.today().toordinal() + ORDINAL_TO_JDN)) <= 1


# ------------------------------------------------------------------------ grammar

Y, M, D = "year", "month", "day"

# text, earliest, latest, precision, qualifier
SINGLE_CASES = [
    ("2022", (2022, 1, 1), (2022, 12, 31), Y, ""),
    ("2022-12", (2022, 12, 1), (2022, 12, 31), M, ""),
    ("2022-12-28", (2022, 12, 28), (2022, 12, 28), D, ""),
    ("-0043", (-43, 1, 1), (-43, 12, 31), Y, ""),
    ("-0043-03-15", (-43, 3, 15), (-43, 3, 15), D, ""),
    ("0000", (0, 1, 1), (0, 12, 31), Y, ""),
    ("+10000-01-01", (10000, 1, 1), (10000, 1, 1), D, ""),
    ("28 December 2022", (2022, 12, 28), (2022, 12, 28), D, ""),
    ("28 Dec 2022", (2022, 12, 28), (2022, 12, 28), D, ""),
    ("December 28, 2022", (2022, 12, 28), (2022, 12, 28), D, ""),
    ("Dec 28 2022", (2022, 12, 28), (2022, 12, 28), D, ""),
    ("28th December 2022", (2022, 12, 28), (2022, 12, 28), D, ""),
    ("the 28th of December 2022", (2022, 12, 28), (2022, 12, 28), D, ""),
    ("  DECEMBER 2022 ", (2022, 12, 1), (2022, 12, 31), M, ""),
    ("Dec 2022", (2022, 12, 1), (2022, 12, 31), M, ""),
    ("Dec. 2022", (2022, 12, 1), (2022, 12, 31), M, ""),
    ("Sept 2022", (2022, 9, 1), (2022, 9, 30), M, ""),
    ("Feb 2024", (2024, 2, 1), (2024, 2, 29), M, ""),
    # about: day ±7 days, month ±1 month, year ±2, decade ±5, century ±25 years
    ("c. 1974", (1972, 1, 1), (1976, 12, 31), Y, "about"),
    ("c 1974", (1972, 1, 1), (1976, 12, 31), Y, "about"),
    ("ca. 1974", (1972, 1, 1), (1976, 12, 31), Y, "about"),
    ("circa 1974", (1972, 1, 1), (1976, 12, 31), Y, "about"),
    ("about 1974", (1972, 1, 1), (1976, 12, 31), Y, "about"),
    ("around 1974", (1972, 1, 1), (1976, 12, 31), Y, "about"),
    ("approximately 1974", (1972, 1, 1), (1976, 12, 31), Y, "about"),
    ("~1974", (1972, 1, 1), (1976, 12, 31), Y, "about"),
    ("c. 28 December 2022", (2022, 12, 21), (2023, 1, 4), D, "about"),
    ("c. December 2022", (2022, 11, 1), (2023, 1, 31), M, "about"),
    ("c. 1990s", (1985, 1, 1), (2004, 12, 31), "decade", "about"),
    ("c. 20th century", (1876, 1, 1), (2025, 12, 31), "century", "about"),
    ("c. 500 BC", (-501, 1, 1), (-497, 12, 31), Y, "about"),
    # before / after: 10 units (30 days for a day) next to X
    ("before 2011", (2001, 1, 1), (2010, 12, 31), Y, "before"),
    ("before May 2011", (2010, 7, 1), (2011, 4, 30), M, "before"),
    ("before 12 May 2011", (2011, 4, 12), (2011, 5, 11), D, "before"),
    ("after 2018", (2019, 1, 1), (2028, 12, 31), Y, "after"),
    ("after 28 December 2022", (2022, 12, 29), (2023, 1, 27), D, "after"),
    ("before the 1990s", (1890, 1, 1), (1989, 12, 31), "decade", "before"),
    # early / mid / late
    ("early 1990", (1990, 1, 1), (1990, 4, 30), Y, "early"),
    ("mid 1990", (1990, 5, 1), (1990, 8, 31), Y, "mid"),
    ("late 1990", (1990, 9, 1), (1990, 12, 31), Y, "late"),
    ("Early 2023", (2023, 1, 1), (2023, 4, 30), Y, "early"),
    ("early-2023", (2023, 1, 1), (2023, 4, 30), Y, "early"),
    ("early December 2022", (2022, 12, 1), (2022, 12, 10), M, "early"),
    ("mid-December 2022", (2022, 12, 11), (2022, 12, 20), M, "mid"),
    ("late December 2022", (2022, 12, 21), (2022, 12, 31), M, "late"),
    ("late February 2023", (2023, 2, 21), (2023, 2, 28), M, "late"),
    ("early 1990s", (1990, 1, 1), (1993, 12, 31), "decade", "early"),
    ("mid-1990s", (1994, 1, 1), (1996, 12, 31), "decade", "mid"),
    ("mid 1990s", (1994, 1, 1), (1996, 12, 31), "decade", "mid"),
    ("mid–1990s", (1994, 1, 1), (1996, 12, 31), "decade", "mid"),
    ("the late 1990s", (1997, 1, 1), (1999, 12, 31), "decade", "late"),
    ("mid-2010s", (2014, 1, 1), (2016, 12, 31), "decade", "mid"),
    ("early 20th century", (1901, 1, 1), (1933, 12, 31), "century", "early"),
    ("late 19th century", (1867, 1, 1), (1900, 12, 31), "century", "late"),
    # decades, centuries, millennia
    ("1990s", (1990, 1, 1), (1999, 12, 31), "decade", ""),
    ("the 1990s", (1990, 1, 1), (1999, 12, 31), "decade", ""),
    ("1990's", (1990, 1, 1), (1999, 12, 31), "decade", ""),
    ("2000s", (2000, 1, 1), (2009, 12, 31), "decade", ""),
    ("1800s", (1800, 1, 1), (1899, 12, 31), "century", ""),
    ("20th century", (1901, 1, 1), (2000, 12, 31), "century", ""),
    ("the 20th century", (1901, 1, 1), (2000, 12, 31), "century", ""),
    ("21st century", (2001, 1, 1), (2100, 12, 31), "century", ""),
    ("5th century BC", (-499, 1, 1), (-400, 12, 31), "century", ""),
    ("1st century BC", (-99, 1, 1), (0, 12, 31), "century", ""),
    ("2nd millennium", (1001, 1, 1), (2000, 12, 31), "millennium", ""),
    # BC / AD
    ("44 BC", (-43, 1, 1), (-43, 12, 31), Y, ""),
    ("44 BCE", (-43, 1, 1), (-43, 12, 31), Y, ""),
    ("44 B.C.", (-43, 1, 1), (-43, 12, 31), Y, ""),
    ("1 BC", (0, 1, 1), (0, 12, 31), Y, ""),
    ("15 March 44 BC", (-43, 3, 15), (-43, 3, 15), D, ""),
    ("March 44 BC", (-43, 3, 1), (-43, 3, 31), M, ""),
    ("AD 800", (800, 1, 1), (800, 12, 31), Y, ""),
    ("800 AD", (800, 1, 1), (800, 12, 31), Y, ""),
    ("800 CE", (800, 1, 1), (800, 12, 31), Y, ""),
    ("800", (800, 1, 1), (800, 12, 31), Y, ""),
    ("AD 14", (14, 1, 1), (14, 12, 31), Y, ""),
    ("100000", (100000, 1, 1), (100000, 12, 31), Y, ""),
    ("100001 BC", (-100000, 1, 1), (-100000, 12, 31), Y, ""),
    # EDTF
    ("1984?", (1984, 1, 1), (1984, 12, 31), Y, "uncertain"),
    ("1984~", (1984, 1, 1), (1984, 12, 31), Y, "approximate"),
    ("1984%", (1984, 1, 1), (1984, 12, 31), Y, "uncertain-approximate"),
    ("1984?~", (1984, 1, 1), (1984, 12, 31), Y, "uncertain-approximate"),
    ("2004-06?", (2004, 6, 1), (2004, 6, 30), M, "uncertain"),
    ("-0043-03-15~", (-43, 3, 15), (-43, 3, 15), D, "approximate"),
    ("19XX", (1900, 1, 1), (1999, 12, 31), "century", ""),
    ("198X", (1980, 1, 1), (1989, 12, 31), "decade", ""),
    ("1XXX", (1000, 1, 1), (1999, 12, 31), "millennium", ""),
    # a single moment between two dates
    ("between 1988 and 1991", (1988, 1, 1), (1991, 12, 31), Y, "between"),
    ("between May and June 2023", (2023, 5, 1), (2023, 6, 30), M, "between"),
]


@pytest.mark.parametrize(("text", "first", "last", "precision", "qualifier"), SINGLE_CASES)
def test_single_dates(
    text: str,
    first: tuple[int, int, int],
    last: tuple[int, int, int],
    precision: str,
    qualifier: str,
) -> None:
    date = parse(text)
    assert (date.earliest, date.latest) == (ymd(*first), ymd(*last))
    assert (date.precision, date.qualifier, date.span) == (precision, qualifier, False)
    assert date.core_start is None and date.core_end is None
    assert date.text == text.strip()


# text, earliest, core_start, core_end, latest, precision
SPAN_CASES = [
    ("1988–1991", (1988, 1, 1), (1988, 12, 31), (1991, 1, 1), (1991, 12, 31), Y),
    ("1988-1991", (1988, 1, 1), (1988, 12, 31), (1991, 1, 1), (1991, 12, 31), Y),
    ("1988—1991", (1988, 1, 1), (1988, 12, 31), (1991, 1, 1), (1991, 12, 31), Y),
    ("1988 - 1991", (1988, 1, 1), (1988, 12, 31), (1991, 1, 1), (1991, 12, 31), Y),
    ("1988-91", (1988, 1, 1), (1988, 12, 31), (1991, 1, 1), (1991, 12, 31), Y),
    ("1988–91", (1988, 1, 1), (1988, 12, 31), (1991, 1, 1), (1991, 12, 31), Y),
    ("from 1988 to 1991", (1988, 1, 1), (1988, 12, 31), (1991, 1, 1), (1991, 12, 31), Y),
    ("1988 to 1991", (1988, 1, 1), (1988, 12, 31), (1991, 1, 1), (1991, 12, 31), Y),
    ("1964/2008", (1964, 1, 1), (1964, 12, 31), (2008, 1, 1), (2008, 12, 31), Y),
    ("2004-06/2006-08", (2004, 6, 1), (2004, 6, 30), (2006, 8, 1), (2006, 8, 31), M),
    ("May–June 2023", (2023, 5, 1), (2023, 5, 31), (2023, 6, 1), (2023, 6, 30), M),
    ("May-June 2023", (2023, 5, 1), (2023, 5, 31), (2023, 6, 1), (2023, 6, 30), M),
    ("May 2023 – June 2024", (2023, 5, 1), (2023, 5, 31), (2024, 6, 1), (2024, 6, 30), M),
    ("11–13 December 2022", (2022, 12, 11), (2022, 12, 11), (2022, 12, 13), (2022, 12, 13), D),
    ("11-13 December 2022", (2022, 12, 11), (2022, 12, 11), (2022, 12, 13), (2022, 12, 13), D),
    ("December 11–13, 2022", (2022, 12, 11), (2022, 12, 11), (2022, 12, 13), (2022, 12, 13), D),
    ("11 May–13 June 2023", (2023, 5, 11), (2023, 5, 11), (2023, 6, 13), (2023, 6, 13), D),
    ("2019–present", (2019, 1, 1), (2019, 12, 31), (2025, 6, 15), (2025, 6, 15), Y),
    ("2019 to now", (2019, 1, 1), (2019, 12, 31), (2025, 6, 15), (2025, 6, 15), Y),
    ("late 1988–early 1991", (1988, 9, 1), (1988, 12, 31), (1991, 1, 1), (1991, 4, 30), Y),
    ("late 1988-early 1991", (1988, 9, 1), (1988, 12, 31), (1991, 1, 1), (1991, 4, 30), Y),
    ("c. 1988 – 1991?", (1986, 1, 1), (1990, 12, 31), (1991, 1, 1), (1991, 12, 31), Y),
    ("500–400 BC", (-499, 1, 1), (-499, 12, 31), (-399, 1, 1), (-399, 12, 31), Y),
    ("March–April 44 BC", (-43, 3, 1), (-43, 3, 31), (-43, 4, 1), (-43, 4, 30), M),
    ("44 BC–AD 14", (-43, 1, 1), (-43, 12, 31), (14, 1, 1), (14, 12, 31), Y),
    ("1990s–2000s", (1990, 1, 1), (1999, 12, 31), (2000, 1, 1), (2009, 12, 31), "decade"),
    ("1988–1988", (1988, 1, 1), (1988, 12, 31), (1988, 1, 1), (1988, 12, 31), Y),
]


@pytest.mark.parametrize(
    ("text", "first", "core_start", "core_end", "last", "precision"), SPAN_CASES
)
def test_spans(
    text: str,
    first: tuple[int, int, int],
    core_start: tuple[int, int, int],
    core_end: tuple[int, int, int],
    last: tuple[int, int, int],
    precision: str,
) -> None:
    date = parse(text)
    assert date.span and date.qualifier == ""
    assert (date.earliest, date.core_start, date.core_end, date.latest) == (
        ymd(*first),
        ymd(*core_start),
        ymd(*core_end),
        ymd(*last),
    )
    assert date.precision == precision


def test_iso_year_month_is_not_a_range() -> None:
    assert parse("1988-12") == FuzzyDate(ymd(1988, 12, 1), ymd(1988, 12, 31), M, "")
    assert parse("2010-11").precision == M
    assert parse("2010–11").span  # an en dash is always a range


def test_present_defaults_to_today() -> None:
    assert parse_date("2019–present").latest == today_jdn()


BAD_CASES = [
    ("2023-02-29", "no 29 February in 2023"),
    ("29 February 2023", "no 29 February in 2023"),
    ("2023-13-01", "no month 13"),
    ("1988-13", "no month 13"),
    ("32 May 2023", "no 32 May in 2023"),
    ("0 May 2023", "no 0 May in 2023"),
    ("31 April 2023", "no 31 April in 2023"),
    ("0 BC", "no year 0 BC"),
    ("0 AD", "no year 0 AD"),
    ("1991–1988", "end '1988' is before start '1991'"),
    ("1991-1988", "is before start"),
    ("between 1991 and 1988", "is before start"),
    ("2030–present", "is before start"),
    ("", "empty"),
    ("   \t\n", "empty"),
    ("yesterday-ish", "unrecognised date: 'yesterday-ish'"),
    ("foo", "unrecognised date: 'foo'"),
    ("present", "unrecognised date"),
    ("December 14", "year 14 needs an era"),
    ("14", "year 14 needs an era"),
    ("100001", "out of range"),
    ("100002 BC", "out of range"),
    ("+200000-01-01", "out of range"),
    ("1001st century", "no century 1001"),
    ("0th century", "no century 0"),
    ("x" * 201, "too long"),
    ("c. before 2011", "only one qualifier"),
    ("~1974~", "only one qualifier"),
    ("late 1990?", "only one qualifier"),
    ("early 28 December 2022", "needs a month, year, decade or century"),
    ("AD 800 BC", "only one era"),
    ("..2008", "open-ended"),
    ("2008/..", "open-ended"),
    ("2019–", "needs both a start and an end"),
    ("1988–1990–1991", "more than one dash"),
    ("1988–foo", "unrecognised end of range 'foo'"),
]


@pytest.mark.parametrize(("text", "message"), BAD_CASES)
def test_bad_dates(text: str, message: str) -> None:
    with pytest.raises(DateParseError, match=message.replace("?", r"\?")) as caught:
        parse(text)
    assert "\n" not in str(caught.value)


def test_error_quotes_the_input_short_and_on_one_line() -> None:
    with pytest.raises(DateParseError) as caught:
        parse("nonsense\x00 " + "y" * 150)
    message = str(caught.value)
    assert message.startswith("unrecognised date: 'nonsense\\x00 yyy")
    assert message.endswith("…'") and len(message) < 80


def test_non_string_is_a_parse_error() -> None:
    with pytest.raises(DateParseError, match="must be a string"):
        parse_date(1988)  # type: ignore[arg-type]


# ----------------------------------------------------------------------- parse_span


def test_parse_span() -> None:
    assert parse_span("1988", "", today=TODAY) == parse("1988")
    assert parse_span("1988", "1991", today=TODAY) == parse("1988–1991")
    assert parse_span("1988", "91", today=TODAY) == parse("1988–1991")
    assert parse_span("May", "June 2023", today=TODAY) == parse("May–June 2023")
    assert parse_span("c. 1988", "late 1991", today=TODAY) == parse("c. 1988–late 1991")
    assert parse_span("2019", "present", today=TODAY).latest == TODAY
    assert parse_span(" 1988 ", "1991").text == "1988 – 1991"
    with pytest.raises(DateParseError, match="is before start"):
        parse_span("1991", "1988")
    with pytest.raises(DateParseError, match="start date is empty"):
        parse_span("", "1991")
    with pytest.raises(DateParseError, match="unrecognised"):
        parse_span("1988", "foo")


# ------------------------------------------------------------------ FuzzyDate API


def test_text_is_not_part_of_equality() -> None:
    assert parse("c. 1974") == parse("circa 1974")
    assert parse("c. 1974").text == "c. 1974"
    assert hash(parse("1988–1991")) == hash(parse("from 1988 to 1991"))


def test_point_and_iso() -> None:
    day = parse("28 December 2022")
    assert day.is_point()
    assert not parse("December 2022").is_point()
    assert not parse("11–11 December 2022").is_point()
    assert parse("late December 2022").iso_earliest() == "2022-12-21"
    assert parse("15 March 44 BC").iso_latest() == "-0043-03-15"


def test_fuzzy_date_validates() -> None:
    with pytest.raises(ValueError, match="after latest"):
        FuzzyDate(10, 9, "day", "")
    with pytest.raises(ValueError, match="precision"):
        FuzzyDate(1, 2, "week", "")
    with pytest.raises(ValueError, match="qualifier"):
        FuzzyDate(1, 2, "day", "perhaps")


DISPLAY_CASES = [
    ("2022-12-28", "28 December 2022"),
    ("Dec 2022", "December 2022"),
    ("2022", "2022"),
    ("late december 2022", "late December 2022"),
    ("mid 2010s", "mid-2010s"),
    ("the 1990's", "1990s"),
    ("circa 1974", "c. 1974"),
    ("before 2011", "before 2011"),
    ("after 2018", "after 2018"),
    ("1988-1991", "1988–1991"),
    ("from May to June 2023", "May–June 2023"),
    ("December 11-13, 2022", "11–13 December 2022"),
    ("-0043", "44 BC"),
    ("-0043-03-15", "15 March 44 BC"),
    ("0014", "AD 14"),
    ("500-400 BC", "500–400 BC"),
    ("1984?", "1984?"),
    ("1984~", "1984~"),
    ("2004-06?", "2004-06?"),
    ("Dec 28, 2022%", "2022-12-28%"),
    ("19XX", "19XX"),
    ("1900s", "19XX"),
    ("190X", "190X"),
    ("the 20th century", "20th century"),
    ("late 1988–early 1991", "late 1988–early 1991"),
    ("between 1988 and 1991", "between 1988 and 1991"),
    ("2019–present", "2019–15 June 2025"),
]


@pytest.mark.parametrize(("text", "expected"), DISPLAY_CASES)
def test_display(text: str, expected: str) -> None:
    date = parse(text)
    assert date.display() == expected
    assert parse(expected) == date


def test_display_of_a_hand_made_date_still_parses() -> None:
    odd = FuzzyDate(ymd(2022, 12, 3), ymd(2022, 12, 9), "day", "")
    assert odd.display() == "between 3 December 2022 and 9 December 2022"
    assert parse(odd.display()).earliest == odd.earliest


DESCRIBE_CASES = [
    ("28 December 2022", "on 28 December 2022"),
    ("late December 2022", "sometime between 21 and 31 December 2022"),
    ("mid-December 2022", "sometime between 11 and 20 December 2022"),
    ("December 2022", "sometime in December 2022"),
    ("mid 1990", "sometime between May and August 1990"),
    ("c. 1974", "sometime in 1974, give or take 2 years (between 1972 and 1976)"),
    ("before 2011", "sometime before 2011, taken as between 2001 and 2010"),
    ("1988–1991", "from 1988 to 1991 (start within 1988, end within 1991)"),
    ("11–13 December 2022", "from 11 December 2022 to 13 December 2022"),
    ("between 1988 and 1991", "sometime between 1988 and 1991"),
    (
        "c. 28 Dec 2022",
        "around 28 December 2022, give or take 7 days"
        " (between 21 December 2022 and 4 January 2023)",
    ),
    ("after May 2011", "sometime after May 2011, taken as between June 2011 and March 2012"),
    (
        "late 1988–early 1991",
        "from late 1988 to early 1991 (start between September and December 1988,"
        " end between January and April 1991)",
    ),
    ("2019–present", "from 2019 to 15 June 2025 (start within 2019, end on 15 June 2025)"),
    ("1984?", "sometime in 1984 (uncertain)"),
    ("44 BC", "sometime in 44 BC"),
    ("5th century BC", "sometime between 500 BC and 401 BC"),
]


@pytest.mark.parametrize(("text", "expected"), DESCRIBE_CASES)
def test_describe(text: str, expected: str) -> None:
    assert parse(text).describe() == expected


# --------------------------------------------------------------------- properties

MONTH_SPELLINGS = [[name, name[:3], name[:3] + "."] for name in calendar.month_name[1:]]
MONTH_SPELLINGS[8].append("Sept")


def _ordinal(n: int) -> str:
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@st.composite
def year_texts(draw: st.DrawFn) -> tuple[int, str]:
    """(astronomical year, a way of writing it)."""
    kind = draw(st.sampled_from(["bare", "small", "bc"]))
    if kind == "bare":
        year = draw(st.integers(100, 9999))
        return year, draw(st.sampled_from([str(year), f"AD {year}", f"{year} CE"]))
    if kind == "small":
        year = draw(st.integers(1, 99))
        return year, draw(st.sampled_from([f"AD {year}", f"{year} AD", f"{year:04d}"]))
    n = draw(st.integers(1, 5000))
    return 1 - n, f"{n} {draw(st.sampled_from(['BC', 'BCE', 'B.C.', 'bc']))}"


def _iso_year(year: int) -> str:
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


@st.composite
def units(draw: st.DrawFn) -> tuple[str, str]:
    """(precision, text) of an unqualified date in any spelling."""
    kind = draw(
        st.sampled_from(["iso", "written day", "written month", "year", "decade", "x", "ordinal"])
    )
    if kind == "iso":
        year = draw(st.integers(-9999, 9999))
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, days_in_month(year, month)))
        depth = draw(st.integers(0, 2))
        parts = [_iso_year(year), f"{month:02d}", f"{day:02d}"][: depth + 1]
        return ("year", "month", "day")[depth], "-".join(parts)
    if kind in ("written day", "written month"):
        year, year_text = draw(year_texts())
        month = draw(st.integers(1, 12))
        name = draw(st.sampled_from(MONTH_SPELLINGS[month - 1]))
        if kind == "written month":
            return "month", f"{name} {year_text}"
        day = draw(st.integers(1, days_in_month(year, month)))
        forms = [
            f"{day} {name} {year_text}",
            f"{_ordinal(day)} {name} {year_text}",
            f"the {_ordinal(day)} of {name} {year_text}",
            f"{name} {day}, {year_text}",
        ]
        return "day", draw(st.sampled_from(forms))
    if kind == "year":
        return "year", draw(year_texts())[1]
    if kind == "decade":
        year = draw(st.integers(10, 999)) * 10
        precision = "century" if year % 100 == 0 and year != 2000 else "decade"  # 1800s
        return precision, draw(st.sampled_from([f"{year}s", f"the {year}s", f"{year}'s"]))
    if kind == "x":
        xs = draw(st.integers(1, 3))
        digits = draw(st.integers(0, 10 ** (4 - xs) - 1))
        return ("decade", "century", "millennium")[xs - 1], f"{digits:0{4 - xs}d}" + "X" * xs
    unit = draw(st.sampled_from(["century", "millennium"]))
    n = draw(st.integers(1, 100 if unit == "century" else 10))
    era = draw(st.sampled_from(["", " BC", " AD", " BCE"]))
    return unit, f"{_ordinal(n)} {unit}{era}"


@settings(max_examples=300, deadline=None)
@given(units())
def test_generated_units_have_their_precision(unit: tuple[str, str]) -> None:
    precision, text = unit
    date = parse(text)
    assert (date.precision, date.qualifier, date.span) == (precision, "", False)
    (y1, m1, d1), (y2, m2, d2) = ymd_from_jdn(date.earliest), ymd_from_jdn(date.latest)
    if precision == "day":
        assert date.is_point()
    elif precision == "month":
        assert (y1, m1, d1) == (y2, m2, 1) and d2 == days_in_month(y2, m2)
    else:
        years = {"year": 1, "decade": 10, "century": 100, "millennium": 1000}[precision]
        assert (m1, d1, m2, d2) == (1, 1, 12, 31) and y2 - y1 + 1 == years


ABOUT_WORDS = ["c. ", "c ", "ca. ", "circa ", "about ", "around ", "approximately ", "~"]


@st.composite
def singles(draw: st.DrawFn) -> str:
    precision, text = draw(units())
    kind = draw(st.sampled_from(["plain", "about", "before/after", "part", "edtf"]))
    if kind == "about":
        return draw(st.sampled_from(ABOUT_WORDS)) + text
    if kind == "before/after":
        return draw(st.sampled_from(["before ", "after "])) + text
    if kind == "part" and precision != "day":
        return draw(st.sampled_from(["early ", "mid-", "mid ", "late "])) + text
    if kind == "edtf":
        return text + draw(st.sampled_from(["?", "~", "%", "?~"]))
    return text


@st.composite
def ranges(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["pair", "months", "days", "short year", "present"]))
    if kind == "months":
        first, last = sorted(draw(st.lists(st.integers(1, 12), min_size=2, max_size=2)))
        year = draw(year_texts())[1]
        return f"{calendar.month_name[first]}–{calendar.month_name[last]} {year}"
    if kind == "days":
        first, last = sorted(draw(st.lists(st.integers(1, 28), min_size=2, max_size=2)))
        month = calendar.month_name[draw(st.integers(1, 12))]
        return f"{first}–{last} {month} {draw(year_texts())[1]}"
    if kind == "short year":
        century, first = draw(st.integers(10, 99)), draw(st.integers(0, 98))
        last = draw(st.integers(max(first + 1, 13), 99))  # 1905-07 would be July 1905
        return f"{century}{first:02d}{draw(st.sampled_from(['-', '–']))}{last:02d}"
    if kind == "present":
        return f"{draw(singles())}–present"
    template = draw(
        st.sampled_from(
            [
                "{}–{}",
                "{} — {}",
                "{} - {}",
                "{} to {}",
                "from {} to {}",
                "{}/{}",
                "between {} and {}",
            ]
        )
    )
    return template.format(draw(singles()), draw(singles()))


date_texts = st.one_of(singles(), ranges())


def parse_valid(text: str) -> FuzzyDate:
    """Parse a text of the generated grammar; only a reversed range may be refused."""
    try:
        return parse(text)
    except DateParseError as exc:
        assume("is before start" not in str(exc))
        raise


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(date_texts)
def test_generated_dates_are_well_formed(text: str) -> None:
    date = parse_valid(text)
    assert date.earliest <= date.latest
    if date.span:
        assert date.core_start is not None and date.core_end is not None
        assert date.earliest <= date.core_start <= date.latest
        assert date.earliest <= date.core_end <= date.latest
    else:
        assert date.core_start is None and date.core_end is None
    assert abs(ymd_from_jdn(date.earliest)[0]) <= MAX_YEAR + 10_000
    assert date.describe()


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(date_texts)
def test_display_round_trips(text: str) -> None:
    date = parse_valid(text)
    shown = date.display()
    assert parse(shown) == date, shown
    assert parse(shown).display() == shown


DATEISH = "0123456789 -–—/.,'?~%xXabcdefghijlmnoprstuvy\t"


@settings(max_examples=3000, deadline=None)
@given(st.text())
def test_any_text_parses_or_raises_date_parse_error(text: str) -> None:
    try:
        date = parse(text)
    except DateParseError as exc:
        assert "\n" not in str(exc)
        return
    assert date.earliest <= date.latest


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=DATEISH, max_size=40))
def test_dateish_text_parses_or_raises_date_parse_error(text: str) -> None:
    try:
        date = parse(text)
    except DateParseError:
        return
    assert date.earliest <= date.latest
    assert parse(date.display()) == date


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=150, max_size=400))
def test_long_text_is_handled(text: str) -> None:
    """Text longer than any date is refused before parsing, with a one-line reason that
    gives its length; shorter text parses or is refused like any other."""
    stripped = text.strip()
    try:
        date = parse(text)
    except DateParseError as exc:
        assert "\n" not in str(exc)
        if len(stripped) > MAX_TEXT_LENGTH:
            assert f"too long ({len(stripped)} characters; at most {MAX_TEXT_LENGTH})" in str(exc)
        return
    assert len(stripped) <= MAX_TEXT_LENGTH
    assert date.earliest <= date.latest


def test_a_date_in_long_padding_parses_but_a_long_date_text_does_not() -> None:
    assert parse(" " * 300 + "late December 2022" + "\n" * 300) == parse("late December 2022")
    with pytest.raises(DateParseError, match="too long"):
        parse("late December 2022 " + "and then some " * 15)


@pytest.mark.parametrize(
    "text",
    [
        "\ud800",
        "2022\udfff",
        "\x00\x01\x02",
        "9" * 100,
        "1" * 199 + "s",
        "-" * 199,
        "1-" * 99,
        "c. " * 60 + "1974",
        "early " * 30 + "1990",
        "from " * 30 + "1988 to 1991",
        "between " * 20 + "1988 and 1991",
        "1988/" * 30,
        "x" * 100_000,
        "\u0662\u0660\u0662\u0662",  # Arabic-Indic digits
    ],
)
def test_hostile_inputs(text: str) -> None:
    started = time.perf_counter()
    with contextlib.suppress(DateParseError):
        parse(text)
    assert time.perf_counter() - started < 0.5  # linear-time regular expressions
