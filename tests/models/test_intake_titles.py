"""Event drafts have short titles a researcher keeps (no "…", none repeated) and a
proposed category."""

from __future__ import annotations

import pytest

from models.intake import propose_drafts
from models.intake.titles import TITLE_CHARS, category, short_title, unique_titles


@pytest.mark.parametrize(("sentence", "title"), [
    ("For instance, in 2018, General Ana Lopes, a senior advisor to the army, visited Lima.",
     "General Ana Lopes, a senior advisor to the army, visited Lima"),
    ("[2] Fleshing out the plan, Professor Roe explained the steps.",
     "Fleshing out the plan, Professor Roe explained the steps"),
    ("The Allied Forces Command (AFC) announced new drills, which alarmed the neighbours.",
     "The Allied Forces Command announced new drills"),
])
def test_short_titles(sentence: str, title: str) -> None:
    start = sentence.find("2018")
    assert short_title(sentence, *((start, start + 4) if start >= 0 else (0, 0))) == title


def test_a_long_sentence_is_cut_at_a_word_without_an_ellipsis() -> None:
    sentence = ("The delegates of the northern provinces travelled overland for many weeks to "
                "reach the capital where the council would meet to decide on the new charter.")
    title = short_title(sentence)
    assert len(title) <= TITLE_CHARS and "…" not in title and sentence.startswith(title)
    assert title.split()[-1] not in ("to", "the", "of", "for")


def test_repeated_titles_are_told_apart() -> None:
    assert unique_titles(["A", "A", "B", "A"], ["1990", "1991", "1992", "1990"]) == [
        "A", "A (1991)", "B", "A (1990)"]


def test_two_dates_in_a_sentence_give_two_titles() -> None:
    drafts = propose_drafts("The exchange began in 1974 and ended in 2011 under pressure.", [])
    titles = [e.title for e in drafts.events]
    assert len(titles) == 2 and len(set(titles)) == 2 and not any("…" in t for t in titles)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("A survey found 60 percent of respondents agreed.", "public opinion"),
    ("Lawmakers of the national assembly visited the island.", "parliamentary"),
    ("The army and the navy held a joint exercise.", "military"),
    ("The minister said the plan would work.", "statement"),
    ("The weather was fine.", ""),
])
def test_a_category_is_proposed(sentence: str, expected: str) -> None:
    assert category(sentence) == expected
