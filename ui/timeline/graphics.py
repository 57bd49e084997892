"""The two painted layers of the timeline: bars (under the markers) and labels (over them).

Both paint the current ``Frame`` in scene pixels rather than plot units, so bar heights,
minimum widths and hatching are crisp at every zoom, and only what is in view is painted
(a few thousand rectangles at most, computed as numpy columns and handed to one
``drawRects`` per brush). The bars layer also draws the grid at the axis's ticks.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt import internals
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from ui.theme import chart_theme
from ui.timeline.frame import Frame
from ui.timeline.items import POINT, RELATION, Items
from ui.timeline.style import (
    BAR_PX,
    RELATION_BAR_DROP_PX,
    RELATION_BAR_PX,
    colour_of,
    fade_brush,
    faded_brush,
    faded_pen,
    hatch_brush,
    highlight_pen,
    outline_pen,
    solid_brush,
)

GRID_ALPHAS = (255, 110)  # major, minor grid lines


class SceneLayer(pg.GraphicsObject):
    """A layer that paints in scene pixels over the whole view box."""

    def __init__(self) -> None:
        super().__init__()
        self._bounds = QRectF()
        self.frame: Frame | None = None

    def set_bounds(self, rect: QRectF) -> None:
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = QRectF(rect)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _to_scene(self, painter: QPainter) -> None:
        inverse, ok = self.sceneTransform().inverted()
        if ok:
            painter.setTransform(inverse, True)


class BarsLayer(SceneLayer):
    """Lane bands, event bars (solid where sure, faded and hatched where uncertain), density."""

    def __init__(self, items: Callable[[], Items], lane_tops: Callable[[], np.ndarray]) -> None:
        super().__init__()
        self._items = items
        self._lane_tops = lane_tops
        self.highlighted: set[int] = set()  # item indices
        self._rects = internals.PrimitiveArray(QRectF, 4)
        self.lane_colours: list[int] | None = None  # palette index per lane, for density

    def paint(self, painter: QPainter, *args: object) -> None:
        if self.frame is None:
            return
        painter.save()
        self._to_scene(painter)
        self._paint_bands(painter)
        self._paint_grid(painter)
        if self.frame.density is not None:
            self._paint_density(painter)
        else:
            self._paint_bars(painter)
        painter.restore()

    def _paint_bands(self, painter: QPainter) -> None:
        view, tops = self.frame.view, self._lane_tops()
        if len(tops) <= 2:
            return
        pys = view.py(tops)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(chart_theme().band))
        for lane in range(1, len(tops) - 1, 2):
            painter.drawRect(QRectF(view.left, pys[lane], view.width, pys[lane + 1] - pys[lane]))
        painter.setPen(QPen(QColor(chart_theme().separator), 0))
        for py in pys[1:]:
            painter.drawLine(QPointF(view.left, py), QPointF(view.left + view.width, py))

    def _paint_grid(self, painter: QPainter) -> None:
        """Thin vertical lines at the axis ticks, the minor ones fainter; not antialiased."""
        view = self.frame.view
        top, bottom = view.top, view.top + view.height
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for xs, alpha in zip(self.frame.grid, GRID_ALPHAS, strict=True):
            colour = QColor(chart_theme().separator)
            colour.setAlpha(alpha)
            painter.setPen(QPen(colour, 0))
            painter.drawLines([QLineF(x, top, x, bottom) for x in xs.tolist()])

    def _paint_density(self, painter: QPainter) -> None:
        frame, tops = self.frame, self._lane_tops()
        density, view = frame.density, frame.view
        peak = max(int(density.counts.max(initial=0)), 1)
        painter.setPen(Qt.PenStyle.NoPen)
        plain = QColor(chart_theme().density)
        for lane, counts in enumerate(density.counts):
            colours = self.lane_colours
            painter.setBrush(solid_brush(colours[lane]) if colours else plain)
            bottom = view.py(tops[lane + 1]) - 3
            room = bottom - view.py(tops[lane]) - 6
            columns = np.flatnonzero(counts)
            heights = np.maximum(1.0, room * np.sqrt(counts[columns] / peak))
            self._draw_rects(painter, density.edges[columns], density.edges[columns + 1] - 0.5,
                             bottom - heights, heights)

    def _paint_bars(self, painter: QPainter) -> None:
        """Bars of the frame's items, batched per colour: faded and hatched where the date
        is uncertain, solid over a span's sure part; outlined where highlighted."""
        frame, items = self.frame, self._items()
        bar = items.kind[frame.indices] != POINT
        chosen = frame.indices[bar]
        if not len(chosen):
            return
        relation = items.kind[chosen] == RELATION
        height = np.where(relation, RELATION_BAR_PX, BAR_PX).astype(np.float64)
        top = frame.y[bar] - height / 2 + np.where(relation, RELATION_BAR_DROP_PX, 0)
        left, right = frame.left[bar], frame.right[bar]
        sure = items.core0[chosen] <= items.core1[chosen]  # False for NaN: no sure part
        view = frame.view
        c0 = np.where(sure, np.clip(view.px(items.core0[chosen]), left, right), right)
        c1 = np.where(sure, np.clip(view.px(items.core1[chosen]), c0, right), right)
        colours = items.colour[chosen]
        opened = frame.open[bar] if len(frame.open) else np.zeros(len(chosen), np.int8)
        painter.setBrushOrigin(0, 0)
        for colour in np.unique(colours).tolist():
            same = (colours == colour) & (opened == 0)
            faded = (np.concatenate([left[same], c1[same]]),
                     np.concatenate([c0[same], right[same]]),
                     np.tile(top[same], 2), np.tile(height[same], 2))
            painter.setPen(faded_pen(colour))
            painter.setBrush(faded_brush(colour))
            self._draw_rects(painter, *faded)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(hatch_brush(colour))
            self._draw_rects(painter, *faded)
        for colour in np.unique(colours).tolist():
            same = colours == colour
            painter.setPen(outline_pen(colour))
            painter.setBrush(solid_brush(colour))
            self._draw_rects(painter, c0[same], c1[same], top[same], height[same])
        ends = np.flatnonzero(opened != 0)
        paint_open_ends(painter, [(float(left[k]), float(right[k]), float(top[k]),
                                   float(height[k]), int(colours[k]), int(opened[k]))
                                  for k in ends.tolist()])
        lit = np.isin(chosen, np.fromiter(self.highlighted, dtype=np.int64))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(highlight_pen())
        self._draw_rects(painter, left[lit] - 2, right[lit] + 2, top[lit] - 2, height[lit] + 4)

    def _draw_rects(self, painter: QPainter, left: np.ndarray, right: np.ndarray,
                    top: np.ndarray, height: np.ndarray) -> None:
        """One ``drawRects`` of the rectangles at least half a pixel wide."""
        wide = right - left >= 0.5
        self._rects.resize(int(wide.sum()))
        if not len(self._rects.ndarray()):
            return
        self._rects.ndarray()[:] = np.column_stack(
            [left[wide], top[wide], (right - left)[wide], height[wide]])
        painter.drawRects(*self._rects.drawargs())


