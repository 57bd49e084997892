"""Drawing the network in a pyqtgraph PlotWidget, and finding what is under the mouse.

Kept small and dumb: ``NetworkView.show`` takes what to draw (positions, colours, sizes,
edges) and ``set_highlight`` what to emphasise; it knows nothing of the Store or the
selection. Edges are a handful of ``PlotCurveItem`` paths (``connect="pairs"``), one per
pen; nodes one ``ScatterPlotItem``; arrowheads another, their symbols rotated in 10° steps.
Hit tests are vectorised over pixel positions rather than one hover item per node.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from models.graph import CO_PARTICIPATION_KIND, Edge
from ui.graph import style
from ui.graph.bends import bends, bent_points, middles, segment_distance
from ui.graph.flat import FlatCurve, FlatScatter
from ui.graph.labels import LabelLayer
from ui.graph.naming import place_names
from ui.theme import chart_theme

HIT_SLACK_PX = 3.0
LEGEND_CHARS = 36  # a legend entry on screen is cut to this many characters
EDGE_HIT_PX = 5.0


@dataclass
class Picture:
    """What to draw: nodes as parallel arrays, edges as rows into them."""

    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    xy: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    colours: list[str] = field(default_factory=list)
    sizes: np.ndarray = field(default_factory=lambda: np.zeros(0))
    names: list[str] = field(default_factory=list)
    pinned: set[int] = field(default_factory=set)
    edges: list[Edge] = field(default_factory=list)
    ends: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int64))
    priority: list[int] = field(default_factory=list)  # node rows, best label first
    legend: list[tuple[str, str]] = field(default_factory=list)  # communities' (colour, name)


class _NodesItem(FlatScatter):
    """The nodes: a left click selects one, a left drag moves it; elsewhere the view pans."""

    def __init__(self, view: NetworkView) -> None:
        super().__init__(pxMode=True, hoverable=False)
        self._view = view
        self._dragged: int | None = None
        self._linking = False

    def _drag_link(self, ev) -> None:
        """Shift+drag from one node to another asks for a relationship between them."""
        start, end = ev.buttonDownPos(), ev.pos()
        self._view.link_line.setData([start.x(), end.x()], [start.y(), end.y()])
        self._view.link_line.setVisible(not ev.isFinish())
        if ev.isFinish():
            source, self._dragged = self._dragged, None
            target = self._view.node_at_scene(ev.scenePos())
            if source is not None and target is not None and target != source:
                self._view.link_requested.emit(source, target)

    def mouseClickEvent(self, ev) -> None:
        node = self._view.node_at_scene(ev.scenePos())
        if ev.button() == Qt.MouseButton.LeftButton and node is not None:
            ev.accept()
            self._view.node_clicked.emit(node)
        else:
            ev.ignore()

    def mouseDragEvent(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        if ev.isStart():
            self._dragged = self._view.node_at_scene(ev.buttonDownScenePos())
            self._linking = bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self._dragged is None:
            ev.ignore()
            return
        ev.accept()
        if self._linking:
            self._drag_link(ev)
            return
        node, pos = self._dragged, ev.pos()
        self._view.move_node(node, pos.x(), pos.y())
        if ev.isFinish():
            self._dragged = None
            self._view.node_moved.emit(node, pos.x(), pos.y())


class NetworkView(QObject):
    """The PlotWidget and the items that draw one network."""

    node_clicked = Signal(int)
    node_moved = Signal(int, float, float)  # a drag ended here
    link_requested = Signal(int, int)  # a Shift+drag from one node ended on another

    def __init__(self, parent: QObject | None = None, label_limit: int = 150) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background=chart_theme().background)
        self.plot_widget.setAccessibleName("Network of entities")
        plot = self.plot_widget.getPlotItem()
        for axis in ("left", "bottom"):
            plot.hideAxis(axis)
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.setAspectLocked(True)
        self.view_box = plot.getViewBox()
        self.legend = pg.LegendItem(offset=None)  # beside the drawing, never over it
        self.legend.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        plot.layout.addItem(self.legend, 2, 3, Qt.AlignmentFlag.AlignTop)
        self.kinds_shown = False  # relationship kinds written on the edges
        self.support: dict[int, int] | None = None  # relationship id → sources; None: unread
        self.inferred: frozenset[int] = frozenset()  # relationships inferred, not stated
        self.weak: frozenset[int] = frozenset()  # cited, best grade D–E or 4–5
        self.undated_style = False  # undated relationships dashed (the time-window mode)
        self._curves: dict[tuple[str, int, str], FlatCurve] = {}
        self.nodes = _NodesItem(self)
        self.nodes.setZValue(10)
        self.arrows = FlatScatter(pxMode=True, pen=None)
        self.arrows.setZValue(5)
        self.link_line = pg.PlotCurveItem()
        self.link_line.setZValue(20)
        self.link_line.setVisible(False)
        for item in (self.arrows, self.nodes, self.link_line):
            self.view_box.addItem(item)
        self.labels = LabelLayer(self.view_box, self.to_view, label_limit)
        self.label_blockers: list[QWidget] = []
        self.picture = Picture()
        self.highlight: set[int] = set()
        self.selected: int | None = None
        self._decorate_timer = QTimer(self, singleShot=True, interval=0)
        self._decorate_timer.timeout.connect(self._decorate)
        self.view_box.sigRangeChanged.connect(self._decorate_timer.start)
        self.view_box.sigResized.connect(self._decorate_timer.start)
        # a view fitted and not moved since is fitted again when its size settles (docks
        # and toolbars arrive after the first fit)
        self._fitted = False
        self._refit_timer = QTimer(self, singleShot=True, interval=0)
        self._refit_timer.timeout.connect(lambda: self._fitted and self.fit(self._padding))
        self.view_box.sigResized.connect(self._refit_timer.start)
        self.view_box.sigRangeChangedManually.connect(self._moved_by_hand)
        self._padding = 0.12
        self.apply_theme()

    # -- what to draw ------------------------------------------------------------------

    def apply_theme(self) -> None:
        """Colours from ``ui.theme`` (light or dark palette); redraws what is shown."""
        theme = chart_theme()
        self.plot_widget.setBackground(theme.background)
        self.legend.setLabelTextColor(theme.text)
        self.legend.setBrush(pg.mkBrush(*theme.chip[:3], 210))
        self.link_line.setPen(pg.mkPen(theme.text, width=2, style=Qt.PenStyle.DashLine))
        for key, curve in self._curves.items():
            curve.setPen(style.edge_pen(*key))
        self._redraw()

    def show(self, picture: Picture, highlight: set[int], selected: int | None) -> None:
        self.picture = picture
        self.set_highlight(highlight, selected)

    def set_highlight(self, ids: set[int], selected: int | None) -> None:
        self.highlight, self.selected = set(ids), selected
        self._redraw()

    def set_legend(self, entries: list[tuple[str, str]]) -> None:
        """(colour, text) pairs, in one column beside the drawing. Texts may hold entity
        names (a community is named after a member): escaped, and long ones shortened
        here (the chart's own legend has them whole)."""
        self.legend.clear()
        for colour, text in entries:
            sample = pg.ScatterPlotItem(symbol="o", size=10, brush=style.brush(colour),
                                        pen=style.node_pen("plain"))
            short = _shorten(text)
            self.legend.addItem(sample, html.escape(short, quote=False))
        lines = list(style.SUPPORT_LEGEND) if self.support is not None and any(
            e.relationship_id for e in self.picture.edges) else []
        if self.inferred_drawn():
            lines.append(style.INFERRED_LEGEND)
        if self.support is not None and self.weak_drawn():
            lines.append(style.WEAK_LEGEND)
        for family, text in lines:
            line = pg.PlotDataItem(pen=style.edge_pen(family, 0, "normal"))
            self.legend.addItem(line, text)
        self.legend.setColumnCount(1)
        self.legend.layout.activate()  # its size now, for fit() and the labels
        self.legend.setVisible(bool(entries))

    def move_node(self, node: int, x: float, y: float) -> None:
        rows = np.flatnonzero(self.picture.ids == node)
        if len(rows):
            self.picture.xy[rows[0]] = (x, y)
            self._redraw()

    def fit(self, padding: float = 0.12) -> None:
        """Show every node; if a note would cover some, make room for it."""
        if not len(self.picture.ids):
            return
        self.view_box.autoRange(items=[self.nodes], padding=padding)
        self._make_room_for_notes()
        self._fitted, self._padding = True, padding

    def _moved_by_hand(self, *args) -> None:
        self._fitted = False

    def detach_legend(self) -> None:
        """Take the legend out of the plot (an export draws its own above the chart)."""
        self.legend.setVisible(False)
        self.plot_widget.getPlotItem().layout.removeItem(self.legend)

    def _make_room_for_notes(self) -> None:
        """Notes sit in the top-left corner: room above the nodes for one covering them."""
        px = self.pixel()
        for note in self.label_blockers:
            if px > 0 and note.isVisible() and self._nodes_within(QRectF(note.geometry())):
                rect = self.view_box.viewRect()
                self.view_box.setRange(xRange=(rect.left(), rect.right()),
                                       yRange=(rect.top(), rect.bottom()
                                               + (note.height() + 10) * px), padding=0)
                px = self.pixel()

    def _nodes_within(self, box: QRectF) -> bool:
        """Whether a node is drawn in a box of the plot widget (with a node's margin)."""
        box = box.adjusted(-12, -12, 12, 12)  # a node's radius and a little air
        pixels = self.node_pixels()
        return bool(np.any((pixels[:, 0] >= box.left()) & (pixels[:, 0] <= box.right())
                           & (pixels[:, 1] >= box.top()) & (pixels[:, 1] <= box.bottom())))

    def centre_on(self, node: int) -> None:
        """Pan so the node is in the middle of the view, keeping the zoom."""
        rows = np.flatnonzero(self.picture.ids == node)
        if not len(rows):
            return
        x, y = self.picture.xy[rows[0]]
        rect = self.view_box.viewRect()
        self.view_box.translateBy(x=x - rect.center().x(), y=y - rect.center().y())
        self._fitted = False

    def _redraw(self) -> None:
        self._draw_nodes()
        self._draw_edges()
        self._decorate()

    def _state(self, row: int) -> str:
        node = int(self.picture.ids[row])
        if node == self.selected:
            return "selected"
        if self.highlight and node not in self.highlight:
            return "dim"
        return "pinned" if node in self.picture.pinned else "plain"

    def _draw_nodes(self) -> None:
        p = self.picture
        states = [self._state(i) for i in range(len(p.ids))]
        brushes = [style.brush(c, s == "dim") for c, s in zip(p.colours, states, strict=True)]
        pens = [style.node_pen(s) for s in states]
        self.nodes.setData(x=p.xy[:, 0], y=p.xy[:, 1], size=p.sizes, brush=brushes, pen=pens,
                           symbol="o", data=p.ids)

    def _edge_state(self, edge: Edge) -> str:
        if not self.highlight:
            return "normal"
        inside = edge.source in self.highlight and edge.target in self.highlight
        return "bright" if inside else "dim"

    def _edge_key(self, edge: Edge) -> tuple[str, int, str]:
        if edge.kind == CO_PARTICIPATION_KIND and edge.relationship_id is None:
            return ("shared", style.shared_bin(edge.weight), self._edge_state(edge))
        if self.undated_style and edge.earliest is None and edge.latest is None:
            return ("undated", 0, self._edge_state(edge))
        return (self._support_family(edge), 0, self._edge_state(edge))

    def _support_family(self, edge: Edge) -> str:
        """Solid for two or more sources, dashed for one, faint for none; dash-dot where
        the relationship is inferred (and faint as well if nothing is cited for it);
        lighter, with the same dashes, where its best grade is weak."""
        if edge.relationship_id is None:
            return "relationship"
        count = 2 if self.support is None else self.support.get(edge.relationship_id, 0)
        weak = style.WEAK_SUFFIX if count and edge.relationship_id in self.weak else ""
        if edge.relationship_id in self.inferred:
            return "inferred" + weak if count else "inferred uncited"
        if not count:
            return "uncited"
        return ("relationship" if count >= 2 else "single") + weak

    def weak_drawn(self) -> bool:
        """Whether a line drawn is of a weakly graded relationship (the key then says so)."""
        return bool(self.weak) and any(e.relationship_id in self.weak
                                       for e in self.picture.edges)

    def inferred_drawn(self) -> bool:
        """Whether a line drawn is of an inferred relationship (the key then says so)."""
        return bool(self.inferred) and any(e.relationship_id in self.inferred
                                           for e in self.picture.edges)

    def _draw_edges(self) -> None:
        groups: dict[tuple[str, int, str], list[int]] = {}
        for i, edge in enumerate(self.picture.edges):
            groups.setdefault(self._edge_key(edge), []).append(i)
        shares = bends(self.picture.ends)  # lines sharing two nodes are bowed apart
        for key in set(groups) | set(self._curves):
            rows = groups.get(key, [])
            curve = self._curves.get(key) or self._new_curve(key)
            xy = bent_points(self.picture.xy, self.picture.ends[rows], shares[rows])
            curve.setData(x=xy[:, 0], y=xy[:, 1], connect="pairs")

    def _new_curve(self, key: tuple[str, int, str]) -> FlatCurve:
        curve = FlatCurve(pen=style.edge_pen(*key), antialias=True)
        curve.setZValue({"dim": 0, "normal": 1, "bright": 2}[key[2]] + (key[0] == "shared"))
        self.view_box.addItem(curve)
        self._curves[key] = curve
        return curve

    # -- arrowheads and labels follow the zoom ---------------------------------------------

    def _decorate(self) -> None:
        self._draw_arrows()
        self._place_labels()

    def pixel(self) -> float:
        px_w = self.view_box.viewPixelSize()[0]
        return float(px_w) if px_w > 0 else 0.0

    def _draw_arrows(self) -> None:
        p, px = self.picture, self.pixel()
        rows = [i for i, e in enumerate(p.edges) if e.directed]
        if not rows or px <= 0:
            self.arrows.setData(x=[], y=[])
            return
        ends = p.ends[rows]  # the head points along the last stretch of a bowed line
        start, end = middles(p.xy, ends, bends(p.ends)[rows]), p.xy[ends[:, 1]]
        delta = end - start
        length = np.hypot(delta[:, 0], delta[:, 1])
        keep = length > 0
        unit = delta[keep] / length[keep, None]
        back = (p.sizes[ends[keep, 1]] / 2 + style.ARROW_SIZE / 2 + 1) * px
        tips = end[keep] - unit * back[:, None]
        angles = np.degrees(np.arctan2(-unit[:, 1], unit[:, 0]))
        symbols = [style.arrow_path(round(float(a) / 10) % 36) for a in angles]
        states = [self._edge_state(p.edges[r]) for r, k in zip(rows, keep, strict=True) if k]
        theme = chart_theme()
        plain, bright = QColor(*theme.edge_rgb).name(), theme.text
        brushes = [style.brush(plain if s != "bright" else bright, s == "dim") for s in states]
        self.arrows.setData(x=tips[:, 0], y=tips[:, 1], symbol=symbols, brush=brushes,
                            size=style.ARROW_SIZE)

    def _place_labels(self) -> None:
        place_names(self)

    def relabel(self) -> None:
        """Place the labels again now (after a change of what they show)."""
        self._decorate()

    def plot_box(self) -> tuple[float, float, float, float]:
        """The drawing's box (x0, y0, x1, y1) in viewport pixels."""
        rect = self.plot_widget.mapFromScene(self.view_box.sceneBoundingRect()).boundingRect()
        return (float(rect.left()), float(rect.top()), float(rect.right()),
                float(rect.bottom()))

    def blocked(self) -> np.ndarray:
        """Boxes labels must keep clear of: the legend and any overlay widgets."""
        rects = []
        if self.legend.isVisible():
            rects.append(self.plot_widget.mapFromScene(
                self.legend.sceneBoundingRect()).boundingRect())
        viewport = self.plot_widget.viewport()
        for widget in self.label_blockers:
            if widget.isVisible():
                rects.append(widget.geometry().translated(-viewport.pos()))
        return np.array([(r.left(), r.top(), r.right(), r.bottom()) for r in rects],
                        dtype=float).reshape(-1, 4)

    # -- hit tests ---------------------------------------------------------------------------

    def _to_viewport(self) -> QTransform:
        """View coordinates -> viewport pixels of the PlotWidget."""
        return self.view_box.childGroup.sceneTransform() * self.plot_widget.viewportTransform()

    def to_view(self, x: float, y: float) -> tuple[float, float]:
        """Viewport pixel (x, y) -> view coordinates."""
        point = self._to_viewport().inverted()[0].map(QPointF(x, y))
        return point.x(), point.y()

    def node_pixels(self) -> np.ndarray:
        return self._pixels_of(self.picture.xy)

    def _pixels_of(self, xy: np.ndarray) -> np.ndarray:
        """View coordinates -> viewport pixels, for many points at once."""
        t = self._to_viewport()
        px = xy[:, 0] * t.m11() + xy[:, 1] * t.m21() + t.dx()
        py = xy[:, 0] * t.m12() + xy[:, 1] * t.m22() + t.dy()
        return np.column_stack([px, py])

    def node_at(self, x: float, y: float) -> int | None:
        """The node drawn at viewport pixel (x, y), the nearest if several."""
        if not len(self.picture.ids):
            return None
        pixels = self.node_pixels()
        distance = np.hypot(pixels[:, 0] - x, pixels[:, 1] - y)
        reach = self.picture.sizes / 2 + HIT_SLACK_PX
        inside = np.flatnonzero(distance <= reach)
        if not len(inside):
            return None
        return int(self.picture.ids[inside[np.argmin(distance[inside])]])

    def node_at_scene(self, pos: QPointF) -> int | None:
        point = self.plot_widget.mapFromScene(pos)
        return self.node_at(point.x(), point.y())

    def edges_at(self, x: float, y: float) -> list[Edge]:
        """Edges passing within a few pixels of viewport pixel (x, y), nearest first."""
        p = self.picture
        if not p.edges:
            return []
        pixels = self.node_pixels()
        a, b = pixels[p.ends[:, 0]], pixels[p.ends[:, 1]]
        m = self._pixels_of(middles(p.xy, p.ends, bends(p.ends)))
        near = np.minimum(segment_distance(a, m, x, y), segment_distance(m, b, x, y))
        rows = np.flatnonzero(near <= EDGE_HIT_PX)
        return [p.edges[r] for r in rows[np.argsort(near[rows], kind="stable")]]

    def view_rect(self) -> QRectF:
        return self.view_box.viewRect()


def _shorten(text: str) -> str:
    """Cut in the middle: "around Government of the United States (12)" and "… Republic
    of Korea (9)" differ at their ends, which a cut at the end would lose."""
    if len(text) <= LEGEND_CHARS:
        return text
    keep = LEGEND_CHARS - 1
    return text[:keep // 2].rstrip() + "…" + text[-(keep - keep // 2):].lstrip()
