"""Sub-rows: which row of its lane each item sits in, so items and labels never overlap.

Greedy interval packing on the *pixel* extent of each item, its label included. Pixel
extents depend on the zoom, so the packing is redone when the zoom moves to another
bucket (steps of √2) or the view leaves the packed window; a bucket is the zoom rounded
*down*, so that zooming in within a bucket only makes room. Only the items near the view
are packed (the window is the view and one view-width either side): the panel draws
individual items only when a few thousand are in view, so packing stays quick. The last
few packings are kept, so zooming or panning back to where one holds costs nothing.

While few items are in view (``GANTT_LIMIT``) the rows are made for that view alone so
that every title is whole (``wholelabels``): one row per item in date order, or, in
entity lanes, rows shared where item and label fit side by side.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ui.timeline.items import POINT, RELATION, SPAN, UNCERTAIN, Items, in_range, open_side
from ui.timeline.style import (
    DENSITY_LIMIT,
    DENSITY_ROWS,
    GANTT_LIMIT,
    ITEM_GAP_PX,
    LABEL_GAP_PX,
    LABEL_MAX_PX,
    LANE_PAD,
    MARKER_PX,
    MIN_BAR_PX,
)
from ui.timeline.wholelabels import bar_pixels, gantt_rows, label_extents

ROW_BUDGET = 24  # rows a lane may take while labels get their full room
LABEL_ALLOWANCES = (None, 64.0, 0.0)  # room for labels per pass: all, a stub, none
MAX_ROWS = 300  # beyond this many rows in a lane, items are counted, not drawn
Measure = Callable[[list[str]], np.ndarray]
RECENT_PACKINGS = 12  # kept for zooming and panning back
UNKNOWN_SIDE = 2  # openness not read yet


def pack_rows(lane: np.ndarray, left: np.ndarray, right: np.ndarray, n_lanes: int,
              max_rows: int) -> tuple[np.ndarray, np.ndarray]:
    """First-fit: each item (in the order given) goes to the lowest free row of its lane.

    Returns the row of each item (-1 if all ``max_rows`` rows are taken where it goes)
    and the number of rows of each lane (at least 1). A sweep with two heaps per lane
    (rows in use by their end, free rows by number) while ``left`` only grows; where it
    goes back (a second group of items), the sweep starts again from the rows' ends.
    """
    rows = np.zeros(len(left), dtype=np.int32)
    ends: list[list[float]] = [[] for _ in range(n_lanes)]
    busy: list[list[tuple[float, int]]] = [[] for _ in range(n_lanes)]
    free: list[list[int]] = [[] for _ in range(n_lanes)]
    last = -math.inf
    for i, (ln, a, b) in enumerate(zip(lane.tolist(), left.tolist(), right.tolist(),
                                       strict=True)):
        if a < last:
            busy, free = _restart(ends)
        last = a
        in_use, open_rows, row_ends = busy[ln], free[ln], ends[ln]
        while in_use and in_use[0][0] <= a:
            heapq.heappush(open_rows, heapq.heappop(in_use)[1])
        if open_rows:
            row = heapq.heappop(open_rows)
        elif len(row_ends) < max_rows:
            row = len(row_ends)
            row_ends.append(b)
        else:
            rows[i] = -1
            continue
        row_ends[row] = b
        heapq.heappush(in_use, (b, row))
        rows[i] = row
    return rows, np.array([max(1, len(e)) for e in ends], dtype=np.int32)


def _restart(ends: list[list[float]]
             ) -> tuple[list[list[tuple[float, int]]], list[list[int]]]:
    """Heaps for a new sweep: every row in use until its end, none known to be free."""
    busy = [[(end, row) for row, end in enumerate(row_ends)] for row_ends in ends]
    for heap in busy:
        heapq.heapify(heap)
    return busy, [[] for _ in ends]


def max_depth(lane: np.ndarray, left: np.ndarray, right: np.ndarray, n_lanes: int
              ) -> np.ndarray:
    """Most intervals [left, right) of each lane over any one point: no packing of the
    lane can take fewer rows."""
    steps = np.concatenate([np.ones(len(left)), -np.ones(len(right))])
    where = np.concatenate([left, right])
    lanes = np.concatenate([lane, lane])
    order = np.lexsort((steps, where, lanes))  # an end before a start at the same place
    running = np.cumsum(steps[order])  # each lane's steps sum to 0 before the next lane's
    depth = np.zeros(n_lanes)
    np.maximum.at(depth, lanes[order], running)
    return depth


def lane_tops(lane_rows: np.ndarray) -> np.ndarray:
    """Top of each lane in rows, and the total height as the last entry."""
    heights = np.asarray(lane_rows, dtype=np.float64) + 2 * LANE_PAD
    return np.concatenate([[0.0], np.cumsum(heights)])


def bucket_of(px_per_day: float) -> int:
    return math.floor(2 * math.log2(max(px_per_day, 1e-12)))


def extents(items: Items, indices: np.ndarray, widths: np.ndarray, scale: float
            ) -> tuple[np.ndarray, np.ndarray]:
    """Left and right pixel edges of items and their labels at ``scale`` pixels a day."""
    kind = items.kind[indices]
    point = kind == POINT
    centre = items.centre[indices] * scale
    left = np.where(point, centre - MARKER_PX / 2, items.start[indices] * scale)
    bar_right = np.where(point, centre + MARKER_PX / 2,
                         np.maximum(items.end[indices] * scale, left + MIN_BAR_PX))
    bar = (kind == SPAN) | (kind == RELATION)
    inside = bar & (bar_right - left >= widths + 2 * LABEL_GAP_PX)
    right = np.where(inside, bar_right, bar_right + LABEL_GAP_PX + widths)
    return left, right + ITEM_GAP_PX


@dataclass
class Packed:
    indices: np.ndarray  # items packed, in order of start
    rows: np.ndarray  # sub-row of each within its lane
    y: np.ndarray  # centre of each, in rows from the top
    window: tuple[float, float]
    bucket: int
    hidden: np.ndarray  # items per lane beyond MAX_ROWS
    tops: np.ndarray  # lane tops in rows (see lane_tops)
    whole: bool = False  # rows where every label is whole (see ``wholelabels``)
    label_x: np.ndarray | None = None  # where each whole label starts (view pixels)
    scale: float = 0.0  # pixels a day of a packing with whole labels

    def holds(self, first: float, last: float, bucket: int, scale: float) -> bool:
        """Whether this packing is the one for a view of [first, last) at ``bucket``; one
        with whole labels only for that very view (its labels' places are in pixels)."""
        if self.whole:
            tolerance = 0.25 / max(scale, 1e-12)  # a quarter of a pixel
            return (abs(self.window[0] - first) <= tolerance
                    and abs(self.window[1] - last) <= tolerance
                    and abs(self.scale - scale) * (last - first) <= 0.25)
        return self.bucket == bucket and self.window[0] <= first and last <= self.window[1]


class Layout:
    """Sub-rows and lane heights for one set of items; repacks only when it must."""

    def __init__(self, items: Items, n_lanes: int, measure: Measure,
                 estimate: Measure | None = None, tight: bool = False,
                 gantt_limit: int = GANTT_LIMIT) -> None:
        """``measure``: widths of texts in pixels; ``estimate``: a quicker guess at them,
        enough to make room for labels while packing (the labels drawn are measured);
        ``tight``: few items in view share rows rather than take one each;
        ``gantt_limit``: up to this many items in view, every label is whole."""
        self.items = items
        self.tight = tight
        self.gantt_limit = gantt_limit
        self.n_lanes = n_lanes
        self._measure = measure
        self._estimate = estimate or measure
        self._widths = np.full(len(items), np.nan)
        self._guesses = np.full(len(items), np.nan)
        self._open = np.full(len(items), UNKNOWN_SIDE, dtype=np.int8)
        self.packed: Packed | None = None
        self._recent: list[Packed] = []  # the last RECENT_PACKINGS made, newest last
        self.hidden = np.zeros(n_lanes, dtype=np.int64)  # items per lane beyond MAX_ROWS
        self.detail_tops = lane_tops(np.ones(n_lanes))
        self.density_tops = lane_tops(np.full(n_lanes, DENSITY_ROWS))

    def forget(self, event_ids: np.ndarray) -> None:
        """Measure the labels of these events again and repack (their titles changed)."""
        items = self.items
        stale = np.flatnonzero(np.isin(items.ident, event_ids) & (items.row >= 0))
        items.texts.forget(event_ids.tolist())
        self._widths[stale] = np.nan
        self._guesses[stale] = np.nan
        self._open[stale] = UNKNOWN_SIDE
        self.packed, self._recent = None, []

    def count_in(self, first: float, last: float) -> int:
        """How many items meet [first, last): those starting before ``last`` but for
        those ending by ``first`` (two bisections)."""
        starting = int(np.searchsorted(self.items.start, last, side="left"))
        return starting - int(np.searchsorted(self._sorted_ends, first, side="right"))

    def density(self, first: float, last: float, bins: int) -> np.ndarray:
        """Items per lane (rows) whose middle falls in each of ``bins`` equal columns of
        [first, last): bisections of each lane's sorted middles."""
        edges = first + np.arange(bins + 1) * ((last - first) / bins)
        centres, bounds = self._lane_centres
        counts = np.zeros((self.n_lanes, bins), dtype=np.int64)
        for lane in range(self.n_lanes):
            mine = centres[bounds[lane]:bounds[lane + 1]]
            counts[lane] = np.diff(np.searchsorted(mine, edges, side="left"))
        return counts

    @cached_property
    def _sorted_ends(self) -> np.ndarray:
        return np.sort(self.items.end)

    @cached_property
    def _lane_centres(self) -> tuple[np.ndarray, np.ndarray]:
        """Middles sorted within each lane, and where each lane's run begins and ends."""
        items = self.items
        if self.n_lanes <= 1:
            return np.sort(items.centre), np.array([0, len(items)])
        order = np.lexsort((items.centre, items.lane))
        bounds = np.searchsorted(items.lane[order], np.arange(self.n_lanes + 1))
        return items.centre[order], bounds

    def is_dense(self, first: float, last: float) -> bool:
        return self.count_in(first, last) > DENSITY_LIMIT

    def widths(self, indices: np.ndarray) -> np.ndarray:
        """Whole label widths in pixels (measured once per item)."""
        missing = indices[np.isnan(self._widths[indices])]
        if len(missing):
            self._widths[missing] = self._measure(
                [title for title, _ in self.items.labels(missing)])
        return self._widths[indices]

    def openness(self, indices: np.ndarray) -> np.ndarray:
        """Which side of each item's date is open ("before 2024": -1, the earlier side;
        "after 2018": 1; else 0), read from the date as written, once per item.

        The day columns cannot tell "before 2024" from "2014–2023": only the written
        date keeps the qualifier, and it is read only for what is drawn.
        """
        indices = np.asarray(indices, dtype=np.int64)
        kinds = self.items.kind[indices]
        missing = indices[(self._open[indices] == UNKNOWN_SIDE)
                          & ((kinds == UNCERTAIN) | (kinds == RELATION))]
        if len(missing):
            self._open[missing] = [open_side(date) for _, date in self.items.labels(missing)]
        return np.where(self._open[indices] == UNKNOWN_SIDE, 0, self._open[indices])

    def any_open(self) -> bool:
        """Whether an item read so far has an open-ended date (see ``openness``)."""
        return bool(np.any((self._open == 1) | (self._open == -1)))

    def rooms(self, indices: np.ndarray) -> np.ndarray:
        """Label widths to make room for: measured where known, else estimated (capped)."""
        missing = indices[np.isnan(self._guesses[indices])]
        if len(missing):
            guessed = self._estimate([title for title, _ in self.items.labels(missing)])
            self._guesses[missing] = np.minimum(guessed, LABEL_MAX_PX)
        measured = np.minimum(self._widths[indices], LABEL_MAX_PX)
        return np.where(np.isnan(measured), self._guesses[indices], measured)

    def ensure_packed(self, first: float, last: float, px_per_day: float) -> bool:
        """Pack the items around [first, last) unless the packing in place still holds;
        a recent packing that holds is taken again (zooming back out, say)."""
        bucket = bucket_of(px_per_day)
        if self.packed is not None and self.packed.holds(first, last, bucket, px_per_day):
            return False
        packed = next((p for p in reversed(self._recent)
                       if p.holds(first, last, bucket, px_per_day)), None)
        if packed is None:
            packed = self._pack(first, last, bucket, px_per_day)
            self._recent = [*self._recent[1 - RECENT_PACKINGS:], packed]
        self.packed, self.hidden, self.detail_tops = packed, packed.hidden, packed.tops
        return True

    def _pack(self, first: float, last: float, bucket: int, scale: float) -> Packed:
        if self.count_in(first, last) <= self.gantt_limit:
            return self._pack_whole(first, last, bucket, scale)
        margin = last - first
        indices = in_range(self.items, first - margin, last + margin)
        if len(indices) > 4 * DENSITY_LIMIT:
            margin /= 4
            indices = in_range(self.items, first - margin, last + margin)
        rows, lane_rows = self._rows(indices, 2 ** (bucket / 2), last - first)
        lanes = self.items.lane[indices]
        shown = rows >= 0
        tops = lane_tops(lane_rows)
        y = tops[lanes[shown]] + LANE_PAD + rows[shown] + 0.5
        return Packed(indices[shown], rows[shown], y, (first - margin, last + margin), bucket,
                      np.bincount(lanes[~shown], minlength=self.n_lanes), tops)

    def _pack_whole(self, first: float, last: float, bucket: int, scale: float) -> Packed:
        """Few items in view: rows where every label is whole (see ``wholelabels``).
        The packing holds for this view only: the rows are those of what it shows."""
        indices = in_range(self.items, first, last)
        lanes = self.items.lane[indices]
        width = (last - first) * scale
        left, right = bar_pixels(self.items, indices, first, scale, width)
        _, x, low, high = label_extents(left, right, self.widths(indices), width)
        if self.tight:
            order = np.lexsort((low, lanes))
            rows = np.empty(len(indices), dtype=np.int32)
            rows[order], lane_rows = pack_rows(lanes[order], low[order], high[order],
                                               self.n_lanes, MAX_ROWS)
        else:
            rows, lane_rows = gantt_rows(lanes, self.n_lanes)
        tops = lane_tops(lane_rows)
        y = tops[lanes] + LANE_PAD + rows + 0.5
        return Packed(indices, rows, y, (first, last), bucket,
                      np.zeros(self.n_lanes, dtype=np.int64), tops, whole=True,
                      label_x=x, scale=scale)

    def _rows(self, indices: np.ndarray, scale: float, view_days: float
              ) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the items, in passes: a lane too tall with room for whole labels is
        packed again with less room for them (labels then get elided or hidden).

        Items shorter than half the view are placed first, so that at any zoom the top
        rows show what happened then rather than long spans that merely go on.
        """
        items, widths = self.items, self.rooms(indices)
        lanes = items.lane[indices]
        long = (items.end[indices] - items.start[indices]) > view_days / 2
        rows = np.full(len(indices), -1, dtype=np.int32)
        lane_rows = np.ones(self.n_lanes, dtype=np.int32)
        pending = np.arange(len(indices))
        for allowance in LABEL_ALLOWANCES:
            final = allowance == LABEL_ALLOWANCES[-1]
            room = widths[pending] if allowance is None else np.minimum(widths[pending],
                                                                         allowance)
            left, right = extents(items, indices[pending], room, scale)
            pending_lanes = lanes[pending]
            full = np.zeros(self.n_lanes, dtype=bool)
            if not final:  # more items overlap somewhere than the budget has rows: no use
                full = max_depth(pending_lanes, left, right, self.n_lanes) > ROW_BUDGET
            trying = np.flatnonzero(~full[pending_lanes])
            order = trying[np.lexsort((left[trying], long[pending][trying]))]
            got = np.full(len(pending), -1, dtype=np.int32)
            got[order], counts = pack_rows(pending_lanes[order], left[order], right[order],
                                           self.n_lanes, MAX_ROWS if final else ROW_BUDGET)
            if not final:
                full[pending_lanes[got < 0]] = True
            done = ~full[pending_lanes]
            rows[pending[done]] = got[done]
            settled = np.unique(lanes[pending][done])
            lane_rows[settled] = counts[settled]
            pending = pending[~done]
            if not len(pending):
                break
        return rows, lane_rows
