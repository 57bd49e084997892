"""New date forms people write: seasons, quarters, numeric dates, CJK year-month-day and
EDTF unspecified digits; each reads back from its display, and old forms keep theirs."""

from __future__ import annotations

import pytest

from models.dates import DateParseError, parse_date


@pytest.mark.parametrize(("text", "earliest", "latest"), [
    ("spring 2023", "2023-03-01", "2023-05-31"),
    ("Winter 2023", "2023-12-01", "2024-02-29"),
    ("autumn of 1999", "1999-09-01", "1999-11-30"),
    ("Q3 2022", "2022-07-01", "2022-09-30"),
    ("2022 Q1", "2022-01-01", "2022-03-31"),
    ("fourth quarter of 2021", "2021-10-01", "2021-12-31"),
    ("12/05/2023", "2023-05-12", "2023-05-12"),
    ("05/13/2023", "2023-05-13", "2023-05-13"),
    ("13.05.2023", "2023-05-13", "2023-05-13"),
    ("2023/05/12", "2023-05-12", "2023-05-12"),
    ("2022年12月", "2022-12-01", "2022-12-31"),
    ("2022年12月5日", "2022-12-05", "2022-12-05"),
    ("2022년 12월 5일", "2022-12-05", "2022-12-05"),
    ("2010-XX", "2010-01-01", "2010-12-31"),
    ("2010-XX-XX", "2010-01-01", "2010-12-31"),
    ("2010-05-XX", "2010-05-01", "2010-05-31"),
    ("201X-05", "2010-05-01", "2019-05-31"),
])
def test_new_forms(text: str, earliest: str, latest: str) -> None:
    date = parse_date(text)
    assert (date.iso_earliest(), date.iso_latest()) == (earliest, latest)
    assert parse_date(date.display()) == date


def test_the_chosen_order_decides_an_ambiguous_numeric_date() -> None:
    assert parse_date("05/06/2023").iso_earliest() == "2023-06-05"
    assert parse_date("05/06/2023", day_first=False).iso_earliest() == "2023-05-06"
    assert parse_date("25/06/2023", day_first=False).iso_earliest() == "2023-06-25"


@pytest.mark.parametrize("text", ["31/02/2023", "2022年13月", "2010-XX-05", "201X-13",
                                  "Q5 2022", "spring"])
def test_impossible_ones_are_refused(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_date(text)


@pytest.mark.parametrize(("text", "display"), [
    ("1964/2008", "1964–2008"), ("2010-05", "May 2010"), ("19XX", "19XX"),
    ("1988-91", "1988–1991"), ("late December 2022", "late December 2022"),
])
def test_existing_forms_are_unchanged(text: str, display: str) -> None:
    assert parse_date(text).display() == display

