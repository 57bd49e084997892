"""The support query: distinct sources, best grade and uncited records, from a real file."""

from __future__ import annotations

import numpy as np
import pytest

from db.evidence import (
    Support,
    code_rank,
    evidence_ids,
    grade_code,
    rank_code,
    support_arrays,
    support_of,
    supported_by,
    weak_rank,
    weak_ranks,
)
from db.store import Store
from models.records import Citation, Event, Source


@pytest.fixture
def cited(store: Store) -> tuple[Store, dict[str, int]]:
    """Three events: one cited by two sources, one by one source twice, one uncited."""
    good = store.add_source(Source(title="Wire report", reliability="B"))
    weak = store.add_source(Source(title="Blog post", reliability="E"))
    both = store.add_event(Event(title="Confirmed", date="2020"))
    once = store.add_event(Event(title="Reported", date="2021"))
    none = store.add_event(Event(title="Uncited", date="2022"))
    store.add_citation(Citation(good, "event", both, "p. 1", confidence=3))
    store.add_citation(Citation(weak, "event", both, "p. 9", confidence=1))
    store.add_citation(Citation(weak, "event", once, "para. 2", confidence=4))
    store.add_citation(Citation(weak, "event", once, "para. 5", confidence=2))
    return store, {"good": good, "weak": weak, "both": both, "once": once, "none": none}


def test_codes_read_reliability_then_credibility() -> None:
    assert grade_code("B", 2) == "B2"
    assert grade_code("", 3) == "?3"
    assert grade_code("C", None) == "C?"
    assert grade_code("", None) == ""
    assert rank_code(22) == "B2" and rank_code(77) == ""
    assert code_rank("A1") < code_rank("B1") < code_rank("B2") < code_rank("C")


WEAK = {"C3": False, "D1": True, "E6": True, "A4": True, "B5": True, "A6": False,
        "F6": False, "F3": False, "C6": False, "B?": False, "?4": True, "?6": False,
        "F?": False, "A1": False}


@pytest.mark.parametrize("code, weak", sorted(WEAK.items()))
def test_a_grade_is_weak_when_doubtful_or_worse_on_either_half(code: str, weak: bool
                                                                ) -> None:
    assert weak_rank(code_rank(code)) is weak
    assert weak_ranks(np.array([code_rank(code)], np.int16)).tolist() == [weak]


def test_weak_ranks_of_a_table_and_of_uncited_records(cited) -> None:
    store, ids = cited
    order = np.array([ids["none"], ids["once"], ids["both"]], np.int64)
    _, best = support_arrays(store, "event").for_ids(order)
    assert weak_ranks(best).tolist() == [False, True, False]  # uncited, E2, B3
    assert not weak_rank(77) and weak_ranks(np.zeros(0, np.int16)).shape == (0,)


def test_two_citations_of_one_source_are_one_witness(cited) -> None:
    store, ids = cited
    assert support_of(store, "event", ids["both"]) == Support(2, 2, "B3")
    assert support_of(store, "event", ids["once"]) == Support(1, 2, "E2")
    assert support_of(store, "event", ids["none"]).uncited
    assert support_of(store, "event", ids["both"]).corroborated
    assert not support_of(store, "event", ids["once"]).corroborated


def test_one_aggregate_gives_every_event_aligned_with_any_id_order(cited) -> None:
    store, ids = cited
    arrays = support_arrays(store, "event")
    order = np.array([ids["none"], ids["once"], ids["both"]], np.int64)
    sources, best = arrays.for_ids(order)
    assert sources.tolist() == [0, 1, 2]
    assert [rank_code(b) for b in best] == ["", "E2", "B3"]


def test_an_empty_file_gives_empty_arrays(store: Store) -> None:
    arrays = support_arrays(store, "relationship")
    sources, best = arrays.for_ids(np.array([5, 6], np.int64))
    assert sources.tolist() == [0, 0] and rank_code(int(best[0])) == ""


def test_a_source_lists_what_it_supports(cited) -> None:
    store, ids = cited
    assert supported_by(store, ids["weak"])["event"] == {ids["both"], ids["once"]}
    assert supported_by(store, ids["good"])["event"] == {ids["both"]}
    assert supported_by(store, ids["good"])["entity"] == frozenset()


def test_an_ungraded_source_is_no_better_than_a_graded_one(cited) -> None:
    store, ids = cited
    plain = store.add_source(Source(title="Unrated pamphlet"))
    store.add_citation(Citation(plain, "event", ids["none"], "p. 2"))
    assert support_of(store, "event", ids["none"]) == Support(1, 1, "")
    store.add_citation(Citation(plain, "event", ids["once"], "p. 4", confidence=1))
    assert support_of(store, "event", ids["once"]).best == "E2"


def test_evidence_filters_keep_the_right_records(cited) -> None:
    from db.evidence import evidence_ids

    store, ids = cited
    assert evidence_ids(store, "event", "source", ids["good"]).tolist() == [ids["both"]]
    assert evidence_ids(store, "event", "corroborated").tolist() == [ids["both"]]
    assert evidence_ids(store, "event", "uncited").tolist() == [ids["none"]]
    assert evidence_ids(store, "event", "graded", "B3").tolist() == [ids["both"]]
    assert evidence_ids(store, "event", "graded", "B2").tolist() == []  # B3 and E1: neither
    assert evidence_ids(store, "event", "graded", "E2").tolist() == [ids["both"], ids["once"]]
    with pytest.raises(ValueError):
        evidence_ids(store, "event", "loud")


def test_a_source_cited_only_for_a_competing_claim_lights_up_its_record(cited) -> None:
    from db import ops
    from models.edits import CitationDraft, ClaimEdit
    from models.records import Claim

    store, ids = cited
    other = store.add_source(Source(title="Dissenting memoir", reliability="C"))
    ops.add_claim(store, ClaimEdit(Claim("event", ids["none"], "1999"),
                                   (CitationDraft(other, "p. 9", confidence=3),)))
    assert supported_by(store, other)["event"] == {ids["none"]}
    assert supported_by(store, ids["weak"])["event"] == {ids["both"], ids["once"]}
    kept = evidence_ids(store, "event", "source", other)
    assert kept.tolist() == [ids["none"]]
