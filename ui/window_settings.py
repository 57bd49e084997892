"""What a main window keeps between runs (QSettings): geometry, docks, lanes, graph filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SETTINGS_GEOMETRY = "window/geometry"
SETTINGS_STATE = "window/state"
STATE_VERSION = 1


def restore_window_settings(window: MainWindow) -> bool:
    """Put the window back as it was; False if no dock layout was saved."""
    settings = QSettings()
    geometry = settings.value(SETTINGS_GEOMETRY)
    state = settings.value(SETTINGS_STATE)
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(1400, 900)
    _restore_view_options(window, settings)
    return isinstance(state, QByteArray) and window.restoreState(state, STATE_VERSION)


def save_window_settings(window: MainWindow) -> None:
    settings = QSettings()
    settings.setValue(SETTINGS_GEOMETRY, window.saveGeometry())
    settings.setValue(SETTINGS_STATE, window.saveState(STATE_VERSION))
    settings.setValue("view/lanes", window.timeline.lane_mode())
    settings.setValue("view/graph/depth", window.graph.toolbar.depth.value())
    for name, toggle in _graph_toggles(window).items():
        settings.setValue(f"view/graph/{name}", toggle.isChecked())


def _graph_toggles(window: MainWindow) -> dict[str, QAction]:
    bar = window.graph.toolbar
    return {"co_participation": bar.co_participation, "window_filter": bar.window_filter,
            "ego": bar.ego, "communities": bar.communities}


def _restore_view_options(window: MainWindow, settings: QSettings) -> None:
    """Lanes and graph filters as the user left them."""
    lanes = settings.value("view/lanes", "")
    if lanes in ("none", "category"):
        window.timeline.set_lane_mode(str(lanes))
    depth = settings.value("view/graph/depth", 0, int)
    if depth:
        window.graph.toolbar.depth.setValue(depth)
    for name, toggle in _graph_toggles(window).items():
        toggle.setChecked(settings.value(f"view/graph/{name}", toggle.isChecked(), bool))
