"""One window per file, known by device and inode: another path to an open file raises
its window and never opens (or unlocks) the file a second time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from db.errors import FileReplacedError
from db.ops import add_source
from models.records import Source
from ui.files import Workspace


def test_another_path_to_an_open_file_raises_its_window(workspace: Workspace,
                                                        sample_path: Path) -> None:
    first = workspace.open_path(sample_path)
    assert first is not None
    link = sample_path.with_name("link.db")
    link.symlink_to(sample_path)
    (sample_path.parent / "sub").mkdir()
    hard = sample_path.parent / "sub" / "hard.db"
    os.link(sample_path, hard)
    dotdot = sample_path.parent / "sub" / ".." / sample_path.name
    for path in (link, hard, dotdot):
        assert workspace.open_path(path) is first
    assert workspace.windows == [first] and workspace.asked == [] and workspace.told == []
    first.document.apply(lambda store: add_source(store, Source(title="Still mine")))


def test_a_window_whose_file_was_replaced_stops_writing(workspace: Workspace,
                                                        sample_path: Path,
                                                        monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    window = workspace.open_path(sample_path)
    assert window is not None
    sample_path.unlink()
    with pytest.raises(FileReplacedError, match="Save a Copy"):
        window.document.apply(lambda store: add_source(store, Source(title="Lost?")))
    assert window.document.undo_stack.count() == 0


def test_a_window_finding_its_file_gone_offers_save_a_copy(workspace: Workspace,
                                                           sample_path: Path,
                                                           monkeypatch) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QFileDialog

    from db.store import Store

    window = workspace.open_path(sample_path)
    assert window is not None
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert workspace.asked == []  # the file is still there: nothing to say
    sample_path.unlink()
    copy = sample_path.with_name("rescued.db")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(copy), ""))
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert len(workspace.asked) == 1 and "replaced or deleted" in workspace.asked[0]
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert len(workspace.asked) == 1  # said once
    with Store.open(copy, readonly=True) as rescued:
        assert rescued.counts() == window.document.store.counts()
