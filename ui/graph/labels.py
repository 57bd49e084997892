"""Names that stay readable: a pool of unscaled text items placed without overlap.

A label keeps its size whatever the zoom. At most ``limit`` are shown; after each view change
the candidates (in priority order: selection, its neighbours, then the best connected) are
placed by a greedy label-adjust pass: each takes the first free spot of a ring of places
around its node (below, above, right, left, the corners; then the same a little further out),
skipping spots that would cover a placed label or another node (the highlighted ones and the
biggest hubs may cover nodes), or run off the view. A label that must show (the selection)
takes its first spot inside the view even if nothing is free. Relationship kinds, when asked
for, are placed afterwards along their edges, in the space the names left.

Boxes are reckoned in viewport pixels and looked up in a grid of cells (``BoxGrid``), so one
pass costs labels × places × the few boxes near each place, never labels × nodes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen

from ui.graph.style import label_font
from ui.theme import chart_theme

GAP_PX = 2.0
TEXT_MARGIN_PX = 1  # the label's document margin, on each side
CELL_PX = 48.0
# where a label may go: its box's side towards the node, as (x, y) in viewport pixels (y down)
DIRECTIONS = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
# then the same sides slid along: a name below or above its node with the node over its
# first or last letters, beside it level with its top or bottom line. A long name in a
# crowd finds room next to its node this way rather than far out on a leader line.
# (x, y, slide x, slide y): the slide in half the box's free width or height
SLIDES = ((0, 1, 1, 0), (0, 1, -1, 0), (0, -1, 1, 0), (0, -1, -1, 0),
          (1, 0, 0, 1), (1, 0, 0, -1), (-1, 0, 0, 1), (-1, 0, 0, -1))
NEAR_WAYS = tuple((x, y, 0, 0) for x, y in DIRECTIONS) + SLIDES
# further out, 24 ways round (a box's centre along the angle, its side at the ring)
FAR_DIRECTIONS = tuple((round(math.cos(math.pi * k / 12), 3),
                        round(math.sin(math.pi * k / 12), 3)) for k in range(24))
RINGS_PX = (0.0, 6.0, 14.0)  # further out, for a label with no room next to its node
# on screen, a name with no room next to its node may go a little further, with a leader
SCREEN_RINGS_PX = (*RINGS_PX, 24.0, 36.0)
# a chart names every node: further rings still, joined to their node by a leader line
CHART_RINGS_PX = (0.0, 6.0, 14.0, 24.0, 36.0, 50.0, 66.0, 84.0, 104.0, 128.0, 156.0, 188.0, 224.0)
FAR_TRIES = 300  # left-over names tried further out: more would not fit anyway, and cost
LEADER_FROM_PX = 10.0  # a label this far from its node gets a leader line
EDGE_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7)  # along an edge, for its kind
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class LabelCandidate:
    node: int
    text: str
    x: float  # view coordinates of the node
    y: float
    sx: float  # viewport pixels of the node
    sy: float
    radius_px: float
    strong: bool = False  # highlighted: bold, drawn over nodes
    covers: bool = False  # may cover other nodes (the selection, the biggest hubs)
    must: bool = False  # shown even where nothing is free (the selection)


@dataclass(frozen=True)
class EdgeCandidate:
    """A relationship kind to write on its edge, between two viewport points."""

    text: str
    a: tuple[float, float]  # viewport pixels of the ends
    b: tuple[float, float]


class BoxGrid:
    """Boxes (x0, y0, x1, y1) binned into square cells, for overlap tests near one box."""

    def __init__(self, cell: float = CELL_PX) -> None:
        self._cell = cell
        self._cells: dict[tuple[int, int], list[int]] = {}
        self.boxes: list[Box] = []
        self._array = np.zeros((64, 4))  # the same boxes, for numpy tests

    def _keys(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self._cell
        for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        index = len(self.boxes)
        self.boxes.append(box)
        if index == len(self._array):
            self._array = np.vstack([self._array, np.zeros_like(self._array)])
        self._array[index] = box
        for key in self._keys(box):
            self._cells.setdefault(key, []).append(index)

    def hits(self, box: Box) -> bool:
        for key in self._keys(box):
            for index in self._cells.get(key, ()):
                if overlaps(self.boxes[index], box):
                    return True
        return False

    def blocked(self, spots: np.ndarray) -> np.ndarray:
        """For each row of ``spots`` (n, 4), whether a box overlaps it: one look-up of
        the cells around them all, then one numpy comparison."""
        if not len(spots) or not self.boxes:
            return np.zeros(len(spots), dtype=bool)
        region = (float(spots[:, 0].min()), float(spots[:, 1].min()),
                  float(spots[:, 2].max()), float(spots[:, 3].max()))
        near = [i for key in self._keys(region) for i in self._cells.get(key, ())]
        if not near:
            return np.zeros(len(spots), dtype=bool)
        b = self._array[near]
        return ((b[None, :, 0] < spots[:, None, 2]) & (spots[:, None, 0] < b[None, :, 2])
                & (b[None, :, 1] < spots[:, None, 3]) & (spots[:, None, 1] < b[None, :, 3])
                ).any(axis=1)


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(box: Box, bounds: Box) -> bool:
    return (box[0] >= bounds[0] and box[1] >= bounds[1] and box[2] <= bounds[2]
            and box[3] <= bounds[3])


class NameLabel(pg.TextItem):
    """A ``TextItem`` that draws its text itself, in one ``drawText`` over its halo.

    Why: the ``QGraphicsTextItem`` inside a ``TextItem`` paints through its document,
    which leaves a clip set in ``QSvgGenerator``: in an SVG export every item painted after
    a label (the nodes) sat in that label's clip path and vanished. One ``drawText`` keeps
    real text in SVG and PDF without the clip.
    """

    def __init__(self) -> None:
        super().__init__(anchor=(0.0, 0.0))
        self.textItem.document().setDocumentMargin(TEXT_MARGIN_PX)
        self.textItem.setVisible(False)
        # (x, y, radius) of the node in the label's own pixels, when it is far away
        self.leader: tuple[float, float, float] | None = None

    def paint(self, p, *args) -> None:
        """The halo, then the text. Like ``TextItem.paint`` this follows the view's scale
        on the first paint in a scene; unlike it, it keeps the painter's own mapping (an
        export's offset and scale) rather than replacing it with the scene's transform."""
        scene = self.scene()
        if scene is not self._lastScene:
            if self._lastScene is not None:
                self._lastScene.sigPrepareForPaint.disconnect(self.updateTransform)
            self._lastScene = scene
            if scene is not None:
                scene.sigPrepareForPaint.connect(self.updateTransform)
            device = self.sceneTransform().inverted()[0] * p.transform()
            self.updateTransform()
            p.setTransform(self.sceneTransform() * device)
        rect = self.textItem.mapRectToParent(self.textItem.boundingRect())
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.fill)
        p.drawRoundedRect(rect, 2.0, 2.0)
        if self.leader is not None:
            self._draw_leader(p, rect)
        p.setFont(self.textItem.font())
        p.setPen(self.color)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.textItem.toPlainText())


    def _draw_leader(self, p, rect) -> None:
        """A thin line from the label's nearest edge to the rim of its node."""
        x, y, radius = self.leader
        near = QPointF(min(max(x, rect.left()), rect.right()),
                       min(max(y, rect.top()), rect.bottom()))
        length = math.hypot(x - near.x(), y - near.y())
        if length <= radius + 2:
            return
        end = QPointF(x - (x - near.x()) * radius / length, y - (y - near.y()) * radius / length)
        pen = QPen(QColor(muted_label()))  # dotted and grey: never taken for an edge
        pen.setWidthF(1.0)
        pen.setStyle(Qt.PenStyle.DotLine)
        p.setPen(pen)
        p.drawLine(near, end)


