"""Dates pinned as a user reads them: for each way a source writes a date, the days it
allows, the canonical text shown in fields and lists, and the plain-English reading.

The table was checked by hand against the rules in ``models.dates``'s docstring.
"""

from __future__ import annotations

import re

import pytest

from models.dates import (
    MAX_TEXT_LENGTH,
    DateParseError,
    FuzzyDate,
    format_day,
    jdn_from_ymd,
    parse_date,
    parse_span,
)

TODAY = jdn_from_ymd(2024, 6, 1)

# text, display(), describe(), first possible day, last possible day
READINGS = [
    ("28 December 2022", "28 December 2022", "on 28 December 2022", "2022-12-28", "2022-12-28"),
    ("December 28, 2022", "28 December 2022", "on 28 December 2022", "2022-12-28", "2022-12-28"),
    ("the 3rd of May 1990", "3 May 1990", "on 3 May 1990", "1990-05-03", "1990-05-03"),
    ("May 1990", "May 1990", "sometime in May 1990", "1990-05-01", "1990-05-31"),
    ("1974", "1974", "sometime in 1974", "1974-01-01", "1974-12-31"),
    ("AD 14", "AD 14", "sometime in AD 14", "0014-01-01", "0014-12-31"),
    ("14 BC", "14 BC", "sometime in 14 BC", "-0013-01-01", "-0013-12-31"),
    ("800", "800", "sometime in AD 800", "0800-01-01", "0800-12-31"),
    ("AD 800", "800", "sometime in AD 800", "0800-01-01", "0800-12-31"),
    ("44 BC", "44 BC", "sometime in 44 BC", "-0043-01-01", "-0043-12-31"),
    ("1 BC", "1 BC", "sometime in 1 BC", "0000-01-01", "0000-12-31"),
    ("1990s", "1990s", "sometime between 1990 and 1999", "1990-01-01", "1999-12-31"),
    ("the 1990s", "1990s", "sometime between 1990 and 1999", "1990-01-01", "1999-12-31"),
    ("2000s", "2000s", "sometime between 2000 and 2009", "2000-01-01", "2009-12-31"),
    ("1800s", "18XX", "sometime between 1800 and 1899", "1800-01-01", "1899-12-31"),
    ("18XX", "18XX", "sometime between 1800 and 1899", "1800-01-01", "1899-12-31"),
    ("199X", "1990s", "sometime between 1990 and 1999", "1990-01-01", "1999-12-31"),
    ("1XXX", "1XXX", "sometime between 1000 and 1999", "1000-01-01", "1999-12-31"),
    ("0XXX", "0XXX", "sometime between 1 BC and AD 999", "0000-01-01", "0999-12-31"),
    ("20th century", "20th century", "sometime between 1901 and 2000", "1901-01-01", "2000-12-31"),
    ("5th century BC", "5th century BC",
     "sometime between 500 BC and 401 BC", "-0499-01-01", "-0400-12-31"),
    ("2nd millennium", "2nd millennium",
     "sometime between 1001 and 2000", "1001-01-01", "2000-12-31"),
    ("1st millennium BC", "1st millennium BC",
     "sometime between 1000 BC and 1 BC", "-0999-01-01", "0000-12-31"),
    ("early 1990", "early 1990",
     "sometime between January and April 1990", "1990-01-01", "1990-04-30"),
    ("mid 1990", "mid-1990", "sometime between May and August 1990", "1990-05-01", "1990-08-31"),
    ("late 1990", "late 1990",
     "sometime between September and December 1990", "1990-09-01", "1990-12-31"),
    ("early May 1990", "early May 1990",
     "sometime between 1 and 10 May 1990", "1990-05-01", "1990-05-10"),
    ("mid May 1990", "mid-May 1990",
     "sometime between 11 and 20 May 1990", "1990-05-11", "1990-05-20"),
    ("late May 1990", "late May 1990",
     "sometime between 21 and 31 May 1990", "1990-05-21", "1990-05-31"),
    ("early 1990s", "early 1990s", "sometime between 1990 and 1993", "1990-01-01", "1993-12-31"),
    ("mid-1990s", "mid-1990s", "sometime between 1994 and 1996", "1994-01-01", "1996-12-31"),
    ("late 1990s", "late 1990s", "sometime between 1997 and 1999", "1997-01-01", "1999-12-31"),
    ("early 20th century", "early 20th century",
     "sometime between 1901 and 1933", "1901-01-01", "1933-12-31"),
    ("mid 20th century", "mid-20th century",
     "sometime between 1934 and 1966", "1934-01-01", "1966-12-31"),
    ("late 20th century", "late 20th century",
     "sometime between 1967 and 2000", "1967-01-01", "2000-12-31"),
    ("early 2nd millennium", "early 2nd millennium",
     "sometime between 1001 and 1333", "1001-01-01", "1333-12-31"),
    ("late 5th century BC", "late 5th century BC",
     "sometime between 434 BC and 401 BC", "-0433-01-01", "-0400-12-31"),
    ("c. 1974", "c. 1974",
     "sometime in 1974, give or take 2 years (between 1972 and 1976)", "1972-01-01", "1976-12-31"),
    ("circa May 1990", "c. May 1990",
     "sometime in May 1990, give or take a month (between April and June 1990)",
     "1990-04-01", "1990-06-30"),
    ("about 28 December 2022", "c. 28 December 2022",
     "around 28 December 2022, give or take 7 days (between 21 December 2022 and 4 January 2023)",
     "2022-12-21", "2023-01-04"),
    ("~1990s", "c. 1990s",
     "sometime between 1990 and 1999, give or take 5 years (between 1985 and 2004)",
     "1985-01-01", "2004-12-31"),
    ("c. 20th century", "c. 20th century",
     "sometime between 1901 and 2000, give or take 25 years (between 1876 and 2025)",
     "1876-01-01", "2025-12-31"),
    ("c. 2nd millennium", "c. 2nd millennium",
     "sometime between 1001 and 2000, give or take 250 years (between AD 751 and 2250)",
     "0751-01-01", "2250-12-31"),
    ("c. AD 800", "c. 800",
     "sometime in AD 800, give or take 2 years (between AD 798 and AD 802)",
     "0798-01-01", "0802-12-31"),
    ("before 2011", "before 2011",
     "sometime before 2011, taken as between 2001 and 2010", "2001-01-01", "2010-12-31"),
    ("before May 2011", "before May 2011",
     "sometime before May 2011, taken as between July 2010 and April 2011",
     "2010-07-01", "2011-04-30"),
    ("before 28 December 2022", "before 28 December 2022",
     "sometime before 28 December 2022, taken as between 28 November and 27 December 2022",
     "2022-11-28", "2022-12-27"),
    ("before the 1990s", "before 1990s",
     "sometime before the 1990s, taken as between 1890 and 1989", "1890-01-01", "1989-12-31"),
    ("before the 20th century", "before 20th century",
     "sometime before the 20th century, taken as between AD 901 and 1900",
     "0901-01-01", "1900-12-31"),
    ("after 2011", "after 2011",
     "sometime after 2011, taken as between 2012 and 2021", "2012-01-01", "2021-12-31"),
    ("after 1 March 2022", "after 1 March 2022",
     "sometime after 1 March 2022, taken as between 2 and 31 March 2022",
     "2022-03-02", "2022-03-31"),
    ("after May 2011", "after May 2011",
     "sometime after May 2011, taken as between June 2011 and March 2012",
     "2011-06-01", "2012-03-31"),
    ("after the 1990s", "after 1990s",
     "sometime after the 1990s, taken as between 2000 and 2099", "2000-01-01", "2099-12-31"),
    ("after AD 800", "after 800",
     "sometime after 800, taken as between AD 801 and AD 810", "0801-01-01", "0810-12-31"),
    ("1984?", "1984?", "sometime in 1984 (uncertain)", "1984-01-01", "1984-12-31"),
    ("1984~", "1984~", "sometime in 1984 (approximate)", "1984-01-01", "1984-12-31"),
    ("1984%", "1984%", "sometime in 1984 (uncertain and approximate)", "1984-01-01", "1984-12-31"),
    ("2004-06~", "2004-06~", "sometime in June 2004 (approximate)", "2004-06-01", "2004-06-30"),
    ("-0043-03-15%", "-0043-03-15%",
     "on 15 March 44 BC (uncertain and approximate)", "-0043-03-15", "-0043-03-15"),
    ("199X?", "1990s?", "sometime between 1990 and 1999 (uncertain)", "1990-01-01", "1999-12-31"),
    ("2022-12-28", "28 December 2022", "on 28 December 2022", "2022-12-28", "2022-12-28"),
    ("2022-12", "December 2022", "sometime in December 2022", "2022-12-01", "2022-12-31"),
    ("+12022", "12022", "sometime in 12022", "+12022-01-01", "+12022-12-31"),
    ("between 1988 and 1991", "between 1988 and 1991",
     "sometime between 1988 and 1991", "1988-01-01", "1991-12-31"),
    ("between May and June 1990", "between May 1990 and June 1990",
     "sometime between May and June 1990", "1990-05-01", "1990-06-30"),
    ("between 3 and 9 May 1990", "between 3 May 1990 and 9 May 1990",
     "sometime between 3 and 9 May 1990", "1990-05-03", "1990-05-09"),
    ("between 3 May and 9 June 1990", "between 3 May 1990 and 9 June 1990",
     "sometime between 3 May and 9 June 1990", "1990-05-03", "1990-06-09"),
    ("between 1990 and 2 March 1991", "between 1990 and 2 March 1991",
     "sometime between 1 January 1990 and 2 March 1991", "1990-01-01", "1991-03-02"),
    ("between AD 800 and AD 900", "between 800 and 900",
     "sometime between AD 800 and AD 900", "0800-01-01", "0900-12-31"),
    ("1988–1991", "1988–1991",
     "from 1988 to 1991 (start within 1988, end within 1991)", "1988-01-01", "1991-12-31"),
    ("1988-91", "1988–1991",
     "from 1988 to 1991 (start within 1988, end within 1991)", "1988-01-01", "1991-12-31"),
    ("950–75", "950–975",
     "from 950 to 975 (start within AD 950, end within AD 975)", "0950-01-01", "0975-12-31"),
    ("950–1075", "950–1075",
     "from 950 to 1075 (start within AD 950, end within 1075)", "0950-01-01", "1075-12-31"),
    ("May–June 2023", "May–June 2023",
     "from May 2023 to June 2023 (start within May 2023, end within June 2023)",
     "2023-05-01", "2023-06-30"),
    ("11–13 December 2022", "11–13 December 2022",
     "from 11 December 2022 to 13 December 2022", "2022-12-11", "2022-12-13"),
    ("11 May–13 June 2023", "11 May–13 June 2023",
     "from 11 May 2023 to 13 June 2023", "2023-05-11", "2023-06-13"),
    ("December 2022–January 2023", "December 2022–January 2023",
     "from December 2022 to January 2023 (start within December 2022, end within January 2023)",
     "2022-12-01", "2023-01-31"),
    ("500–400 BC", "500–400 BC",
     "from 500 BC to 400 BC (start within 500 BC, end within 400 BC)",
     "-0499-01-01", "-0399-12-31"),
    ("c. 1974–2011", "c. 1974–2011",
     "from c. 1974 to 2011 (start between 1972 and 1976, end within 2011)",
     "1972-01-01", "2011-12-31"),
    ("early 1990–late 1991", "early 1990–late 1991",
     "from early 1990 to late 1991 (start between January and April 1990, end between "
     "September and December 1991)", "1990-01-01", "1991-12-31"),
    ("1964/2008", "1964–2008",
     "from 1964 to 2008 (start within 1964, end within 2008)", "1964-01-01", "2008-12-31"),
    ("1990s–2000s", "1990s–2000s",
     "from 1990s to 2000s (start between 1990 and 1999, end between 2000 and 2009)",
     "1990-01-01", "2009-12-31"),
    ("from 1988 to 1991", "1988–1991",
     "from 1988 to 1991 (start within 1988, end within 1991)", "1988-01-01", "1991-12-31"),
    ("1988 until 1991", "1988–1991",
     "from 1988 to 1991 (start within 1988, end within 1991)", "1988-01-01", "1991-12-31"),
    ("28 December 2022 to 3 January 2023", "28 December 2022–3 January 2023",
     "from 28 December 2022 to 3 January 2023", "2022-12-28", "2023-01-03"),
    ("1 January 2000–31 December 2000", "1 January–31 December 2000",
     "from 1 January 2000 to 31 December 2000", "2000-01-01", "2000-12-31"),
    ("2020–present", "2020–1 June 2024",
     "from 2020 to 1 June 2024 (start within 2020, end on 1 June 2024)",
     "2020-01-01", "2024-06-01"),
    ("AD 800–AD 900", "800–900",
     "from 800 to 900 (start within AD 800, end within AD 900)", "0800-01-01", "0900-12-31"),
    ("mid-1990s–2003", "mid-1990s–2003",
     "from mid-1990s to 2003 (start between 1994 and 1996, end within 2003)",
     "1994-01-01", "2003-12-31"),
    ("between 1988 & 1991", "between 1988 and 1991",
     "sometime between 1988 and 1991", "1988-01-01", "1991-12-31"),
    ("3 May AD 800", "3 May 800", "on 3 May AD 800", "0800-05-03", "0800-05-03"),
    ("May AD 800", "May 800", "sometime in May AD 800", "0800-05-01", "0800-05-31"),
    ("between 3 and 9 May AD 800", "between 3 May 800 and 9 May 800",
     "sometime between 3 and 9 May AD 800", "0800-05-03", "0800-05-09"),
    ("between 3 May and 9 June AD 800", "between 3 May 800 and 9 June 800",
     "sometime between 3 May and 9 June AD 800", "0800-05-03", "0800-06-09"),
    ("between May and June AD 800", "between May 800 and June 800",
     "sometime between May and June AD 800", "0800-05-01", "0800-06-30"),
    ("between AD 800 and 2 March AD 801", "between 800 and 2 March 801",
     "sometime between 1 January AD 800 and 2 March AD 801", "0800-01-01", "0801-03-02"),
    ("between May AD 800 and June AD 801", "between May 800 and June 801",
     "sometime between May AD 800 and June AD 801", "0800-05-01", "0801-06-30"),
    ("c. 3 May AD 800", "c. 3 May 800",
     "around 3 May AD 800, give or take 7 days (between 26 April and 10 May AD 800)",
     "0800-04-26", "0800-05-10"),
    ("c. May AD 800", "c. May 800",
     "sometime in May AD 800, give or take a month (between April and June AD 800)",
     "0800-04-01", "0800-06-30"),
    ("before 3 May AD 800", "before 3 May 800",
     "sometime before 3 May 800, taken as between 3 April and 2 May AD 800",
     "0800-04-03", "0800-05-02"),
    ("11–13 May AD 800", "11–13 May 800",
     "from 11 May AD 800 to 13 May AD 800", "0800-05-11", "0800-05-13"),
    ("3 May–9 June AD 800", "3 May–9 June 800",
     "from 3 May AD 800 to 9 June AD 800", "0800-05-03", "0800-06-09"),
    ("May–June AD 800", "May–June 800",
     "from May 800 to June 800 (start within May AD 800, end within June AD 800)",
     "0800-05-01", "0800-06-30"),
    ("AD 800–AD 801", "800–801",
     "from 800 to 801 (start within AD 800, end within AD 801)", "0800-01-01", "0801-12-31"),
    ("c. 800–900", "c. 800–900",
     "from c. 800 to 900 (start between AD 798 and AD 802, end within AD 900)",
     "0798-01-01", "0900-12-31"),
    ("1st century", "1st century", "sometime between AD 1 and AD 100", "0001-01-01", "0100-12-31"),
    ("1st century BC", "1st century BC",
     "sometime between 100 BC and 1 BC", "-0099-01-01", "0000-12-31"),
    ("11th century", "11th century", "sometime between 1001 and 1100", "1001-01-01", "1100-12-31"),
    ("12th century", "12th century", "sometime between 1101 and 1200", "1101-01-01", "1200-12-31"),
    ("13th century", "13th century", "sometime between 1201 and 1300", "1201-01-01", "1300-12-31"),
    ("21st century", "21st century", "sometime between 2001 and 2100", "2001-01-01", "2100-12-31"),
    ("22nd century", "22nd century", "sometime between 2101 and 2200", "2101-01-01", "2200-12-31"),
    ("23rd century", "23rd century", "sometime between 2201 and 2300", "2201-01-01", "2300-12-31"),
    ("111th century", "111th century",
     "sometime between 11001 and 11100", "+11001-01-01", "+11100-12-31"),
    ("112th century", "112th century",
     "sometime between 11101 and 11200", "+11101-01-01", "+11200-12-31"),
    ("113th century", "113th century",
     "sometime between 11201 and 11300", "+11201-01-01", "+11300-12-31"),
    ("3rd millennium", "3rd millennium",
     "sometime between 2001 and 3000", "2001-01-01", "3000-12-31"),
    ("the 1600s", "16XX", "sometime between 1600 and 1699", "1600-01-01", "1699-12-31"),
    ("1600s", "16XX", "sometime between 1600 and 1699", "1600-01-01", "1699-12-31"),
    ("c. 1600s", "c. 16XX",
     "sometime between 1600 and 1699, give or take 25 years (between 1575 and 1724)",
     "1575-01-01", "1724-12-31"),
    ("AD 1", "AD 1", "sometime in AD 1", "0001-01-01", "0001-12-31"),
    ("AD 99", "AD 99", "sometime in AD 99", "0099-01-01", "0099-12-31"),
    ("99 BC", "99 BC", "sometime in 99 BC", "-0098-01-01", "-0098-12-31"),
    ("late 1st century BC", "late 1st century BC",
     "sometime between 34 BC and 1 BC", "-0033-01-01", "0000-12-31"),
    ("1000", "1000", "sometime in 1000", "1000-01-01", "1000-12-31"),
    ("c. 5th century BC", "c. 5th century BC",
     "sometime between 500 BC and 401 BC, give or take 25 years (between 525 BC and 376 BC)",
     "-0524-01-01", "-0375-12-31"),
    ("after the 5th century BC", "after 5th century BC",
     "sometime after the 5th century BC, taken as between 400 BC and AD 600",
     "-0399-01-01", "0600-12-31"),
    ("before 1 BC", "before 1 BC",
     "sometime before 1 BC, taken as between 11 BC and 2 BC", "-0010-01-01", "-0001-12-31"),
    ("mid-17th century–1701", "mid-17th century–1701",
     "from mid-17th century to 1701 (start between 1634 and 1666, end within 1701)",
     "1634-01-01", "1701-12-31"),
    ("1990s?", "1990s?", "sometime between 1990 and 1999 (uncertain)", "1990-01-01", "1999-12-31"),
    ("20th century?", "20th century?",
     "sometime between 1901 and 2000 (uncertain)", "1901-01-01", "2000-12-31"),
    ("2nd millennium~", "2nd millennium~",
     "sometime between 1001 and 2000 (approximate)", "1001-01-01", "2000-12-31"),
]