def paint_open_ends(painter: QPainter,
                    bars: list[tuple[float, float, float, float, int, int]]) -> None:
    """Bars (left, right, top, height, colour, side) of dates open on one ``side`` ("before
    2024": -1): a fade from the known end toward the open one, and a firm edge at the
    known end; no middle, since the date has none. Only the few in view come here."""
    for left, right, top, height, colour, side in bars:
        known, far = (right, left) if side < 0 else (left, right)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fade_brush(colour, known, far))
        painter.drawRect(QRectF(left, top, right - left, height))
        painter.setPen(QPen(colour_of(colour).darker(140), 2))
        painter.drawLine(QPointF(known, top - 1), QPointF(known, top + height + 1))


def _chip_colour(on_bar: bool, emphasised: bool) -> QColor | None:
    """What a label is drawn on: a highlighter mark, a white chip over a bar, or nothing."""
    theme = chart_theme()
    if emphasised:
        return QColor(theme.highlight_label)
    return QColor(*theme.chip) if on_bar else None


class LabelsLayer(SceneLayer):
    """Titles beside (or on) their items, and a note while the density view is shown."""

    def __init__(self, font: QFont) -> None:
        super().__init__()
        self.font = font
        self.emphasised: set[int] = set()  # item indices whose label is highlighted

    def paint(self, painter: QPainter, *args: object) -> None:
        if self.frame is None:
            return
        painter.save()
        self._to_scene(painter)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self.font)
        for label in self.frame.labels:
            chip = _chip_colour(label.chip, label.item in self.emphasised)
            if chip is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(chip)
                painter.drawRoundedRect(label.rect.adjusted(-3, 0, 3, 0), 3, 3)
            painter.setPen(QColor(chart_theme().text))
            painter.drawText(label.rect, Qt.AlignmentFlag.AlignLeft
                             | Qt.AlignmentFlag.AlignVCenter, label.text)
        self._paint_notes(painter)
        painter.restore()

    def _paint_notes(self, painter: QPainter) -> None:
        painter.setFont(self.font)
        for text, rect in self.frame.notes:
            theme = chart_theme()
            painter.setPen(QPen(QColor(theme.separator), 0))
            painter.setBrush(QColor(*theme.chip))
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(QColor(theme.text))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
