"""The CSV import reads its file a record at a time (db.csvsource) and writes through the
shared bulk path (db.bulkload): a real exported file, with its BOM, back in; a byte
that is not UTF-8 far into a file named by line and byte; memory that does not grow
with the file."""

from __future__ import annotations

import csv
import io
import tracemalloc
from pathlib import Path

import pytest

from db import bulkload
from db.csvio import import_events_csv
from db.errors import ValidationError
from db.export import export_to
from db.sample import build_sample
from db.store import Store


def test_the_events_csv_export_with_its_bom_imports_back(tmp_path: Path) -> None:
    build_sample(tmp_path / "sample.db")
    with Store.open(tmp_path / "sample.db", readonly=True) as store:
        export_to(store, tmp_path / "events.csv", "csv-events")
        events = sorted((e.date, e.title, e.summary, tuple(e.tags)) for e in store.events())
    data = (tmp_path / "events.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(events) and rows[0]["title"]
    calls: list[tuple[int, int]] = []
    with Store.create(tmp_path / "copy.db") as copy:
        counts = import_events_csv(copy, tmp_path / "events.csv",
                                   progress=lambda d, t: calls.append((d, t)))
        assert sorted((e.date, e.title, e.summary, tuple(e.tags))
                      for e in copy.events()) == events
        assert counts["events"] == len(events) and counts["citations"] > 0
        assert copy.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert calls[-1] == (len(events), len(events))


def test_a_bad_byte_far_into_the_file_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    lines = ["date,title"] + [f"{1900 + i % 100},Event {i}" for i in range(50_000)]
    data = ("\n".join(lines) + "\n").encode()
    at = data.index(b"Event 40000")
    path = tmp_path / "bad.csv"
    path.write_bytes(data[:at] + b"\xff" + data[at + 1:])
    with Store.create(tmp_path / "bad.db") as store:
        with pytest.raises(ValidationError, match=rf"not UTF-8 text \(line 40002, byte {at}\)"):
            import_events_csv(store, path)
        assert store.counts()["events"] == 0


@pytest.mark.slow
def test_memory_does_not_grow_with_the_file(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulkload, "BATCH", 500)
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["date", "title", "summary", "participants", "tags"])
        for i in range(20_000):
            writer.writerow([1900 + i % 100, f"Event {i}", "lorem ipsum " * 200,
                             f"Person {i % 50} (role)", "a; b"])
    size = path.stat().st_size
    with Store.create(tmp_path / "big.db") as store:
        tracemalloc.start()
        try:
            counts = import_events_csv(store, path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert counts["events"] == 20_000 and counts["entities"] == 50
    assert size > 40 * 2**20
    assert peak < size / 5, (peak, size)
