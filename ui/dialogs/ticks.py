"""Ticking many drafts at once: Space toggles every selected row, and the review area's
buttons tick all, none, or every new name of one kind.

A pasted article gives dozens of rows; ticking them one by one is the retyping the
assistant is meant to save."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableWidget


def _state(checked: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked


def tick_rows(table: QTableWidget, rows: list[int], checked: bool) -> None:
    """Tick or untick ``rows`` (their first cell), as one change for the listeners."""
    for row in rows:
        item = table.item(row, 0)
        if item is not None and item.checkState() != _state(checked):
            item.setCheckState(_state(checked))


def selected_rows(table: QTableWidget) -> list[int]:
    return sorted({index.row() for index in table.selectionModel().selectedRows()})


class SpaceTicksSelection(QObject):
    """Space on a table toggles every selected row, not only the current one: the
    rows all take the opposite of the current row's tick."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(watched, QTableWidget)
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Space
                and watched.state() != QTableWidget.State.EditingState):
            rows = selected_rows(watched)
            current = watched.item(watched.currentRow(), 0)
            if rows and current is not None:
                tick_rows(watched, rows, current.checkState() != Qt.CheckState.Checked)
                return True
        return super().eventFilter(watched, event)
