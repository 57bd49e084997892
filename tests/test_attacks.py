"""Hostile inputs and processes beyond the first round (test_bad_input, test_file_gate):
pipes and devices given as files, sidecars that are links, Save a Copy aimed at the
open file's own sidecars or killed half-way, JSON nested a million deep, a spreadsheet
formula. Each is refused with one line (or survived) and no byte of the database, its
sidecars or an innocent file changes. Commands run as real processes where a regression
would hang: a deadline turns a hang into a failure."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import main
from db.errors import StoreError
from db.store import Store
from models.records import Event
from tests.bad_files import digest, every_byte

ROOT = Path(__file__).resolve().parent.parent
HELPERS = Path(__file__).resolve().parent / "helpers"
DEADLINE_S = 60  # a hang is a failure, not a speed claim


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "mine.db"
    with Store.create(path) as store:
        store.add_event(Event(title="Talks", date="2000"))
    return path


def _run(*args: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=DEADLINE_S,
                          check=False)


def _one_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0], lines[0]


def test_a_fifo_as_the_database_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    _one_error(_run("export", fifo, tmp_path / "out.json"), "not a regular file")
    data = tmp_path / "in.json"
    data.write_text('{"format": "threadline", "version": 1}', encoding="utf-8")
    _one_error(_run("import", fifo, data), "not a regular file")


@pytest.mark.parametrize("source", ["fifo", "/dev/zero"])
def test_a_pipe_or_device_as_import_input_is_refused(db: Path, tmp_path: Path,
                                                     source: str) -> None:
    if source == "fifo":
        source = str(tmp_path / "pipe.json")
        os.mkfifo(source)
    before = every_byte(db)
    _one_error(_run("import", db, source, "--format", "json"), "not a regular file")
    _one_error(_run("import", db, source, "--format", "csv"), "not a regular file")
    assert every_byte(db) == before


def test_a_wal_that_is_a_link_is_refused_and_its_target_untouched(db: Path,
                                                                   tmp_path: Path) -> None:
    victim = tmp_path / "innocent.txt"
    victim.write_bytes(b"")  # empty: no WAL header to judge, so only the link gives it away
    Path(f"{db}-wal").symlink_to(victim)
    data = tmp_path / "in.json"
    data.write_text('{"format": "threadline", "version": 1, "events": '
                    '[{"id": 9, "title": "More", "date": "2001"}]}', encoding="utf-8")
    before = digest(db)
    _one_error(_run("import", db, data), "is a link")
    assert victim.read_bytes() == b"" and Path(f"{db}-wal").is_symlink()
    assert digest(db) == before


@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
@pytest.mark.parametrize("by", ["name", "symlink"])
def test_save_a_copy_never_lands_on_the_open_files_sidecars(db: Path, tmp_path: Path,
                                                            suffix: str, by: str) -> None:
    with Store.open(db) as store:
        store.add_event(Event(title="Kept in the WAL", date="2001"))
        sidecar = Path(f"{db}{suffix}")
        before = digest(sidecar)
        target = sidecar
        if by == "symlink":
            target = tmp_path / "copy.db"
            target.symlink_to(sidecar)
        with pytest.raises(StoreError, match=f"own {suffix} file"):
            store.save_copy(target)
        assert digest(sidecar) == before
    with Store.open(db) as store:
        assert [e.title for e in store.events()] == ["Talks", "Kept in the WAL"]


def test_save_a_copy_killed_half_way_leaves_the_old_copy_and_the_file(db: Path,
                                                                      tmp_path: Path) -> None:
    with Store.open(db) as store, store.transaction():
        for i in range(3000):
            store.add_event(Event(title=f"Talks {i}", date=f"{1900 + i % 100}",
                                  summary="x" * 300))
    target = tmp_path / "copy.db"
    target.write_bytes(b"the copy saved yesterday")
    proc = subprocess.Popen([sys.executable, str(HELPERS / "slow_backup.py"), str(db),
                             str(target)], cwd=ROOT, text=True, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if line.startswith("copied 20 of"):
                break
        else:
            pytest.fail("the backup ended before it could be stopped")
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=DEADLINE_S)
    assert target.read_bytes() == b"the copy saved yesterday"
    with Store.open(db) as store:  # read through again: sound, and every event there
        assert store.counts()["events"] == 3001
        store.save_copy(target)  # a stale half copy is no obstacle
    assert [p.name for p in tmp_path.glob(".*partial")] == []
    with Store.open(target, readonly=True) as copy:
        assert copy.counts()["events"] == 3001


def test_json_nested_a_million_deep_is_refused(capsys, db: Path, tmp_path: Path) -> None:
    data = tmp_path / "deep.json"
    data.write_text("[" * 1_000_000 + "]" * 1_000_000, encoding="utf-8")
    before = every_byte(db)
    assert main.run(["import", str(db), str(data)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nested too deeply" in err[0]
    assert every_byte(db) == before


def test_a_spreadsheet_formula_is_never_computed_nor_kept_as_a_formula(db: Path,
                                                                      tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "events"
    sheet.append(["date", "title", "summary"])
    sheet.append(["2002", "Plain", "=cmd|' /C calc'!A0"])
    sheet.append(["2003", "Sum", "=1+1"])
    book.save(tmp_path / "in.xlsx")
    assert _run("import", db, tmp_path / "in.xlsx").returncode == 0
    with Store.open(db, readonly=True) as store:
        summaries = {e.title: e.summary for e in store.events()}
    assert summaries["Plain"] == "" and summaries["Sum"] in ("", "2")  # a cached value only
    assert not any(s.startswith("=") for s in summaries.values())


def test_a_file_name_with_a_newline_or_an_escape_sequence_is_still_one_line(
        tmp_path: Path) -> None:
    """A name holding a newline, a terminal escape (clear screen) or a right-to-left
    override is written escaped: the error stays one line and runs nothing on the
    terminal."""
    name = tmp_path / "evil\nname\x1b[2J\u202e.db"
    name.write_bytes(b"not a database")
    done = _run("export", name, tmp_path / "out.json")
    _one_error(done, "evil\\nname\\x1b[2J\\u202e.db", "not a Threadline database")
    assert "\x1b" not in done.stderr and "\u202e" not in done.stderr


def test_a_screenshot_is_written_whole_and_never_through_a_link(db: Path,
                                                               tmp_path: Path) -> None:
    """The picture goes under a temporary name and is renamed into place: a link at the
    output's name is replaced, the file it pointed at keeps its bytes."""
    innocent = tmp_path / "notes.txt"
    innocent.write_bytes(b"mine")
    out = tmp_path / "shot.png"
    out.symlink_to(innocent)
    done = _run("--screenshot", out, db)
    assert done.returncode == 0, done.stderr
    assert innocent.read_bytes() == b"mine"
    assert not out.is_symlink() and out.read_bytes().startswith(b"\x89PNG")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
