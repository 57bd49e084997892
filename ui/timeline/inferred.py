"""Inferred dates drawn apart from stated ones: hollow markers, dotted and pierced bars.

A date read from context ("August 2023" where the article says only "in August") is
marked ``inferred`` in the file. Its marker, a dot or the diamond in the middle of an
uncertain date, is drawn hollow: the chart's background fills its middle (a round hole),
leaving a ring of the category's colour. Its bar (a span, an uncertain date, a
relationship in an entity lane) gets a dotted outline and a grain of background-coloured
dots over it, so it reads as less solid than a stated one whatever its hatching. Only
the items in the frame are painted, chosen with numpy masks; a file with nothing
inferred paints nothing.
"""

from __future__ import annotations

import numpy as np
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from ui.theme import chart_theme
from ui.timeline.frame import Frame
from ui.timeline.items import POINT, RELATION, UNCERTAIN, Items
from ui.timeline.style import (
    BAR_PX,
    MARKER_PX,
    RELATION_BAR_DROP_PX,
    RELATION_BAR_PX,
    colour_of,
)

HOLLOW_SHARE = 0.5  # the middle of an inferred marker left empty, as a share of a dot


def inferred_positions(frame: Frame | None, items: Items) -> np.ndarray:
    """Frame positions of the inferred items drawn one by one (none in density view)."""
    if frame is None or frame.density is not None or not len(frame.indices):
        return np.empty(0, np.int64)
    return np.flatnonzero(items.inferred[frame.indices])


def dotted_pen(colour: int) -> QPen:
    """The dotted outline of an inferred bar, in the darker shade of its colour."""
    pen = QPen(colour_of(colour).darker(160))
    pen.setWidthF(1.6)
    pen.setStyle(Qt.PenStyle.DotLine)
    pen.setCosmetic(True)
    return pen


def pierced_brush() -> QBrush:
    """Background-coloured dots laid over an inferred bar."""
    return QBrush(QColor(chart_theme().background), Qt.BrushStyle.Dense6Pattern)


def hollow_brush() -> QBrush:
    """What fills the middle of an inferred marker: the chart's background."""
    return QBrush(QColor(chart_theme().background))


def paint_inferred(painter: QPainter, frame: Frame, items: Items) -> None:
    """Hollow markers and dotted, pierced bars for the inferred items in the frame: a
    few batched calls (one ``drawRects`` per colour, one ``drawPoints``), no loop over
    the items in Python."""
    where = inferred_positions(frame, items)
    if not len(where):
        return
    kinds = items.kind[frame.indices[where]]
    bars = where[kinds != POINT]
    if len(bars):
        _paint_bars(painter, frame, items, bars)
    opened = frame.open[where] if len(frame.open) else np.zeros(len(where), np.int8)
    marked = where[(kinds == POINT) | ((kinds == UNCERTAIN) & (opened == 0))]
    if len(marked):
        xs = np.asarray(frame.view.px(items.centre[frame.indices[marked]]), np.float64)
        points = PrimitiveArray(QPointF, 2)
        points.resize(len(marked))
        points.ndarray()[:] = np.column_stack([xs, frame.y[marked]])
        hole = QPen(QColor(chart_theme().background), MARKER_PX * HOLLOW_SHARE)
        hole.setCapStyle(Qt.PenCapStyle.RoundCap)  # a wide round point: a disc
        painter.setPen(hole)
        painter.drawPoints(*points.drawargs())


def _paint_bars(painter: QPainter, frame: Frame, items: Items, bars: np.ndarray) -> None:
    chosen = frame.indices[bars]
    relation = items.kind[chosen] == RELATION
    height = np.where(relation, RELATION_BAR_PX, BAR_PX).astype(np.float64)
    top = frame.y[bars] - height / 2 + np.where(relation, RELATION_BAR_DROP_PX, 0)
    left = frame.left[bars]
    width = np.maximum(frame.right[bars] - left, 1.0)
    rects = PrimitiveArray(QRectF, 4)
    colours = items.colour[chosen]
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(pierced_brush())
    _draw(painter, rects, np.column_stack([left, top, width, height]))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for colour in np.unique(colours).tolist():
        same = colours == colour
        painter.setPen(dotted_pen(colour))
        _draw(painter, rects, np.column_stack([left[same], top[same], width[same],
                                               height[same]]))


def _draw(painter: QPainter, rects: PrimitiveArray, boxes: np.ndarray) -> None:
    rects.resize(len(boxes))
    rects.ndarray()[:] = boxes
    painter.drawRects(*rects.drawargs())
