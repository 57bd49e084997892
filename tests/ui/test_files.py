"""Opening files: one window each, read-only when in use or not writable, bad files refused."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QPushButton

from db.store import Store
from tests.bad_files import digest, newer_file, other_app_file
from ui.app import make_application
from ui.files import Workspace, last_file, recent_files


def test_open_shows_the_file_and_remembers_it(workspace: Workspace, sample_path: Path) -> None:
    window = workspace.open_path(sample_path)
    assert window is not None and sample_path.name in window.windowTitle()
    assert not window.readonly_banner.isVisibleTo(window)
    assert workspace.open_path(sample_path) is window  # once per file
    assert recent_files()[0] == sample_path.resolve()
    assert last_file() == sample_path.resolve()
    window.close()
    assert workspace.windows == []


def test_a_file_in_use_is_offered_read_only(workspace: Workspace, sample_path: Path,
                                            qtbot) -> None:
    first = workspace.open_path(sample_path)
    other = Workspace(remember_layout=False)  # another Threadline process
    questions: list[str] = []
    other.ask = lambda _p, _t, text: questions.append(text) or False
    assert other.open_path(sample_path) is None
    assert "open in another Threadline window" in questions[0]
    other.ask = lambda _p, _t, _text: True
    second = other.open_path(sample_path)
    assert second is not None and second.document.readonly
    assert second.readonly_banner.isVisibleTo(second)
    assert not second.new_event_action.isEnabled()
    assert "(read-only)" in second.windowTitle()
    second.close()
    first.close()


def test_a_read_only_file_opens_with_a_banner(workspace: Workspace, sample_path: Path) -> None:
    sample_path.chmod(0o444)
    try:
        window = workspace.open_path(sample_path)
        assert window is not None and window.document.readonly
        assert window.readonly_banner.isVisibleTo(window)
        window.close()
    finally:
        sample_path.chmod(0o644)


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(os.urandom(2048)), "not an SQLite file"),
    (lambda p: p.write_bytes(b""), "is empty"),
    (other_app_file, "another application"),
    (newer_file, "newer Threadline"),
])
def test_bad_files_get_a_dialog_and_stay_untouched(workspace: Workspace, tmp_path: Path,
                                                   make, message: str) -> None:
    path = tmp_path / "bad.db"
    make(path)
    before = digest(path)
    assert workspace.open_path(path) is None
    assert message in workspace.told[0]
    assert digest(path) == before
    assert workspace.windows == []


def test_save_a_copy_and_new_file(workspace: Workspace, sample_path: Path, tmp_path: Path,
                                  monkeypatch) -> None:
    window = workspace.open_path(sample_path)
    copy = tmp_path / "copy.threadline"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    window.save_copy_action.trigger()
    with Store.open(copy, readonly=True) as saved:
        assert saved.counts() == window.document.store.counts()
    fresh = tmp_path / "fresh"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fresh), ""))
    new_window = workspace.new_file(window)
    assert new_window is not None
    assert new_window.document.store.path == fresh.with_suffix(".threadline")
    assert new_window.document.store.counts()["events"] == 0
    assert len(workspace.windows) == 2


def test_dropping_a_file_opens_it(workspace: Workspace, sample_path: Path, tmp_path: Path
                                  ) -> None:
    window = workspace.open_path(sample_path)
    other = tmp_path / "other.db"
    Store.create(other).close()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(other))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    assert [w.document.store.path for w in workspace.windows] == [sample_path, other]


def test_recent_menu_lists_opened_files(workspace: Workspace, sample_path: Path) -> None:
    window = workspace.open_path(sample_path)
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == [sample_path.name]


def test_first_start_hint_can_be_dismissed_for_good(qtbot, sample_path: Path) -> None:
    make_application()
    QSettings().clear()
    space = Workspace(remember_layout=True)
    window = space.open_path(sample_path)
    assert window.hint_banner.isVisibleTo(window)
    got_it = window.hint_banner.findChild(QPushButton)
    assert got_it.text() == "Got it"
    qtbot.mouseClick(got_it, Qt.MouseButton.LeftButton)
    assert not window.hint_banner.isVisibleTo(window)
    window.close()
    again = space.open_path(sample_path)
    assert not again.hint_banner.isVisibleTo(again)
    again.close()
    QSettings().clear()


def test_a_closed_window_stops_its_layout_and_is_deleted(workspace: Workspace,
                                                         sample_path: Path,
                                                         monkeypatch) -> None:
    """Closing waits for a running graph layout, then the event loop deletes the window
    (here, on the GUI thread) and its file is closed: nothing is left for a collector."""
    import ui.graph.layout_job as layout_job

    started, finished = threading.Event(), threading.Event()

    def slow_layout(*args: object) -> dict[int, tuple[float, float]]:
        started.set()
        time.sleep(0.5)
        try:
            return real_layout(*args)
        finally:
            finished.set()

    real_layout = layout_job.layout
    monkeypatch.setattr(layout_job, "layout", slow_layout)
    window = workspace.open_path(sample_path)
    assert window is not None
    window.graph.relayout()
    assert started.wait(10)
    store = window.document.store
    window.close()
    assert finished.is_set()  # the layout thread was waited for, not left running
    assert shiboken6.isValid(window)  # deleted later, by the event loop
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(window)
    with pytest.raises(Exception, match="closed"):
        store.conn.execute("SELECT 1")
