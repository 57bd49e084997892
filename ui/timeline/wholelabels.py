"""Rows where every label is whole: the layouts used while few items are in view.

Two ways, both for one view exactly (its pixels are known, so is where each label goes):

* ``gantt_rows``: each item its own row, in order of start, as a Gantt chart sets them,
  so the rows read as the story (one lane, or lanes by category);
* tight rows (``Layout`` packs ``label_extents`` first-fit): several items share a row
  where item and label fit side by side, for entity lanes, where an event shows in the
  lane of each participant and one row each would leave room for two lanes at most.

``label_extents`` decides each label's side once, and the frame draws it there
(``frame.row_labels``): right of its item, else left of it, else over its own bar.
"""

from __future__ import annotations

import numpy as np

from ui.timeline.items import POINT, Items
from ui.timeline.style import ITEM_GAP_PX, LABEL_GAP_PX, MARKER_PX, MIN_BAR_PX

RIGHT, LEFT, OVER = 1, -1, 0


def gantt_rows(lanes: np.ndarray, n_lanes: int) -> tuple[np.ndarray, np.ndarray]:
    """Row of each item (given in order of start) within its lane: its rank there; and
    the rows of each lane (at least 1)."""
    order = np.argsort(lanes, kind="stable")
    counts = np.bincount(lanes, minlength=n_lanes)
    firsts = np.cumsum(counts) - counts
    rows = np.empty(len(lanes), dtype=np.int32)
    rows[order] = np.arange(len(lanes)) - np.repeat(firsts, counts)
    return rows, np.maximum(counts, 1).astype(np.int32)


def bar_pixels(items: Items, indices: np.ndarray, first: float, scale: float, width: float
               ) -> tuple[np.ndarray, np.ndarray]:
    """Left and right pixel edges of the items' visible parts in a view of ``width``
    pixels starting at plot x ``first`` (``frame.pixel_extents``, clipped to the view)."""
    point = items.kind[indices] == POINT
    centre = (items.centre[indices] - first) * scale
    left = np.where(point, centre - MARKER_PX / 2, (items.start[indices] - first) * scale)
    right = np.where(point, centre + MARKER_PX / 2,
                     np.maximum((items.end[indices] - first) * scale, left + MIN_BAR_PX))
    return np.clip(left, 0, width), np.clip(right, 0, width)


def label_extents(left: np.ndarray, right: np.ndarray, widths: np.ndarray, width: float
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Side of each label (RIGHT, LEFT, OVER its bar), where it starts, and the pixel
    extent of item and label together (with the gap kept to the next item)."""
    widths = np.minimum(widths, width - 2 * LABEL_GAP_PX)
    fits_right = right + LABEL_GAP_PX + widths <= width
    fits_left = left - LABEL_GAP_PX - widths >= 0
    side = np.where(fits_right, RIGHT, np.where(fits_left, LEFT, OVER)).astype(np.int8)
    over_x = np.minimum(np.maximum(left, LABEL_GAP_PX), width - LABEL_GAP_PX - widths)
    x = np.where(side == RIGHT, right + LABEL_GAP_PX,
                 np.where(side == LEFT, left - LABEL_GAP_PX - widths, over_x))
    low = np.minimum(left, x)
    high = np.maximum(right, x + widths) + ITEM_GAP_PX
    return side, x, low, high
