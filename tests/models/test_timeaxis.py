"""Axis ticks on day numbers: right unit for the zoom, readable labels, any year, BC too."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.dates import jdn_from_ymd, ymd_from_jdn
from models.timeaxis import choose_level, minor_ticks, range_text, ticks, year_label

FIRST_DAY = jdn_from_ymd(-9999, 1, 1)
LAST_DAY = jdn_from_ymd(9999, 12, 31)


def labels(first: tuple[int, int, int], last: tuple[int, int, int], max_ticks: int) -> list[str]:
    return [text for _, text in ticks(jdn_from_ymd(*first), jdn_from_ymd(*last), max_ticks)]


def unit(first: tuple[int, int, int], last: tuple[int, int, int], max_ticks: int) -> tuple:
    level, _ = choose_level(jdn_from_ymd(*first), jdn_from_ymd(*last), max_ticks)
    return level.unit, level.step


# ------------------------------------------------------------------------ properties

day_numbers = st.floats(min_value=FIRST_DAY, max_value=LAST_DAY, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(a=day_numbers, b=day_numbers, max_ticks=st.integers(min_value=1, max_value=40))
def test_ticks_are_increasing_inside_the_range_and_few_enough(a: float, b: float,
                                                             max_ticks: int) -> None:
    first, last = min(a, b), max(a, b)
    found = ticks(first, last, max_ticks)
    positions = [p for p, _ in found]
    assert len(found) <= max_ticks
    assert all(first <= p <= last for p in positions)
    assert all(x < y for x, y in itertools.pairwise(positions))
    assert all(text.strip() for _, text in found)


@settings(max_examples=200, deadline=None)
@given(first=day_numbers, span=st.floats(min_value=1.0, max_value=20_000 * 366.0),
       max_ticks=st.integers(min_value=1, max_value=30))
def test_minor_ticks_are_increasing_inside_the_range(first: float, span: float,
                                                     max_ticks: int) -> None:
    last = first + span
    found = minor_ticks(first, last, max_ticks)
    assert len(found) <= 4 * max_ticks
    assert all(first <= p <= last for p in found)
    assert all(x < y for x, y in itertools.pairwise(found))


@settings(max_examples=200, deadline=None)
@given(first=day_numbers, span=st.floats(min_value=2.0, max_value=20_000 * 366.0))
def test_a_wide_enough_axis_always_gets_a_tick(first: float, span: float) -> None:
    assert ticks(first, first + span, 12)


@settings(max_examples=200, deadline=None)
@given(first=day_numbers, span=st.floats(min_value=1.0, max_value=5_000 * 366.0))
def test_ticks_sit_at_the_start_of_their_unit(first: float, span: float) -> None:
    chosen = choose_level(first, first + span, 10)
    assert chosen is not None
    level, positions = chosen
    for position in positions:
        _, month, day = ymd_from_jdn(position)
        if level.unit == "month":
            assert day == 1
        elif level.unit == "year":
            assert (month, day) == (1, 1)
        elif level.unit == "week":
            assert position % 7 == 0  # a Monday


def test_degenerate_ranges_give_no_ticks() -> None:
    assert ticks(2451545, 2451545 + 100, 0) == []
    assert ticks(2451600, 2451545, 5) == []
    assert ticks(float("nan"), 2451545, 5) == []
    assert ticks(2451545.2, 2451545.8, 5) == []  # no day starts inside


# ------------------------------------------------------------------------ levels


@pytest.mark.parametrize(("first", "last", "expected"), [
    ((2023, 3, 1), (2023, 3, 8), ("day", 1)),
    ((2023, 3, 1), (2023, 3, 15), ("day", 2)),
    ((2023, 1, 1), (2023, 3, 1), ("week", 7)),
    ((2022, 6, 15), (2023, 5, 15), ("month", 1)),
    ((2020, 1, 15), (2022, 12, 15), ("month", 3)),
    ((2010, 6, 1), (2021, 6, 1), ("year", 1)),
    ((1900, 1, 1), (2000, 1, 1), ("year", 10)),
    ((1000, 1, 1), (2000, 1, 1), ("year", 100)),
    ((-8999, 6, 1), (1999, 6, 1), ("year", 1000)),
])
def test_the_unit_follows_the_zoom(first: tuple, last: tuple, expected: tuple) -> None:
    assert unit(first, last, 12) == expected


def test_days_carry_the_year_on_the_first_tick_and_at_new_year() -> None:
    found = labels((2022, 12, 27), (2023, 1, 3), 10)
    assert found == ["27 Dec 2022", "28 Dec", "29 Dec", "30 Dec", "31 Dec",
                     "1 Jan 2023", "2 Jan", "3 Jan"]


def test_weeks_fall_on_mondays() -> None:
    found = labels((2022, 12, 20), (2023, 1, 20), 6)
    assert found == ["26 Dec 2022", "2 Jan 2023", "9 Jan", "16 Jan"]


def test_months_and_quarters_name_the_year_once_per_year() -> None:
    assert labels((2022, 11, 15), (2023, 3, 15), 4) == [
        "Dec 2022", "Jan 2023", "Feb", "Mar"]
    assert labels((2022, 1, 1), (2023, 6, 1), 6) == [
        "Jan 2022", "Apr", "Jul", "Oct", "Jan 2023", "Apr"]


def test_decades_read_as_decades() -> None:
    assert labels((1965, 1, 1), (2024, 1, 1), 8) == [
        "1970s", "1980s", "1990s", "2000s", "2010s", "2020s"]


def test_years_before_christ() -> None:
    assert labels((-45, 6, 1), (-40, 6, 1), 5) == [
        "45 BC", "44 BC", "43 BC", "42 BC", "41 BC"]
    assert labels((-1, 6, 1), (2, 6, 1), 3) == ["1 BC", "AD 1", "AD 2"]


def test_round_years_around_the_era_count_from_ad_1() -> None:
    assert labels((-50, 1, 1), (25, 1, 1), 10) == [
        "50 BC", "40 BC", "30 BC", "20 BC", "10 BC", "AD 1", "AD 10", "AD 20"]
    assert labels((-2999, 1, 1), (2020, 1, 1), 6) == [
        "3000 BC", "2000 BC", "1000 BC", "AD 1", "AD 1000", "AD 2000"]


def test_bc_days_and_months() -> None:
    march_44_bc = (-43, 3, 1)
    assert labels(march_44_bc, (-43, 3, 4), 10) == [
        "1 Mar 44 BC", "2 Mar", "3 Mar", "4 Mar"]
    assert labels((-43, 1, 1), (-43, 4, 1), 4) == ["Jan 44 BC", "Feb", "Mar", "Apr"]


def test_small_ad_years_after_a_month_are_not_mistaken_for_days() -> None:
    assert labels((14, 8, 1), (14, 10, 1), 3) == ["Aug AD 14", "Sep", "Oct"]


def test_far_years() -> None:
    found = labels((-9999, 1, 1), (9999, 1, 1), 5)
    assert found and all(re.fullmatch(r"(AD )?\d+( BC)?", text) for text in found)
    assert "AD 1" in found


def test_year_label() -> None:
    assert year_label(2023) == "2023"
    assert year_label(0) == "1 BC"
    assert year_label(-43) == "44 BC"
    assert year_label(1, era=True) == "AD 1"


def test_minor_ticks_subdivide_the_major_unit() -> None:
    first, last = jdn_from_ymd(1900, 1, 1), jdn_from_ymd(2000, 1, 1)
    major = {p for p, _ in ticks(first, last, 12)}
    minor = minor_ticks(first, last, 12)
    assert major <= set(minor)
    assert all(ymd_from_jdn(p)[1:] == (1, 1) for p in minor)


def test_a_range_is_written_at_the_precision_of_its_ends() -> None:
    assert range_text(jdn_from_ymd(1974, 1, 1), jdn_from_ymd(2025, 12, 31)) == "1974 – 2025"
    assert range_text(jdn_from_ymd(2025, 1, 1), jdn_from_ymd(2025, 12, 31)) == "2025"
    assert range_text(jdn_from_ymd(2022, 5, 1), jdn_from_ymd(2023, 8, 31)) == (
        "May 2022 – August 2023")
    assert range_text(jdn_from_ymd(2022, 5, 3), jdn_from_ymd(2023, 8, 31)) == (
        "3 May 2022 – 31 August 2023")
    assert range_text(jdn_from_ymd(-43, 1, 1), jdn_from_ymd(14, 12, 31)) == "44 BC – AD 14"
