"""The window's opening gate: a big file is judged on the loader thread, before any
writing open; a damaged one gets a dialog and keeps its bytes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import ui.files
from db import gate
from tests.bad_files import digest
from ui.files import Workspace


@pytest.fixture
def workspace(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The shared workspace, for which every file counts as big (read on a loader thread)."""
    monkeypatch.setattr(ui.files, "BACKGROUND_FROM_BYTES", 0)
    return workspace


def test_a_big_file_is_checked_on_the_loader_thread(workspace: Workspace, sample_path: Path,
                                                    monkeypatch) -> None:
    import threading

    threads: list[str] = []
    real = gate.check_integrity
    monkeypatch.setattr(gate, "check_integrity", lambda conn, path: (
        threads.append(threading.current_thread().name), real(conn, path))[1])
    window = workspace.open_path(sample_path)
    assert window is not None and not window.document.readonly
    assert threads == ["threadline-read"]  # once, and not on the UI thread


def test_a_damaged_big_file_gets_a_dialog_and_keeps_its_bytes(workspace: Workspace,
                                                              sample_path: Path) -> None:
    conn = sqlite3.connect(sample_path, isolation_level=None)
    conn.execute("INSERT INTO event_tags VALUES (1, 99999)")
    conn.close()
    before = digest(sample_path)
    assert workspace.open_path(sample_path) is None
    assert workspace.windows == []
    assert len(workspace.told) == 1 and "damaged" in workspace.told[0]
    assert digest(sample_path) == before