@pytest.mark.parametrize(("text", "shown", "reading", "first", "last"), READINGS,
                         ids=[re.sub(r"[^0-9A-Za-z]+", "-", r[0]) for r in READINGS])
def test_what_a_date_allows_and_how_it_reads(text: str, shown: str, reading: str,
                                            first: str, last: str) -> None:
    date = parse_date(text, today=TODAY)
    assert (date.iso_earliest(), date.iso_latest()) == (first, last)
    assert date.display() == shown
    assert date.describe() == reading
    assert date.text == text
    assert parse_date(shown, today=TODAY) == date


def test_a_short_range_end_borrows_the_start_s_century() -> None:
    """"950–75" is 950–975, never 950–9575; "1988-91" is 1988–1991."""
    assert parse_date("950–75") == parse_date("950–975")
    assert parse_date("1988-91") == parse_date("1988–1991")
    with pytest.raises(DateParseError, match="end '1902' is before start '1998'"):
        parse_date("1998–02")  # the start's century: refused, never misread


@pytest.mark.parametrize(("text", "same_as"), [("1988- 1991", "1988–1991"),
                                               ("1988 - 1991", "1988–1991"),
                                               ("May-June 2023", "May–June 2023")])
def test_a_hyphen_between_dates_is_a_range(text: str, same_as: str) -> None:
    assert parse_date(text) == parse_date(same_as)
    assert parse_date(text).span


