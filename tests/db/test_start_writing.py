"""``Store.start_writing``: a file opened read-only while its slow checks ran becomes
writable in the same Store (panels keep it), journaled for undo; not once the path names
another file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from db import ops
from db.errors import FileReplacedError, ReadOnlyError
from db.store import Store
from models.edits import EventEdit
from models.records import Event
from tests.bad_files import every_byte


@pytest.fixture
def path(tmp_path: Path) -> Path:
    made = tmp_path / "f.db"
    Store.create(made).close()
    return made


def test_it_writes_after_start_writing_and_undo_works(path: Path) -> None:
    with Store.open(path, readonly=True) as store:
        with pytest.raises(ReadOnlyError):
            store.add_event(Event(title="early", date="2000"))
        store.start_writing()
        assert not store.readonly
        changes = ops.add_event(store, EventEdit(Event(title="Talks", date="2000")))
        store.replay(changes.undo)
        assert store.counts()["events"] == 0


def test_a_replaced_file_stays_read_only_untouched(path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with Store.create(other) as made:
        made.add_event(Event(title="Theirs", date="1999"))
    with Store.open(path, readonly=True) as store:
        shutil.copyfile(other, tmp_path / "swap.db")
        os.replace(tmp_path / "swap.db", path)
        before = every_byte(path)
        with pytest.raises(FileReplacedError):
            store.start_writing()
        assert store.readonly
    assert every_byte(path) == before
