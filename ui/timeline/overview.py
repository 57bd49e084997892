"""The density strip under the timeline: every event over the whole extent, and the view.

A histogram of event counts over all the data, with a translucent region for the range
the main view shows. Dragging the region (or its edges) moves (or zooms) the main view;
a click elsewhere centres the view there.

The strip spans what Fit all shows (``navigation.fit_range`` of the data) on a
``DayAxis`` of its own, labelled as the main one, and its plot is inset to the main
plot's left and right edges (``align``): after Fit all the same years stand under the
same data in both.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor

from ui.theme import chart_theme
from ui.timeline.axes import DayAxis
from ui.timeline.navigation import fit_range

OVERVIEW_PX = 70
BINS = 400


class Overview(QObject):
    """Owns the strip's PlotWidget; ``range_requested`` asks the panel to show a range."""

    range_requested = Signal(float, float)
    centre_requested = Signal(float)

    def __init__(self, origin: Callable[[], int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.axis = DayAxis(origin)
        self.widget = pg.PlotWidget(background=chart_theme().overview_background,
                                    axisItems={"bottom": self.axis})
        self.widget.setFixedHeight(OVERVIEW_PX)
        self.widget.setAccessibleName("Timeline overview")
        self.widget.setToolTip("All events over time; drag the shaded region to move the view")
        plot = self.widget.getPlotItem()
        plot.hideAxis("left")
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.layout.setContentsMargins(0, 2, 0, 2)
        self.view = plot.getViewBox()
        self.view.setMouseEnabled(x=False, y=False)
        self.view.setDefaultPadding(0.0)
        self.histogram = pg.PlotDataItem(stepMode="center", fillLevel=0)
        self.apply_theme()
        plot.addItem(self.histogram)
        self.region = pg.LinearRegionItem(brush=(255, 176, 32, 45),
                                          hoverBrush=(255, 176, 32, 90),
                                          pen=pg.mkPen("#B86E00", width=2), swapMode="block")
        self.region.setZValue(-10)  # under the histogram, which stays readable
        plot.addItem(self.region, ignoreBounds=True)
        self._updating = False
        self.region.sigRegionChanged.connect(self._region_moved)
        self.widget.scene().sigMouseClicked.connect(self._clicked)

    def apply_theme(self) -> None:
        theme = chart_theme()
        self.widget.setBackground(theme.overview_background)
        colour = QColor(theme.density)
        colour.setAlpha(170)
        self.histogram.setBrush(colour)
        self.histogram.setPen(pg.mkPen(colour))
        self.axis.apply_theme()

    def align(self, left_px: float, right_px: float) -> None:
        """Inset the strip's plot to the main plot's edges (pixels from each side)."""
        margins = (round(left_px), 2, round(right_px), 2)
        layout = self.widget.getPlotItem().layout
        if layout.getContentsMargins() != tuple(float(m) for m in margins):
            layout.setContentsMargins(*margins)

    def set_data(self, starts: np.ndarray, ends: np.ndarray, extent: tuple[float, float]
                 ) -> None:
        """Histogram of the middles of [starts, ends) over what Fit all shows of
        ``extent`` (plot x)."""
        low, high = fit_range(*extent)
        if len(starts) == 0:
            self.histogram.setData([], [])
            self.view.setRange(xRange=(low, high), padding=0)
            return
        counts, edges = np.histogram((starts + ends) / 2, bins=BINS, range=(low, high))
        self.histogram.setData(edges, np.sqrt(counts))
        self.view.setRange(xRange=(low, high),
                           yRange=(0, max(1.0, float(np.sqrt(counts.max())) * 1.1)), padding=0)

    def show_range(self, first: float, last: float) -> None:
        """Move the region to the main view's range (without asking for it back)."""
        self._updating = True
        try:
            self.region.setRegion((first, last))
        finally:
            self._updating = False

    def _region_moved(self) -> None:
        if not self._updating:
            first, last = self.region.getRegion()
            self.range_requested.emit(float(first), float(last))

    def _clicked(self, event: object) -> None:
        x = float(self.view.mapSceneToView(event.scenePos()).x())
        first, last = self.region.getRegion()
        if not first <= x <= last:
            self.centre_requested.emit(x)
