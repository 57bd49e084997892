"""The timeline's key: how dates are drawn, then a switch per category that shows or
hides its events.

Every entry is a widget in a ``FlowLayout``, which wraps them onto as many lines as the
panel's width needs: the key is never cut, however many categories there are. A
category's entry is a checkable button (reachable with Tab, named for screen readers);
unchecking it hides that category's events (``category_toggled``).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QLinearGradient, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLayout, QLayoutItem, QToolButton, QWidget

from ui.theme import chart_theme
from ui.timeline.alternatives import alternative_pen
from ui.timeline.inferred import dotted_pen, hollow_brush, pierced_brush
from ui.timeline.style import (
    colour_of,
    faded_brush,
    hatch_brush,
    single_source_pen,
    solid_brush,
    uncited_veil,
    weak_veil,
)

ALTERNATIVE_KEY = ("alternative date", "alternative")
WEAK_KEY = ("weak grade (D–E or 4–5)", "weak")
CHIP_PX = 12
SPACING_PX = 4
KEY = (("exact day", "point"), ("sure", "solid"), ("uncertain", "hatch"),
       ("open-ended (before / after)", "open"), ("inferred day", "inferred-point"),
       ("inferred span", "inferred-bar"), ("2+ sources", "solid"),
       ("1 source", "single"), ("uncited", "uncited"))


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new line where the width runs out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(4, 0, 4, 2)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        left, top, right, bottom = self.getContentsMargins()
        return size + QSize(left + right, top + bottom)

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items (if ``move``) and return the height they take."""
        left, top, right, bottom = self.getContentsMargins()
        x, y, line = rect.x() + left, rect.y() + top, 0
        limit = rect.right() - right
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > limit and line > 0:
                x, y, line = rect.x() + left, y + line + SPACING_PX, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + SPACING_PX
            line = max(line, hint.height())
        return y + line + bottom - rect.y()


def chip_icon(colour: int, shape: str) -> QIcon:
    """A small swatch of how an item of ``colour`` is drawn (``shape``: see ``KEY``)."""
    pixmap = QPixmap(CHIP_PX, CHIP_PX)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(0.5, 0.5, CHIP_PX - 1, CHIP_PX - 1)
    painter.setPen(colour_of(colour).darker(140))
    if shape == "point":
        painter.setBrush(solid_brush(colour))
        painter.drawEllipse(rect)
    elif shape == "hatch":
        painter.setBrush(faded_brush(colour))
        painter.drawRect(rect)
        painter.setBrush(hatch_brush(colour))
        painter.drawRect(rect)
    elif shape == "open":
        gradient = QLinearGradient(rect.right(), 0, rect.left(), 0)
        gradient.setColorAt(0, colour_of(colour))
        gradient.setColorAt(1, QColor(0, 0, 0, 0))
        painter.fillRect(rect, gradient)
        painter.drawLine(rect.topRight(), rect.bottomRight())
    elif shape.startswith("inferred"):  # as ui.timeline.inferred draws them
        _inferred_chip(painter, rect, colour, shape == "inferred-point")
    elif shape == "alternative":  # another date a source gives (ui.timeline.alternatives)
        painter.setPen(alternative_pen())
        painter.drawRoundedRect(rect.adjusted(0, 3, 0, -3), 2, 2)
    elif shape in ("single", "uncited", "weak"):  # how support is drawn (ui.timeline.evidence)
        painter.setBrush(solid_brush(colour))
        painter.drawRect(rect)
        painter.setPen(single_source_pen() if shape == "single" else Qt.PenStyle.NoPen)
        painter.setBrush({"uncited": uncited_veil(), "weak": weak_veil()}.get(
            shape, Qt.BrushStyle.NoBrush))
        painter.drawRect(rect)
    else:
        painter.setBrush(solid_brush(colour) if shape == "solid" else Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
    painter.end()
    return QIcon(pixmap)


def _inferred_chip(painter: QPainter, rect: QRectF, colour: int, point: bool) -> None:
    """A hollow dot, or a bar pierced with dots inside a dotted outline."""
    if point:
        painter.setPen(QPen(colour_of(colour), 3))
        painter.setBrush(hollow_brush())
        painter.drawEllipse(rect.adjusted(1.5, 1.5, -1.5, -1.5))
        return
    painter.setPen(Qt.PenStyle.NoPen)
    for brush in (solid_brush(colour), pierced_brush()):
        painter.setBrush(brush)
        painter.drawRect(rect)
    painter.setPen(dotted_pen(colour))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)


