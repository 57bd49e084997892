"""The reasoning of an inferred record lives in a line of its notes."""

from __future__ import annotations

from models.edits import inference_of, with_inference


def test_the_reasoning_is_added_replaced_and_taken_out() -> None:
    notes = "Byline unclear."
    written = with_inference(notes, True, "  the month   of the survey ")
    assert written == "Byline unclear.\nInferred: the month of the survey"
    assert inference_of(written) == "the month of the survey"
    again = with_inference(written, True, "the brief's year")
    assert again == "Byline unclear.\nInferred: the brief's year"
    assert with_inference(again, False, "the brief's year") == "Byline unclear."
    assert with_inference("", True, "from the text") == "Inferred: from the text"


def test_notes_without_a_reasoning_are_left_exactly_as_they_are() -> None:
    notes = "Year inferred: the article says only 'in August'.\n\n"
    assert with_inference(notes, True, "") == notes
    assert with_inference(notes, False, "ignored") == notes
    assert inference_of(notes) == ""
