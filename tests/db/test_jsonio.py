"""JSON export and all-or-nothing import."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from db.errors import ValidationError
from db.jsonio import dumps, export_data, import_data, loads
from db.store import Store


def test_export_has_the_documented_keys(filled: Store) -> None:
    data = export_data(filled)
    assert list(data) == ["format", "version", "sources", "entities", "events",
                          "relationships", "citations"]
    event = next(e for e in data["events"] if e["title"] == "Delegation visits Taipei")
    assert event["date"] == "late December 2022"
    assert (event["earliest"], event["latest"]) == ("2022-12-21", "2022-12-31")
    assert {"entity_id", "role"} == set(event["participants"][0])
    entity = next(e for e in data["entities"] if e["native_name"] == "金東明")
    assert entity["aliases"] == ["Kim D.", "김동명"]
    citation = data["citations"][0]
    assert citation["target_type"] == "event" and citation["confidence"] == 2


def test_round_trip_is_byte_identical(filled: Store, tmp_path: Path) -> None:
    first = dumps(export_data(filled))
    with Store.create(tmp_path / "copy.db") as copy_store:
        import_data(copy_store, loads(first))
        second = dumps(export_data(copy_store))
    assert second == first


def test_string_ids_are_resolved_and_replaced_by_numbers(store: Store) -> None:
    data = {
        "sources": [{"id": "src", "title": "A report"}],
        "entities": [{"id": "kim", "kind": "person", "name": "Kim"},
                     {"id": "lee", "kind": "person", "name": "Lee"}],
        "events": [{"id": "meet", "title": "Meeting", "date": "May 2023",
                    "participants": [{"entity_id": "kim", "role": "host"}]}],
        "relationships": [{"id": "r", "from_id": "kim", "to_id": "lee", "kind": "knows"}],
        "citations": [{"id": "c", "source_id": "src", "target_type": "relationship",
                       "target_id": "r", "locator": "p. 4"}],
    }
    assert import_data(store, data)["events"] == 1
    kim = store.find_entities("Kim")[0]
    assert store.events_of_entity(kim.id)[0].title == "Meeting"
    rel = store.relationships_of(kim.id)[0]
    assert store.citations_for("relationship", rel.id)[0].locator == "p. 4"


def test_import_into_a_filled_database_renumbers_clashing_ids(filled: Store) -> None:
    data = export_data(filled)
    before = filled.counts()
    import_data(filled, copy.deepcopy(data))
    after = filled.counts()
    assert after == {k: 2 * n for k, n in before.items()}
    assert len(filled.find_entities("金東明")) == 2
    # the copies refer to each other, not to the originals
    copies = [e for e in filled.find_entities("金東明")]
    events = [filled.events_of_entity(e.id) for e in copies]
    assert events[0][0].id != events[1][0].id


def _bad(mutate) -> dict:
    data = {
        "sources": [{"id": 1, "title": "S"}],
        "entities": [{"id": 1, "kind": "person", "name": "Kim"},
                     {"id": 2, "kind": "person", "name": "Lee"}],
        "events": [{"id": 1, "title": "E", "date": "2020"}],
        "relationships": [{"id": 1, "from_id": 1, "to_id": 2, "kind": "knows"}],
        "citations": [{"id": 1, "source_id": 1, "target_type": "event", "target_id": 1}],
    }
    mutate(data)
    return data


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["events"][0].update(date="32 May 2023"), r"events\[0\] \(id 1\): .*date"),
    (lambda d: d["events"][0].update(date=2020), r"events\[0\].*must be text"),
    (lambda d: d["events"][0].update(title=""), r"events\[0\].*title is empty"),
    (lambda d: d["events"][0].pop("date"), r"events\[0\].*missing date"),
    (lambda d: d["events"][0].update(colour="red"), r"events\[0\].*unknown key colour"),
    (lambda d: d["relationships"][0].update(to_id=99), r"relationships\[0\].*to_id 99"),
    (lambda d: d["relationships"][0].update(to_id=1), r"two different entities"),
    (lambda d: d["citations"][0].update(target_type="source"), r"citations\[0\].*target_type"),
    (lambda d: d["citations"][0].update(target_id=7), r"citations\[0\].*target_id 7"),
    (lambda d: d["citations"][0].update(confidence="high"), r"confidence"),
    (lambda d: d["entities"].append({"id": 1, "kind": "place", "name": "X"}),
     r"entities id 1.*more than one"),
    (lambda d: d["events"][0].update(participants=[{"entity_id": 5}]), r"participant 5"),
    (lambda d: d.update(people=[]), r"unknown top-level keys: people"),
    (lambda d: d.update(events={}), r"events must be a list"),
    (lambda d: d.update(version=99), r"newer"),
])
def test_any_invalid_record_means_nothing_is_written(filled: Store, mutate, message) -> None:
    before = dumps(export_data(filled))
    with pytest.raises(ValidationError, match=message):
        import_data(filled, _bad(mutate))
    assert dumps(export_data(filled)) == before


def test_every_problem_is_listed(store: Store) -> None:
    def two_problems(d: dict) -> None:
        d["events"][0]["date"] = "not a date"
        d["relationships"][0]["kind"] = ""

    with pytest.raises(ValidationError) as caught:
        import_data(store, _bad(two_problems))
    assert len(caught.value.problems) == 2
    assert store.counts()["entities"] == 0


def test_loads_names_bad_json() -> None:
    with pytest.raises(ValidationError, match="not valid JSON"):
        loads("{nope")
    with pytest.raises(ValidationError, match="top level"):
        loads(json.dumps([1, 2]))


def _many_events(n: int) -> dict:
    return {"format": "threadline", "version": 1,
            "events": [{"id": i, "title": f"Event {i}", "date": str(1000 + i % 900)}
                       for i in range(1, n + 1)]}


def test_import_reports_progress_and_can_be_cancelled_at_any_check(
        filled: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from db import cancel, jsonio
    from db.cancel import ImportCancelled

    monkeypatch.setattr(jsonio, "PROGRESS_EVERY", 100)
    monkeypatch.setattr(cancel, "CANCEL_CHECK_STEPS", 2000)  # asked inside statements too
    data = _many_events(450)
    heard: list[tuple[int, int]] = []
    asked: list[int] = []

    def count_asks() -> bool:
        asked.append(1)
        return False

    with Store.create(filled.path.with_name("count.db")) as counting:
        import_data(counting, data, lambda d, t: heard.append((d, t)), count_asks)
    assert heard == [(0, 450), (100, 450), (200, 450), (300, 450), (400, 450), (450, 450)]
    before = dumps(export_data(filled))
    for stop_at in range(1, len(asked) + 1):
        calls = iter(range(1, len(asked) + 2))
        with pytest.raises(ImportCancelled, match="nothing was written"):
            import_data(filled, data,
                        cancelled=lambda c=calls, s=stop_at: next(c) >= s)
        assert dumps(export_data(filled)) == before, stop_at
    assert import_data(filled, data)["events"] == 450
