"""Room for every name: a short pass after Fruchterman–Reingold that pushes apart nodes
whose names would collide, for networks small enough to name every node (a chart does).

Why FR alone leaves a knot: it knows nothing of names and gives every node the same room.
A hub of degree 30 pulls its spokes to about one edge length, so thirty names share a ring
a few names round, and the hubs themselves sit an edge apart with every spoke converging
between them. The label placer then has no free spot next to a node and hangs names far
away on leader lines, across the edges.

The pass gives each node a box: its name's width (as the chart draws it, see
``graph_pack``), the height of its dot and a line of text, and more air round a hub the
more lines meet there. Overlapping boxes are pushed apart along the axis they overlap
less on (sideways preferred: a chart is wider than tall), hubs moving less than leaves,
until none overlap or the rounds run out. Boxes are measured in the frame the component
has in the chart; where all of them would fill too much of it to part by pushing, they are
shrunk alike, so the pass evens the density out and the label placer does the rest.

Pairwise in numpy: O(n²) per round, so only for components of at most ``ROOM_MAX`` nodes
(the drawn size of a picture); deterministic, no random numbers.
"""

from __future__ import annotations

import math

import numpy as np

from models.graph_pack import CHAR_PX, CHART_PX, name_widths, unit_per_char

ROOM_MAX = 500  # nodes: beyond this a chart cannot name them all anyway
ROUNDS = 400  # for up to ROUNDS_FULL nodes; fewer above, so 500 nodes take ~0.4 s
ROUNDS_FULL = 150
LINE_PX = 17.0  # a name's line height in the chart
NODE_PX = (7.0, 22.0)  # the smallest and largest dot drawn (``ui.graph.style``)
AIR_PX = 4.0  # between two boxes
HUB_AIR_PX = 5.0  # more per √degree round a node: room for its converging lines
STEP = 0.5  # of the pairwise push taken each round: less oscillation
FILL = 0.55  # of the room boxes may take at most
WIDEN_MAX = 1.8  # the most a picture is stretched sideways to fill a chart
ASPECT = 3.0  # a pair parts sideways unless that is this many times the way up or down


def node_radii_px(degree: np.ndarray) -> np.ndarray:
    """A dot's radius in chart pixels, by the square root of its degree."""
    top = float(degree.max()) if len(degree) else 0.0
    if top <= 0:
        return np.full(len(degree), NODE_PX[0] / 2)
    return (NODE_PX[0] + (NODE_PX[1] - NODE_PX[0]) * np.sqrt(degree / top)) / 2


def make_room(coords: np.ndarray, names: list[str], degree: np.ndarray,
              ratio: float = 1.0, rounds: int = ROUNDS) -> np.ndarray:
    """``coords`` moved so that no two nodes' boxes (dot, name, air) overlap, if the rounds
    allow. ``ratio``: how much larger the whole picture is than these nodes, per
    character (other components shelved beside them make every name relatively larger).
    """
    n = len(coords)
    if n < 3 or n > ROOM_MAX:
        return coords
    xy = np.array(coords, dtype=float)
    degree = np.asarray(degree, dtype=float)
    radius = node_radii_px(degree)
    chars = name_widths(names, 1.0)  # in characters, margins included
    air = AIR_PX + HUB_AIR_PX * np.sqrt(degree)
    # half-width: the name centred under the dot, or the dot if wider; half-height: the
    # dot and half a line, so two boxes one above the other leave a line between the dots
    half_w_px = np.maximum(chars * CHAR_PX / 2, radius) + air / 2
    half_h_px = radius + LINE_PX / 2 + air / 2
    heavy = np.sqrt(degree + 1.0)
    share = heavy[None, :] / (heavy[:, None] + heavy[None, :])  # i's part of a push from j
    eye = np.eye(n, dtype=bool)
    # a fixed tiny tilt per pair, so two nodes on one spot still part (no randomness)
    tilt = np.subtract.outer(np.arange(n), np.arange(n)).astype(float) * 1e-9
    size = unit_per_char(np.ptp(xy, axis=0))  # kept: the frame the chart fills
    per_px = ratio * size / CHAR_PX
    # boxes too big to part by pushing are shrunk alike (see above)
    room = CHART_PX[0] * CHART_PX[1] / ratio ** 2
    fill = float((4 * half_w_px * half_h_px).sum()) / room
    per_px *= min(1.0, math.sqrt(FILL / fill)) if fill > 0 else 1.0
    hw, hh = half_w_px * per_px, half_h_px * per_px
    for _ in range(round(rounds * min(1.0, ROUNDS_FULL / n))):
        dx = xy[None, :, 0] - xy[:, None, 0] + tilt  # from i to j
        dy = xy[None, :, 1] - xy[:, None, 1] + tilt.T
        need_x, need_y = hw[:, None] + hw[None, :], hh[:, None] + hh[None, :]
        ax, ay = np.abs(dx), np.abs(dy)
        hit = (ax < need_x) & (ay < need_y) & ~eye
        if not hit.any():
            break
        # part each pair along the axis it overlaps less on (sideways, unless that is far
        # longer), by as much as it overlaps there
        over_x, over_y = need_x - ax, need_y - ay
        along_x = hit & (over_x < ASPECT * over_y)
        along_y = hit & ~along_x
        push_x = np.where(along_x, over_x * np.sign(dx), 0.0) * share * STEP
        push_y = np.where(along_y, over_y * np.sign(dy), 0.0) * share * STEP
        many = np.maximum(1.0, np.sqrt(hit.sum(axis=1)))  # a node in a crowd: no leap
        xy[:, 0] -= push_x.sum(axis=1) / many
        xy[:, 1] -= push_y.sum(axis=1) / many
    return xy


def widen(coords: np.ndarray, most: float = WIDEN_MAX) -> np.ndarray:
    """``coords`` stretched sideways (by at most ``most``) towards the chart's shape,
    if they are taller than it: a chart is wide, names are wide, and a picture fitted
    by its height leaves the sides empty while its names crowd."""
    width, height = (float(v) for v in np.ptp(coords, axis=0))
    if width <= 0 or height <= 0:
        return coords
    want = CHART_PX[0] / CHART_PX[1] * height / width
    if want <= 1.0:
        return coords
    return coords * [min(want, most), 1.0]
