"""Corrections found by rereading the two articles the sample is built from.

Each test pins one reading the sample had wrong, so a later edit cannot quietly bring the
old reading back.
"""

from __future__ import annotations

import json

import pytest

from db.sample import SAMPLE_JSON
from models.dates import jdn_from_ymd, parse_span


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))


def _by_id(data: dict, table: str, record_id: str) -> dict:
    return next(r for r in data[table] if r["id"] == record_id)


def test_official_position_says_taipei_and_seoul_keep_direct_talks_quiet(data: dict) -> None:
    summary = _by_id(data, "events", "ev-rok-official-position-no-talks")["summary"]
    assert "dealings with Taipei" not in summary
    assert "Taipei and Seoul" in summary and "quiet" in summary


@pytest.mark.parametrize("table, record_id", [
    ("events", "ev-2022-late-kim-yong-woo-considered"),
    ("relationships", "rel-kim-yong-woo-considered-for-mission"),
])
def test_kim_yong_woo_consideration_ends_before_the_november_decision(
        data: dict, table: str, record_id: str) -> None:
    record = _by_id(data, table, record_id)
    span = parse_span(record["date"], record["end_date"])
    assert span.latest < jdn_from_ymd(2022, 11, 1)
    assert span.earliest >= jdn_from_ymd(2022, 9, 1)


@pytest.mark.parametrize("table, record_id", [
    ("events", "ev-abrams-rfa-interview"),
    ("relationships", "rel-rfa-interviewed-abrams"),
])
def test_abrams_interview_can_follow_his_command_which_ended_in_2021(
        data: dict, table: str, record_id: str) -> None:
    record = _by_id(data, table, record_id)
    assert parse_span(record["date"], record["end_date"]).earliest == jdn_from_ymd(2021, 1, 1)


@pytest.mark.parametrize("record_id, kind", [
    ("rel-choi-chaired-jcs", "formerly chaired"),
    ("rel-lee-eun-ho-directed-kosti", "formerly headed"),
    ("rel-esper-dod", "formerly held office in"),
    ("rel-kim-yong-woo-minister", "formerly held office in"),
    ("rel-lee-yong-jun-mofa", "formerly worked at"),
    ("rel-cha-served-nsc", "formerly worked at"),
])
def test_posts_the_article_calls_former_use_past_kinds(
        data: dict, record_id: str, kind: str) -> None:
    assert _by_id(data, "relationships", record_id)["kind"] == kind


def test_yoon_term_is_a_span_from_may_2022(data: dict) -> None:
    term = _by_id(data, "relationships", "rel-yoon-president-rok")
    assert term["date"] == "May 2022" and term["end_date"] == "present"
    span = parse_span(term["date"], term["end_date"], today=jdn_from_ymd(2023, 9, 1))
    assert span.span and span.earliest == jdn_from_ymd(2022, 5, 1)
