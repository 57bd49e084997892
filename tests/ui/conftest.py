"""Fixtures of the UI tests: the main window on a copy of the sample database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from db.store import Store
from ui.app import make_application
from ui.document import Document
from ui.files import Workspace
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
def unclaimed_sample(unclaimed_sample_path: Path) -> Iterator[Store]:
    """The sample without its competing claims, open."""
    store = Store.open(unclaimed_sample_path)
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


@pytest.fixture
def workspace(qtbot) -> Iterator[Workspace]:
    """A workspace with no saved settings whose messages are recorded (``told``) and whose
    questions are answered yes (``asked``) instead of shown."""
    make_application()
    QSettings().clear()
    space = Workspace(remember_layout=False)
    space.told: list[str] = []
    space.asked: list[str] = []
    space.tell = lambda _parent, _title, text: space.told.append(text)
    space.ask = lambda _parent, _title, text: space.asked.append(text) or True
    yield space
    for window in list(space.windows):
        window.close()
    QSettings().clear()


@pytest.fixture(params=["light", "dark"])
def palette(request, qtbot) -> Iterator[str]:
    """Each test runs in the light and in the dark application palette."""
    from PySide6.QtGui import QGuiApplication

    from ui.app import make_application
    from ui.theme import dark_palette

    app = make_application()
    before = QGuiApplication.palette()
    if request.param == "dark":
        app.setPalette(dark_palette())
    yield request.param
    app.setPalette(before)
