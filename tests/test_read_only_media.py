"""A file on read-only media (no -shm can be made beside it) opens read-only, through
SQLite's ``immutable``; the tests run as root, for whom every folder is writable, so
the media's answer is given by ``folder_writable``."""

from __future__ import annotations

from pathlib import Path

import pytest

import db.connection
from db.errors import ReadOnlyError
from db.store import Store
from models.records import Event
from tests.bad_files import digest


@pytest.fixture
def media(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "cd" / "archive.db"
    path.parent.mkdir()
    with Store.create(path) as store:
        store.add_event(Event(title="Talks", date="2000"))
    path.chmod(0o444)
    monkeypatch.setattr(db.connection, "folder_writable", lambda _path: False)
    return path


def test_a_file_on_read_only_media_opens_read_only(media: Path) -> None:
    before = digest(media)
    with Store.open(media, readonly=True) as store:
        assert store.counts()["events"] == 1
    assert sorted(p.name for p in media.parent.iterdir()) == ["archive.db"]  # no -shm
    assert digest(media) == before


def test_writing_to_read_only_media_is_refused(media: Path) -> None:
    with pytest.raises(ReadOnlyError):
        Store.open(media)
    assert sorted(p.name for p in media.parent.iterdir()) == ["archive.db"]
