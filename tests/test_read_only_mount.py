"""A file on a really read-only file system (a read-only bind mount, tests/read_only_mount):
it opens read-only through SQLite's ``immutable``, leaves no sidecar, and every command
that writes refuses it with one line; its bytes never change."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.connection import read_uri
from db.errors import ReadOnlyError
from db.store import Store
from tests.bad_files import digest
from tests.read_only_mount import read_only_mount

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Path]:
    with read_only_mount(tmp_path) as path:
        yield path


def _main(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_it_opens_read_only_through_immutable(media: Path) -> None:
    before = digest(media)
    assert "immutable=1" in read_uri(media)
    with Store.open(media, readonly=True) as store:
        assert store.counts()["events"] == 1
        assert store.readonly
    assert sorted(p.name for p in media.parent.iterdir()) == ["archive.db"]
    assert digest(media) == before


def test_opening_it_for_writing_is_one_clear_refusal(media: Path) -> None:
    with pytest.raises(ReadOnlyError) as refused:
        Store.open(media, exclusive=True)
    assert "read-only" in str(refused.value) and "\n" not in str(refused.value)
    assert sorted(p.name for p in media.parent.iterdir()) == ["archive.db"]


def test_commands_that_write_refuse_it_with_one_line(media: Path, tmp_path: Path) -> None:
    before = digest(media)
    data = tmp_path / "in.json"
    data.write_text('{"format": "threadline", "version": 1, "events": '
                    '[{"id": 5, "title": "More", "date": "2001"}]}', encoding="utf-8")
    imported = _main("import", str(media), str(data))
    lines = imported.stderr.strip().splitlines()
    assert imported.returncode == 2 and len(lines) == 1, imported.stderr
    assert lines[0].startswith("error: ") and "read-only" in lines[0]
    exported = _main("export", str(media), str(tmp_path / "out.json"))
    assert exported.returncode == 0, exported.stderr
    assert '"Talks"' in (tmp_path / "out.json").read_text(encoding="utf-8")
    assert sorted(p.name for p in media.parent.iterdir()) == ["archive.db"]
    assert digest(media) == before
