"""One read path: ui/ hands read functions to the Store (or a loader thread), never
holding a connection itself."""

from __future__ import annotations

import re
from pathlib import Path

from db import browse
from db.store import Store
from ui.table_models import EventTableModel

UI = Path(__file__).resolve().parents[2] / "ui"
CONNECTION = re.compile(r"\.conn\b|sqlite3\.connect\(")  # imports: see pyproject.toml


def test_no_ui_module_touches_a_connection() -> None:
    found = [f"{path.relative_to(UI.parent)}:{n}: {line.strip()}"
             for path in sorted(UI.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if CONNECTION.search(line)]
    assert found == []


def test_the_store_runs_the_read_a_loader_thread_would(filled: Store, qtbot) -> None:
    model = EventTableModel(filled)
    view = browse.read_view(filled.conn, model.table, model.order)
    assert model.read().ids.tolist() == view.ids.tolist()
    assert model.total() == filled.counts()["events"]
