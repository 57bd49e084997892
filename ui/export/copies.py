"""Offscreen copies of a panel's plot, laid out at the size of the exported chart.

Magnifying the on-screen plot would only make its text bigger: the timeline places its
labels, lanes and density columns for the pixels it has, and the graph its node names.
So an export lays the plot out afresh at the chart's size, in a copy the user never
sees, and the panel on screen is left exactly as it was (its view, its scroll, its
selection):

* ``TimelineCopy`` is a second ``TimelinePanel`` on its own ``Document`` over the same
  Store (so it publishes no window and moves no other panel), with the live panel's
  lanes, highlighted selection and view;
* ``GraphCopy`` is a bare ``NetworkView`` given the live panel's ``Picture`` (positions,
  colours, filters already applied), so no layout runs again.

The copy's ``PlotWidget`` is a top-level widget that is never shown: it is resized and sent
the resize event by hand (``PlotCopy.show_at``), so it has its size and layout but no
window and no backing store, whatever its size.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QResizeEvent

from ui.export.decor import LegendEntry
from ui.graph import GraphPanel
from ui.timeline import TimelinePanel


def settle() -> None:
    """Let pending layouts, zero-delay timers and deferred deletes run."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


class PlotCopy:
    """What the chart writer needs of a copy: size it, frame it, paint it, throw it away."""

    def __init__(self, plot_widget: pg.PlotWidget) -> None:
        self.plot_widget = plot_widget
        plot_widget.setParent(None)
        plot_widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        plot_widget.setFrameShape(plot_widget.Shape.NoFrame)
        plot_widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        plot_widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_at(self, width: int, height: int) -> None:
        """Lay the plot out for ``width`` × ``height`` pixels without showing it.

        A widget shown, even with ``WA_DontShowOnScreen``, gets a backing store of its
        size (760 MB at 10,000 px square), so the copy stays hidden and is sent the
        resize event showing it would have sent; the scene is all that is drawn.
        """
        widget, viewport = self.plot_widget, self.plot_widget.viewport()
        old = viewport.size()
        widget.resize(width, height)
        viewport.setGeometry(0, 0, width, height)  # no frame, no scroll bars
        # the view hears of its size through its viewport's resize event
        QCoreApplication.sendEvent(viewport, QResizeEvent(QSize(width, height), old))
        settle()
        widget.getPlotItem().layout.activate()
        settle()

    def render(self, painter: QPainter, target: QRectF, scale: float = 1.0) -> None:
        """Paint the plot into ``target``; items draw as vectors (pyqtgraph's export mode).

        ``scale`` is the painter's scale from layout pixels to device units: scatter
        points, drawn in device units, are sized by it.
        """
        scene = self.plot_widget.scene()
        options = {"antialias": True, "resolutionScale": scale}
        for item in scene.items():
            if hasattr(item, "setExportMode"):
                item.setExportMode(True, options)
        self.before_render()
        source = self.plot_widget.sceneRect()  # the view's pixels, in scene coordinates
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)

    def set_extent(self, extent: str) -> None:
        """Show what was in view on screen ("view") or everything ("all")."""
        raise NotImplementedError

    def rows_height(self) -> int:
        """The plot height that shows all the chart's rows (its own height if it has none)."""
        return self.plot_widget.height()

    def subtitle(self) -> str:
        """The line under the title: what the chart shows (the data's range …)."""
        raise NotImplementedError

    def before_render(self) -> None:
        """Last changes to what is drawn (called after the layout has settled)."""

    def set_emphasis(self, show_selection: bool) -> None:
        """Keep the screen's emphasis of the selection (the rest faded) in the chart, or
        draw every record at full strength (the default for a chart)."""

    def dispose(self) -> None:
        self.plot_widget.deleteLater()
        _delete_now()


def _delete_now() -> None:
    """Deferred deletes happen only back in an event loop, which the CLI never enters."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def legend_of(panel: TimelinePanel | GraphPanel) -> list[LegendEntry]:
    from ui.export.graph_copy import graph_legend
    from ui.export.timeline_copy import timeline_legend

    return timeline_legend(panel) if isinstance(panel, TimelinePanel) else graph_legend(panel)


def copy_of(panel: TimelinePanel | GraphPanel) -> PlotCopy:
    from ui.export.graph_copy import GraphCopy
    from ui.export.timeline_copy import TimelineCopy

    return TimelineCopy(panel) if isinstance(panel, TimelinePanel) else GraphCopy(panel)


__all__ = ["PlotCopy", "copy_of", "legend_of", "settle"]
