"""The benchmark tools on a tiny database: the generator makes valid, varied data and the
harness writes a well-formed report. No speed is asserted anywhere."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.store import Store
from models.dates import parse_span

ROOT = Path(__file__).resolve().parent.parent
EVENTS = 1000
JDN_AD_1 = 1721426  # 1 January AD 1: earlier days are BC
HEADER = ["Measure", "Threadline", "Baseline", "Ratio", "Target", "Met"]
SIZE_ROWS = [
    "QApplication() creation (ms)",
    "Imports: Qt, pyqtgraph, the app's UI modules (s)",
    "Open file + first paint of the main window, beyond Qt start (s)",
    "Peak RSS after open + first paint (MB)",
    "First open of a file never checked here: to first paint (s)",
    "Timeline repaint, median of",
    "Timeline repaint, p95 of",
    *[f"Search “{q}”, {stat} (ms)" for q in ("Institute", "Kim", "東明", "金", "Ki")
      for stat in ("median", "p95")],
    "JSON import, db.jsonimport.import_file (records/s)",
    "JSON import, peak RSS (MB)",
    "CSV import, db.csvio.import_events_csv (rows/s)",
    "CSV import, peak RSS (MB)",
    "PNG export of the timeline, 1600×600 (ms)",
    "SVG export of the timeline, 1600×600 (ms)",
    *[f"{name} data export{what}" for name in ("JSON", "CSV (zip)", "GraphML", "GEXF", "xlsx",
                                               "HTML", "Markdown")
      for what in (" (s)", ", peak RSS (MB)")],
]
NO_BASELINE = ("JSON import, peak", "CSV import, peak")  # a limit, not a baseline
# Rows that may say why they were not measured: the CSV importer is optional.
MAY_BE_SKIPPED = ("CSV import",)


def _run(*args: str, timeout: float) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout, check=True)


@pytest.fixture(scope="module")
def synth_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "bench.db"
    _run("bench/synth.py", str(path), "--events", str(EVENTS), "--seed", "3", timeout=120)
    return path


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_generated_file_passes_integrity_and_foreign_key_checks(synth_db: Path) -> None:
    assert _rows(synth_db, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(synth_db, "PRAGMA foreign_key_check") == []
    with Store.open(synth_db, readonly=True) as store:  # the app takes it as its own
        assert store.search("東明")


def _index_rows(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute("SELECT rowid, kind, ref_id, title, body FROM search_index "
                        "ORDER BY rowid").fetchall()


def test_search_index_and_schema_are_what_the_apps_own_inserts_write(
        synth_db: Path, tmp_path: Path) -> None:
    """The index is built apart and copied in: it must equal one the app's triggers fill
    row by row from the same records, pass FTS5's own check, and find what was made."""
    with Store.create(tmp_path / "app.db") as app:
        conn = app.conn
        schema = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        fresh_schema = conn.execute(schema).fetchall()
        conn.execute("ATTACH DATABASE ? AS made", [str(synth_db)])
        with app.transaction():
            for table in ("sources", "entities", "events"):
                conn.execute(f"INSERT INTO main.{table} SELECT * FROM made.{table}")
        made = sqlite3.connect(synth_db)
        try:
            assert _index_rows(made) == _index_rows(conn)
            assert len(_index_rows(made)) == EVENTS + EVENTS // 10 + 5
            assert made.execute(schema).fetchall() == fresh_schema  # triggers, indexes back
            made.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
            assert made.execute("SELECT k, v FROM search_index_config").fetchall() == \
                conn.execute("SELECT k, v FROM search_index_config").fetchall()
            [(title,)] = made.execute("SELECT title FROM events WHERE id = 500").fetchall()
        finally:
            made.close()
    with Store.open(synth_db, readonly=True) as store:
        assert title in [hit.title for hit in store.search(title, limit=1000)]


def test_generated_file_has_the_requested_counts(synth_db: Path) -> None:
    with Store.open(synth_db, readonly=True) as store:
        counts = store.counts()
    assert counts["events"] == EVENTS
    assert counts["entities"] == EVENTS // 10
    assert counts["relationships"] == round(2.5 * counts["entities"])
    assert counts["sources"] == 5
    assert counts["citations"] == EVENTS
    [(low, high, events)] = _rows(synth_db, "SELECT min(n), max(n), count(*) FROM (SELECT "
                                            "count(*) n FROM event_participants GROUP BY event_id)")
    assert low >= 1 and high <= 5 and events == EVENTS
    kinds = {k for (k,) in _rows(synth_db, "SELECT DISTINCT kind FROM entities")}
    assert kinds == {"person", "organization", "place"}
    targets = _rows(synth_db, "SELECT count(event_id), count(entity_id), count(relationship_id) "
                              "FROM citations")[0]
    assert all(targets)


