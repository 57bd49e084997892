"""Full-text search on a real file: which records come back, and in what order."""

from __future__ import annotations

import pytest

from db.search import CANDIDATES_PER_HIT
from db.store import Store
from models.records import Entity, Event, Source

LIMIT = 10
# More body-only matches ahead of the title matches than the search ever looks at.
MANY = LIMIT * CANDIDATES_PER_HIT + 20


def add_events(store: Store, events: list[Event]) -> list[int]:
    with store.transaction():
        return [store.add_event(event) for event in events]


def titles(store: Store, query: str, limit: int = LIMIT) -> list[str]:
    return [hit.title for hit in store.search(query, limit)]


@pytest.mark.parametrize("query", ["Quokka", "Quokka 東明", "Qk Quokka"])
def test_title_matches_come_before_any_number_of_earlier_body_matches(store: Store, query: str
                                                                      ) -> None:
    add_events(store, [Event(title=f"Meeting {n}", date="2001", summary=f"about {query} here")
                       for n in range(MANY)])
    add_events(store, [Event(title=f"{query} visit {n}", date="2002") for n in range(3)])
    found = titles(store, query)
    assert found[:3] == [f"{query} visit {n}" for n in range(3)]
    assert len(found) == LIMIT and all(t.startswith("Meeting") for t in found[3:])


@pytest.mark.parametrize("word", ["東明", "Qk"])
def test_short_words_put_titles_first_among_the_matches_looked_at(store: Store, word: str
                                                                  ) -> None:
    """Only words of three characters or more can ask the index for title matches; a query
    of short words orders the first LIMIT * CANDIDATES_PER_HIT matches it reads."""
    add_events(store, [Event(title=f"Meeting {n}", date="2001", summary=f"about {word} here")
                       for n in range(MANY - 20 - 3)])
    add_events(store, [Event(title=f"{word} visit {n}", date="2002") for n in range(3)])
    add_events(store, [Event(title=f"Later {n}", date="2003", notes=word) for n in range(20)])
    found = titles(store, word)
    assert found[:3] == [f"{word} visit {n}" for n in range(3)]
    assert len(found) == LIMIT and all(t.startswith("Meeting") for t in found[3:])


def test_body_matches_fill_the_list_after_titles_without_repeats(store: Store) -> None:
    add_events(store, [Event(title="Quokka census", date="2001"),
                       Event(title="Quokka count", date="2001", summary="quokka again")])
    add_events(store, [Event(title=f"Note {n}", date="2001", notes="a quokka") for n in range(20)])
    hits = store.search("quokka", LIMIT)
    assert [h.title for h in hits[:2]] == ["Quokka count", "Quokka census"]  # shorter first
    assert len({(h.kind, h.id) for h in hits}) == LIMIT
    assert all(h.title.startswith("Note") for h in hits[2:])


def test_titles_that_begin_with_the_word_come_first_then_shorter(store: Store) -> None:
    add_events(store, [Event(title=t, date="2001") for t in
                       ("Visit to Oslo", "Oslo accords signed", "Oslo", "Oslo talks")])
    assert titles(store, "oslo") == ["Oslo", "Oslo talks", "Oslo accords signed",
                                     "Visit to Oslo"]


def test_same_query_gives_the_same_list(store: Store) -> None:
    add_events(store, [Event(title=f"Talks {n % 3}", date="2001", summary="Kim Ki")
                       for n in range(60)])
    for query in ("Talks", "Ki", "Kim Ki", "Talks Ki"):
        assert store.search(query, LIMIT) == store.search(query, LIMIT)


def test_every_word_must_match_in_title_or_body(store: Store) -> None:
    add_events(store, [Event(title="Kim meets envoy", date="2001", summary="in 東明 hall"),
                       Event(title="Kim alone", date="2001"),
                       Event(title="東明 hall opens", date="2001")])
    assert titles(store, "Kim 東明") == ["Kim meets envoy"]
    assert titles(store, "envoy 明") == ["Kim meets envoy"]
    assert titles(store, "Kim hall") == ["Kim meets envoy"]
    assert titles(store, "東明 Kim nobody") == []


def test_short_words_are_found_anywhere_in_the_text(store: Store) -> None:
    """Two-character words have no trigram: at a title's end, a CJK name, or rare."""
    add_events(store, [Event(title=f"Filler {n}", date="2001") for n in range(300)])
    add_events(store, [Event(title="Meeting in Ki", date="2001")])
    store.add_entity(Entity(kind="person", name="Lee Tong-myong", native_name="李東明"))
    store.add_source(Source(title="Diary", notes="signed Qz"))
    assert titles(store, "Ki") == ["Meeting in Ki"]
    assert titles(store, "東明") == ["Lee Tong-myong"]
    assert titles(store, "李") == ["Lee Tong-myong"]
    assert titles(store, "qz") == ["Diary"]


def test_search_is_case_insensitive_and_snippets_show_the_body(store: Store) -> None:
    store.add_entity(Entity(kind="person", name="Park Ji-won", description="Retired KIMCHI chef"))
    [hit] = store.search("kimchi")
    assert (hit.kind, hit.title) == ("entity", "Park Ji-won")
    assert "KIMCHI chef" in hit.snippet


def test_limit_is_kept(store: Store) -> None:
    add_events(store, [Event(title=f"Summit {n}", date="2001") for n in range(30)])
    assert len(store.search("Summit", 7)) == 7
    assert len(store.search("Su", 7)) == 7
    assert store.search("Summit", 0) == []


def test_edited_and_deleted_records_are_searched_as_they_are_now(store: Store) -> None:
    [first, second] = add_events(store, [Event(title="Quokka talks", date="2001"),
                                         Event(title="Wombat talks", date="2001")])
    event = store.event(second)
    event.title = "Quokka summit"
    store.update_event(event)
    store.delete_event(first)
    assert titles(store, "Quokka") == ["Quokka summit"]
    assert titles(store, "Wombat") == []
