"""Lines sharing two nodes are bowed apart, so that none hides another.

Two relationships between the same pair (South Korea and Taiwan: "had diplomatic
relations with", then "unofficial relations with") would be one straight line drawn
twice, and whatever style the lower one has (dash-dot for inferred, dashed for a single
source) would be lost under the upper. Each line of such a group gets a bend: its middle
moved sideways by a share of its length (``BEND`` apart), so the lines stay apart at any
zoom and still start and end at their nodes. A line alone between its nodes stays
straight. Everything is numpy over all edges at once.
"""

from __future__ import annotations

import numpy as np

BEND = 0.12  # sideways shift of a bowed line's middle, as a share of its length


def bends(ends: np.ndarray) -> np.ndarray:
    """Per edge (rows of node indices), the signed share its middle is moved by: 0 for
    a line alone between its nodes, else ±BEND/2, ±BEND… spread about the straight
    line; the sign follows one orientation of the pair, whichever way an edge runs."""
    n = len(ends)
    if n < 2:
        return np.zeros(n)
    low, high = ends.min(axis=1), ends.max(axis=1)
    key = low.astype(np.int64) * (int(high.max()) + 1) + high
    order = np.argsort(key, kind="stable")
    keys = key[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    counts = np.diff(np.r_[starts, n])
    rank = np.arange(n) - np.repeat(starts, counts)
    share = np.empty(n)
    share[order] = (rank - (np.repeat(counts, counts) - 1) / 2) * BEND
    return np.where(ends[:, 0] <= ends[:, 1], share, -share)


def middles(xy: np.ndarray, ends: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Where each edge's middle is drawn: halfway, moved sideways by its share."""
    a, b = xy[ends[:, 0]], xy[ends[:, 1]]
    d = b - a
    return (a + b) / 2 + shares[:, None] * np.column_stack([-d[:, 1], d[:, 0]])


def bent_points(xy: np.ndarray, ends: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Points of the edges as pairs for a ``connect="pairs"`` curve: a line alone is
    one segment (start, end), a bowed one two (start, middle, middle, end)."""
    if not len(ends):
        return np.zeros((0, 2))
    a, b = xy[ends[:, 0]], xy[ends[:, 1]]
    bowed = shares != 0
    m = middles(xy, ends, shares)
    straight = np.stack([a[~bowed], b[~bowed]], axis=1).reshape(-1, 2)
    bent = np.stack([a[bowed], m[bowed], m[bowed], b[bowed]], axis=1).reshape(-1, 2)
    return np.concatenate([straight, bent])


def segment_distance(a: np.ndarray, b: np.ndarray, x: float, y: float) -> np.ndarray:
    """Distance from (x, y) to each segment a–b (rows of points)."""
    d = b - a
    span = np.maximum((d * d).sum(axis=1), 1e-9)
    t = np.clip(((x - a[:, 0]) * d[:, 0] + (y - a[:, 1]) * d[:, 1]) / span, 0, 1)
    return np.hypot(a[:, 0] + t * d[:, 0] - x, a[:, 1] + t * d[:, 1] - y)
