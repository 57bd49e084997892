"""Keyboard-only use: Tab reaches every panel and its controls; Ctrl+1…4 jump to panels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from ui.main_window import MainWindow

MAX_TABS = 80




def _dock_of(widget: QWidget) -> str:
    while widget is not None and not isinstance(widget, QDockWidget):
        widget = widget.parentWidget()
    return widget.objectName() if widget is not None else ""


def _spoken_name(widget: QWidget) -> str:
    """The name a screen reader announces (an explicit name, else e.g. a button's text)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface else ""


def _tab_through(window: MainWindow, qtbot) -> list[QWidget]:
    """Press Tab from the first panel until focus comes back round; what it stopped at."""
    window.panel_actions[0].trigger()
    start = QApplication.focusWidget()
    assert start is not None
    visited = [start]
    for _ in range(MAX_TABS):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        current = QApplication.focusWidget()
        if current is start:
            return visited
        if current not in visited:
            visited.append(current)
    pytest.fail(f"Tab never came back round; stuck in {[type(w).__name__ for w in visited]}")


def test_tab_reaches_every_panel_and_comes_back_round(window: MainWindow, qtbot) -> None:
    visited = _tab_through(window, qtbot)
    docks = {_dock_of(w) for w in visited}
    assert {"BrowserDock", "TimelineDock", "RelationshipsDock", "DetailDock"} <= docks
    assert window.search in visited


def test_tab_leaves_the_browser_table_instead_of_walking_its_cells(window: MainWindow,
                                                                   qtbot) -> None:
    table = window.browser.events.view
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table


def test_graph_options_are_reachable_by_tab(window: MainWindow, qtbot) -> None:
    names = {w.accessibleName() for w in _tab_through(window, qtbot)}
    assert {"Co-participation", "Ego", "Communities"} <= names


def test_every_control_tab_stops_at_has_an_accessible_name(window: MainWindow,
                                                           qtbot) -> None:
    unnamed = [f"{type(w).__name__} in {_dock_of(w) or 'window'}"
               for w in _tab_through(window, qtbot) if not _spoken_name(w)]
    assert unnamed == []


@pytest.mark.parametrize(("index", "dock"), [(0, "BrowserDock"), (1, "TimelineDock"),
                                             (2, "RelationshipsDock"), (3, "DetailDock")])
def test_ctrl_number_puts_the_focus_in_a_panel(window: MainWindow, qtbot, index: int,
                                               dock: str) -> None:
    window.focus_search()
    key = getattr(Qt.Key, f"Key_{index + 1}")
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert _dock_of(QApplication.focusWidget()) == dock


def test_ctrl_number_shows_a_hidden_panel(window: MainWindow, qtbot) -> None:
    window.docks["detail"].hide()
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.docks["detail"].isVisible()
    assert _dock_of(QApplication.focusWidget()) == "DetailDock"
