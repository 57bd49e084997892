"""Exports written while reading give exactly what the in-memory builders give."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from db.export import export_to, jsonstream
from db.jsonio import dumps, export_data
from db.store import Store
from models.records import Event, Participant


@pytest.fixture
def gappy(filled: Store) -> Store:
    """``filled`` plus events with links, some deleted, so id batches have holes."""
    kim = filled.find_entities("Kim Dong-myung")[0].id or 0
    for n in range(9):
        filled.add_event(Event(title=f"E{n} “quoted” \\ 金", date=f"{2000 + n}",
                               participants=[Participant(kim, f"role {n}")],
                               tags=[f"Tag{n % 3}", "alpha", "Beta"]))
    for event in filled.events()[2:7:2]:
        filled.delete_event(event.id or 0)
    return filled


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_json_stream_is_the_same_text(gappy: Store, batch: int,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "BATCH", batch)
    monkeypatch.setattr(jsonstream.events_in_batches, "__defaults__", (batch,))
    out = io.StringIO()
    jsonstream.write_json(gappy, out)
    assert out.getvalue() == dumps(export_data(gappy))


def test_json_stream_of_an_empty_file(store: Store, tmp_path: Path) -> None:
    export_to(store, tmp_path / "e.json")
    text = (tmp_path / "e.json").read_text(encoding="utf-8")
    assert text == dumps(export_data(store))
    assert json.loads(text)["events"] == []


def test_json_export_of_the_sample_reads_back(sample_path: Path, tmp_path: Path) -> None:
    with Store.open(sample_path, readonly=True) as store:
        export_to(store, tmp_path / "s.json")
        assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == \
            export_data(store)


def _tables(folder: Path) -> dict[str, list[list[str]]]:
    import csv

    found = {}
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            found[path.name] = list(csv.reader(handle))
    return found


def test_csv_in_batches_is_the_same_and_names_every_target(
        gappy: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.records import Citation, Relationship, Source

    kim = gappy.find_entities("Kim Dong-myung")[0].id or 0
    taipei = gappy.find_entities("Taipei")[0].id or 0
    rel = gappy.add_relationship(Relationship(kim, taipei, "visits"))
    src = gappy.add_source(Source(title="Second"))
    events = gappy.events()
    gappy.add_citation(Citation(src, "relationship", rel, "p. 9", ""))
    gappy.add_citation(Citation(src, "entity", taipei, "", "x"))
    gappy.add_citation(Citation(src, "event", events[-1].id or 0, "a;b", "two", 2))
    gappy.add_citation(Citation(src, "event", events[0].id or 0, "", ""))
    export_to(gappy, tmp_path / "whole")
    monkeypatch.setattr(jsonstream.events_in_batches, "__defaults__", (1,))
    export_to(gappy, tmp_path / "ones")
    whole = _tables(tmp_path / "whole")
    assert _tables(tmp_path / "ones") == whole
    targets = {(row[3], row[5]) for row in whole["citations.csv"][1:]}
    assert {("relationship", "Kim Dong-myung visits Taipei"), ("entity", "Taipei"),
            ("event", events[-1].title)} <= targets
    last = next(r for r in whole["events.csv"] if r[0] == str(events[-1].id))
    assert last[13:15] == ["Second", str(src)] and last[15:18] == ["a;b", "two", "2"]
    assert last[18] == ""  # not inferred
    first = next(r for r in whole["events.csv"] if r[0] == str(events[0].id))
    assert first[13].endswith("; Second")  # its own citation, then the new one


@pytest.mark.parametrize("name", ["r.html", "r.md", "t.timeline.json"])
def test_reports_in_date_batches_are_the_same(gappy: Store, tmp_path: Path, name: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from db.export import chronology
    from models.records import Citation, Source

    source = gappy.add_source(Source(title="Same-day source"))
    for n in range(5):  # ties on the date: the keyset goes on by id
        event = gappy.add_event(Event(title=f"Same day {n}", date="3 May 2001"))
        gappy.add_citation(Citation(source, "event", event, f"p. {n}", ""))
    export_to(gappy, tmp_path / name)
    monkeypatch.setattr(chronology.in_date_order, "__defaults__", (1,))
    export_to(gappy, tmp_path / f"ones-{name}")
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert (tmp_path / f"ones-{name}").read_text(encoding="utf-8") == text
    same_day = [text.index(f"Same day {n}") for n in range(5)]
    assert same_day == sorted(same_day)
    assert all(text.count(f"Same day {n}") == 1 for n in range(5))