def muted_label() -> str:
    """Names outside the selection: fainter than the rest, still 4.5:1 on the background
    (the light theme's muted grey is 4.4:1, so the graph darkens it a little)."""
    theme = chart_theme()
    return theme.muted_text if theme.dark else "#6A6A6A"


class LabelLayer:
    """The pooled labels of one ViewBox."""

    def __init__(self, view_box: pg.ViewBox, to_view: Callable[[float, float], tuple[
            float, float]], limit: int = 150) -> None:
        """``to_view``: viewport pixels -> view coordinates, as the view maps them now."""
        self._view_box = view_box
        self._to_view = to_view
        self.limit = limit
        self._font = label_font()
        self._strong = QFont(self._font)
        self._strong.setBold(True)
        self._kind_font = QFont(self._font)
        self._kind_font.setItalic(True)
        self._kind_font.setPointSizeF(self._font.pointSizeF() - 1)
        self._pool: list[NameLabel] = []
        self._used = 0
        self._shown: dict[int, str] = {}
        self._boxes: dict[int, Box] = {}
        self._kinds: list[tuple[str, Box]] = []
        self.rings = SCREEN_RINGS_PX
        self._metrics: dict[str, QFontMetricsF] = {}

    def shown(self) -> dict[int, str]:
        """Node id -> label text, of the labels now visible."""
        return dict(self._shown)

    def boxes(self) -> dict[int, Box]:
        """Node id -> its label's box in viewport pixels."""
        return dict(self._boxes)

    def kind_labels(self) -> list[tuple[str, Box]]:
        """The relationship kinds written on edges, with their boxes in viewport pixels."""
        return list(self._kinds)

    def items(self) -> list[NameLabel]:
        return self._pool[:self._used]

    def place(self, candidates: list[LabelCandidate], nodes: np.ndarray, key_nodes: np.ndarray,
              bounds: Box, dimmed: bool, edges: list[EdgeCandidate] | None = None) -> None:
        """Show as many candidates as fit, in the order given, then the edges' kinds.

        ``nodes`` are boxes (x0, y0, x1, y1) of every drawn node (and of anything else to
        keep clear of), ``key_nodes`` those no label may cover, ``bounds`` the view's box:
        all in viewport pixels.
        """
        grids = (_grid(nodes), _grid(key_nodes))
        taken = BoxGrid()
        self._used, self._shown, self._boxes, self._kinds = 0, {}, {}, []
        near, far = self.rings[:len(RINGS_PX)], self.rings[len(RINGS_PX):]
        # every label first tries next to its node; only then do the left-over ones go
        # further out, so an early label never takes a far spot a later one needed near
        left = self._place_names(candidates, near, grids, taken, bounds, dimmed, bool(far))
        if far:
            self._place_names(left[:FAR_TRIES], far, grids, taken, bounds, dimmed, False)
        for edge in edges or ():
            if self._used == self.limit:
                break
            self._place_kind(edge, grids[0], taken, bounds)
        for item in self._pool[self._used:]:
            item.setVisible(False)

    def _place_names(self, candidates: list[LabelCandidate], rings: tuple[float, ...],
                     grids: tuple[BoxGrid, BoxGrid], taken: BoxGrid, bounds: Box,
                     dimmed: bool, more: bool) -> list[LabelCandidate]:
        """Place what fits on ``rings``; return the candidates left (``more``: a later
        pass may still place them, so none is forced yet)."""
        left = []
        for c in candidates:
            if self._used == self.limit:
                break
            found = self._free_place(c, rings, grids, taken, bounds, force=not more)
            if found is None:
                left.append(c)
                continue
            box, over_nodes, ring = found
            taken.add(box)
            self._boxes[c.node] = box
            self._shown[c.node] = c.text
            z = 12 if c.strong or over_nodes else 8
            item = self._show_at(c.text, self._to_view(box[0], box[1]),
                                 self._strong if c.strong else self._font,
                                 muted_label() if dimmed and not c.strong else None, z)
            item.leader = ((c.sx - box[0], c.sy - box[1], c.radius_px)
                           if ring >= LEADER_FROM_PX else None)
        return left

    def _size(self, text: str, font: QFont) -> tuple[float, float]:
        key = font.key()
        metrics = self._metrics.get(key)
        if metrics is None:
            metrics = self._metrics[key] = QFontMetricsF(font)
        return (metrics.horizontalAdvance(text) + 2 * TEXT_MARGIN_PX + 2,
                math.ceil(metrics.height()) + 2 * TEXT_MARGIN_PX)

    def _free_place(self, c: LabelCandidate, rings: tuple[float, ...],
                    grids: tuple[BoxGrid, BoxGrid], taken: BoxGrid, bounds: Box,
                    force: bool) -> tuple[Box, bool, float] | None:
        """The first spot clear of labels and nodes; for ``covers``, else clear of labels
        and key nodes; for ``must``, else the first spot in the view. Returns (box,
        whether it may cover nodes, how far out)."""
        width, height = self._size(c.text, self._strong if c.strong else self._font)
        ways = NEAR_WAYS if rings[0] < RINGS_PX[-1] + 1 else tuple(
            (x, y, 0, 0) for x, y in FAR_DIRECTIONS)
        first: tuple[Box, float] | None = None
        # near rings together (a small region); far ones ring by ring, nearest first
        for chunk in ([rings] if len(rings) <= len(RINGS_PX) else [(r,) for r in rings]):
            spots, ring_of = _spots(c, ways, chunk, width, height, bounds)
            if not len(spots):
                continue
            first = first or (tuple(float(v) for v in spots[0]), float(ring_of[0]))
            clear_of_labels = ~taken.blocked(spots)
            for avoid in grids if c.covers else grids[:1]:
                free = np.flatnonzero(clear_of_labels & ~avoid.blocked(spots))
                if len(free):
                    box = tuple(float(v) for v in spots[free[0]])
                    return box, avoid is grids[1], float(ring_of[free[0]])
        if force and c.must and first is not None:
            return first[0], True, first[1]
        return None

    def _place_kind(self, edge: EdgeCandidate, nodes: BoxGrid, taken: BoxGrid, bounds: Box
                    ) -> None:
        """The first spot along the edge clear of names, nodes and other kinds, if any."""
        width, height = self._size(edge.text, self._kind_font)
        (ax, ay), (bx, by) = edge.a, edge.b
        if math.hypot(bx - ax, by - ay) < width * 0.6:
            return  # too short to carry its kind readably
        for t in EDGE_SPOTS:
            cx, cy = ax + (bx - ax) * t, ay + (by - ay) * t
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            if _inside(box, bounds) and not taken.hits(box) and not nodes.hits(box):
                taken.add(box)
                self._kinds.append((edge.text, box))
                item = self._show_at(edge.text, self._to_view(box[0], box[1]),
                                     self._kind_font, None, 9)
                item.leader = None
                return

    def _show_at(self, text: str, xy: tuple[float, float], font: QFont, colour: str | None,
                 z: int) -> NameLabel:
        if self._used == len(self._pool):
            item = NameLabel()
            self._view_box.addItem(item, ignoreBounds=True)
            self._pool.append(item)
        item = self._pool[self._used]
        self._used += 1
        theme = chart_theme()
        item.fill = pg.mkBrush(*theme.chip[:3], 225)
        item.setColor(QColor(colour or theme.text))
        item.setFont(font)
        item.setText(text)
        item.setPos(*xy)
        item.setZValue(z)
        item.setVisible(True)
        return item


