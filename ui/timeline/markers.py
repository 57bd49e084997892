"""The timeline's markers: a dot for an event known to the day, a diamond in the middle of
an uncertain date.

Drawn for the current ``Frame`` only (what is in view), from one small pre-rendered
pixmap per symbol and colour with ``QPainter.drawPixmapFragments`` over a numpy array,
so nothing is handed to a scatter item when the rows are packed again; exports (PNG,
SVG, PDF) draw them as vector paths instead.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols, renderSymbol
from pyqtgraph.Qt import internals
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPixmap, QTransform

from ui.theme import chart_theme
from ui.timeline.graphics import SceneLayer
from ui.timeline.items import POINT, UNCERTAIN, Items
from ui.timeline.style import MARKER_PX, MID_MARKER_PX, dark_brush, solid_brush

SHAPES = ((POINT, "o", MARKER_PX, False), (UNCERTAIN, "d", MID_MARKER_PX, True))


def _marker_pen() -> QPen:
    return pg.mkPen(chart_theme().rim)


class MarkersLayer(SceneLayer):
    """Dots and diamonds of the items in the frame (see module doc)."""

    def __init__(self, items: Callable[[], Items]) -> None:
        super().__init__()
        self._items = items
        self._pixmaps: dict[tuple[str, int, float, str], QPixmap] = {}
        self._fragments = internals.PrimitiveArray(QPainter.PixmapFragment, 10)

    def positions(self, kind: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Scene x, y and palette index of the markers of items of ``kind`` in the frame."""
        frame, items = self.frame, self._items()
        if frame is None or frame.density is not None or not len(frame.indices):
            return np.empty(0), np.empty(0), np.empty(0, np.int16)
        mask = items.kind[frame.indices] == kind
        if len(frame.open):  # an open-ended date has no middle to mark
            mask &= frame.open == 0
        chosen = frame.indices[mask]
        return (np.asarray(frame.view.px(items.centre[chosen])), frame.y[mask],
                items.colour[chosen])

    def paint(self, painter: QPainter, *args: object) -> None:
        if self.frame is None or self.frame.density is not None:
            return
        painter.save()
        self._to_scene(painter)
        vector = bool(getattr(self, "_exportOpts", False))
        for kind, symbol, size, dark in SHAPES:
            xs, ys, colours = self.positions(kind)
            for colour in np.unique(colours).tolist():
                same = colours == colour
                if vector:
                    self._paint_paths(painter, xs[same], ys[same], (symbol, size, colour, dark))
                else:
                    self._paint_pixmaps(painter, xs[same], ys[same], (symbol, size, colour, dark))
        painter.restore()

    def _paint_pixmaps(self, painter: QPainter, xs: np.ndarray, ys: np.ndarray,
                       style: tuple[str, int, int, bool]) -> None:
        dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pixmap = self._pixmap(style, dpr)
        self._fragments.resize(len(xs))
        fragments = self._fragments.ndarray()
        fragments[:, 0] = xs
        fragments[:, 1] = ys
        fragments[:, 2:6] = (0, 0, pixmap.width(), pixmap.height())
        fragments[:, 6:10] = (1 / dpr, 1 / dpr, 0.0, 1.0)
        painter.drawPixmapFragments(*self._fragments.drawargs(), pixmap)

    def _pixmap(self, style: tuple[str, int, int, bool], dpr: float) -> QPixmap:
        symbol, size, colour, dark = style
        key = (symbol + ("d" if dark else ""), colour, dpr, chart_theme().rim)
        if key not in self._pixmaps:
            brush = dark_brush(colour) if dark else solid_brush(colour)
            image = renderSymbol(symbol, size, _marker_pen(), brush, dpr=dpr)
            self._pixmaps[key] = QPixmap.fromImage(image)
        return self._pixmaps[key]

    @staticmethod
    def _paint_paths(painter: QPainter, xs: np.ndarray, ys: np.ndarray,
                     style: tuple[str, int, int, bool]) -> None:
        """One path per marker, so that each stays an element of its own in an SVG."""
        symbol, size, colour, dark = style
        painter.setPen(_marker_pen())
        painter.setBrush(dark_brush(colour) if dark else solid_brush(colour))
        shape: QPainterPath = Symbols[symbol]
        for x, y in zip(xs.tolist(), ys.tolist(), strict=True):
            painter.drawPath(QTransform.fromTranslate(x, y).scale(size, size).map(shape))
