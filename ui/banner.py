"""A one-line notice across the top of the window: read-only files, first-start hints."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy

from ui.theme import PALETTE_EVENTS, palette_is_dark

# (ground, border, text) by kind and by palette (light, dark); each pair well above AA.
COLOURS = {
    ("warning", False): ("#fff4ce", "#e0c060", "#4a3b00"),
    ("warning", True): ("#3d3100", "#8a7420", "#ffe9a6"),
    ("hint", False): ("#e7f1fb", "#9cc3e8", "#0b3558"),
    ("hint", True): ("#15304a", "#3b6a96", "#d6e8fa"),
}


def banner_css(kind: str, dark: bool) -> str:
    ground, border, text = COLOURS[(kind, dark)]
    return (f"QFrame#Banner {{ background: {ground}; border: 1px solid {border}; }}"
            f" QLabel {{ color: {text}; }}")


class Banner(QFrame):
    """Plain text with an optional button that hides it (and says so)."""

    dismissed = Signal()

    def __init__(self, text: str, kind: str, dismiss: str | None = None) -> None:
        super().__init__()
        self.setObjectName("Banner")
        self.kind = kind
        self._restyle()
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

    def _restyle(self) -> None:
        """The banner's colours follow the palette: light blue on a dark desktop glares."""
        css = banner_css(self.kind, palette_is_dark())
        if css != self.styleSheet():
            self.setStyleSheet(css)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in PALETTE_EVENTS:
            self._restyle()
        super().changeEvent(event)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