def _grid(boxes: np.ndarray) -> BoxGrid:
    grid = BoxGrid()
    for row in boxes:
        grid.add((float(row[0]), float(row[1]), float(row[2]), float(row[3])))
    return grid


def _spots(c: LabelCandidate, ways: tuple[tuple[float, float, float, float], ...],
           rings: tuple[float, ...], width: float, height: float, bounds: Box
           ) -> tuple[np.ndarray, np.ndarray]:
    """The boxes (x0, y0, x1, y1) of a label on each side of its node (slid along it, as
    ``ways`` say), ring by ring (the nearest first), that lie inside ``bounds``; and the
    ring of each."""
    way = np.tile(np.array(ways, dtype=float), (len(rings), 1))
    ring = np.repeat(np.array(rings, dtype=float), len(ways))
    off = c.radius_px + GAP_PX + ring
    # slid as far as leaves the node beside the box's first or last letters
    free_x = max(0.0, width / 2 - c.radius_px - GAP_PX)
    free_y = max(0.0, height / 2 - c.radius_px)
    cx = c.sx + way[:, 0] * (off + width / 2) + way[:, 2] * free_x
    cy = c.sy + way[:, 1] * (off + height / 2) + way[:, 3] * free_y
    boxes = np.column_stack([cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2])
    inside = ((boxes[:, 0] >= bounds[0]) & (boxes[:, 1] >= bounds[1])
              & (boxes[:, 2] <= bounds[2]) & (boxes[:, 3] <= bounds[3]))
    return boxes[inside], ring[inside]
