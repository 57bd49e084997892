"""The timeline's axes and view box: calendar ticks, lane names, x-only zoom.

``DayAxis`` asks ``models.timeaxis`` for ticks on day numbers (plot x + origin), never
UNIX timestamps, so years before AD 1 label as well as any other. ``LaneAxis`` writes the
lanes' names where the y axis would be.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from models.timeaxis import minor_ticks, ticks
from ui.theme import chart_theme
from ui.timeline.style import LANE_AXIS_PX

LABEL_SPACING_PX = 14.0  # at least this much between two tick labels
ROWS_PER_WHEEL_STEP = 2.0


class ThemedAxis(pg.AxisItem):
    """An axis whose text and line follow ``ui.theme``."""

    def apply_theme(self) -> None:
        theme = chart_theme()
        self.setTextPen(pg.mkPen(theme.text))
        self.setPen(pg.mkPen(theme.axis_line))


class DayAxis(ThemedAxis):
    """Bottom axis labelled with calendar dates (see ``models.timeaxis``)."""

    def __init__(self, origin: Callable[[], int]) -> None:
        super().__init__(orientation="bottom")
        self._origin = origin
        self._labels: dict[float, str] = {}
        self._last: tuple[tuple[float, float, float, int], list, dict[float, str]] | None = None
        self.apply_theme()

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.style["tickFont"] or QFont())

    def _fits(self, major: list[tuple[int, str]], px_per_day: float) -> bool:
        metrics = self._metrics()
        widths = [metrics.horizontalAdvance(text) for _, text in major]
        for (a, _), (b, _), wa, wb in zip(major, major[1:], widths, widths[1:], strict=False):
            if (b - a) * px_per_day < (wa + wb) / 2 + LABEL_SPACING_PX:
                return False
        return True

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        """Major ticks only where their whole label fits on the axis, so the first one
        drawn is the one that carries the year; minor ticks everywhere.

        The last answer is kept: the panel asks first, for its grid lines, then the axis.
        """
        key = (minVal, maxVal, size, self._origin())
        if self._last is None or self._last[0] != key:
            values = self._tick_values(minVal, maxVal, size)
            self._last = (key, values, self._labels)
        self._labels = self._last[2]
        return self._last[1]

    def grid_lines(self, minVal: float, maxVal: float, size: float
                   ) -> tuple[list[float], list[float]]:
        """Plot x of the major and of the minor ticks for a view ``size`` pixels wide."""
        levels = self.tickValues(minVal, maxVal, size)
        return (list(levels[0][1]), list(levels[1][1])) if levels else ([], [])

    def _tick_values(self, minVal: float, maxVal: float, size: float) -> list:
        origin = self._origin()
        first, last = minVal + origin, maxVal + origin
        if size <= 0 or last <= first:
            return []
        px_per_day = size / (last - first)
        widest = self._metrics().horizontalAdvance("28 Sep 2022")
        inset = min(widest / 2 / px_per_day, (last - first) / 2)
        limit = max(1, int(size // widest))
        major = ticks(first + inset, last - inset, limit)
        while len(major) > 1 and not self._fits(major, px_per_day):
            limit = len(major) - 1
            major = ticks(first + inset, last - inset, limit)
        self._labels = {float(t - origin): text for t, text in major}
        taken = {t for t, _ in major}
        minor = [float(m - origin) for m in minor_ticks(first, last, limit) if m not in taken]
        return [(1.0, list(self._labels)), (0.5, minor)]

    def labelled_ticks(self, minVal: float, maxVal: float, size: float) -> dict[float, str]:
        """Plot x and text of each labelled tick for a view ``size`` pixels wide."""
        self.tickValues(minVal, maxVal, size)
        return dict(self._labels)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if spacing < 1.0:
            return []
        return [self._labels.get(float(v), "") for v in values]


class LaneAxis(ThemedAxis):
    """Left axis that names each lane by its first row, or the top row of the view while
    the lane's first row is scrolled out of sight (so a tall lane stays named)."""

    def __init__(self) -> None:
        super().__init__(orientation="left")
        self.lanes: list[tuple[float, float, str]] = []  # (top of rows, bottom, name)
        self._names: dict[float, str] = {}
        self.setWidth(LANE_AXIS_PX)
        self.setStyle(tickLength=0, hideOverlappingLabels=False)
        self.apply_theme()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        low, high = min(minVal, maxVal), max(minVal, maxVal)
        self._names = {}
        for top, bottom, name in self.lanes:
            y = min(max(top + 0.5, low + 0.5), bottom - 0.5)
            if low <= y <= high and bottom - top >= 0.5:
                self._names[y] = name
        return [(1.0, list(self._names))]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        names = self._names
        metrics = QFontMetricsF(self.style["tickFont"] or QFont())
        room = (self.fixedWidth or LANE_AXIS_PX) - 14
        return [metrics.elidedText(names.get(v, ""), Qt.TextElideMode.ElideRight, room)
                for v in values]

    def fit_names(self, names: list[str], most: float) -> None:
        """As wide as the longest name needs, from ``LANE_AXIS_PX`` up to ``most``."""
        metrics = QFontMetricsF(self.style["tickFont"] or QFont())
        widest = max((metrics.horizontalAdvance(n) for n in names), default=0.0)
        self.setWidth(round(min(max(widest + 18, LANE_AXIS_PX), most)))

    def wheelEvent(self, event: object) -> None:
        view = self.linkedView()
        if view is not None:
            view.wheelEvent(event, axis=1)
        event.accept()


class TimelineViewBox(pg.ViewBox):
    """Wheel zooms time about the cursor; the wheel over lanes (or with Shift) scrolls them.

    Dragging pans time and, when the lanes are taller than the view, the lanes too; the
    y extent is never zoomed (a row keeps its height in pixels).
    """

    def __init__(self) -> None:
        super().__init__(invertY=True, enableMenu=False, defaultPadding=0.0)
        self.setMouseMode(pg.ViewBox.PanMode)

    def wheelEvent(self, ev: object, axis: int | None = None) -> None:
        self.updateMatrix()  # pyqtgraph maps the cursor with a matrix updated lazily
        horizontal = ev.orientation() == Qt.Orientation.Horizontal
        if axis == 1 or ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            steps = ev.delta() / 120.0
            self.translateBy(y=-steps * ROWS_PER_WHEEL_STEP)
            ev.accept()
        elif horizontal:
            width = self.viewRange()[0][1] - self.viewRange()[0][0]
            self.translateBy(x=-ev.delta() / 120.0 * width / 10)
            ev.accept()
        else:
            super().wheelEvent(ev, axis=0)

    def mouseDragEvent(self, ev: object, axis: int | None = None) -> None:
        self.updateMatrix()
        if ev.button() == Qt.MouseButton.RightButton:
            super().mouseDragEvent(ev, axis=0)
        else:
            super().mouseDragEvent(ev, axis=axis)
