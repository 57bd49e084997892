"""Keyboard-only use of the main window: Tab reaches every panel, Ctrl+1…4 jumps to one.

Qt's defaults get in the way in two places: a table view keeps Tab for moving between
its cells (so Tab never leaves the Browser), and buttons in a tool bar take no focus (so
the graph's options cannot be reached without a mouse). ``make_tab_friendly`` changes
both for the panels: arrows move within a table, Tab moves on; every tool button in a
panel takes Tab focus. Tab bars get accessible names screen readers can announce.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QMenu,
    QTabBar,
    QToolButton,
    QWidget,
)


class DockedWindow(Protocol):
    """What the panel keys need of the main window: its docks by panel name, and a place
    for window-wide actions. A protocol, so this module does not import
    ``ui.main_window`` (which imports it): no import cycle."""

    docks: dict[str, QDockWidget]

    def addAction(self, action: QAction) -> None: ...


PANEL_KEYS = (("browser", "Ctrl+1"), ("timeline", "Ctrl+2"), ("graph", "Ctrl+3"),
              ("detail", "Ctrl+4"))


def make_tab_friendly(docks: dict[str, QDockWidget]) -> None:
    """Let Tab leave tables and reach panel tool buttons; name the tab bars."""
    for dock in docks.values():
        for view in dock.findChildren(QAbstractItemView):
            view.setTabKeyNavigation(False)
        for button in dock.findChildren(QToolButton):
            if button.focusPolicy() == Qt.FocusPolicy.NoFocus and button.text():
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        for bar in dock.findChildren(QTabBar):
            if not bar.accessibleName():
                bar.setAccessibleName(f"{dock.windowTitle()} tabs")


def first_focusable(widget: QWidget) -> QWidget | None:
    """The first visible widget inside ``widget`` (or itself) that Tab would stop at."""
    candidates = [widget, *widget.findChildren(QWidget)]
    for candidate in candidates:
        if candidate.isVisible() and candidate.isEnabled() and \
                candidate.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return _preferred(candidate)
    return None


def _preferred(widget: QWidget) -> QWidget:
    """A tab bar is a poor landing place: land on the tab's page instead."""
    if isinstance(widget, QTabBar):
        page = widget.parentWidget()
        current = getattr(page, "currentWidget", lambda: None)()
        if isinstance(current, QWidget):
            inner = [w for w in current.findChildren(QAbstractItemView) if w.isVisible()]
            if inner:
                return inner[0]
    return widget


def focus_panel(window: DockedWindow, name: str) -> QWidget | None:
    """Show a panel's dock, bring it forward and put the keyboard focus in it."""
    dock = window.docks[name]
    dock.show()
    dock.raise_()
    target = first_focusable(dock.widget())
    if target is not None:
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return target


def add_panel_actions(window: DockedWindow, menu: QMenu) -> list[QAction]:
    """"Go to <panel>" actions with Ctrl+1…4, added to ``menu`` and the window."""
    actions = []
    for name, key in PANEL_KEYS:
        title = window.docks[name].windowTitle()
        action = QAction(f"Go to {title}", window)
        action.setShortcut(QKeySequence(key))
        tip = f"Put the keyboard focus in the {title} panel"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False, n=name: focus_panel(window, n))
        window.addAction(action)
        menu.addAction(action)
        actions.append(action)
    return actions
