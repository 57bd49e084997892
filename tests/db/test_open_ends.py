"""An open end ("present", "since 1992", "1992–present") is stored as open: the day
columns hold what the text makes certain, never the day the file was written, so the
same text gives the same file on any day."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.jsonio import dumps, export_data
from db.sample import build_sample
from db.store import Store
from models import dates
from models.dates import is_open_ended, jdn_from_ymd, parse_date
from models.records import Entity, Event, Relationship


@pytest.mark.parametrize("start, end, expected", [
    ("1992–present", "", True), ("since 1992", "", True), ("May 2022", "present", True),
    ("1992 to now", "", True), ("1992", "", False), ("1988–1991", "", False),
    ("May 2022", "June 2023", False), ("after 2018", "", False),
])
def test_open_ends_are_recognised_from_the_text(start: str, end: str, expected: bool) -> None:
    assert is_open_ended(start, end) is expected


def test_since_reads_as_a_span_to_the_present() -> None:
    today = jdn_from_ymd(2024, 6, 1)
    assert parse_date("since 1992", today) == parse_date("1992–present", today)


def _pretend_today(monkeypatch: pytest.MonkeyPatch, year: int) -> None:
    monkeypatch.setattr(dates, "today_jdn", lambda: jdn_from_ymd(year, 6, 1))


@pytest.mark.parametrize("text", ["1992–present", "since 1992"])
def test_an_open_event_is_stored_the_same_on_any_day(store: Store, text: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _pretend_today(monkeypatch, 2024)
    first = store.add_event(Event(title="No relations", date=text))
    _pretend_today(monkeypatch, 2031)
    second = store.add_event(Event(title="No relations again", date=text))
    a, b = store.event(first), store.event(second)
    assert (a.earliest, a.latest) == (b.earliest, b.latest)
    assert a.earliest == jdn_from_ymd(1992, 1, 1)
    assert a.latest == jdn_from_ymd(1992, 12, 31)  # what is certain: it began in 1992


def test_an_open_relationship_keeps_its_start_and_its_written_end(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _pretend_today(monkeypatch, 2031)
    a = store.add_entity(Entity(kind="person", name="Yoon"))
    b = store.add_entity(Entity(kind="organization", name="Government"))
    rel = store.relationship(store.add_relationship(
        Relationship(a, b, "holds office in", date="May 2022", end_date="present")))
    assert rel.end_date == "present"
    assert (rel.earliest, rel.latest) == (jdn_from_ymd(2022, 5, 1), jdn_from_ymd(2022, 5, 31))


def test_the_sample_exports_the_same_bytes_on_any_day(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = []
    for year in (2024, 2031):
        _pretend_today(monkeypatch, year)
        build_sample(tmp_path / f"{year}.db")
        with Store.open(tmp_path / f"{year}.db", readonly=True) as sample:
            texts.append(dumps(export_data(sample)))
    assert texts[0] == texts[1]
