"""Undo and redo fail safe: with the file locked by another process, the undo stack
stays where it was, the user sees a dialog, and the change can still be undone later."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import ui.commands
from db.ops import add_source
from db.store import Store
from models.records import Source
from ui.app import make_application
from ui.document import Document

ROOT = Path(__file__).resolve().parents[2]
HOLD = ROOT / "tests" / "helpers" / "hold_lock.py"


@pytest.fixture
def document(tmp_path: Path, monkeypatch) -> Iterator[Document]:
    make_application()
    store = Store.create(tmp_path / "undo.db")
    doc = Document(store)
    doc.told = []
    monkeypatch.setattr(ui.commands, "show_failure", doc.told.append)
    for title in ("First", "Second"):
        doc.apply(lambda s, t=title: add_source(s, Source(title=t)))
    yield doc
    store.close()


class Holder:
    """Another process inside BEGIN EXCLUSIVE on the file, until released."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, str(HOLD), "exclusive", str(path)],
                                     stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "held"

    def release(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=30)


def _titles(document: Document) -> list[str]:
    return [s.title for s in document.store.sources()]


def test_a_failed_undo_leaves_the_stack_and_says_so(document: Document) -> None:
    stack = document.undo_stack
    holder = Holder(document.store.path)
    try:
        stack.undo()
        assert stack.index() == 2
        assert len(document.told) == 1 and "Could not undo" in document.told[0]
        assert "locked" in document.told[0] or "in use" in document.told[0]
    finally:
        holder.release()
    assert _titles(document) == ["First", "Second"]
    stack.undo()  # the same change can be undone once the file is free
    assert stack.index() == 1 and _titles(document) == ["First"]
    stack.redo()
    assert stack.index() == 2 and _titles(document) == ["First", "Second"]


def test_a_failed_redo_leaves_the_stack(document: Document) -> None:
    stack = document.undo_stack
    stack.undo()
    holder = Holder(document.store.path)
    try:
        stack.redo()
        assert stack.index() == 1 and "Could not redo" in document.told[0]
    finally:
        holder.release()
    stack.redo()
    assert stack.index() == 2 and _titles(document) == ["First", "Second"]


def test_a_jump_in_the_history_stops_at_the_first_failure(document: Document) -> None:
    stack = document.undo_stack
    holder = Holder(document.store.path)
    try:
        stack.setIndex(0)  # a click on the history's first line
        assert stack.index() == 2 and len(document.told) == 1
    finally:
        holder.release()
    stack.setIndex(0)
    assert stack.index() == 0 and _titles(document) == []
