"""Reads on worker threads: ReadJob (in order, cancellable) and LatestRead (newest wins)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from db.reading import LatestRead, ReadJob
from db.search import search_index
from db.store import Store
from models.records import Entity

SLOW_SQL = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
            "WHERE x < 50000000) SELECT count(*) FROM c")


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "reads.threadline"
    with Store.create(path) as store:
        store.add_entity(Entity(name="Kim Dong-myung", native_name="金東明", kind="person"))
        store.add_entity(Entity(name="Alishan Society", kind="organization"))
    return path


def _wait(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_read_job_runs_reads_in_order_on_a_read_only_connection(db_file: Path) -> None:
    def names(conn: sqlite3.Connection) -> list[str]:
        return [r[0] for r in conn.execute("SELECT name FROM entities ORDER BY id")]

    def write(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM entities")

    job = ReadJob(db_file, [("names", names), ("write", write)])
    job.start()
    job.join()
    assert job.finished and job.done == 1
    assert job.results == {"names": ["Kim Dong-myung", "Alishan Society"]}
    assert isinstance(job.error, sqlite3.OperationalError)
    with Store.open(db_file, readonly=True) as store:
        assert store.counts()["entities"] == 2


def test_read_job_cancel_interrupts_the_running_query(db_file: Path) -> None:
    job = ReadJob(db_file, [("slow", lambda c: c.execute(SLOW_SQL).fetchone()),
                            ("never", lambda c: 1)])
    job.start()
    time.sleep(0.2)
    job.cancel()
    job.join(timeout=10)
    assert job.finished and job.cancelled
    assert "never" not in job.results and "slow" not in job.results


def test_latest_read_answers_only_the_newest_request(db_file: Path) -> None:
    reads = LatestRead(db_file)
    started: list[str] = []

    def slow(conn: sqlite3.Connection) -> int:
        started.append("slow")
        return conn.execute(SLOW_SQL).fetchone()[0]

    try:
        reads.submit(slow)
        _wait(lambda: started == ["slow"])
        reads.submit(lambda conn: search_index(conn, "東明", 10))
        _wait(lambda: not reads.busy())
        hits, error = reads.take()
        assert error is None
        assert [h.title for h in hits] == ["Kim Dong-myung"]
        assert reads.take() is None  # each answer is handed back once
    finally:
        reads.close()


def test_latest_read_reports_an_error_and_keeps_working(db_file: Path) -> None:
    reads = LatestRead(db_file)
    try:
        reads.submit(lambda conn: conn.execute("SELECT * FROM nowhere").fetchall())
        _wait(lambda: not reads.busy())
        value, error = reads.take()
        assert value is None and isinstance(error, sqlite3.OperationalError)
        reads.submit(lambda conn: search_index(conn, "Alishan", 10))
        _wait(lambda: not reads.busy())
        hits, error = reads.take()
        assert error is None and hits[0].title == "Alishan Society"
    finally:
        reads.close()


def test_latest_read_close_stops_a_running_read(db_file: Path) -> None:
    reads = LatestRead(db_file)
    reads.submit(lambda conn: conn.execute(SLOW_SQL).fetchone())
    time.sleep(0.2)
    reads.close()
    assert reads._thread is not None and not reads._thread.is_alive()
