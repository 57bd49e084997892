"""Opening a big file: the panels' first reads run on a loader thread, with Cancel.

``BACKGROUND_FROM_BYTES`` is lowered so the sample database takes the big-file path.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

import ui.files
import ui.main_window
from db.store import Store
from tests.bad_files import digest
from tests.ui.helpers import cancel_when_shown
from ui import files
from ui.app import make_application
from ui.files import Workspace, recent_files
from ui.opening import Step

SLOW_SQL = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
            "WHERE x < 50000000) SELECT count(*) FROM c")


@pytest.fixture
def workspace(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The shared workspace, for which every file counts as big (read on a loader thread)."""
    monkeypatch.setattr(ui.files, "BACKGROUND_FROM_BYTES", 0)
    return workspace


def _with_step(monkeypatch: pytest.MonkeyPatch, step: Step) -> None:
    reads = ui.main_window.first_reads()
    monkeypatch.setattr(ui.main_window, "first_reads", lambda: [*reads, step])


def test_panels_read_on_the_loader_show_what_a_direct_open_shows(workspace: Workspace,
                                                                 sample_path: Path,
                                                                 qtbot) -> None:
    window = workspace.open_path(sample_path)
    assert window is not None and workspace.told == []
    with Store.open(sample_path, readonly=True) as store:
        events = store.events()
        expected_order = [e.id for e in sorted(events, key=lambda e: (e.earliest, e.latest,
                                                                      e.id))]
        entities = store.counts()["entities"]
    assert list(window.timeline.table.ids) == expected_order
    assert window.browser.events.model.rowCount() == len(events)
    assert len(window.graph.loaded.names) == entities  # shown: its main actors first
    window.document.selection.select("event", expected_order[0])
    assert window.timeline.highlighted_ids() == {expected_order[0]}


def test_cancel_opens_nothing_and_leaves_the_file_as_it_was(workspace: Workspace,
                                                            sample_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            qtbot) -> None:
    before = digest(sample_path)
    _with_step(monkeypatch, Step("slow", "Reading slowly",
                                 lambda conn: conn.execute(SLOW_SQL).fetchone()))
    seen = cancel_when_shown()

    assert workspace.open_path(sample_path) is None
    assert seen and sample_path.name in seen[0]
    assert workspace.windows == [] and workspace.told == []
    assert sample_path.resolve() not in recent_files()
    assert digest(sample_path) == before
    monkeypatch.setattr(ui.main_window, "first_reads", lambda: [])
    asked: list[str] = []
    workspace.ask = lambda _p, _t, text: asked.append(text) or False
    assert workspace.open_path(sample_path) is not None  # the lock was let go
    assert asked == []


def test_a_read_that_fails_gets_a_dialog_and_no_window(workspace: Workspace,
                                                       sample_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       qtbot) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("SELECT * FROM no_such_table")

    _with_step(monkeypatch, Step("broken", "Reading", broken))
    assert workspace.open_path(sample_path) is None
    assert workspace.windows == []
    assert len(workspace.told) == 1 and "no_such_table" in workspace.told[0]
    assert sample_path.name in workspace.told[0]


def test_small_files_are_read_by_the_panels_themselves(qtbot, sample_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    make_application()
    called: list[bool] = []
    monkeypatch.setattr(files, "read_in_background",
                        lambda *args, **kwargs: called.append(True) or {})
    space = Workspace(remember_layout=False)
    window = space.open_path(sample_path)
    assert window is not None and called == []
    assert np.all(np.diff(window.timeline.table.earliest) >= 0)
    window.close()
