"""One picture of the timeline: what is in view, where in pixels, and which labels fit.

Computed whenever the view moves, from the packed items (``layout``) and the mapping
from plot to scene coordinates (``ViewMap``). Painting, picking and the label tests all
read the same ``Frame``, so what is hit is what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from ui.timeline.items import POINT, RELATION, SPAN, Items
from ui.timeline.layout import Layout
from ui.timeline.style import (
    BAR_PX,
    DENSITY_BIN_PX,
    LABEL_CAP,
    LABEL_GAP_PX,
    LABEL_MAX_PX,
    LABEL_MIN_PX,
    MARKER_PX,
    MIN_BAR_PX,
    RELATION_LABEL_RAISE_PX,
)

PICK_SLOP_PX = 3.0


@dataclass(frozen=True)
class ViewMap:
    """Plot coordinates (days since origin, rows from the top) to scene pixels and back."""

    x0: float
    x1: float
    y0: float
    y1: float
    left: float
    top: float
    width: float
    height: float

    @property
    def sx(self) -> float:
        return self.width / max(self.x1 - self.x0, 1e-12)

    @property
    def sy(self) -> float:
        return self.height / max(self.y1 - self.y0, 1e-12)

    def px(self, x: np.ndarray | float) -> np.ndarray | float:
        return self.left + (x - self.x0) * self.sx

    def py(self, y: np.ndarray | float) -> np.ndarray | float:
        return self.top + (y - self.y0) * self.sy

    def day(self, px: float) -> float:
        return self.x0 + (px - self.left) / self.sx

    def row(self, py: float) -> float:
        return self.y0 + (py - self.top) / self.sy


@dataclass
class Label:
    text: str
    rect: QRectF  # scene pixels
    chip: bool  # drawn over its bar, on a white chip
    item: int


@dataclass
class Density:
    edges: np.ndarray  # bin edges, scene pixels
    counts: np.ndarray  # (lanes, bins)
    total: int


@dataclass
class Frame:
    view: ViewMap
    indices: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    left: np.ndarray = field(default_factory=lambda: np.empty(0))
    right: np.ndarray = field(default_factory=lambda: np.empty(0))
    y: np.ndarray = field(default_factory=lambda: np.empty(0))
    labels: list[Label] = field(default_factory=list)
    density: Density | None = None
    notes: list[tuple[str, QRectF]] = field(default_factory=list)  # drawn on chips
    grid: tuple[np.ndarray, np.ndarray] = field(  # scene x of major and minor grid lines
        default_factory=lambda: (np.empty(0), np.empty(0)))
    open: np.ndarray = field(  # per item: -1 open toward earlier days, 1 later, 0 closed
        default_factory=lambda: np.empty(0, np.int8))


def detail_frame(layout: Layout, view: ViewMap, metrics: QFontMetricsF) -> Frame:
    """Items in view with their pixel extents, and the labels that fit."""
    items, packed = layout.items, layout.packed
    if packed is None:
        return Frame(view)
    pad = MARKER_PX / view.sx
    sel = packed.indices
    mask = ((items.start[sel] < view.x1 + pad) & (items.end[sel] > view.x0 - pad)
            & (packed.y > view.y0 - 1) & (packed.y < view.y1 + 1))
    indices = sel[mask]
    left, right = pixel_extents(items, indices, view)
    frame = Frame(view, indices, left, right, np.asarray(view.py(packed.y[mask])),
                  open=layout.openness(indices))
    widths = layout.widths(indices)
    if packed.whole and packed.label_x is not None:
        frame.labels = row_labels(frame, items, widths, packed.label_x[mask] + view.left,
                                  metrics)
    else:
        frame.labels = place_labels(frame, items, np.minimum(widths, LABEL_MAX_PX), metrics)
    for lane in np.flatnonzero(layout.hidden):
        text = (f"{layout.hidden[lane]:,} more items overlap here: zoom in, or split "
                "into lanes")
        bottom = float(view.py(layout.detail_tops[lane + 1]))
        frame.notes.append((text, _note_rect(text, view.left + 8, bottom - 4, metrics)))
    return frame


def _note_rect(text: str, x: float, bottom: float, metrics: QFontMetricsF) -> QRectF:
    width, height = metrics.horizontalAdvance(text) + 12, metrics.height() + 6
    return QRectF(x, bottom - height, width, height)


def pixel_extents(items: Items, indices: np.ndarray, view: ViewMap
                  ) -> tuple[np.ndarray, np.ndarray]:
    point = items.kind[indices] == POINT
    centre = np.asarray(view.px(items.centre[indices]))
    left = np.where(point, centre - MARKER_PX / 2, view.px(items.start[indices]))
    right = np.where(point, centre + MARKER_PX / 2,
                     np.maximum(view.px(items.end[indices]), left + MIN_BAR_PX))
    return left, right


def _label_slot(kind: int, left: float, right: float, core: float, width: float,
                view: ViewMap, next_left: float) -> tuple[float, float, bool]:
    """(x, room, inside): where a label could start and how wide it may be.

    On a span's bar the label starts where the sure part does, if it fits there, so that
    the hatched start stays visible.
    """
    vis_left = max(left, view.left)
    vis_right = min(right, view.left + view.width)
    if core > vis_left and vis_right - core >= width + 2 * LABEL_GAP_PX:
        vis_left = core
    if kind in (SPAN, RELATION) and vis_right - vis_left >= width + 2 * LABEL_GAP_PX:
        x = vis_left + LABEL_GAP_PX
        return x, vis_right - LABEL_GAP_PX - x, True
    x = right + LABEL_GAP_PX
    room = min(next_left - LABEL_GAP_PX, view.left + view.width) - x
    return x, room, False


def _label_rect(x: float, y: float, width: float, height: float, kind: int, inside: bool
                ) -> QRectF:
    """A relationship's label sits above its thin bar; any other is centred on its row."""
    if kind == RELATION and inside:
        y -= RELATION_LABEL_RAISE_PX
    return QRectF(x, y - height / 2, width, height)


