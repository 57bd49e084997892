"""The timeline's toolbar (lanes, fit, zoom) and its legend of category colours."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from ui.theme import chart_theme
from ui.timeline.style import colour_of, faded_brush, hatch_brush, solid_brush

MODE_TITLES = (("none", "One lane"), ("category", "By category"),
               ("entity", "By person / organization"))
CHIP_PX = 10


class Legend(QWidget):
    """Colour chips with category names, then a key to how dates are drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[tuple[str, int]] = []
        self.setAccessibleName("Timeline legend")
        self.setMinimumHeight(22)

    def set_entries(self, entries: list[tuple[str, int]]) -> None:
        self.entries = entries
        self.setToolTip("\n".join(name for name, _ in entries))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = sum(metrics.horizontalAdvance(name) + CHIP_PX + 14 for name, _ in self.entries)
        return QSize(width + 260, 22)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        x, mid = 4.0, self.height() / 2
        key = [("exact day", "point"), ("sure", "solid"), ("uncertain", "hatch")]
        for name, shape in key:
            x = self._chip(painter, x, mid, name, -2 if shape != "point" else -1, shape)
        x += 10
        for name, colour in self.entries:
            if x + CHIP_PX + metrics.horizontalAdvance(name) > self.width():
                painter.setPen(QColor(chart_theme().text))
                painter.drawText(QRectF(x, 0, 20, self.height()), Qt.AlignmentFlag.AlignVCenter,
                                 "…")
                break
            x = self._chip(painter, x, mid, name, colour, "solid")
        painter.end()

    def _chip(self, painter: QPainter, x: float, mid: float, name: str, colour: int,
              shape: str) -> float:
        rect = QRectF(x, mid - CHIP_PX / 2, CHIP_PX, CHIP_PX)
        painter.setPen(colour_of(colour).darker(140))
        if shape == "point":
            painter.setBrush(solid_brush(colour))
            painter.drawEllipse(rect)
        elif shape == "hatch":
            painter.setBrush(faded_brush(colour))
            painter.drawRect(rect)
            painter.setBrush(hatch_brush(colour))
            painter.drawRect(rect)
        else:
            painter.setBrush(solid_brush(colour))
            painter.drawRect(rect)
        painter.setPen(QColor(chart_theme().text))
        width = self.fontMetrics().horizontalAdvance(name)
        painter.drawText(QRectF(x + CHIP_PX + 4, 0, width + 2, self.height()),
                         Qt.AlignmentFlag.AlignVCenter, name)
        return x + CHIP_PX + width + 14


class Toolbar(QWidget):
    """Lane mode, Fit all, zoom out / in; emits what the user asked for."""

    mode_chosen = Signal(str)
    fit_clicked = Signal()
    zoom_clicked = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
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
        self.legend = Legend()
        layout.addWidget(self.legend, 1)

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