def test_dates_are_a_mix_of_kinds_over_centuries(synth_db: Path) -> None:
    def count(where: str) -> int:
        return _rows(synth_db, f"SELECT count(*) FROM events WHERE {where}")[0][0]

    assert count("earliest = latest") > 0  # exact days
    assert count("date GLOB '[A-Z][a-z]* [0-9]*' AND end_date = ''") > 0  # months
    assert count("date GLOB '[0-9][0-9][0-9][0-9]' AND end_date = ''") > 0  # years
    for uncertain in ("c. %", "before %", "late %", "mid-%s", "%?"):
        assert count(f"date LIKE '{uncertain}'") > 0, uncertain
    assert count("end_date <> '' AND core_start IS NOT NULL") > 0  # spans
    assert count(f"date LIKE '%BC' AND latest < {JDN_AD_1}") > 0
    [(first, last)] = _rows(synth_db, "SELECT min(earliest), max(latest) FROM events")
    assert last - first > 1000 * 365
    sample = _rows(synth_db, "SELECT date, end_date, earliest, latest FROM events "
                             "ORDER BY id LIMIT 200")
    for date, end, earliest, latest in sample:
        fuzzy = parse_span(date, end)
        assert (fuzzy.earliest, fuzzy.latest) == (earliest, latest)


def test_entities_have_cjk_native_names(synth_db: Path) -> None:
    natives = [n for (n,) in _rows(synth_db, "SELECT native_name FROM entities")]
    aliases = " ".join(a for (a,) in _rows(synth_db, "SELECT aliases FROM entities"))
    assert any(re.search(r"[\u4e00-\u9fff]", n) for n in natives)  # hanzi / hanja
    assert re.search(r"[\uac00-\ud7a3]", aliases + " ".join(natives))  # hangul


# -- the harness ----------------------------------------------------------------------------

def _tables(text: str) -> dict[str, list[list[str]]]:
    """Each ``## heading`` with the rows of the Markdown table under it."""
    found: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
        elif line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])]
            found.setdefault(heading, []).append(cells)
    return found


def _number(cell: str) -> float:
    return float(cell.replace(",", "").removesuffix("×"))


def _check_table(rows: list[list[str]], expected: list[str]) -> None:
    assert rows[0] == HEADER
    assert all(set(c) <= set("-:") for c in rows[1])
    body = rows[2:]
    assert len(body) == len(expected)
    for cells, label in zip(body, expected, strict=True):
        assert len(cells) == len(HEADER), cells
        assert cells[0].startswith(label), (cells[0], label)
        if cells[0].startswith(MAY_BE_SKIPPED) and re.match(r"(skipped|failed)", cells[1]):
            continue
        _number(cells[1])
        if cells[0].startswith(NO_BASELINE):
            assert cells[2:4] == ["—", "—"] and cells[4].startswith("≤"), cells
            continue
        _number(cells[2])
        _number(cells[3])


def test_harness_writes_a_well_formed_report(tmp_path: Path) -> None:
    out = tmp_path / "benchmarks.md"
    done = _run("bench/run.py", "--events", str(EVENTS), "--out", str(out), "--cache",
                str(tmp_path / "cache"), "--graph-nodes", "300", "--nx-max", "300",
                "--repeats", "3", "--timeout", "120", timeout=300)
    text = out.read_text(encoding="utf-8")
    assert "| Measure |" in done.stdout  # the tables are printed too
    for key in ("CPU", "Cores", "RAM", "Python", "Qt / PySide6", "pyqtgraph", "SQLite", "Date"):
        assert f"- **{key}:**" in text
    tables = _tables(text)
    _check_table(tables[f"{EVENTS:,} events"], SIZE_ROWS)
    _check_table(tables["Graph layout (independent of the number of events)"],
                 ["Layout, 300 nodes / 750 edges (s)"])
    export = next(line for line in text.splitlines() if line.startswith("- Export:"))
    for kind in ("PNG", "SVG"):  # the app's chart and the bare plot, both written
        assert re.search(rf"{kind}: [\d,]+ KB in [\d.]+ s \(baseline: [\d,]+ KB in", export)
    assert not list((tmp_path / "cache" / "scratch").iterdir())  # workers cleaned up
