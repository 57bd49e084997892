"""Relationships proposed from the patterns articles state them in, with their dates."""

from __future__ import annotations

import pytest

from models.intake import propose_drafts


def _relations(text: str, known: list[tuple[int, list[str]]] | None = None
               ) -> set[tuple[str, str, str, str]]:
    return {(r.from_name, r.kind, r.to_name, r.date_text)
            for r in propose_drafts(text, known or []).relationships}


@pytest.mark.parametrize(("text", "expected"), [
    ("In May 2021, Ana Lopes, director of the Harbour Institute, spoke.",
     ("Ana Lopes", "holds office in", "Harbour Institute", "May 2021")),
    ("In 2019, Ana Lopes—who serves as chairman of the Harbour Association—spoke.",
     ("Ana Lopes", "chairs", "Harbour Association", "2019")),
    ("Ana Lopes, a professor at the Harbour University, wrote in 2020.",
     ("Ana Lopes", "works at", "Harbour University", "2020")),
    ("In 2018, Ana Lopes of the Harbour Institute visited Lima.",
     ("Ana Lopes", "member of", "Harbour Institute", "2018")),
    ("In 2018, Ana Lopes visited Vietnam.", ("Ana Lopes", "visited", "Vietnam", "2018")),
    ("In 2017, Ana Lopes led a delegation to Vietnam.",
     ("Ana Lopes", "leads delegation", "Vietnam", "2017")),
    ("In 2016, a Harbour Council delegation led by former minister Ana Lopes arrived.",
     ("Ana Lopes", "leads delegation", "Harbour Council", "2016")),
    ("Ana Lopes founded the Harbour Institute.",
     ("Ana Lopes", "founded", "Harbour Institute", "")),
])
def test_patterns(text: str, expected: tuple[str, str, str, str]) -> None:
    assert expected in _relations(text)


def test_known_entities_take_part() -> None:
    found = propose_drafts("In 2015, Ana Lopes visited Ruritania.", [(7, ["Ruritania"])])
    (relation,) = found.relationships
    assert (relation.to_key, relation.kind, relation.locator) == (7, "visited", "para. 1")


@pytest.mark.parametrize("text", [
    "Ana Lopes, senior vice president for Vietnam, spoke in 2020.",  # no office in a place
    "Ana Lopes and former chairman of the Harbour Council Jo Park met in 2020.",
    "The history of Vietnam is long.",
])
def test_no_relationship_where_the_words_do_not_say_one(text: str) -> None:
    assert _relations(text) == set()
