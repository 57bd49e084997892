"""Dates a sentence implies, resolved from the dateline, the previous dated sentence and
the events named before; each says how and is marked inferred."""

from __future__ import annotations

import pytest

from models.dates import parse_date
from models.intake import EventDraft, propose_drafts


def _inferred(text: str) -> list[EventDraft]:
    return [e for e in propose_drafts(text, []).events if e.inferred]


def _only(text: str) -> EventDraft:
    found = _inferred(text)
    assert len(found) == 1, [(e.written, e.date_text) for e in found]
    return found[0]


def test_on_friday_under_a_dateline() -> None:
    drafts = propose_drafts("SEOUL, 12 October 2024 — The minister met the envoy on Friday "
                            "to discuss the strait.", []).events
    assert [(e.date_text, e.written) for e in drafts] == [("11 October 2024", "on Friday")]
    assert drafts[0].how == "on Friday → 11 October 2024, from the dateline (12 October 2024)"


def test_last_month_under_a_dateline() -> None:
    event = _only("TAIPEI, 3 March 2021 — Officials said trade fell last month.")
    assert event.date == parse_date("February 2021")


@pytest.mark.parametrize(("before", "sentence", "expected"), [
    ("In May 2022, the ministers met in Seoul.", "That same month, the envoy resigned.",
     "May 2022"),
    ("The talks opened in March 2023.", "In August, the delegates signed a memorandum.",
     "August 2023"),
    ("The ship docked on 3 June 2021.", "Two days later, the crew left.", "5 June 2021"),
    ("The summit was held in May 2022.", "A year earlier, the envoys had met.", "May 2021"),
    ("The law passed in June 2020.", "The following spring, the courts upheld it.",
     "between March 2021 and May 2021"),
])
def test_relative_to_the_previous_dated_sentence(before: str, sentence: str,
                                                 expected: str) -> None:
    event = _only(f"{before} {sentence}")
    assert event.date == parse_date(expected) and event.date_text == expected
    assert "previous dated sentence" in event.how
    assert event.sentence.startswith(sentence[:10])


def test_a_week_after_the_event_it_names() -> None:
    event = _only("The Harbour Forum opened in Lisbon on 2 May 2019. Trade fell in 2020. "
                  "A week after the forum, the banks raised rates.")
    assert event.date == parse_date("9 May 2019")
    assert "Harbour Forum" in event.how


def test_during_a_named_event() -> None:
    event = _only("The 2019 Harbour Forum drew many delegates.\n\nOther matters came first.\n\n"
                  "During the Harbour Forum, the minister spoke about ports.")
    assert event.date == parse_date("2019") and event.written.startswith("During the Harbour")


def test_a_tenure_is_not_an_event() -> None:
    drafts = propose_drafts("Jane Roe, the former commander from 2018 to 2021, said so.", [])
    assert [e.date_text for e in drafts.events if not e.inferred] == []


def test_a_range_of_activity_is_an_event() -> None:
    drafts = propose_drafts("General Jane Roe trained officers from 2018 to 2021.", [])
    assert [e.date_text for e in drafts.events] == ["2018 to 2021"]


def test_a_named_speaker_without_a_date_gets_the_previous_year() -> None:
    event = _only("The accord was signed in May 2022. Jane Roe said the accord would last.")
    assert event.date == parse_date("2022") and event.how.startswith("no date in the sentence")


def test_without_context_nothing_is_guessed() -> None:
    assert _inferred("That same month, Jane Roe said the accord would last. On Friday, "
                     "the envoy left. In August, nothing happened.") == []


def test_a_tenure_and_a_note_set_no_context() -> None:
    drafts = _inferred("The accord was signed in May 2022. Jane Roe, the former commander "
                       "from 2018 to 2021, said the accord would last.\n\n"
                       "[1] The first accord dates from 1988–1991.\n\n"
                       "[2] According to Jane Roe, the accord is sound.")
    assert [(e.date_text, e.locator) for e in drafts] == [("2022", "para. 1"),
                                                          ("2022", "Note [2]")]


def test_new_date_forms_in_running_text() -> None:
    drafts = propose_drafts("Sales fell in spring 2023. Profits rose in Q3 2022. "
                            "The board met on 12/05/2021.", [])
    assert [e.date_text for e in drafts.events] == ["spring 2023", "Q3 2022", "12/05/2021"]


def test_the_dateline_is_no_part_of_a_title() -> None:
    (event,) = propose_drafts("MANILA, 9 July 2024 — The two navies signed a pact on Monday, "
                              "officials said.", []).events
    assert event.title == "The two navies signed a pact on Monday"
    assert event.date_text == "8 July 2024"
