"""Alternative dates on the timeline: a faint hollow mark beside the preferred one.

An event whose date some source gives differently (an alternative claim, ``db.claims``)
is drawn where its record says; each alternative date gets a hollow, faint mark in the
same row, just under the line its mark and title are drawn on (so no title hides it;
in the closer rows of entity lanes, on that line), joined to the event's mark by a
dotted line, with a tooltip
"alternative date: 17 August 2023 (Source B, B2)". Alternatives are few in any file:
they are read in one query over the claims table when the events are (never per event),
and painting looks up only the events in the frame (``np.isin`` over the frame's items).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from db.claims import AlternativeMark
from ui.theme import chart_theme
from ui.timeline.graphics import SceneLayer
from ui.timeline.items import RELATION, Items
from ui.timeline.style import BAR_PX

ALTERNATIVE_ALPHA = 170  # of the chart's text colour: faint, yet visible on both grounds
HIT_PX = 3  # how far outside a mark the pointer still finds it
MARK_PX = 7  # height of an alternative's mark, and the least width of one
BELOW_PX = BAR_PX / 2 + 1 + MARK_PX / 2  # its centre under the row's centre line
ROOM_PX = BELOW_PX + MARK_PX / 2 + BAR_PX / 2  # a row this high has room under its mark


def alternative_pen(dotted: bool = False) -> QPen:
    colour = QColor(chart_theme().text)
    colour.setAlpha(ALTERNATIVE_ALPHA if not dotted else ALTERNATIVE_ALPHA // 2)
    pen = QPen(colour)
    pen.setWidthF(1.0 if dotted else 1.4)
    pen.setStyle(Qt.PenStyle.DotLine if dotted else Qt.PenStyle.SolidLine)
    pen.setCosmetic(True)
    return pen


class AlternativesLayer(SceneLayer):
    """Hollow marks at the alternative dates of the events in the frame."""

    def __init__(self, items: Callable[[], Items], origin: Callable[[], int],
                 row_px: Callable[[], int]) -> None:
        super().__init__()
        self._items = items
        self._origin = origin
        self._row_px = row_px
        self.marks: dict[int, list[AlternativeMark]] = {}
        self._ids = np.empty(0, np.int64)
        self.drawn: list[tuple[QRectF, QPointF, AlternativeMark]] = []

    def set_marks(self, marks: list[AlternativeMark]) -> None:
        grouped: dict[int, list[AlternativeMark]] = {}
        for mark in marks:
            grouped.setdefault(mark.event_id, []).append(mark)
        self.marks = grouped
        self._ids = np.fromiter(sorted(grouped), np.int64, len(grouped))
        self.update()

    def _positions(self) -> np.ndarray:
        """Frame positions of the events that have an alternative date."""
        frame, items = self.frame, self._items()
        if frame is None or frame.density is not None or not len(self._ids) \
                or not len(frame.indices):
            return np.empty(0, np.int64)
        shown = frame.indices
        return np.flatnonzero((items.kind[shown] != RELATION)
                              & np.isin(items.ident[shown], self._ids))

    def shapes(self) -> list[tuple[QRectF, QPointF, AlternativeMark]]:
        """(the mark's rectangle, the preferred mark's centre, the alternative) of each
        alternative date of the events in the frame, in scene pixels."""
        frame, items, origin = self.frame, self._items(), self._origin()
        below = BELOW_PX if self._row_px() >= ROOM_PX else 0.0
        found = []
        for at in self._positions().tolist():
            y = float(frame.y[at]) + below
            centre = QPointF((float(frame.left[at]) + float(frame.right[at])) / 2, y)
            for mark in self.marks[int(items.ident[frame.indices[at]])]:
                left = float(frame.view.px(mark.earliest - origin))
                right = float(frame.view.px(mark.latest - origin + 1))
                if right - left < MARK_PX:
                    left, right = (left + right - MARK_PX) / 2, (left + right + MARK_PX) / 2
                rect = QRectF(left, y - MARK_PX / 2, right - left, MARK_PX)
                found.append((rect, centre, mark))
        return found

    def paint(self, painter: QPainter, *args: object) -> None:
        self.drawn = self.shapes()
        if not self.drawn:
            return
        painter.save()
        self._to_scene(painter)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        dotted, solid = alternative_pen(dotted=True), alternative_pen()
        for rect, centre, _ in self.drawn:
            painter.setPen(dotted)
            painter.drawLine(centre, rect.center())
            painter.setPen(solid)
            if rect.width() <= MARK_PX + 0.5:
                painter.drawEllipse(rect)
            else:
                painter.drawRoundedRect(rect, 3, 3)
        painter.restore()

    def tooltip_at(self, scene_point: QPointF) -> str:
        """The tooltip of the alternative mark under the pointer, '' if none."""
        for rect, _, mark in self.drawn:
            if rect.adjusted(-HIT_PX, -HIT_PX, HIT_PX, HIT_PX).contains(scene_point):
                return mark.describe()
        return ""

    def describe(self, event_id: int) -> str:
        """The alternative dates of an event, one per line, for its own tooltip."""
        return "\n".join(m.describe() for m in self.marks.get(event_id, []))
