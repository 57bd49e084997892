"""Fixtures of the UI tests: the main window on a copy of the sample database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from db.store import Store
from ui.app import make_application
from ui.document import Document
from ui.main_window import MainWindow
from ui.timeline import TimelinePanel

PanelMaker = Callable[..., TimelinePanel]


@pytest.fixture
def window(qtbot, sample_path: Path) -> Iterator[MainWindow]:
    """The main window on the sample, with no saved settings, shown at 1600×1000."""
    make_application()
    QSettings().clear()
    store = Store.open(sample_path)
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    win.close()
    store.close()


@pytest.fixture
def sample(sample_path: Path) -> Iterator[Store]:
    """The sample database, open."""
    store = Store.open(sample_path)
    yield store
    store.close()


@pytest.fixture
def make_panel(qtbot) -> PanelMaker:
    """Makes a timeline panel on a store, shown at the given size."""
    def make(store: Store, width: int = 1200, height: int = 500) -> TimelinePanel:
        panel = TimelinePanel(Document(store))
        qtbot.addWidget(panel)
        panel.resize(width, height)
        panel.show()
        qtbot.waitExposed(panel)
        return panel
    return make
