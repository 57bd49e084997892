"""Locators follow the sample's convention: section and paragraph, "Introduction" before
the first heading, notes and bylines cited by name, titles neither numbered nor cited."""

from __future__ import annotations

from models.intake.text import text_units

ARTICLE = """\
A Long Title of the Article That Runs to More Than Ten Words in All

BY JANE ROE

Jane Roe is an associate of the Example Institute.

Photo: Delegates at the forum in 2019.

The first paragraph opens the piece in 2019.

A Heading

The heading's first paragraph, in 2020.

A Long Title of the Article That Runs to More Than Ten Words in All

[1] A note about 2021.

The author would like to thank a colleague for her help.

Correction: An earlier version misnamed the forum.
"""


def _locators(text: str) -> list[tuple[str, bool]]:
    seen: dict[str, bool] = {}
    for unit in text_units(text):
        seen.setdefault(unit.place.locator, unit.statement)
    return list(seen.items())


def test_the_convention_of_the_sample() -> None:
    assert _locators(ARTICLE) == [
        ("Title", False), ("Byline", True), ("Author note", True), ("Photo caption", True),
        ("Introduction, para. 1", True), ("A Heading", False), ("A Heading, para. 1", True),
        ("Note [1]", True), ("Acknowledgement", True), ("Correction", True)]


def test_without_headings_paragraphs_are_numbered_in_the_whole_text() -> None:
    assert _locators("One.\n\nTwo.\n\nThree in 2011.") == [
        ("para. 1", True), ("para. 2", True), ("para. 3", True)]


def test_a_first_line_without_other_headings_is_the_title() -> None:
    assert _locators("Talks at the Harbour\n\nThe envoys met in 2019.\n\nThey agreed.") == [
        ("Title", False), ("para. 1", True), ("para. 2", True)]
    assert _locators("First Part\n\nOne in 2019.\n\nSecond Part\n\nTwo.")[:2] == [
        ("First Part", False), ("First Part, para. 1", True)]
