"""A database's own title: stored in the file, given at creation, never the file name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.errors import ReadOnlyError, ValidationError
from db.meta import derived_title
from db.sample import SAMPLE_TITLE, build_sample
from db.store import Store


def test_a_new_file_is_titled_from_the_name_it_was_created_with(tmp_path: Path) -> None:
    with Store.create(tmp_path / "case_files-2024.db") as store:
        assert store.title() == "Case files 2024"
    moved = tmp_path / "renamed.db"
    (tmp_path / "case_files-2024.db").rename(moved)
    with Store.open(moved, readonly=True) as store:
        assert store.title() == "Case files 2024"  # stored, not read off the name


def test_the_sample_has_a_title_and_description(tmp_path: Path) -> None:
    build_sample(tmp_path / "sample.db")
    with Store.open(tmp_path / "sample.db", readonly=True) as store:
        assert store.title() == SAMPLE_TITLE == "Taiwan–South Korea engagement"
        assert "Taiwan" in store.description()


def test_set_title_is_kept_and_one_line(tmp_path: Path) -> None:
    with Store.create(tmp_path / "a.db") as store:
        store.set_title("  Seoul \n and Taipei  ")
    with Store.open(tmp_path / "a.db") as store:
        assert store.title() == "Seoul and Taipei"
        store.set_title("")
        assert store.title() == "A"
        with pytest.raises(ValidationError):
            store.set_title("x" * 201)
        assert store.title() == "A"


def test_a_file_without_a_title_gets_a_derived_one_and_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "old_notes.db"
    Store.create(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM settings")
    before = path.read_bytes()
    with Store.open(path, readonly=True) as store:
        assert store.title() == "Old notes"
        with pytest.raises(ReadOnlyError):
            store.set_title("New")
    assert path.read_bytes() == before


@pytest.mark.parametrize(("name", "title"), [("x.db", "X"), ("___.db", "Threadline database"),
                                             ("년표.db", "년표")])
def test_derived_title(name: str, title: str) -> None:
    assert derived_title(name) == title


def test_the_properties_are_one_named_operation_all_or_nothing(tmp_path: Path) -> None:
    from db import ops
    from db.meta import MAX_DESCRIPTION_CHARS

    with Store.create(tmp_path / "case.db") as store:
        ops.set_properties(store, "Case files", "Interviews, 2019–2024")
        assert (store.title(), store.description()) == ("Case files", "Interviews, 2019–2024")
        with pytest.raises(ValidationError):
            ops.set_properties(store, "New title", "x" * (MAX_DESCRIPTION_CHARS + 1))
        assert store.title() == "Case files"  # the title was not kept without its description
