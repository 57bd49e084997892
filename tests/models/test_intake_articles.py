"""Floors for the intake assistant on two articles it was not written against.

The articles (``articles/*.txt``: a news story with a dateline, a history with relative
dates) and what a reader would take from them (``articles/*.json``) were written before
any rule was tuned on them. Figures (``-s`` prints them), before → after tuning:

* grain_corridor: events found 9/12 → 12/12, dated right 9 → 12; names 22/26 → 26/26,
  kind right 20 → 26; relationships 2/4 → 4/4; junk 1 → 0
* valley_railway: events found 22/22 → 22/22, dated right 19 → 21; names 18/23 → 23/23,
  kind right 13 → 23; relationships 2/4 → 3/4; junk 0 → 0

* water_summit (held out: written after the tuning above and first measured untouched):
  events found 11/12 → 12/12, dated right 11 → 12; names 22/23 → 23/23, kind right
  19 → 23; relationships 0/4 → 4/4; junk 2 → 0. Its misses then led to general rules
  ("next month" after a dateline, the dateline's place, more peoples and portfolios,
  "Initiative"/"Community"/"Cooperative", "A, a hydrologist at B", "B, whose executive
  secretary, A", "flew to"), so it is no longer held out either.
* chip_plant (held out: written after the rules above, first measured untouched):
  events found 9/12 → 12/12, dated right 7 → 9; names 21/24 → 22/24, kind right
  17 → 21; relationships 1/5 → 3/5; junk 0 → 0. Its misses led to general rules too
  ("that autumn", a date moved from the sentence's own, company cue words, "according to
  X" is no place, "the X party", "B's officer, A"); left: halves of years ("the second
  half of 2025", which the date grammar does not read), "the end of that year", kinds
  with no cue ("Bosch"), "the EU's", passive roles ("founded by A").
* bronze_return (held out: written after every rule above, first measured untouched):
  events found 9/11, dated right 9; names 20/20, kind right 15; relationships 0/2;
  junk 0. One change followed, institutions' cue words ("Museum", "Institution" …):
  kind right 15 → 20. Still missing: "on Tuesday" in a sentence that also has a year
  (1897), "that November", "director-general of", "a professor of contemporary
  archaeology at" (longer than the occupation pattern allows).

The rules that moved them are general ones (a dateline under a byline, CJK dates, "the
summer of 1869", "the following year" as a year, a lone word after "in"/"at" as a place,
more cue words for kinds, "B director A"), checked against the seed articles too; what
is left: "There she met …" takes the previous sentence's year, not its month, and "Its
chair, Fiona MacLeod" needs "its" resolved.
"""

from __future__ import annotations

import pytest

from tests.models.intake_articles import ArticleFigures, measure_article

FLOORS = {  # events found, dated right, names found, kinds right, relationships, max junk
    "grain_corridor": (12, 12, 26, 26, 4, 0),
    "valley_railway": (22, 21, 23, 23, 3, 0),
    "water_summit": (12, 12, 23, 23, 4, 0),
    "chip_plant": (12, 9, 22, 21, 3, 0),
    "bronze_return": (9, 9, 20, 20, 0, 0),
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