@pytest.mark.parametrize(("day", "text"), [((800, 5, 3), "3 May 800"), ((1, 1, 1), "1 January 1"),
                                           ((-43, 3, 15), "15 March 44 BC"),
                                           ((2022, 12, 28), "28 December 2022")])
def test_a_day_in_lists_and_tables(day: tuple[int, int, int], text: str) -> None:
    assert format_day(jdn_from_ymd(*day)) == text


def test_after_a_day_is_never_read_as_that_month() -> None:
    date = parse_date("after 1 March 2022")
    assert date.describe().startswith("sometime after 1 March 2022")
    assert "in March 2022" not in date.describe()
    assert date.earliest == jdn_from_ymd(2022, 3, 2)


J = jdn_from_ymd


@pytest.mark.parametrize(("date", "shown", "reading"), [
    (FuzzyDate(J(2000, 1, 5), J(2000, 3, 7), "day", "", span=True,
               core_start=J(2000, 1, 20), core_end=J(2000, 2, 10)),
     "5 January 2000–7 March 2000", "lasting from 5 January 2000 to 7 March 2000"),
    (FuzzyDate(J(800, 1, 5), J(800, 3, 7), "day", "", span=True),
     "5 January 800–7 March 800", "lasting from 5 January AD 800 to 7 March AD 800"),
    (FuzzyDate(J(2000, 1, 5), J(2000, 3, 7), "month", ""),
     "between 5 January 2000 and 7 March 2000", "sometime between 5 January and 7 March 2000"),
    (FuzzyDate(J(800, 1, 5), J(801, 3, 7), "day", "between"),
     "between 5 January 800 and 7 March 801",
     "sometime between 5 January AD 800 and 7 March AD 801"),
])
def test_dates_no_text_gives_show_their_days(date: FuzzyDate, shown: str, reading: str) -> None:
    assert (date.display(), date.describe()) == (shown, reading)


