"""What a main window keeps between runs (QSettings): geometry, docks, lanes, graph filters."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from ui.graph import GraphPanel
    from ui.timeline import TimelinePanel


class SettledWindow(Protocol):
    """What is kept of the main window: geometry, dock state, lanes and graph options. A
    protocol, so this module does not import ``ui.main_window`` (which imports it)."""

    timeline: TimelinePanel
    graph: GraphPanel

    def saveGeometry(self) -> QByteArray: ...
    def restoreGeometry(self, geometry: QByteArray) -> bool: ...
    def saveState(self, version: int = 0) -> QByteArray: ...
    def restoreState(self, state: QByteArray, version: int = 0) -> bool: ...
    def resize(self, width: int, height: int) -> None: ...

SETTINGS_GEOMETRY = "window/geometry"
SETTINGS_STATE = "window/state"
STATE_VERSION = 1
GRAPH_TOGGLES = ("co_participation", "window_filter", "ego", "communities")  # kept options


def restore_window_settings(window: SettledWindow) -> bool:
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


def save_window_settings(window: SettledWindow) -> None:
    settings = QSettings()
    settings.setValue(SETTINGS_GEOMETRY, window.saveGeometry())
    settings.setValue(SETTINGS_STATE, window.saveState(STATE_VERSION))
    settings.setValue("view/lanes", window.timeline.lane_mode())
    options = window.graph.options()
    settings.setValue("view/graph/depth", options.depth)
    for name in GRAPH_TOGGLES:
        settings.setValue(f"view/graph/{name}", getattr(options, name))


def _restore_view_options(window: SettledWindow, settings: QSettings) -> None:
    """Lanes and graph filters as the user left them."""
    lanes = settings.value("view/lanes", "")
    if lanes in ("none", "category"):
        window.timeline.set_lane_mode(str(lanes))
    options = window.graph.options()
    depth = settings.value("view/graph/depth", 0, int) or options.depth
    toggles = {name: settings.value(f"view/graph/{name}", getattr(options, name), bool)
               for name in GRAPH_TOGGLES}
    if (depth, toggles) != (options.depth, {n: getattr(options, n) for n in GRAPH_TOGGLES}):
        window.graph.toolbar.set_options(replace(options, depth=depth, **toggles))
