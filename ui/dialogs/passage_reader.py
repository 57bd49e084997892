"""A source's text with one citation's passage highlighted and scrolled into view."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.intake.passages import find_passage
from models.records import Source

HIGHLIGHT = QColor("#fff2a8")


class PassageReader(QDialog):
    """Read-only text of ``source``; the passage ``locator``/``excerpt`` point to, marked."""

    def __init__(self, source: Source, locator: str, excerpt: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{source.title} — {locator or 'passage'}")
        self.resize(720, 560)
        self.text = QPlainTextEdit(source.content, readOnly=True)
        self.text.setAccessibleName("Text of the source")
        self.span = find_passage(source.content, locator, excerpt)
        self.note = QLabel("" if self.span else f"‘{locator}’ was not found in the text.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        if self.span:
            self._highlight(*self.span)

    def _highlight(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        marked = QTextCharFormat()
        marked.setBackground(HIGHLIGHT)
        cursor.mergeCharFormat(marked)
        cursor.setPosition(start)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def highlighted(self) -> str:
        """The marked words (what a test or a screen reader checks)."""
        return self.text.toPlainText()[self.span[0]:self.span[1]] if self.span else ""
