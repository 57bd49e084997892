"""Where the sample's sources disagree, it records both readings as competing claims.

The engagement article disagrees with itself twice: it calls the officer exchange
"40-year-old" while dating it 1974 to the 2011 cut, and its correction withdraws what an
earlier version said of Lee Changhyung. The sample keeps the reading it prefers on the
record and the other as a claim with its own citation, so the timeline, Detail and the
reports show a disagreement on real data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.claims import claim_support
from db.sample import SAMPLE_JSON
from db.store import Store
from models.dates import jdn_from_ymd

ROOT = Path(__file__).resolve().parents[2]


def test_the_exchange_programme_has_the_forty_year_reading_as_an_alternative(
        sample: Store) -> None:
    programme = next(e for e in sample.events() if e.title.endswith("exchange programme"))
    assert (programme.date, programme.end_date) == ("1974", "2011")
    (claim,) = sample.claims_for("event", programme.id)
    assert (claim.status, claim.date, claim.end_date) == ("alternative", "1974", "2014")
    assert claim.latest == jdn_from_ymd(2014, 12, 31) and "40-year-old" in claim.note
    ((title, grade, locator),) = claim_support(sample.conn, claim.id)
    assert "Enhancing Their Engagement" in title
    assert (grade, locator) == ("B4", "Military Exchanges, para. 1")
    excerpts = [c.excerpt for c in sample.citations_for("event", programme.id)]
    assert any("not until 2011" in e for e in excerpts)  # the record's end is cited too


def test_the_withdrawn_reading_of_lee_changhyung_is_a_rejected_claim(sample: Store) -> None:
    lee = sample.find_entities("Lee Changhyung")[0]
    advises = next(r for r in sample.relationships_of(lee.id) if r.kind == "advises")
    (claim,) = sample.claims_for("relationship", advises.id)
    assert (claim.status, claim.kind) == ("rejected", "chief of staff of")
    ((_, grade, locator),) = claim_support(sample.conn, claim.id)
    assert (grade, locator) == ("B5", "Correction")
    (citation,) = [c for c in sample.citations() if c.target_type == "claim"
                   and c.target_id == claim.id]
    assert citation.excerpt.startswith("An earlier version of this brief incorrectly")


def test_the_timeline_marks_only_the_alternative_not_the_rejected(sample: Store) -> None:
    marks = sample.alternative_marks()
    assert [(m.date, m.end_date, m.grade) for m in marks] == [("1974", "2014", "B4")]


def _seed_of(title: str) -> str | None:
    """The whitespace-normalised text of the seed article with this title, if present."""
    for folder in (ROOT, *ROOT.parents):
        for seed in sorted((folder / "shared" / "seeds").glob("*.txt")):
            text = " ".join(seed.read_text(encoding="utf-8").split())
            if title.casefold() in text[:1000].casefold():
                return text
    return None


def test_every_excerpt_is_verbatim_in_its_own_article() -> None:
    data = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    texts = {s["id"]: _seed_of(s["title"]) for s in data["sources"]}
    if None in texts.values():
        pytest.skip("the seed articles are not beside this checkout")
    cited = [c for c in data["citations"] if c["excerpt"]]
    assert len(cited) >= 39
    for citation in cited:
        excerpt = " ".join(citation["excerpt"].split())
        assert excerpt in texts[citation["source_id"]], citation["id"]
