"""The opening gate: a file is judged as SQLite sees it (with its -wal) before any write.

Each attack is a real SQLite file: a newer schema committed only in the WAL, a WAL or a
rollback journal of another file lying beside the database, a damaged table page, a
Threadline file with an extra trigger or a view in place of a table, a dangling
reference. Every one is refused by ``import`` and ``export`` with one ``error:`` line,
exit status 2, and the same bytes in the database and its sidecars before and after.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import main
from db import schema
from db.store import Store
from models.records import Event


def _bytes(path: Path) -> dict[str, str]:
    """Digest of the file and every sidecar beside it."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.parent.glob(f"{path.name}*"))}


def _made(path: Path, events: int = 30) -> Path:
    with Store.create(path) as store, store.transaction():
        for i in range(events):
            store.add_event(Event(title=f"Talks {i}", date=f"{1950 + i}"))
    return path


@contextmanager
def _wal_kept(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection whose commits stay in the -wal (as when its process is killed)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    yield conn
    conn.close()


def _copy_open(conn_path: Path, target: Path) -> None:
    """Copy a database and its -wal while a connection holds it (a crashed state)."""
    shutil.copyfile(conn_path, target)
    shutil.copyfile(f"{conn_path}-wal", f"{target}-wal")


def _refused(capsys, path: Path, tmp_path: Path, *fragments: str) -> None:
    """import and export both say one error line, exit 2, and change no byte."""
    before = _bytes(path)
    data = tmp_path / "in.csv"
    data.write_text("date,title\n2001,New talks\n", encoding="utf-8")
    for argv in (["import", path, data], ["export", path, tmp_path / "out.json"]):
        code = main.run([str(a) for a in argv])
        err = capsys.readouterr().err
        assert code == 2, err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), err
        for fragment in fragments:
            assert fragment in lines[0], lines[0]
        assert _bytes(path) == before
    assert not (tmp_path / "out.json").exists()


def test_a_newer_schema_committed_only_in_the_wal_is_seen(capsys, tmp_path: Path) -> None:
    live = _made(tmp_path / "live.db")
    with _wal_kept(live) as conn:
        conn.execute(f"PRAGMA user_version = {schema.current_version() + 1}")
        _copy_open(live, tmp_path / "crashed.db")
    crashed = tmp_path / "crashed.db"
    assert crashed.read_bytes()[60:64] == schema.current_version().to_bytes(4, "big")
    _refused(capsys, crashed, tmp_path, "newer Threadline")


def test_a_wal_of_another_threadline_file_is_not_merged(capsys, tmp_path: Path) -> None:
    other = _made(tmp_path / "other.db", events=300)
    with _wal_kept(other) as conn:
        conn.execute("DELETE FROM events WHERE id % 2 = 0")
        conn.execute("INSERT INTO settings VALUES ('stray', 'yes')")
        target = _made(tmp_path / "target.db", events=5)
        shutil.copyfile(f"{other}-wal", f"{target}-wal")
    _refused(capsys, target, tmp_path)
    Path(f"{target}-wal").unlink()
    with Store.open(target, readonly=True) as store:  # the file itself was never changed
        assert store.counts()["events"] == 5


def test_a_wal_of_another_page_size_is_refused(capsys, tmp_path: Path) -> None:
    odd = tmp_path / "odd.db"
    conn = sqlite3.connect(odd, isolation_level=None)
    conn.execute("PRAGMA page_size = 1024")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t (x)")
    target = _made(tmp_path / "target.db")
    shutil.copyfile(f"{odd}-wal", f"{target}-wal")
    conn.close()
    _refused(capsys, target, tmp_path, "target.db-wal does not belong")


def test_a_rollback_journal_beside_the_file_is_refused(capsys, tmp_path: Path) -> None:
    target = _made(tmp_path / "target.db")
    Path(f"{target}-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(600))
    _refused(capsys, target, tmp_path, "target.db-journal")


def test_a_damaged_table_page_is_refused(capsys, tmp_path: Path) -> None:
    path = _made(tmp_path / "damaged.db", events=2000)
    conn = sqlite3.connect(path)
    root, = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events'").fetchone()
    page_size, = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with path.open("r+b") as handle:  # the events tree's root: an interior page
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * 64)
    _refused(capsys, path, tmp_path, "damaged")


@pytest.mark.parametrize(("sql", "named"), [
    ("CREATE TRIGGER wipe AFTER INSERT ON events BEGIN DELETE FROM sources; END",
     "unexpected trigger wipe"),
    ("CREATE VIEW extra AS SELECT 1", "unexpected view extra"),
    ("CREATE INDEX events_by_title ON events (title)", "unexpected index events_by_title"),
    ("DROP INDEX events_by_category", "missing index events_by_category"),
])
def test_a_schema_that_is_not_ours_is_refused(capsys, tmp_path: Path, sql: str,
                                              named: str) -> None:
    path = _made(tmp_path / "changed.db")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(sql)
    conn.close()
    _refused(capsys, path, tmp_path, "Threadline's schema", named)


def test_a_view_in_place_of_a_table_is_refused(capsys, tmp_path: Path) -> None:
    path = _made(tmp_path / "view.db")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE citations")
    conn.execute("CREATE VIEW citations AS SELECT * FROM events WHERE id % 2")
    conn.close()
    _refused(capsys, path, tmp_path, "view citations")


def test_a_dangling_reference_is_refused(capsys, tmp_path: Path) -> None:
    path = _made(tmp_path / "dangling.db")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO event_tags VALUES (1, 999)")
    conn.close()
    _refused(capsys, path, tmp_path, "damaged", "event_tags")


def test_a_sound_file_with_its_own_wal_opens_with_everything(tmp_path: Path) -> None:
    live = _made(tmp_path / "live.db")
    with _wal_kept(live) as conn:
        conn.execute("DELETE FROM events WHERE id > 10")
        _copy_open(live, tmp_path / "crashed.db")
    with Store.open(tmp_path / "crashed.db") as store:
        assert store.counts()["events"] == 10
