"""Nothing lost: a process killed mid-write leaves a sound file with all or none of a write.

Each test runs a real second process (``tests/helpers``) on a real file and kills it with
SIGKILL at a known moment, so SQLite's journal, not Python's cleanup, is what is tested.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.store import Store

ROOT = Path(__file__).resolve().parent.parent
HELPERS = Path(__file__).resolve().parent / "helpers"
CRASH_ROWS = 200_000


def _spawn(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, *map(str, args)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _lines_until(proc: subprocess.Popen[str], done, timeout: float = 60) -> Iterator[str]:
    """Yield the helper's stdout lines until ``done(line)``; fail if it ends first."""
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    for line in proc.stdout:
        yield line.strip()
        if done(line.strip()):
            return
        assert time.monotonic() < deadline, "the helper took too long"
    raise AssertionError(f"the helper ended early: {proc.wait()} {proc.stderr.read()}")


def _kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _sound(path: Path) -> sqlite3.Connection:
    """Open the file as a fresh process would (recovering the WAL) and check it."""
    conn = sqlite3.connect(path, isolation_level=None)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


def _write_csv(path: Path, rows: int, prefix: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("date,title,summary,participants,tags\n")
        out.writelines(f"{1900 + i % 120},{prefix} {i},Summary {i} of many words,"
                       f"Person {i % 50},tag{i % 9}\n" for i in range(rows))


@pytest.fixture
def db_with_data(filled: Store) -> Path:
    path = filled.path
    filled.close()
    return path


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("events", "entities", "sources", "citations", "event_participants",
                      "event_tags", "search_index")}


@pytest.mark.slow
def test_import_killed_while_writing_leaves_none_of_it(db_with_data: Path, tmp_path: Path
                                                       ) -> None:
    """200,000 CSV rows; killed after five batches of events are written, before COMMIT."""
    big = tmp_path / "big.csv"
    _write_csv(big, CRASH_ROWS, "Crash")
    before = _counts(_sound(db_with_data))
    proc = _spawn(HELPERS / "crash_import.py", db_with_data, big)
    try:
        seen: list[str] = []
        started = False
        def enough(line: str) -> bool:
            return line.startswith("done") or seen.count("events") >= 5

        for line in _lines_until(proc, enough):
            if line == "writing events":
                started = True
            elif started and line == "batch":
                seen.append("events")
        assert seen.count("events") >= 5, "killed before the write began"
    finally:
        _kill(proc)
    conn = _sound(db_with_data)
    after = _counts(conn)
    assert after == before  # all of it or none: killed before COMMIT, so none
    assert conn.execute("SELECT count(*) FROM events WHERE title LIKE 'Crash %'"
                        ).fetchone()[0] == 0
    conn.close()
    with Store.open(db_with_data) as store:  # and the app opens it and writes to it again
        assert store.counts()["events"] == before["events"]
        assert store.search("Delegation")


def test_burst_of_edits_killed_keeps_every_confirmed_edit(db_with_data: Path) -> None:
    before = _counts(_sound(db_with_data))["events"]
    proc = _spawn(HELPERS / "edit_burst.py", db_with_data)
    confirmed: list[int] = []
    try:
        for line in _lines_until(proc, lambda _ln: len(confirmed) >= 200):
            confirmed.append(int(line))
    finally:
        _kill(proc)
    assert len(confirmed) == 200
    conn = _sound(db_with_data)
    stored = {r[0] for r in conn.execute("SELECT id FROM events")}
    assert set(confirmed) <= stored
    # at most the one edit under way when killed may also be there, never half of one
    assert len(stored) - before in (200, 201)
    orphans = conn.execute("SELECT count(*) FROM events e WHERE title LIKE 'Burst %' "
                           "AND NOT EXISTS (SELECT 1 FROM event_tags t WHERE t.event_id = e.id)"
                           ).fetchone()[0]
    assert orphans == 0  # an event and its tag are one transaction
    conn.close()