def place_labels(frame: Frame, items: Items, widths: np.ndarray, metrics: QFontMetricsF
                 ) -> list[Label]:
    """Greedy, row by row and left to right: a label goes where it overlaps nothing.

    A label goes on its bar if the bar is wide enough, else right of the item, else (at
    the right edge of the view) left of it. One too long for its room is elided; one that
    would be shorter than ``LABEL_MIN_PX`` is left out (the tooltip still shows it).
    """
    view = frame.view
    order = np.lexsort((frame.left, frame.y)).tolist()
    ys, lefts, rights = frame.y.tolist(), frame.left.tolist(), frame.right.tolist()
    cores = np.nan_to_num(view.px(items.core0[frame.indices]), nan=-np.inf).tolist()
    labels: list[Label] = []
    cursor = view.left
    for k, j in enumerate(order):
        if k and ys[j] != ys[order[k - 1]]:
            cursor = view.left
        if len(labels) >= LABEL_CAP:
            break
        nxt = order[k + 1] if k + 1 < len(order) else None
        next_left = lefts[nxt] if nxt is not None and ys[nxt] == ys[j] else np.inf
        on_screen = rights[j] > view.left and lefts[j] < view.left + view.width
        item = int(frame.indices[j])
        label = _fit_label(items, item, (lefts[j], rights[j], cores[j], ys[j]), float(widths[j]),
                           (cursor, next_left), view, metrics) if on_screen else None
        if label is not None:
            labels.append(label)
            cursor = max(cursor, label.rect.right() + LABEL_GAP_PX)
        cursor = max(cursor, rights[j] + 1)
    return labels


def _fit_label(items: Items, item: int, place: tuple[float, float, float, float],
               width: float, free: tuple[float, float], view: ViewMap,
               metrics: QFontMetricsF) -> Label | None:
    """The label of one item if it fits between ``free`` = (cursor, next item's left)."""
    left, right, core, y = place
    cursor, next_left = free
    kind = int(items.kind[item])
    x, room, inside = _label_slot(kind, left, right, core, width, view, next_left)
    if room < width and not inside and left - LABEL_GAP_PX - width >= cursor:
        x, room = left - LABEL_GAP_PX - width, width  # no room on the right: go left
    if x < cursor or room < min(width, LABEL_MIN_PX):
        return None
    text = metrics.elidedText(items.title(item), Qt.TextElideMode.ElideRight, min(room, width))
    rect = _label_rect(x, y, metrics.horizontalAdvance(text), metrics.height(), kind, inside)
    return Label(text, rect, inside and kind != RELATION, item)


def row_labels(frame: Frame, items: Items, widths: np.ndarray, xs: np.ndarray,
               metrics: QFontMetricsF) -> list[Label]:
    """Whole labels where the packing put them (``wholelabels.label_extents``: x in
    scene pixels); one is elided only when it is wider than the view itself."""
    view = frame.view
    room = view.width - 2 * LABEL_GAP_PX
    labels = []
    for j, item in enumerate(frame.indices.tolist()):
        y = float(frame.y[j])
        if not view.top <= y <= view.top + view.height:
            continue
        x, width = float(xs[j]), min(float(widths[j]), room)
        text = items.title(item)
        if width < widths[j]:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        over = x < float(frame.right[j]) and x + width > float(frame.left[j])
        rect = QRectF(x, y - metrics.height() / 2, width, metrics.height())
        labels.append(Label(text, rect, over, int(item)))
    return labels


def density_frame(layout: Layout, view: ViewMap, metrics: QFontMetricsF) -> Frame:
    """Counts of items per lane and pixel column (by their middle day): what is drawn
    when too many are in view."""
    bins = max(1, int(view.width // DENSITY_BIN_PX))
    counts = layout.density(view.x0, view.x1, bins)
    total = layout.count_in(view.x0, view.x1)
    edges = view.left + np.arange(bins + 1) * (view.width / bins)
    frame = Frame(view, density=Density(edges, counts, total))
    text = (f"{total:,} items in view, counted per column of pixels: "
            "zoom in to see them one by one")
    rect = _note_rect(text, 0, view.top + 8 + metrics.height() + 6, metrics)
    rect.moveRight(view.left + view.width - 8)
    frame.notes.append((text, rect))
    return frame


def item_at(frame: Frame, items: Items, px: float, py: float) -> int | None:
    """The item drawn at scene pixel (px, py), or whose label is there; None if none.

    The frame's items are in order of start day, so a bisection bounds the candidates.
    """
    if len(frame.indices):
        view = frame.view
        starts = items.start[frame.indices]
        reach = (MARKER_PX / 2 + PICK_SLOP_PX) / view.sx
        hi = int(np.searchsorted(starts, view.day(px) + reach, side="right"))
        near = ((frame.left[:hi] <= px + PICK_SLOP_PX) & (frame.right[:hi] >= px - PICK_SLOP_PX)
                & (np.abs(frame.y[:hi] - py) <= BAR_PX / 2 + PICK_SLOP_PX))
        found = np.flatnonzero(near)
        if len(found):
            centres = (frame.left[found] + frame.right[found]) / 2
            return int(frame.indices[found[np.argmin(np.abs(centres - px))]])
    for label in frame.labels:
        if label.rect.contains(px, py):
            return label.item
    return None
