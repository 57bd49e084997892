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

import math
from dataclasses import replace

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QResizeEvent

from models.dates import format_day
from models.graph import CO_PARTICIPATION_KIND
from ui.document import Document
from ui.export.decor import LegendEntry, Swatch
from ui.graph import GraphPanel
from ui.graph import style as graph_style
from ui.graph.picture import picture_legend
from ui.graph.view import NetworkView
from ui.timeline import TimelinePanel
from ui.timeline import style as timeline_style

LANE_TITLES = {"category": "lanes by category", "entity": "lanes by person / organization"}


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

    def before_render(self) -> None:
        """Last changes to what is drawn (called after the layout has settled)."""

    def dispose(self) -> None:
        self.plot_widget.deleteLater()
        _delete_now()


def _delete_now() -> None:
    """Deferred deletes happen only back in an event loop, which the CLI never enters."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


class TimelineCopy(PlotCopy):
    def __init__(self, live: TimelinePanel) -> None:
        document = Document(live.document.store)
        current = live.document.selection.current()
        if current:
            document.selection.select(*current)
        self.live = live
        self.panel = TimelinePanel(document, table=live.table)  # same Store: no second read
        document.setParent(self.panel)
        mode = live.lane_mode()
        if mode != "none":
            # the chosen entity lanes have no public getter; read the live panel's list
            entities = list(getattr(live, "_entity_ids", [])) if mode == "entity" else None
            self.panel.set_lane_mode(mode, entities)
        super().__init__(self.panel.plot_widget)

    def set_extent(self, extent: str) -> None:
        panel = self.panel
        if extent == "all":
            panel.fit_all()
            top = 0.0
        else:
            panel.set_view_range(*self.live.view_range())
            top = self.live.view_box.viewRange()[1][0]
        panel.view_box.translateBy(y=top - panel.view_box.viewRange()[1][0])
        settle()

    def rows_height(self) -> int:
        """Plot height that shows every lane's rows (as packed for the current view)."""
        lanes = self.panel.lane_axis.lanes
        rows = lanes[-1][1] + timeline_style.LANE_PAD if lanes else 1.0
        chrome = self.plot_widget.height() - self.panel.view_box.height()
        return math.ceil(rows * timeline_style.ROW_PX + chrome + 2)

    def before_render(self) -> None:
        """The density view's note says "zoom in", which a printed chart cannot: the
        subtitle says what the columns count instead."""
        labels = self.panel.labels
        if labels.frame is not None and self.panel.is_density_view():
            labels.frame = replace(labels.frame, notes=[])

    def subtitle(self) -> str:
        panel = self.panel
        first, last = panel.view_range()
        first_day, last_day = math.floor(first), max(math.ceil(last) - 1, math.floor(first))
        count = panel.document.store.count_events_between(first_day, last_day)
        parts = [f"{format_day(first_day)} – {format_day(last_day)}",
                 f"{count:,} event{'s' if count != 1 else ''}"]
        if panel.is_density_view():
            parts[-1] += " (too many to draw one by one: counted per column)"
        if panel.lane_mode() in LANE_TITLES:
            parts.append(LANE_TITLES[panel.lane_mode()])
        return " · ".join(parts)

    def dispose(self) -> None:
        self.panel.deleteLater()
        super().dispose()


def timeline_legend(live: TimelinePanel) -> list[LegendEntry]:
    """How dates are drawn, then the category colours (as the panel's own legend)."""
    s = timeline_style
    key = [LegendEntry("exact day", Swatch("dot", (s.solid_brush(-1),), _rim(-1))),
           LegendEntry("sure", Swatch("box", (s.solid_brush(-2),), _rim(-2))),
           LegendEntry("uncertain", Swatch("box", (s.faded_brush(-2), s.hatch_brush(-2)),
                                           _rim(-2)))]
    categories = [LegendEntry(name, Swatch("box", (s.solid_brush(colour),), _rim(colour)))
                  for name, colour in live.toolbar.legend.entries]
    return key + categories


