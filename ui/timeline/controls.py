"""The timeline's toolbar (lanes, fit, zoom) over its key of categories (``legend``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.timeline.legend import Legend

MODE_TITLES = (("none", "One lane"), ("category", "By category"),
               ("entity", "By person / organization"))


class Toolbar(QWidget):
    """Lane mode, Fit all, zoom out / in; emits what the user asked for. The key of
    categories is a line of its own underneath, wrapping as it needs."""

    mode_chosen = Signal(str)
    fit_clicked = Signal()
    zoom_clicked = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        layout = QHBoxLayout()
        layout.setContentsMargins(4, 2, 4, 2)
        column.addLayout(layout)
        layout.addWidget(QLabel("Lanes:"))
        self.mode_box = QComboBox()
        self.mode_box.setAccessibleName("Lane mode")
        for mode, title in MODE_TITLES:
            self.mode_box.addItem(title, mode)
        self.mode_box.activated.connect(
            lambda i: self.mode_chosen.emit(self.mode_box.itemData(i)))
        layout.addWidget(self.mode_box)
        self.entity_button = QToolButton()
        self.entity_button.setText("People…")
        self.entity_button.setToolTip("Choose the people and organizations that get a lane")
        self.entity_button.setAccessibleName("Choose entity lanes")
        self.entity_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.entity_menu = QMenu(self.entity_button)
        self.entity_button.setMenu(self.entity_menu)
        self.entity_button.setVisible(False)
        layout.addWidget(self.entity_button)
        self.fit_button = self._button("Fit all", "Show every event (Home)", self.fit_clicked.emit)
        self.zoom_out_button = self._button("−", "Zoom out (-)",
                                            lambda: self.zoom_clicked.emit(2.0))
        self.zoom_in_button = self._button("+", "Zoom in (+)",
                                           lambda: self.zoom_clicked.emit(0.5))
        for button in (self.fit_button, self.zoom_out_button, self.zoom_in_button):
            layout.addWidget(button)
        layout.addStretch(1)
        self.legend = Legend()
        column.addWidget(self.legend)

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.clicked.connect(slot)
        return button

    def show_mode(self, mode: str) -> None:
        self.mode_box.setCurrentIndex(max(0, self.mode_box.findData(mode)))
        self.entity_button.setVisible(mode == "entity")