def test_file_held_by_another_threadline_opens_read_only(db_with_data: Path, qtbot) -> None:
    from PySide6.QtCore import QSettings

    from ui.app import make_application
    from ui.files import Workspace

    make_application()
    QSettings().clear()
    holder = _spawn(HELPERS / "hold_lock.py", "app", db_with_data)
    try:
        assert next(_lines_until(holder, lambda ln: True)) == "held"
        space = Workspace(remember_layout=False)
        questions: list[str] = []
        told: list[str] = []
        space.ask = lambda _p, _t, text: questions.append(text) or True
        space.tell = lambda _p, _t, text: told.append(text)
        window = space.open_path(db_with_data)
        assert window is not None, told
        assert len(questions) == 1 and "open in another Threadline window" in questions[0]
        assert "read-only" in questions[0]
        assert window.document.readonly and window.document.store.readonly
        assert "(read-only)" in window.windowTitle()
        assert not window.new_event_action.isEnabled()
        window.close()
    finally:
        _kill(holder)
        QSettings().clear()
    conn = _sound(db_with_data)
    conn.close()


def _import_cli(db: Path, csv: Path) -> subprocess.Popen[str]:
    return _spawn(ROOT / "main.py", "import", db, csv, "--format", "csv")


def test_two_imports_at_once_are_each_all_or_nothing(db_with_data: Path, tmp_path: Path
                                                     ) -> None:
    rows = 30_000
    inputs = {"Alpha": tmp_path / "a.csv", "Beta": tmp_path / "b.csv"}
    for prefix, path in inputs.items():
        _write_csv(path, rows, prefix)
    before = _counts(_sound(db_with_data))["events"]
    procs = {prefix: _import_cli(db_with_data, path) for prefix, path in inputs.items()}
    results = {prefix: (p.wait(timeout=120), *p.communicate()) for prefix, p in procs.items()}
    conn = _sound(db_with_data)
    succeeded = 0
    for prefix, (code, out, err) in results.items():
        found = conn.execute("SELECT count(*) FROM events WHERE title LIKE ?",
                             [f"{prefix} %"]).fetchone()[0]
        if code == 0:
            assert f"{rows} events" in out and not err
            assert found == rows
            succeeded += 1
        else:
            assert code == 2
            lines = err.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: "), err
            assert "locked" in lines[0] or "in use" in lines[0]
            assert found == 0
    assert succeeded >= 1
    assert _counts(conn)["events"] == before + succeeded * rows
    conn.close()


def test_wal_left_by_a_killed_writer_is_recovered(db_with_data: Path, tmp_path: Path) -> None:
    """Killed after commits but before any checkpoint: the -wal file holds the edits."""
    proc = _spawn(HELPERS / "edit_burst.py", db_with_data)
    confirmed: list[int] = []
    try:
        for line in _lines_until(proc, lambda _ln: len(confirmed) >= 20):
            confirmed.append(int(line))
    finally:
        _kill(proc)
    wal = db_with_data.with_name(db_with_data.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    copy = tmp_path / "copy.db"  # what a backup tool copying the -wal with the file sees
    copy.write_bytes(db_with_data.read_bytes())
    copy.with_name("copy.db-wal").write_bytes(wal.read_bytes())
    for path in (db_with_data, copy):
        with Store.open(path, readonly=True) as store:
            assert all(store.exists("event", i) for i in confirmed)
    assert os.path.getsize(db_with_data) > 0


def _gone(pid: int) -> bool:
    """Whether a process has ended (a zombie nobody reaps counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return True
    return state in ("Z", "X")


def test_a_killed_app_leaves_no_layout_process_behind() -> None:
    parent = _spawn(HELPERS / "layout_parent.py")
    try:
        line = parent.stdout.readline()
        children = [int(p) for p in line.split()]
        assert children, f"no layout process reported; stderr: {parent.stderr.read()}"
        assert not any(_gone(pid) for pid in children)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 15
        while not all(_gone(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert all(_gone(pid) for pid in children)
    finally:
        if parent.poll() is None:
            parent.kill()