@pytest.mark.parametrize(("start", "end", "shown", "written"), [
    ("1988", "91", "1988–1991", "1988 – 91"),
    ("May", "June 2023", "May–June 2023", "May – June 2023"),
    ("2020", "present", "2020–1 June 2024", "2020 – present"),
    ("1974", " ", "1974", "1974"),
    ("2020–present", "", "2020–1 June 2024", "2020–present"),
])
def test_a_span_from_two_fields(start: str, end: str, shown: str, written: str) -> None:
    date = parse_span(start, end, today=TODAY)
    assert (date.display(), date.text) == (shown, written)


@pytest.mark.parametrize(("start", "end", "message"), [
    ("1988", 5, "end date must be a string, not int"),
    (None, "1990", "start date must be a string, not NoneType"),
    ("", "1990", "start date is empty"),
    ("1988", "x" * (MAX_TEXT_LENGTH + 1),
     f"end date is too long ({MAX_TEXT_LENGTH + 1} characters; at most {MAX_TEXT_LENGTH})"),
    ("1991", "1988", "end '1988' is before start '1991': '1991 – 1988'"),
])
def test_a_span_that_cannot_be_read_says_which_field(start: object, end: object,
                                                     message: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_span(start, end)  # type: ignore[arg-type]
    assert message in str(info.value)


@pytest.mark.parametrize(("text", "message"), [
    ("ad 14 bc", "a year can have only one era: 'ad 14 bc'"),
    ("0 BC", "there is no year 0 BC (1 BC is year 0): '0 BC'"),
    ("AD 0", "there is no year 0 AD (1 BC is year 0): 'AD 0'"),
    ("14", "year 14 needs an era or four digits (AD 14, 14 BC, 0014): '14'"),
    ("AD 100001", "year 100001 is out of range (100001 BC to AD 100000): 'AD 100001'"),
    ("100002 BC", "year 100002 BC is out of range (100001 BC to AD 100000)"),
    ("x" * (MAX_TEXT_LENGTH + 1), f"date text is too long ({MAX_TEXT_LENGTH + 1} characters; "
                                  f"at most {MAX_TEXT_LENGTH}): '{'x' * 39}…'"),
    ("  ", "date text is empty"),
    ("late Smarch 2022 and some more text past forty",
     "unrecognised date: 'late Smarch 2022 and some more text pas…'"),
    ("a\x00b", "unrecognised date: 'a\\x00b'"),
    ("1988–1991–1995", "unrecognised date (more than one dash): '1988–1991–1995'"),
    ("1964/1990/2008", "unrecognised date: '1964/1990/2008'"),
    ("32 May 2023", "no 32 May in 2023: '32 May 2023'"),
    ("between 1991 and 1988", "end '1988' is before start '1991': 'between 1991 and 1988'"),
])
def test_unreadable_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_date(text)
    assert str(info.value) == message or message in str(info.value)
