"""Node names that stay readable: a pool of unscaled text items placed without overlap.

A ``pg.TextItem`` keeps its size whatever the zoom. At most ``limit`` are shown; after each
view change the candidates (in priority order: selection, its neighbours, then the best
connected) are placed greedily below, above, right or left of their node (the first place that
is free), skipping any that would cover a placed label or another node (the highlighted ones
and the biggest hubs may cover nodes), or run off the view. Zooming in therefore shows more names,
never a heap of them. Boxes are reckoned in viewport pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from ui.graph.style import label_font
from ui.theme import chart_theme

GAP_PX = 2.0
TEXT_MARGIN_PX = 1  # the label's document margin, on each side
# where a label may go: (direction x, direction y) from its node, in viewport pixels
# (y down), and the TextItem anchor that puts it there
PLACES = (((0, 1), (0.5, 0.0)), ((0, -1), (0.5, 1.0)), ((1, 0), (0.0, 0.5)),
          ((-1, 0), (1.0, 0.5)))


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


class LabelLayer:
    """The pooled labels of one ViewBox."""

    def __init__(self, view_box: pg.ViewBox, limit: int = 150) -> None:
        self._view_box = view_box
        self._limit = limit
        self._font = label_font()
        self._strong = QFont(self._font)
        self._strong.setBold(True)
        self._metrics = QFontMetricsF(self._font)
        self._strong_metrics = QFontMetricsF(self._strong)
        self._pool: list[pg.TextItem] = []
        self._shown: dict[int, str] = {}

    def shown(self) -> dict[int, str]:
        """Node id -> label text, of the labels now visible."""
        return dict(self._shown)

    def place(self, candidates: list[LabelCandidate], nodes: np.ndarray, key_nodes: np.ndarray,
              bounds: tuple[float, float, float, float], dimmed: bool) -> None:
        """Show as many candidates as fit, in the order given.

        ``nodes`` are boxes (x0, y0, x1, y1) of every drawn node (and of anything else to
        keep clear of), ``key_nodes`` those no label may cover, ``bounds`` the view's box:
        all in viewport pixels.
        """
        px = self._view_box.viewPixelSize()[1]
        boxes = np.empty((self._limit, 4))
        count = 0
        self._shown = {}
        for c in candidates:
            if count == self._limit:
                break
            found = self._free_place(c, (nodes, key_nodes), boxes[:count], bounds)
            if found is not None:
                place, boxes[count], over_nodes = found
                self._show(count, c, place, px, dimmed)
                self._pool[count].setZValue(12 if c.strong or over_nodes else 8)
                count += 1
        self._hide_from(count)

    def _free_place(self, c: LabelCandidate, obstacles: tuple[np.ndarray, np.ndarray],
                    taken: np.ndarray, bounds: tuple[float, float, float, float]
                    ) -> tuple[int, np.ndarray, bool] | None:
        """The first side clear of labels and nodes; for ``covers``, else clear of labels
        and key nodes. Returns (side, box, whether it covers nodes)."""
        for avoid in obstacles if c.covers else obstacles[:1]:
            for place, (direction, _) in enumerate(PLACES):
                box = self._box(c, direction)
                if _inside(box, bounds) and not _overlaps(taken, box) and not _overlaps(
                        avoid, box):
                    return place, box, avoid is obstacles[1]
        return None

    def _box(self, c: LabelCandidate, direction: tuple[int, int]) -> np.ndarray:
        """The label's box (x0, y0, x1, y1) in viewport pixels on one side of its node."""
        metrics = self._strong_metrics if c.strong else self._metrics
        width = metrics.horizontalAdvance(c.text) + 2 * TEXT_MARGIN_PX
        height = math.ceil(metrics.height()) + 2 * TEXT_MARGIN_PX
        off = c.radius_px + GAP_PX
        dx, dy = direction
        cx = c.sx + dx * (off + width / 2)
        cy = c.sy + dy * (off + height / 2)
        return np.array([cx - width / 2 - GAP_PX, cy - height / 2,
                         cx + width / 2 + GAP_PX, cy + height / 2])

    def _show(self, slot: int, c: LabelCandidate, place: int, px: float, dimmed: bool) -> None:
        while len(self._pool) <= slot:
            item = pg.TextItem(anchor=(0.5, 0.0))
            item.textItem.document().setDocumentMargin(TEXT_MARGIN_PX)
            self._view_box.addItem(item, ignoreBounds=True)
            self._pool.append(item)
        item = self._pool[slot]
        faded = dimmed and not c.strong
        theme = chart_theme()
        item.fill = pg.mkBrush(*theme.chip[:3], 200)
        item.setColor(QColor(theme.muted_text if faded else theme.text))
        item.setFont(self._strong if c.strong else self._font)
        item.setText(c.text)
        (dx, dy), anchor = PLACES[place]
        off = (c.radius_px + GAP_PX) * px
        item.setAnchor(anchor)
        item.setPos(c.x + dx * off, c.y - dy * off)
        item.setVisible(True)
        self._shown[c.node] = c.text

    def _hide_from(self, slot: int) -> None:
        for item in self._pool[slot:]:
            item.setVisible(False)


def _inside(box: np.ndarray, bounds: tuple[float, float, float, float]) -> bool:
    return bool(box[0] >= bounds[0] and box[1] >= bounds[1] and box[2] <= bounds[2]
                and box[3] <= bounds[3])


def _overlaps(boxes: np.ndarray, box: np.ndarray) -> bool:
    return bool(np.any((boxes[:, 0] < box[2]) & (box[0] < boxes[:, 2])
                       & (boxes[:, 1] < box[3]) & (box[1] < boxes[:, 3])))
