"""The whole of a long text, in a window of its own: plain, read-only, scrollable.

The Detail panel shows the first few thousand characters of a field and a "Show all"
link; a field may hold a megabyte (``models.limits``), which a plain-text view lays out
lazily, block by block, where the panel's rich text would take seconds.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget


class LongTextDialog(QDialog):
    """A text shown whole; nothing in it is a link or markup."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setPlainText(text)
        self.view.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(720, 560)
