"""Floors for the intake assistant on two articles it was not written against.

The articles (``articles/*.txt``: a news story with a dateline, a history with relative
dates) and what a reader would take from them (``articles/*.json``) were written before
any rule was tuned on them. Figures (``-s`` prints them), before → after tuning:

* grain_corridor: events found 9/12, dated right 9; names 22/26, kind right 20;
  relationships 2/4; junk 1
* valley_railway: events found 22/22, dated right 19; names 18/23, kind right 13;
  relationships 2/4; junk 0
"""

from __future__ import annotations

import pytest

from tests.models.intake_articles import ArticleFigures, measure_article

FLOORS = {  # events found, dated right, names found, kinds right, relationships, max junk
    "grain_corridor": (9, 9, 22, 20, 2, 1),
    "valley_railway": (22, 19, 18, 13, 2, 0),
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def article(request) -> tuple[str, ArticleFigures]:
    figures = measure_article(request.param)
    print(f"\nintake on {request.param}: {figures}")
    return request.param, figures


def test_events_found_and_dated_right(article) -> None:
    stem, figures = article
    found, right, *_ = FLOORS[stem]
    assert figures.events_found >= found and figures.events_right >= right, figures.missed


def test_names_found_with_their_kinds(article) -> None:
    stem, figures = article
    _, _, names, kinds, _, _ = FLOORS[stem]
    assert figures.names_found >= names and figures.kinds_right >= kinds, figures.missed


def test_relationships_proposed(article) -> None:
    stem, figures = article
    assert figures.relationships_found >= FLOORS[stem][4], figures.missed


def test_little_junk(article) -> None:
    stem, figures = article
    assert len(figures.junk) <= FLOORS[stem][5], figures.junk
