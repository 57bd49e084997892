"""Big tables sort and filter on a worker thread; what they show matches a direct read.

``BACKGROUND_FROM_ROWS`` is lowered so a small file takes the worker-thread path.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from db.store import Store
from models.records import Event
from ui import table_models
from ui.browser import BrowserPanel, RecordTab
from ui.document import Document

ROWS = 300


@pytest.fixture
def events(store: Store) -> Store:
    with store.transaction():
        for n in range(ROWS):
            store.add_event(Event(title=f"{'Alpha' if n % 3 else 'Beta'} {(n * 37) % ROWS:03d}",
                                  date=str(1500 + n)))
    return store


def _panel(store: Store, qtbot, background: bool, monkeypatch: pytest.MonkeyPatch
           ) -> BrowserPanel:
    monkeypatch.setattr(table_models, "BACKGROUND_FROM_ROWS", 0 if background else 10**9)
    panel = BrowserPanel(Document(store))
    qtbot.addWidget(panel)
    return panel


def _titles(tab: RecordTab) -> list[str]:
    model = tab.model
    return [model.index(row, 1).data() for row in range(model.rowCount())]


def _settle(tab: RecordTab, qtbot) -> None:
    qtbot.waitUntil(lambda: not tab.model.is_busy(), timeout=10_000)


def test_filter_and_sort_in_the_background_show_what_a_direct_read_shows(
        events: Store, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    direct = _panel(events, qtbot, False, monkeypatch).events
    direct.model.set_filter("beta")
    direct.model.sort(1, Qt.SortOrder.DescendingOrder)
    tab = _panel(events, qtbot, True, monkeypatch).events
    tab.model.set_filter("beta")
    assert tab.model.is_busy()
    _settle(tab, qtbot)
    tab.model.sort(1, Qt.SortOrder.DescendingOrder)
    assert tab.model.is_busy()
    _settle(tab, qtbot)
    assert _titles(tab) == _titles(direct)
    assert len(_titles(tab)) == ROWS // 3 and all(t.startswith("Beta") for t in _titles(tab))


def test_a_newer_filter_replaces_one_still_being_read(events: Store, qtbot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    tab = _panel(events, qtbot, True, monkeypatch).events
    tab.model.set_filter("alpha")
    tab.model.set_filter("beta 01")
    _settle(tab, qtbot)
    assert _titles(tab) and all(t.startswith("Beta 01") for t in _titles(tab))


def test_a_sort_asked_while_a_filter_is_read_keeps_the_filter(
        events: Store, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = _panel(events, qtbot, True, monkeypatch).events
    tab.model.set_filter("beta")
    tab.model.sort(1, Qt.SortOrder.AscendingOrder)
    _settle(tab, qtbot)
    titles = _titles(tab)
    assert titles == sorted(titles) and len(titles) == ROWS // 3
    assert all(t.startswith("Beta") for t in titles)


def test_a_write_while_a_filter_is_read_is_shown(events: Store, qtbot,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    panel = _panel(events, qtbot, True, monkeypatch)
    tab = panel.events
    tab.model.set_filter("gamma")
    added = panel.document.store.add_event(Event(title="Gamma ray", date="1999"))
    tab.model.reload({added})
    _settle(tab, qtbot)
    assert _titles(tab) == ["Gamma ray"]


def test_the_selection_is_found_again_after_a_background_sort(
        events: Store, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    panel = _panel(events, qtbot, True, monkeypatch)
    tab = panel.events
    chosen = tab.model.record_id(5)
    panel.document.selection.select("event", chosen)
    tab.model.sort(1, Qt.SortOrder.AscendingOrder)
    _settle(tab, qtbot)
    row = tab.view.currentIndex().row()
    assert tab.model.record_id(row) == chosen
    assert row == tab.model.row_of(chosen) and row != 5


def test_shutdown_stops_the_worker_thread(events: Store, qtbot,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    panel = _panel(events, qtbot, True, monkeypatch)
    panel.events.model.set_filter("alpha")
    worker = panel.events.model._worker
    panel.shutdown()
    assert worker is not None and not worker._thread.is_alive()
    assert not panel.events.model.is_busy()
