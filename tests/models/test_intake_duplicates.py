"""What a save would add twice: same source title or address, same event dates and
participants."""

from __future__ import annotations

from models.dates import parse_date
from models.intake.duplicates import same_entity, same_event, same_source
from models.records import Event, Participant, Source


def _event(date: str, ids: list[int], event_id: int) -> Event:
    reading = parse_date(date)
    return Event("E", date, participants=[Participant(i) for i in ids],
                 earliest=reading.earliest, latest=reading.latest, id=event_id)


def test_same_source_by_title_or_address() -> None:
    stored = [Source("Harbour Talks", id=1), Source("Other", url="https://x.org/a/", id=2)]
    assert same_source(Source("harbour  talks"), stored).id == 1
    assert same_source(Source("New", url="https://X.org/a"), stored).id == 2
    assert same_source(Source("New", url="https://x.org/b"), stored) is None
    assert same_source(Source("Harbour Talks", id=1), stored[:1]) is None  # itself


def test_same_event_by_dates_and_participants() -> None:
    stored = [_event("May 2023", [1, 2], 7), _event("2023", [1], 8)]
    assert same_event("May 2023", {1, 2}, stored).id == 7
    assert same_event("2023-05", {2, 1}, stored).id == 7  # the same month, written otherwise
    assert same_event("May 2023", {1}, stored) is None
    assert same_event("June 2023", {1, 2}, stored) is None
    assert same_event("2023", set(), stored) is None  # no participants: nothing to compare
    assert same_event("not a date", {1}, stored) is None


def test_same_entity_without_case_or_diacritics_or_by_a_near_spelling() -> None:
    known = [(1, ["Ana Lopes", "President Lopes"]), (2, ["Harbour Institute"]), (3, ["Park"])]
    assert same_entity("ANA LOPÉS", known) == (1, "Ana Lopes")
    assert same_entity("president lopes", known) == (1, "Ana Lopes")  # an alias
    assert same_entity("Harbor Institute", known) == (2, "Harbour Institute")  # near
    assert same_entity("Part", known) is None  # one word: no near matches
    assert same_entity("Jo Park", known) is None
