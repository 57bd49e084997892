"""One writer per file, across processes and windows, known by device and inode.

A real second process holds the claim (``tests/helpers/hold_lock.py app``) while
``main.py import`` runs in a third; a window refuses a second window on its file by any
other path; a Store whose file was replaced or deleted under it stops writing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.errors import FileReplacedError, LockedError
from db.store import Store
from models.records import Event
from tests.bad_files import digest

ROOT = Path(__file__).resolve().parent.parent
HELPERS = Path(__file__).resolve().parent / "helpers"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "held.db"
    with Store.create(path) as store:
        store.add_event(Event(title="Talks", date="2000"))
    return path


@pytest.fixture
def holder(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another Threadline process that holds the file (as a window does) until killed."""
    proc = subprocess.Popen([sys.executable, str(HELPERS / "hold_lock.py"), "app", str(db)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait(timeout=30)


def _import(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    data = tmp_path / "in.csv"
    data.write_text("date,title\n2001,More talks\n", encoding="utf-8")
    return subprocess.run([sys.executable, "main.py", "import", str(path), str(data)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "dotdot"])
def test_import_refuses_while_another_process_holds_the_file(db: Path, holder, tmp_path: Path,
                                                             how: str) -> None:
    path = {"same": lambda: db, "symlink": lambda: _symlink(db),
            "hardlink": lambda: _hardlink(db),
            "dotdot": lambda: db.parent / ".." / db.parent.name / db.name}[how]()
    before = digest(db)
    done = _import(path, tmp_path)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "in use" in lines[0]
    assert digest(db) == before


def test_import_runs_once_the_holder_is_gone(db: Path, holder, tmp_path: Path) -> None:
    holder.kill()
    holder.wait(timeout=30)
    assert _import(db, tmp_path).returncode == 0
    with Store.open(db, readonly=True) as store:
        assert store.counts()["events"] == 2


def _symlink(db: Path) -> Path:
    link = db.with_name("link.db")
    link.symlink_to(db)
    return link


def _hardlink(db: Path) -> Path:
    link = db.parent / "other" / "hard.db"
    link.parent.mkdir()
    os.link(db, link)
    return link


def test_a_second_claim_in_one_process_is_refused_by_any_path(db: Path) -> None:
    with Store.open(db, exclusive=True):
        for path in (_symlink(db), _hardlink(db)):
            with pytest.raises(LockedError, match="open in another"):
                Store.open(path, exclusive=True)
    with Store.open(db, exclusive=True):
        pass  # released with the Store


def test_a_replaced_file_is_not_written(db: Path, tmp_path: Path) -> None:
    replacement = tmp_path / "replacement.db"
    shutil.copyfile(db, replacement)
    with Store.open(db, exclusive=True) as store:
        os.replace(replacement, db)  # a sync tool puts a new version in place
        before = digest(db)
        with pytest.raises(FileReplacedError, match="replaced or deleted"):
            store.add_event(Event(title="Lost?", date="2001"))
        assert digest(db) == before


def test_a_deleted_file_is_not_written(db: Path) -> None:
    with Store.open(db) as store:
        db.unlink()
        with pytest.raises(FileReplacedError, match="Save a Copy"):
            store.add_event(Event(title="Lost?", date="2001"))
        copy = db.with_name("rescued.db")
        store.save_copy(copy)  # what the window still shows can be kept
    with Store.open(copy, readonly=True) as rescued:
        assert rescued.counts()["events"] == 1
