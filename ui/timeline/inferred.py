"""Inferred dates drawn apart from stated ones: hollow markers, dotted and pierced bars.

A date read from context ("August 2023" where the article says only "in August") is
marked ``inferred`` in the file. Its marker, a dot or the diamond in the middle of an
uncertain date, is drawn hollow: the chart's background fills its middle, leaving a ring
of the category's colour. Its bar (a span, an uncertain date, a relationship in an
entity lane) gets a dotted outline and a grain of background-coloured dots over it, so it
reads as less solid than a stated one whatever its hatching. Only the items in the frame
are painted, chosen with numpy masks; a file with nothing inferred paints nothing.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from ui.theme import chart_theme
from ui.timeline.frame import Frame
from ui.timeline.items import POINT, RELATION, UNCERTAIN, Items
from ui.timeline.style import (
    BAR_PX,
    MARKER_PX,
    MID_MARKER_PX,
    RELATION_BAR_DROP_PX,
    RELATION_BAR_PX,
    colour_of,
)

HOLLOW_SHARE = 0.5  # the middle of an inferred marker left empty, as a share of its size


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
    """Hollow markers and dotted, pierced bars for the inferred items in the frame."""
    where = inferred_positions(frame, items)
    if not len(where):
        return
    kinds = items.kind[frame.indices[where]]
    opened = frame.open[where] if len(frame.open) else np.zeros(len(where), np.int8)
    for at in where[kinds != POINT].tolist():
        _paint_bar(painter, frame, items, at)
    marked = (kinds == POINT) | ((kinds == UNCERTAIN) & (opened == 0))  # drawn with a marker
    xs = np.asarray(frame.view.px(items.centre[frame.indices[where[marked]]]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(hollow_brush())
    for x, y, kind in zip(xs.tolist(), frame.y[where[marked]].tolist(), kinds[marked].tolist(),
                          strict=True):
        _paint_hollow(painter, x, y, kind)


def _paint_bar(painter: QPainter, frame: Frame, items: Items, at: int) -> None:
    index = int(frame.indices[at])
    relation = items.kind[index] == RELATION
    height = RELATION_BAR_PX if relation else BAR_PX
    top = float(frame.y[at]) - height / 2 + (RELATION_BAR_DROP_PX if relation else 0)
    left, right = float(frame.left[at]), float(frame.right[at])
    rect = QRectF(left, top, max(right - left, 1.0), height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(pierced_brush())
    painter.drawRect(rect)
    painter.setPen(dotted_pen(int(items.colour[index])))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)


def _paint_hollow(painter: QPainter, x: float, y: float, kind: int) -> None:
    """The empty middle of a dot, or of the diamond of an uncertain date."""
    if kind == POINT:
        radius = MARKER_PX * HOLLOW_SHARE / 2
        painter.drawEllipse(QPointF(x, y), radius, radius)
        return
    half = MID_MARKER_PX * HOLLOW_SHARE / 2
    painter.drawPolygon(QPolygonF([QPointF(x, y - half), QPointF(x + half, y),
                                   QPointF(x, y + half), QPointF(x - half, y)]))
