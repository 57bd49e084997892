"""Outputs never land on a database: not the one read, not its sidecars, not another
Threadline file without --force; backups appear whole or not at all; CSV cells that a
spreadsheet would run as formulas are neutralised (OWASP) unless --raw-csv."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

import main
from db import connection
from db.store import Store
from models.records import Event
from tests.bad_files import digest

FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1",
            "-2+3"]
BLANK_STARTS = ["\tTabbed", "\rReturned"]  # titles are trimmed: these go in the notes


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "read.db"
    with Store.create(path) as store:
        for i, title in enumerate(FORMULAS):
            notes = BLANK_STARTS[i] if i < len(BLANK_STARTS) else ""
            store.add_event(Event(title=title, date="2000", notes=notes))
    return path


def _one_error(capsys, argv: list[object], *fragments: str) -> None:
    code = main.run([str(a) for a in argv])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and err[0].startswith("error: "), err
    for fragment in fragments:
        assert fragment in err[0], err[0]


def test_the_database_and_its_sidecars_are_never_an_output(capsys, db: Path,
                                                           tmp_path: Path) -> None:
    link = tmp_path / "link.db"
    link.symlink_to(db)
    hard = tmp_path / "hard.json"
    os.link(db, hard)
    Path(f"{db}-wal").write_bytes(b"")
    before = {p.name: digest(p) for p in tmp_path.iterdir() if p.is_file()}
    for out in (db, link, hard, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal")):
        for extra in ([], ["--force"]):
            _one_error(capsys, ["export", db, out, "--format", "json", *extra])
        _one_error(capsys, ["export", db, out, "--format", "png", "--chart", "timeline"])
        _one_error(capsys, ["--screenshot", out, db])
    assert {p.name: digest(p) for p in tmp_path.iterdir() if p.is_file()} == before


def test_another_threadline_database_is_replaced_only_with_force(capsys, db: Path,
                                                                 tmp_path: Path) -> None:
    other = tmp_path / "other.json"  # a Threadline file, whatever its name
    Store.create(other).close()
    Path(f"{other}-wal").write_bytes(b"wal of a file open elsewhere")
    before = digest(other), digest(Path(f"{other}-wal"))
    _one_error(capsys, ["export", db, other], "Threadline database", "--force")
    _one_error(capsys, ["export", db, f"{other}-wal", "--format", "json"], "-wal file")
    _one_error(capsys, ["--screenshot", other, db], "Threadline database")
    assert (digest(other), digest(Path(f"{other}-wal"))) == before
    assert main.run(["export", str(db), str(other), "--force"]) == 0
    assert other.read_text(encoding="utf-8").startswith("{")


def _cells(path: Path, column: str = "title") -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle) if row[column]]


def test_csv_cells_that_start_like_formulas_are_neutralised(capsys, db: Path,
                                                            tmp_path: Path) -> None:
    assert main.run(["export", str(db), str(tmp_path / "events.csv"),
                     "--format", "csv-events"]) == 0
    assert _cells(tmp_path / "events.csv") == ["'" + f for f in FORMULAS]
    assert _cells(tmp_path / "events.csv", "notes") == ["'" + f for f in BLANK_STARTS]
    assert main.run(["export", str(db), str(tmp_path / "raw.csv"), "--format", "csv-events",
                     "--raw-csv"]) == 0
    assert _cells(tmp_path / "raw.csv") == FORMULAS
    assert _cells(tmp_path / "raw.csv", "notes") == BLANK_STARTS


def test_a_backup_stopped_half_way_leaves_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Store.create(path).close()

    class Failing:
        def backup(self, copy) -> None:
            copy.execute("CREATE TABLE half (x)")
            copy.commit()
            raise OSError("disk full")

    with pytest.raises(OSError):
        connection.backup_copy(Failing(), path, 1)  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]
