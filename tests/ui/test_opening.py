"""Reading panel data off the UI thread: results, Cancel, errors, and a live event loop."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from db.store import Store
from models.records import Entity
from tests.ui.helpers import cancel_when_shown
from ui.opening import Step, read_in_background

COUNT_SQL = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
             "WHERE x < {n}) SELECT count(*) FROM c")
SLOW_SQL = COUNT_SQL.format(n=1_500_000)  # a fraction of a second
ENDLESS_SQL = COUNT_SQL.format(n=500_000_000)  # minutes: only ever interrupted


def _count(table: str):
    return lambda conn: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _slow(conn: sqlite3.Connection) -> int:
    return conn.execute(SLOW_SQL).fetchone()[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "read.threadline"
    with Store.create(path) as store:
        store.add_entity(Entity(name="Kim Dong-myung", kind="person"))
        store.add_entity(Entity(name="Legislative Yuan", kind="organization"))
    return path


def test_results_come_back_by_key(qtbot, db_file: Path) -> None:
    steps = [Step("entities", "Reading people", _count("entities")),
             Step("events", "Reading events", _count("events"))]
    assert read_in_background(db_file, steps) == {"entities": 2, "events": 0}


def test_the_event_loop_runs_while_a_step_reads(qtbot, db_file: Path) -> None:
    ticks: list[int] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    result = read_in_background(db_file, [Step("slow", "Counting", _slow)])
    timer.stop()
    assert result == {"slow": 1500000}
    assert len(ticks) >= 3  # timers fired during the read: the window could repaint


def test_cancel_stops_the_read_and_leaves_the_file_untouched(qtbot, db_file: Path) -> None:
    before = _digest(db_file)
    pressed = cancel_when_shown()

    def endless(conn: sqlite3.Connection) -> int:
        return conn.execute(ENDLESS_SQL).fetchone()[0]

    steps = [Step("slow", "Counting rows", endless), Step("after", "Never", _count("events"))]
    assert read_in_background(db_file, steps) is None
    assert pressed and "Counting rows" in pressed[0] and db_file.name in pressed[0]
    assert _digest(db_file) == before


def test_an_error_in_a_step_reaches_the_caller(qtbot, db_file: Path) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("SELECT * FROM no_such_table")

    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        read_in_background(db_file, [Step("broken", "Reading", broken)])


def test_steps_read_through_a_read_only_connection(qtbot, db_file: Path) -> None:
    def write(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM entities")

    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        read_in_background(db_file, [Step("write", "Writing", write)])
    with Store.open(db_file, readonly=True) as store:
        assert store.counts()["entities"] == 2

