"""The command line: each command's output, and one clear `error:` line for each failure."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import main
from db.store import Store
from tests.bad_files import newer_file, other_app_file

ROOT = Path(__file__).resolve().parent.parent


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main.run([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _assert_one_error_line(code: int, err: str, fragment: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert fragment in lines[0]


def test_new_export_import_round_trip(capsys, tmp_path: Path, filled: Store) -> None:
    filled.close()
    src = tmp_path / "test.db"
    out1, out2, copy = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "copy.db"
    assert _run(capsys, "export", src, out1, "--format", "json")[0] == 0
    assert _run(capsys, "new", copy)[0] == 0
    code, out, _ = _run(capsys, "import", copy, out1, "--format", "json")
    assert code == 0 and "2 events" in out
    assert _run(capsys, "export", copy, out2)[0] == 0
    assert out1.read_bytes() == out2.read_bytes()
    assert json.loads(out1.read_text())["events"][0]["title"]


@pytest.mark.parametrize("prepare, fragment", [
    (None, "no such file"),
    (lambda p: p.write_bytes(b"hello, not a database" * 10), "not an SQLite file"),
    (other_app_file, "another application"),
    (newer_file, "newer Threadline"),
])
def test_bad_files_give_one_error_line(capsys, tmp_path: Path, prepare, fragment) -> None:
    path = tmp_path / "x.db"
    if prepare:
        prepare(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
    for argv in (["export", path, tmp_path / "o.json"], ["import", path, tmp_path / "i.json"]):
        (tmp_path / "i.json").write_text('{"events": []}')
        code, _, err = _run(capsys, *argv)
        _assert_one_error_line(code, err, fragment)
    if digest:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert not (tmp_path / "o.json").exists()


def test_import_into_read_only_file_is_refused(capsys, tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    Store.create(path).close()
    (tmp_path / "in.json").write_text('{"sources": [{"id": 1, "title": "S"}]}')
    path.chmod(0o444)
    try:
        code, _, err = _run(capsys, "import", path, tmp_path / "in.json")
    finally:
        path.chmod(0o644)
    _assert_one_error_line(code, err, "read-only")


def test_import_into_locked_file_is_refused(capsys, tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    Store.create(path).close()
    (tmp_path / "in.json").write_text('{"sources": [{"id": 1, "title": "S"}]}')
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = _run(capsys, "import", path, tmp_path / "in.json")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _assert_one_error_line(code, err, "in use by another program")
    with Store.open(path) as store:
        assert store.counts()["sources"] == 0


def test_invalid_import_names_the_record_and_writes_nothing(capsys, tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    Store.create(path).close()
    bad = {"entities": [{"id": "k", "kind": "person", "name": "Kim"}],
           "events": [{"id": "e1", "title": "Visit", "date": "31 April 2023"}]}
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    code, _, err = _run(capsys, "import", path, tmp_path / "bad.json", "--format", "json")
    _assert_one_error_line(code, err, "events[0] (id 'e1')")
    assert "April" in err
    with Store.open(path) as store:
        assert store.counts()["entities"] == 0


@pytest.mark.parametrize("argv, fragment", [
    (["export", "a.db", "out.xyz"], "--format json"),
    (["import"], "required"),
    (["new"], "required"),
    (["--bogus"], "unrecognized arguments"),
])
def test_usage_errors_are_one_line(capsys, argv: list[str], fragment: str) -> None:
    code, _, err = _run(capsys, *argv)
    _assert_one_error_line(code, err, fragment)


def test_new_refuses_to_overwrite(capsys, tmp_path: Path) -> None:
    path = tmp_path / "exists.db"
    path.write_text("precious")
    code, _, err = _run(capsys, "new", path)
    _assert_one_error_line(code, err, "already exists")
    assert path.read_text() == "precious"


def test_import_of_non_utf8_file_is_named(capsys, tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    Store.create(path).close()
    (tmp_path / "latin1.json").write_bytes('{"sources": [{"id": 1, "title": "Café"}]}'
                                           .encode("latin-1"))
    code, _, err = _run(capsys, "import", path, tmp_path / "latin1.json")
    _assert_one_error_line(code, err, "not UTF-8")


def test_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "export",
                           str(tmp_path / "missing.db"), str(tmp_path / "o.json")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("error: no such file")
    assert "Traceback" not in done.stderr
