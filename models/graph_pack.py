"""Placing the laid-out components of a network side by side, with room for their names.

Each connected component is laid out alone (``models.graph.layout``); here they are
shelved in rows and the whole is scaled into the layout box. A chart names every node
under it, so a component's footprint is not its nodes' extent but its names' extent too:
a pair of nodes one unit apart with two 40-character names would otherwise put both
names on top of each other, or the label placer would move them so far that a reader
cannot tell which name belongs to which dot.

Names are measured in layout units through the size the chart draws them at: a chart of
``CHART_PX`` shows the laid-out extent, and one character is about ``CHAR_PX`` wide.
That scale depends on the packed extent, which depends on the names' room, so the
packing is repeated a few times until the two agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

BOX = 100.0  # a fresh layout fills [-BOX, BOX] in its longer direction
GAP = 3.0  # layout units between packed components
CHART_PX = (1400.0, 850.0)  # the plot area of an exported network chart
CHAR_PX = 7.0  # the average width of one character of a node's name there
NAME_MARGIN_CHARS = 2  # between two names side by side
_ROUNDS = 8  # packing rounds, until names are drawn no larger than packed for


def name_widths(names: Sequence[str], unit_per_char: float) -> np.ndarray:
    """Each name's width in layout units (with a margin), at ``unit_per_char``."""
    chars = np.array([len(name) + NAME_MARGIN_CHARS for name in names], dtype=float)
    return chars * unit_per_char


def unit_per_char(extent: np.ndarray) -> float:
    """Layout units one character takes when ``extent`` (w, h) fills a chart."""
    width, height = (max(float(v), 1e-9) for v in extent)
    return CHAR_PX * max(width / CHART_PX[0], height / CHART_PX[1])


def spread_pair(coords: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """A two-node component, level, with its nodes far enough apart for both names
    to sit under them; anything else unchanged."""
    if len(coords) != 2:
        return coords
    apart = max(float(np.linalg.norm(coords[1] - coords[0])), (widths[0] + widths[1]) / 2)
    return np.array([[0.0, 0.0], [apart, 0.0]])


def footprint(block: np.ndarray, widths: np.ndarray) -> tuple[float, float, float, float]:
    """(left, right, bottom, top) of a block's nodes and the names centred under them."""
    xs, ys = block[:, 0], block[:, 1]
    left = float(np.min(xs - widths / 2))
    right = float(np.max(xs + widths / 2))
    return left, right, float(ys.min()), float(ys.max())


def shelve(blocks: list[np.ndarray], widths: list[np.ndarray],
           below: np.ndarray | None) -> list[np.ndarray]:
    """Shelve blocks (largest first) in rows under ``below`` (or from the origin), each
    taking the room of its names too."""
    boxes = [footprint(b, w) for b, w in zip(blocks, widths, strict=True)]
    sizes = [(r - left + GAP, top - bottom + GAP) for left, r, bottom, top in boxes]
    area = sum(w * h for w, h in sizes)
    width = max([math.sqrt(area)] + [w for w, _ in sizes])
    if below is not None and len(below):
        width = max(width, float(np.ptp(below[:, 0])))
        x0, y = float(below[:, 0].min()), float(below[:, 1].min()) - GAP
    else:
        x0, y = 0.0, 0.0
    x, row, placed = x0, 0.0, []
    for block, (left, _, _, top), (w, h) in zip(blocks, boxes, sizes, strict=True):
        if x > x0 and x + w > x0 + width:
            x, y, row = x0, y - row, 0.0
        placed.append(block - [left, top] + [x, y])
        x, row = x + w, max(row, h)
    return placed


def pack(blocks: list[np.ndarray], names: list[list[str]],
         below: np.ndarray | None) -> list[np.ndarray]:
    """Shelve the blocks with room for their names at the scale the result is drawn."""
    if not blocks:
        return []
    nodes = np.concatenate(blocks + ([below] if below is not None and len(below) else []))
    scale = unit_per_char(np.ptp(nodes, axis=0))
    placed = blocks
    for _ in range(_ROUNDS):
        widths = [name_widths(n, scale) for n in names]
        spread = [spread_pair(b, w) for b, w in zip(blocks, widths, strict=True)]
        placed = shelve(spread, widths, below)
        every = np.concatenate(placed + ([below] if below is not None and len(below) else []))
        drawn = unit_per_char(np.ptp(every, axis=0))
        if drawn <= scale:  # the names had at least the room they are drawn with
            break
        scale = drawn
    return placed


def fit(coords: np.ndarray) -> np.ndarray:
    """Centre on the origin and scale the longer side to [-BOX, BOX]."""
    low, high = coords.min(axis=0), coords.max(axis=0)
    span = float(max(high - low))
    centred = coords - (low + high) / 2
    return centred * (2 * BOX / span) if span > 0 else centred
