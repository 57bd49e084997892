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
