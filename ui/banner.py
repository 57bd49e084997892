"""A one-line notice across the top of the window: read-only files, first-start hints."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy

STYLES = {
    "warning": "QFrame#Banner { background: #fff4ce; border: 1px solid #e0c060; }"
               " QLabel { color: #4a3b00; }",
    "hint": "QFrame#Banner { background: #e7f1fb; border: 1px solid #9cc3e8; }"
            " QLabel { color: #0b3558; }",
}


class Banner(QFrame):
    """Plain text with an optional button that hides it (and says so)."""

    dismissed = Signal()

    def __init__(self, text: str, kind: str, dismiss: str | None = None) -> None:
        super().__init__()
        self.setObjectName("Banner")
        self.setStyleSheet(STYLES[kind])
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.label = QLabel(text)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.setAccessibleName(text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.label, 1)
        if dismiss:
            button = QPushButton(dismiss)
            button.setToolTip("Hide this hint")
            button.clicked.connect(self._dismiss)
            layout.addWidget(button)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
