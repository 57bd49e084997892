"""The bundled sample database: complete, cited, parseable, and true to the articles."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from db.sample import SAMPLE_JSON, build_sample
from db.store import Store
from models.dates import jdn_from_ymd, parse_span


def _one(store: Store, name: str):
    found = store.find_entities(name)
    assert len(found) == 1, f"{name}: {found}"
    return found[0]


def test_building_leaves_the_bundled_source_unchanged(tmp_path: Path) -> None:
    before = hashlib.sha256(SAMPLE_JSON.read_bytes()).hexdigest()
    build_sample(tmp_path / "a.db")
    assert hashlib.sha256(SAMPLE_JSON.read_bytes()).hexdigest() == before


def test_it_holds_the_whole_story(sample: Store) -> None:
    counts = sample.counts()
    assert counts["events"] >= 25
    assert counts["relationships"] >= 40
    assert counts["sources"] == 2
    assert len(sample.entities("person")) >= 20
    assert len(sample.entities("organization")) >= 20
    assert len(sample.entities("place")) >= 5


def test_every_record_cites_a_source(sample: Store) -> None:
    for event in sample.events():
        assert sample.citations_for("event", event.id), event.title
    for entity in sample.entities():
        assert sample.citations_for("entity", entity.id), entity.name
    for rel in sample.relationships():
        assert sample.citations_for("relationship", rel.id), rel.kind
    locators = [c.locator for c in sample.citations()]
    assert all(locators) and all(1 <= (c.confidence or 0) <= 6 for c in sample.citations())


def test_every_citation_points_at_real_records(sample: Store) -> None:
    source_ids = {s.id for s in sample.sources()}
    for citation in sample.citations():
        assert citation.source_id in source_ids
        assert sample.exists(citation.target_type, citation.target_id)


def test_every_date_parses_to_what_is_stored(sample: Store) -> None:
    for event in sample.events():
        fuzzy = parse_span(event.date, event.end_date)
        assert (fuzzy.earliest, fuzzy.latest) == (event.earliest, event.latest), event.title
    for rel in sample.relationships():
        if rel.date:
            assert parse_span(rel.date, rel.end_date).earliest == rel.earliest


def test_sources_record_both_names_of_the_byline_discrepancy(sample: Store) -> None:
    article = next(s for s in sample.sources() if "NSP" in s.title)
    assert "Kie Kang" in article.author and "Mi So Keum" in article.author
    assert "discrepancy" in article.notes.lower()
    assert all(s.date for s in sample.sources())
    assert all("inferred" in s.notes.lower() for s in sample.sources())


@pytest.mark.parametrize("native, name", [
    ("金東明", "Kim Dong-myeong"),
    ("韓台議員親善協會", "Korea-Taiwan Parliamentarian Friendship Association"),
    ("阿里山會", "Alishan Association"),
    ("國防安全研究院", "Institute for National Defense and Security Research"),
])
def test_native_names(sample: Store, native: str, name: str) -> None:
    assert _one(sample, native).name == name
    assert sample.search(native[1:3])[0].title == name


@pytest.mark.parametrize("alias", ["USFK", "KIDA", "CSIS", "APCSS", "INDSR", "TSMC"])
def test_abbreviations_are_aliases(sample: Store, alias: str) -> None:
    assert alias in _one(sample, alias).aliases


def _relationship(store: Store, who: str, kind: str, whom: str):
    a, b = _one(store, who).id, _one(store, whom).id
    found = [r for r in store.relationships_of(a) if r.kind == kind and r.to_id == b]
    assert found, f"{who} {kind} {whom}"
    return found[0]


def test_spot_checks_from_the_engagement_article(sample: Store) -> None:
    posting = _relationship(sample, "金東明", "posted in", "Taiwan")
    assert (posting.earliest, posting.latest) == (jdn_from_ymd(1988, 1, 1),
                                                  jdn_from_ymd(1991, 12, 31))
    command = _relationship(sample, "Robert Abrams", "commanded", "USFK")
    assert command.date == "2018–2021"
    _relationship(sample, "Cho Kyoung-tae", "chairs", "韓台議員親善協會")
    assert "Deputy Speaker" in _one(sample, "Chung Woo-taik").description
    assert "(ret.)" in _one(sample, "Choi Yoon-hee").description
    visit = next(e for e in sample.events() if "Chung Woo-taik" in e.title)
    assert visit.date == "late December 2022"
    assert (visit.earliest, visit.latest) == (jdn_from_ymd(2022, 12, 21),
                                              jdn_from_ymd(2022, 12, 31))
    survey = next(e for e in sample.events() if e.category == "public opinion")
    assert "22.5%" in survey.summary and "42%" in survey.summary
    ties = [e for e in sample.events() if e.date == "mid-2010s"]
    assert ties and ties[0].category == "military"


def test_spot_checks_from_the_semiconductor_article(sample: Store) -> None:
    forum = next(e for e in sample.events() if "Yushan Forum" in e.title)
    assert forum.earliest == jdn_from_ymd(2025, 1, 1)
    assert "Taipei" in forum.location
    assert _one(sample, "TSMC").kind == "organization"
    samsung = _one(sample, "Samsung Electronics")
    assert sample.citations_for("entity", samsung.id)[0].locator


def test_exchange_programme_spans_1974_to_2011(sample: Store) -> None:
    programme = next(e for e in sample.events() if e.end_date == "2011" and e.date == "1974")
    assert programme.core_start == jdn_from_ymd(1974, 12, 31)
    assert programme.core_end == jdn_from_ymd(2011, 1, 1)
