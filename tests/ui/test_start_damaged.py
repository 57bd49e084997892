"""The app starts even when the file it reopens is damaged: it says so once and opens
the default database; the damaged file keeps its bytes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

import ui.app
from tests.bad_files import digest
from ui.files import Workspace, remember


def test_a_damaged_last_file_is_refused_and_the_default_opens(qtbot, sample_path: Path,
                                                               monkeypatch) -> None:
    ui.app.make_application()
    QSettings().clear()
    conn = sqlite3.connect(sample_path, isolation_level=None)
    conn.execute("CREATE TRIGGER planted AFTER INSERT ON events BEGIN DELETE FROM sources; END")
    conn.close()
    remember(sample_path)
    before = digest(sample_path)
    told: list[str] = []
    opened: list[Workspace] = []
    monkeypatch.setattr(Workspace, "tell", lambda _s, _p, _t, text: told.append(text))
    real_init = Workspace.__init__

    def init(self, *args, **kwargs) -> None:
        real_init(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(Workspace, "__init__", init)
    monkeypatch.setattr(QApplication, "exec", lambda _self: 0)
    default = sample_path.with_name("default.db")
    monkeypatch.setattr(ui.app, "default_database_path", lambda: default)
    try:
        assert ui.app.run_gui(None) == 0
        assert len(told) == 1 and "planted" in told[0]
        windows = opened[0].windows
        assert [w.document.store.path for w in windows] == [default]
        assert digest(sample_path) == before
    finally:
        for workspace in opened:
            for window in list(workspace.windows):
                window.close()
        QSettings().clear()


def test_a_big_damaged_last_file_refused_after_showing_leaves_the_default_open(
        qtbot, sample_path: Path, monkeypatch) -> None:
    """A big file is checked after its window showed (ui.checking): when the checks fail
    and it was the only window, the default database opens before it closes, so the app
    does not quit on its last window."""
    import ui.files

    ui.app.make_application()
    QSettings().clear()
    monkeypatch.setattr(ui.files, "BACKGROUND_FROM_BYTES", 0)
    conn = sqlite3.connect(sample_path, isolation_level=None)
    conn.execute("INSERT INTO event_tags VALUES (1, 99999)")
    conn.close()
    remember(sample_path)
    before = digest(sample_path)
    told: list[str] = []
    opened: list[Workspace] = []
    monkeypatch.setattr(Workspace, "tell", lambda _s, _p, _t, text: told.append(text))
    real_init = Workspace.__init__

    def init(self, *args, **kwargs) -> None:
        real_init(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(Workspace, "__init__", init)
    monkeypatch.setattr(QApplication, "exec", lambda _self: 0)
    default = sample_path.with_name("default.db")
    monkeypatch.setattr(ui.app, "default_database_path", lambda: default)
    try:
        assert ui.app.run_gui(None) == 0
        workspace = opened[0]
        qtbot.waitUntil(lambda: told != [], timeout=60_000)
        assert len(told) == 1 and "damaged" in told[0]
        assert [w.document.store.path for w in workspace.windows] == [default]
        assert all(w.isVisible() for w in workspace.windows)
        assert digest(sample_path) == before
    finally:
        for workspace in opened:
            for window in list(workspace.windows):
                window.close()
        QSettings().clear()
