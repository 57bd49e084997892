"""The window's opening gate for a big file met for the first time: the window paints
first, read-only, while ``quick_check`` and ``foreign_key_check`` run on the loader
thread ("Checking file…", no edit, import or undo); then the file is opened for writing,
or refused with the gate's message and closed with its bytes, and its sidecars', as
they were."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

import ui.files
from db import gate, ops, verified
from db.errors import ReadOnlyError
from models.edits import EventEdit
from models.records import Event
from tests.bad_files import damaged_index_file, every_byte
from ui.files import Workspace

CHECK_SECONDS = 60_000  # a deadline for the loader thread, not a speed claim


@pytest.fixture
def workspace(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The shared workspace, for which every file counts as big (read on a loader thread)."""
    monkeypatch.setattr(ui.files, "BACKGROUND_FROM_BYTES", 0)
    return workspace


def _add(window) -> None:
    window.document.apply(lambda s: ops.add_event(s, EventEdit(Event(title="x",
                                                                     date="2001"))))


def _while_checking(window) -> None:
    """What a window shows and allows while its file is being checked."""
    assert window.checking and window.document.readonly
    assert window.checking_label.isVisibleTo(window)
    assert not window.readonly_banner.isVisibleTo(window)
    assert "(read-only)" not in window.windowTitle()
    for action in (window.new_event_action, window.import_json_action,
                   window.import_csv_action, window.undo_action):
        assert not action.isEnabled()
    with pytest.raises(ReadOnlyError):
        _add(window)


def test_a_new_big_file_paints_first_then_is_checked_then_writes(
        workspace: Workspace, sample_path: Path, monkeypatch, qtbot) -> None:
    checked_with: list[tuple[str, int]] = []
    real = gate.check_integrity
    monkeypatch.setattr(gate, "check_integrity", lambda conn, path: (
        checked_with.append((threading.current_thread().name, len(workspace.windows))),
        real(conn, path))[1])
    window = workspace.open_path(sample_path)
    assert window is not None and workspace.told == []
    _while_checking(window)
    qtbot.waitUntil(lambda: not window.checking, timeout=CHECK_SECONDS)
    assert checked_with == [("threadline-read", 1)]  # once, off the UI thread, once shown
    assert not window.document.readonly and not window.checking_label.isVisibleTo(window)
    assert window.new_event_action.isEnabled()
    _add(window)
    assert window.document.undo_stack.count() == 1


def test_a_file_already_checked_opens_for_writing_at_once(workspace: Workspace,
                                                          sample_path: Path, tmp_path,
                                                          qtbot) -> None:
    verified.use_registry(tmp_path / "verified.json")
    try:
        first = workspace.open_path(sample_path)
        qtbot.waitUntil(lambda: not first.checking, timeout=CHECK_SECONDS)
        first.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        again = workspace.open_path(sample_path)
        assert again is not None and not again.checking and not again.document.readonly
    finally:
        verified.use_registry(None)


def _refused_after_painting(workspace: Workspace, path: Path, qtbot, *words: str) -> None:
    before = every_byte(path)
    window = workspace.open_path(path)
    assert window is not None, workspace.told
    _while_checking(window)
    qtbot.waitUntil(lambda: workspace.told != [], timeout=CHECK_SECONDS)
    assert len(workspace.told) == 1 and "\n" not in workspace.told[0]
    for word in words:
        assert word in workspace.told[0], workspace.told[0]
    # closed: hidden, or already deleted if the event loop ran its deleteLater meanwhile
    assert workspace.windows == []
    assert not shiboken6.isValid(window) or not window.isVisible()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert every_byte(path) == before


def test_a_damaged_page_is_refused_after_painting_untouched(workspace: Workspace,
                                                            tmp_path: Path, qtbot) -> None:
    path = damaged_index_file(tmp_path / "damaged.db")
    _refused_after_painting(workspace, path, qtbot, "damaged", "quick_check")


def test_a_dangling_reference_is_refused_after_painting_untouched(
        workspace: Workspace, sample_path: Path, qtbot) -> None:
    conn = sqlite3.connect(sample_path, isolation_level=None)
    conn.execute("INSERT INTO event_tags VALUES (1, 99999)")
    conn.close()
    _refused_after_painting(workspace, sample_path, qtbot, "damaged", "event_tags")


def test_closing_the_window_while_checking_stops_the_check(workspace: Workspace,
                                                           sample_path: Path, qtbot) -> None:
    before = every_byte(sample_path)
    window = workspace.open_path(sample_path)
    check = window.file_check
    window.close()
    qtbot.waitUntil(lambda: not check.running or check.read.job.finished,
                    timeout=CHECK_SECONDS)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert workspace.told == []
    assert every_byte(sample_path) == before