def _rim(colour: int) -> QPen:
    pen = QPen(timeline_style.colour_of(colour).darker(140))
    pen.setWidthF(1.0)
    return pen


class GraphCopy(PlotCopy):
    def __init__(self, live: GraphPanel) -> None:
        self.live = live
        network = live.network()
        picture = live.view.picture
        self.picture = replace(picture, xy=picture.xy.copy(), pinned=set(picture.pinned))
        self.network = network
        self.view = NetworkView(None, label_limit=live.max_labels)
        self.view.legend.setVisible(False)  # the chart's legend is drawn above the plot
        current = live.document.selection.current()
        selected = current[1] if current and current[0] == "entity" else None
        self.view.show(self.picture, live.highlighted_ids(), selected)
        super().__init__(self.view.plot_widget)

    def set_extent(self, extent: str) -> None:
        if extent == "all" or not self.live.plot_widget.isVisible():
            self.view.fit()
        else:
            self.view.view_box.setRange(self.live.view.view_rect(), padding=0)
        settle()

    def rows_height(self) -> int:
        return self.plot_widget.height()

    def subtitle(self) -> str:
        toolbar = self.live.toolbar
        nodes, edges = len(self.picture.ids), len(self.picture.edges)
        if not nodes:
            return "No entities to show"
        parts = [f"{nodes:,} entit{'ies' if nodes != 1 else 'y'}",
                 f"{edges:,} link{'s' if edges != 1 else ''}"]
        window = self.live.document.selection.window()
        if toolbar.window_filter.isChecked() and window is not None:
            parts.append(f"active {format_day(window[0])} – {format_day(window[1])}")
        if toolbar.ego.isChecked():
            parts.append(f"ego network, depth {toolbar.depth.value()}")
        if toolbar.co_participation.isChecked():
            parts.append("with shared events")
        if toolbar.communities.isChecked():
            parts.append("coloured by community")
        return " · ".join(parts)

    def dispose(self) -> None:
        self.view.deleteLater()  # first: its timer places labels in the plot
        super().dispose()


def graph_legend(live: GraphPanel) -> list[LegendEntry]:
    """Node colours (kinds or communities), then the kinds of line drawn."""
    picture = live.view.picture
    rim = QPen(QColor("#FFFFFF"))
    rim.setWidthF(1.0)
    by_community = live.toolbar.communities.isChecked()
    entries = [LegendEntry(text, Swatch("dot", (graph_style.brush(colour),), rim))
               for colour, text in picture_legend(live.network(), picture, by_community)]
    shared = [e.kind == CO_PARTICIPATION_KIND and e.relationship_id is None
              for e in picture.edges]
    if not all(shared):
        entries.append(LegendEntry("relationship", Swatch(
            "line", pen=_solid(graph_style.edge_pen("relationship", 0, "normal")))))
    if any(shared):
        entries.append(LegendEntry("shared events (thicker: more)", Swatch(
            "line", pen=_solid(graph_style.edge_pen("shared", 1, "normal")))))
    return entries


def _solid(pen: QPen) -> QPen:
    copy = QPen(pen)
    colour = QColor(copy.color())
    colour.setAlpha(max(colour.alpha(), 200))
    copy.setColor(colour)
    copy.setCosmetic(False)
    return copy


def legend_of(panel: TimelinePanel | GraphPanel) -> list[LegendEntry]:
    return timeline_legend(panel) if isinstance(panel, TimelinePanel) else graph_legend(panel)


def copy_of(panel: TimelinePanel | GraphPanel) -> TimelineCopy | GraphCopy:
    return TimelineCopy(panel) if isinstance(panel, TimelinePanel) else GraphCopy(panel)


__all__ = ["GraphCopy", "PlotCopy", "TimelineCopy", "copy_of", "legend_of", "settle"]
