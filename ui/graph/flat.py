"""Nodes and edges drawn for an export without cosmetic pens under a scaled transform.

pyqtgraph draws a node as a unit symbol under a transform scaled to its size, and an edge
in view coordinates under the view's scale, both with cosmetic pens. ``QSvgGenerator``
writes such a pen as ``vector-effect="non-scaling-stroke"``, which librsvg (and so many
viewers and converters) ignores: a node's 1 px rim became 7 px wide and painted over its
fill, and edges turned into 6 px bars. In export mode these items map their geometry to
device coordinates first and draw it with plain pens of the width the chart asks for, so
every program draws the SVG as the PNG looks. On screen they draw as pyqtgraph does.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph import functions as fn
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPen, QTransform


def _export_scale(item: pg.GraphicsObject) -> float | None:
    """The chart's device units per layout pixel, or None when not exporting."""
    options = getattr(item, "_exportOpts", False)
    return None if options is False else float(options.get("resolutionScale", 1.0))


def _plain(pen: QPen, scale: float) -> QPen:
    flat = QPen(pen)
    if pen.isCosmetic():
        flat.setCosmetic(False)
        flat.setWidthF(max(pen.widthF(), 1.0) * scale)
    return flat


class FlatScatter(pg.ScatterPlotItem):
    """A ``ScatterPlotItem`` (pixel-sized symbols) that exports with plain pens."""

    def paint(self, p: QPainter, *args) -> None:
        scale = _export_scale(self)
        if scale is None or not self.opts["pxMode"] or not len(self.data):
            super().paint(p, *args)
            return
        points = fn.transformCoordinates(p.transform(), np.vstack(
            [self.data["x"], self.data["y"]]))
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        styles = self._style(["symbol", "size", "pen", "brush"], scale=scale)
        for (x, y), symbol, size, pen, brush in zip(points.T, *styles, strict=True):
            path = Symbols[symbol] if isinstance(symbol, str) else symbol
            p.setPen(_plain(pen, scale))
            p.setBrush(brush)
            p.drawPath(QTransform(size, 0, 0, size, x, y).map(path))


class FlatCurve(pg.PlotCurveItem):
    """A ``PlotCurveItem`` that exports its path in device coordinates, plain pen."""

    def paint(self, p: QPainter, *args) -> None:
        scale = _export_scale(self)
        path = self.getPath() if scale is not None else None
        if scale is None or path is None or path.isEmpty():
            super().paint(p, *args)
            return
        flat = p.transform().map(path)
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(_plain(fn.mkPen(self.opts["pen"]), scale))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(flat)
