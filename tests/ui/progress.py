"""Pressing Cancel on a progress dialog as a user would, once it shows."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton


def cancel_when_shown(every_ms: int = 20) -> list[str]:
    """Click the Cancel button of the first progress dialog that becomes visible.

    Returns a list that gets the dialog's label text when it is clicked.
    """
    seen: list[str] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                seen.append(widget.labelText())
                widget.findChild(QPushButton).click()
                return
        QTimer.singleShot(every_ms, look)

    QTimer.singleShot(0, look)
    return seen
