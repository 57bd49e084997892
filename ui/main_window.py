"""The main window: for now the file's name and what it holds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from db.store import Store


class MainWindow(QMainWindow):
    """The window a user lives in; the explorer panels are docked into it."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(f"{store.path.name} — Threadline")
        counts = store.counts()
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        label = QLabel(f"{store.path}\n\n{summary}")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.setCentralWidget(label)
        self.statusBar().showMessage(summary)