class Legend(QWidget):
    """The key (see module doc); ``entries`` are (category name, palette index)."""

    category_toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[tuple[str, int]] = []
        self.hidden: set[str] = set()
        self.buttons: dict[str, QToolButton] = {}
        self.alternatives = False  # the key of alternative dates, shown when some are
        self.weak = False  # the key of a weak grade, shown when a weakly graded mark is
        self.setAccessibleName("Timeline legend")
        self._flow = FlowLayout(self)
        self._fill()

    def set_entries(self, entries: list[tuple[str, int]], hidden: set[str] | None = None
                    ) -> None:
        """Show these categories; those in ``hidden`` unchecked."""
        self.entries = list(entries)
        self.hidden = set(hidden or ())
        self._fill()

    def show_alternatives(self, shown: bool) -> None:
        """Add (or take away) the key of alternative dates."""
        if shown != self.alternatives:
            self.alternatives = shown
            self._fill()

    def show_weak(self, shown: bool) -> None:
        """Add (or take away) the key of weakly graded marks."""
        if shown != self.weak:
            self.weak = shown
            self._fill()

    def shown_entries(self) -> list[tuple[str, int]]:
        return [(name, colour) for name, colour in self.entries if name not in self.hidden]

    def apply_theme(self) -> None:
        self._fill()

    def _fill(self) -> None:
        while (item := self._flow.takeAt(0)) is not None:
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        self.buttons = {}
        for name, shape in (*KEY, *([WEAK_KEY] if self.weak else []),
                            *([ALTERNATIVE_KEY] if self.alternatives else [])):
            colour = -1 if shape in ("point", "inferred-point") else -2
            self._flow.addWidget(self._key_label(name, colour, shape))
        for name, colour in self.entries:
            self._flow.addWidget(self._category_button(name, colour))
        self.updateGeometry()

    def _key_label(self, name: str, colour: int, shape: str) -> QToolButton:
        button = self._button(name, colour, shape)
        button.setEnabled(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        return button

    def _category_button(self, name: str, colour: int) -> QToolButton:
        button = self._button(name, colour, "solid")
        button.setCheckable(True)
        button.setChecked(name not in self.hidden)
        button.setToolTip(f"Show or hide the events of {name}")
        button.setAccessibleName(f"Show {name}")
        button.toggled.connect(lambda on, n=name: self._toggled(n, on))
        self.buttons[name] = button
        self._mark(name)
        return button

    def _button(self, name: str, colour: int, shape: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(name)
        button.setIcon(chip_icon(colour, shape))
        button.setIconSize(QSize(CHIP_PX, CHIP_PX))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.setStyleSheet(f"QToolButton {{ color: {chart_theme().text}; padding: 1px; }}"
                             "QToolButton:checked { background: transparent; border: none; }")
        return button

    def _toggled(self, name: str, on: bool) -> None:
        (self.hidden.discard if on else self.hidden.add)(name)
        self._mark(name)
        self.category_toggled.emit(name, on)

    def _mark(self, name: str) -> None:
        """A hidden category's entry is struck through, its chip left hollow."""
        button = self.buttons[name]
        shown = name not in self.hidden
        font = button.font()
        font.setStrikeOut(not shown)
        button.setFont(font)
        colour = dict(self.entries).get(name, -1)
        button.setIcon(chip_icon(colour, "solid" if shown else "hollow"))

