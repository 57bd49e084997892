"""Fixtures of the UI tests: the main window on a copy of the sample database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from db.store import Store
from ui.app import make_application
from ui.main_window import MainWindow


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
