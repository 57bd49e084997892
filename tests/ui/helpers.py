"""Helpers of the UI tests: a timeline or graph panel shown (the graph laid out), Cancel
pressed as a user would."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from db.store import Store
from ui.document import Document
from ui.graph import GraphPanel
from ui.timeline import TimelinePanel


def show_timeline(qtbot, store: Store | Document) -> TimelinePanel:
    """A timeline panel of 900×400 on a store (or a document), on screen, fitted."""
    panel = TimelinePanel(store if isinstance(store, Document) else Document(store))
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.fit_all()
    return panel


def show_graph_panel(qtbot, store: Store, document: Document | None = None) -> GraphPanel:
    """A graph panel of 700×500 on screen, laid out and fitted."""
    panel = GraphPanel(document or Document(store))
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.wait_for_layout()
    panel.view.fit()
    QApplication.processEvents()
    return panel


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
