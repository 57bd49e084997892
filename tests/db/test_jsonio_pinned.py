"""Threadline JSON pinned where a user would notice: what an export holds, which ids an
import keeps, what the optional keys default to, and what a refusal says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from db.errors import ValidationError
from db.jsonio import MAX_PROBLEMS, dumps, export_data, import_data, load_file
from db.store import Store
from models.records import Entity, Source


def _refusal(store: Store, data: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        import_data(store, data)
    return info.value.problems


def test_an_export_says_what_it_is_and_gives_days_as_iso(filled: Store) -> None:
    data = export_data(filled)
    assert (data["format"], data["version"]) == ("threadline", 1)
    visit = next(e for e in data["events"] if e["title"] == "Delegation visits Taipei")
    assert (visit["earliest"], visit["latest"]) == ("2022-12-21", "2022-12-31")
    assert visit["participants"][0] == {"entity_id": 1, "role": "delegation leader"}
    rel = data["relationships"][0]
    assert (rel["earliest"], rel["latest"], rel["directed"]) == ("1988-01-01", "1991-12-31", True)
    source = data["sources"][0]
    assert (source["earliest"], source["latest"]) == ("2023-01-01", "2023-12-31")
    assert data["entities"][2]["earliest"] is None  # Taipei has no date
    filled.add_entity(Entity(kind="person", name="Born", date="1950", end_date="2001"))
    born = export_data(filled)["entities"][-1]
    assert (born["earliest"], born["latest"]) == ("1950-01-01", "2001-12-31")
    assert data["citations"][1]["target_type"] == "entity"
    text = dumps(data)
    assert "金東明" in text and text.endswith("}\n") and '\n  "format"' in text


def test_a_cancel_is_asked_for_and_heard(store: Store) -> None:
    from db.cancel import ImportCancelled

    data = {"sources": [{"id": 1, "title": "S"}]}
    asked: list[int] = []
    with pytest.raises(ImportCancelled, match="nothing was written"):
        import_data(store, data, cancelled=lambda: not asked.append(1))
    assert asked and store.counts()["sources"] == 0


def test_optional_keys_default_as_documented(store: Store) -> None:
    data = {"sources": [{"id": 1, "title": "S", "author": None}],
            "entities": [{"id": 1, "kind": "person", "name": "Kim", "aliases": None}],
            "events": [{"id": 1, "title": "E", "date": "2020", "participants": None,
                        "tags": None, "summary": None}],
            "citations": [{"id": 1, "source_id": 1, "target_type": "event",
                           "target_id": 1}]}
    assert import_data(store, data) == {"sources": 1, "entities": 1, "events": 1,
                                        "relationships": 0, "citations": 1}
    source, entity, event = store.sources()[0], store.entities()[0], store.events()[0]
    assert (source.kind, source.author) == ("article", "")
    assert entity.aliases == []
    assert (event.participants, event.tags, event.summary) == ([], [], "")
    citation = store.citations()[0]
    assert (citation.locator, citation.confidence) == ("", None)


def test_relationships_are_directed_unless_told(store: Store) -> None:
    data = {"entities": [{"id": "a", "kind": "person", "name": "A"},
                         {"id": "b", "kind": "person", "name": "B"}],
            "relationships": [{"id": 1, "from_id": "a", "to_id": "b", "kind": "knows"},
                              {"id": 2, "from_id": "b", "to_id": "a", "kind": "met",
                               "directed": False}]}
    import_data(store, data)
    assert [(r.kind, r.directed) for r in store.relationships()] == [("knows", True),
                                                                    ("met", False)]
    bad = json.loads(json.dumps(data))
    bad["relationships"][1]["directed"] = "no"
    assert "directed must be true or false" in "\n".join(_refusal(Store.create(
        store.path.with_name("other.db")), bad))


def test_free_ids_are_kept_and_the_others_follow_the_highest(store: Store) -> None:
    store.add_source(Source(title="Existing", id=5))
    data = {"sources": [{"id": 5, "title": "clashes"}, {"id": "x", "title": "named"},
                        {"id": 9, "title": "free"}, {"id": 0, "title": "zero"},
                        {"id": -3, "title": "negative"}]}
    import_data(store, data)
    assert [(s.id, s.title) for s in store.sources()] == [
        (5, "Existing"), (9, "free"), (10, "clashes"), (11, "named"), (12, "zero"),
        (13, "negative")]


@pytest.mark.parametrize(("file_id", "message"), [(True, "id must be an integer or text"),
                                                  (1.5, "id must be an integer or text"),
                                                  (None, "id must be an integer or text")])
def test_ids_of_other_types_are_refused(store: Store, file_id: Any, message: str) -> None:
    problems = _refusal(store, {"sources": [{"id": file_id, "title": "S"}]})
    assert problems == [f"sources[0] (id {file_id!r}): {message}"]


def test_a_reference_to_an_id_of_another_type_is_refused(store: Store) -> None:
    data = {"entities": [{"id": 1, "kind": "person", "name": "A"},
                         {"id": 2, "kind": "person", "name": "B"}],
            "relationships": [{"id": 1, "from_id": [1], "to_id": 2, "kind": "k"},
                              {"id": 2, "from_id": "1", "to_id": 2, "kind": "k"}]}
    problems = _refusal(store, data)
    assert problems == [
        "relationships[0] (id 1): from_id [1] does not name a record in entities",
        "relationships[1] (id 2): from_id '1' does not name a record in entities"]


@pytest.mark.parametrize(("record", "message"), [
    ("not a record", "events[0]: not an object"),
    ({"id": 1, "title": "E"}, "events[0] (id 1): missing date"),
    ({"title": "E", "date": "2020", "when": 1, "colour": 2},
     "events[0] (id None): missing id; unknown key colour, when"),
    ({"id": 1, "title": "E", "date": "2020", "participants": [1]},
     "events[0] (id 1): participants must be a list of {entity_id, role}"),
    ({"id": 1, "title": "E", "date": "2020", "participants": {"entity_id": 1}},
     "events[0] (id 1): participants must be a list of {entity_id, role}"),
    ({"id": 1, "title": "E", "date": "2020", "tags": ["a", 2]},
     "events[0] (id 1): tags must be a list of text"),
    ({"id": 1, "title": "E", "date": "2020", "tags": "a"},
     "events[0] (id 1): tags must be a list of text"),
])
def test_bad_events_are_named_by_position_and_id(store: Store, record: Any,
                                                 message: str) -> None:
    assert _refusal(store, {"events": [record]}) == [message]


def test_citation_targets_are_checked_by_kind(store: Store) -> None:
    data = {"sources": [{"id": 1, "title": "S"}],
            "entities": [{"id": 1, "kind": "person", "name": "A"}],
            "citations": [{"id": 1, "source_id": 1, "target_type": "entity", "target_id": 1},
                          {"id": 2, "source_id": 1, "target_type": "event", "target_id": 1},
                          {"id": 3, "source_id": 1, "target_type": "source",
                           "target_id": 1}]}
    assert _refusal(store, data) == [
        "citations[1] (id 2): target_id 1 does not name a record in events",
        "citations[2] (id 3): target_type must be event, entity, relationship or claim, "
        "not 'source'"]


def test_at_most_a_hundred_problems_are_listed(store: Store) -> None:
    events = [{"id": n, "title": "", "date": "2020"} for n in range(MAX_PROBLEMS + 10)]
    problems = _refusal(store, {"events": events})
    assert len(problems) == MAX_PROBLEMS
    assert problems[-1].startswith(f"events[{MAX_PROBLEMS - 1}] ")


@pytest.mark.parametrize(("top", "message"), [
    ({"format": "other"}, "not a Threadline JSON file (format 'other')"),
    ({"version": "1"}, "JSON format version '1' is newer than this Threadline"),
    ({"version": 2}, "JSON format version 2 is newer than this Threadline"),
    ({"sources": "none"}, "sources must be a list"),
    ({"citations": {}}, "citations must be a list"),
    ({"b": 1, "a": 2}, "unknown top-level keys: a, b"),
])
def test_the_top_level_is_checked_first(store: Store, top: dict, message: str) -> None:
    assert _refusal(store, top) == [message]


def test_an_older_version_and_no_format_key_are_accepted(store: Store) -> None:
    data = {"version": 0, "entities": [{"id": 1, "kind": "person", "name": "A"}]}
    assert import_data(store, data)["entities"] == 1


def test_event_links_are_written_trimmed_and_shared(store: Store) -> None:
    store.add_entity(Entity(kind="person", name="A", id=3))
    data = {"entities": [{"id": 3, "kind": "person", "name": "B"}],
            "events": [{"id": 1, "title": "E", "date": "2020", "tags": [" x ", "y", " "],
                        "participants": [{"entity_id": 3, "role": " host "},
                                         {"entity_id": 3, "role": "host"}]},
                       {"id": 2, "title": "F", "date": "2021", "tags": ["x"]}]}
    import_data(store, data)
    first, second = store.events()
    assert first.tags == ["x", "y"] and second.tags == ["x"]
    assert first.participants[0].role == "host" and len(first.participants) == 1
    assert store.entity(first.participants[0].entity_id).name == "B"


def test_a_file_with_a_bom_loads_and_other_bytes_are_named(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"version": 1}).encode())
    assert load_file(path) == {"version": 1}
    path.write_bytes(b'{"a": "caf\xe9"}')
    with pytest.raises(ValidationError, match=r"is not UTF-8 text \(byte 10\)"):
        load_file(path)
    path.write_text('{\n"a": }')
    with pytest.raises(ValidationError, match="not valid JSON: Expecting value at line 2"):
        load_file(path)
