"""A file checked through once is not read through again until something else changes it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import gate, verified
from db.errors import NotThreadlineError
from db.store import Store


@pytest.fixture
def registry(tmp_path: Path, sample_path: Path) -> Iterator[Path]:
    """A registry that has not seen the sample yet (it was built before)."""
    path = tmp_path / "data" / "verified-files.json"
    verified.use_registry(path)
    yield path
    verified.use_registry(None)


@pytest.fixture
def integrity_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    real = gate.check_integrity

    def counted(conn, path: Path) -> None:
        seen.append(path)
        real(conn, path)

    monkeypatch.setattr(gate, "check_integrity", counted)
    return seen


def test_a_file_left_as_this_machine_closed_it_is_not_read_through_again(
        registry: Path, integrity_checks: list[Path], sample_path: Path,
        tmp_path: Path) -> None:
    Store.open(sample_path).close()
    assert integrity_checks == [sample_path]
    with Store.open(sample_path) as store:  # untouched since: the slow checks are skipped
        assert store.counts()["events"] > 0
    assert integrity_checks == [sample_path]
    assert registry.exists()


def test_a_file_changed_elsewhere_is_read_through_again(
        registry: Path, integrity_checks: list[Path], sample_path: Path) -> None:
    Store.open(sample_path).close()
    other = sqlite3.connect(sample_path, isolation_level=None)  # another program writes
    other.execute("INSERT INTO event_tags VALUES (1, 999999)")  # a dangling reference
    other.close()
    with pytest.raises(NotThreadlineError, match="damaged"):
        Store.open(sample_path).close()
    assert integrity_checks == [sample_path, sample_path]


def test_a_copy_is_another_file(registry: Path, integrity_checks: list[Path],
                                sample_path: Path, tmp_path: Path) -> None:
    Store.open(sample_path).close()
    copy = tmp_path / "copy.db"
    copy.write_bytes(sample_path.read_bytes())
    Store.open(copy).close()
    assert integrity_checks == [sample_path, copy]


def test_without_a_registry_every_open_reads_through(
        integrity_checks: list[Path], sample_path: Path) -> None:
    verified.use_registry(None)
    for _ in range(2):
        Store.open(sample_path).close()
    assert integrity_checks == [sample_path, sample_path]


def test_a_damaged_registry_means_checking_again(
        registry: Path, integrity_checks: list[Path], sample_path: Path) -> None:
    Store.open(sample_path).close()
    registry.write_text("{not json", encoding="utf-8")
    Store.open(sample_path).close()
    assert integrity_checks == [sample_path, sample_path]


def test_a_file_this_machine_made_and_wrote_is_not_read_through(
        registry: Path, integrity_checks: list[Path], tmp_path: Path) -> None:
    from models.records import Source

    with Store.create(tmp_path / "new.db") as store:
        store.add_source(Source(title="Article"))
    Store.open(tmp_path / "new.db").close()
    assert integrity_checks == []
