"""Room for every name: a short pass after Fruchterman–Reingold that pushes apart nodes
whose names would collide, for networks small enough to name every node (a chart does).

Why FR alone leaves a knot: it knows nothing of names and gives every node the same room.
A hub of degree 30 pulls its spokes to about one edge length, so thirty names share a ring
a few names round, and the hubs themselves sit an edge apart with every spoke converging
between them. The label placer then has no free spot next to a node and hangs names far
away on leader lines, across the edges.

The pass gives each node a box: its name's width (as the chart draws it, see
``graph_pack``), the height of its dot and a line of text, and more air round a hub the
more lines meet there. Overlapping pairs are pushed apart one at a time, each seeing the
moves before it (pushes from all sides at once cancel in a crowd, which then never parts),
along the axis they overlap less on (sideways preferred: a chart is wider than tall),
hubs moving less than leaves, until none overlap or the rounds run out. Boxes are
measured in the frame the component has in the chart; where all of them would fill too
much of it to part by pushing, they are shrunk alike, so the pass evens the density out
and the label placer does the rest.

Overlapping pairs are found in numpy, O(n²) per round, so only for components of at most
``ROOM_MAX`` nodes (the drawn size of a picture), with fewer rounds for more nodes;
deterministic, no random numbers.
"""

from __future__ import annotations

import math

import numpy as np

from models.graph_pack import CHAR_PX, CHART_PX, name_widths, unit_per_char

ROOM_MAX = 500  # nodes: beyond this a chart cannot name them all anyway
ROUNDS = 400  # for up to ROUNDS_FULL nodes; fewer above, so 500 nodes take < 1 s
ROUNDS_FULL = 150
LINE_PX = 17.0  # a name's line height in the chart
NODE_PX = (7.0, 22.0)  # the smallest and largest dot drawn (``ui.graph.style``)
AIR_PX = 4.0  # between two boxes
HUB_AIR_PX = 5.0  # more per √degree round a node: room for its converging lines
STEP = 1.05  # of the overlap each pair is pushed by: a little more, so it ends
FILL = 0.8  # of the room boxes may take at most
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
    size = unit_per_char(np.ptp(xy, axis=0))  # kept: the frame the chart fills
    per_px = ratio * size / CHAR_PX
    # boxes too big to part by pushing are shrunk alike (see above)
    room = CHART_PX[0] * CHART_PX[1] / ratio ** 2
    fill = float((4 * half_w_px * half_h_px).sum()) / room
    per_px *= min(1.0, math.sqrt(FILL / fill)) if fill > 0 else 1.0
    hw, hh = half_w_px * per_px, half_h_px * per_px
    share = share.tolist()
    for _ in range(round(rounds * min(1.0, ROUNDS_FULL / n))):
        dx = xy[None, :, 0] - xy[:, None, 0]
        dy = xy[None, :, 1] - xy[:, None, 1]
        hit = np.triu((np.abs(dx) < hw[:, None] + hw[None, :])
                      & (np.abs(dy) < hh[:, None] + hh[None, :]), 1)
        if not hit.any():
            break
        # one pair at a time, each seeing the moves before it (Gauss–Seidel): pushes
        # from all sides at once would cancel in a crowd, and it would never part
        for i, j in zip(*np.nonzero(hit), strict=True):
            _part(xy, int(i), int(j), hw, hh, share[i][j])
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


def _part(xy: np.ndarray, i: int, j: int, hw: np.ndarray, hh: np.ndarray,
          share: float) -> None:
    """Push nodes ``i`` and ``j`` apart until their boxes just clear, if they still meet:
    along the axis they overlap less on (sideways, unless that is ``ASPECT`` times
    longer); ``i`` takes ``share`` of the move. Two nodes on one spot part by index."""
    dx, dy = xy[j, 0] - xy[i, 0], xy[j, 1] - xy[i, 1]
    over_x = hw[i] + hw[j] - abs(dx)
    over_y = hh[i] + hh[j] - abs(dy)
    if over_x <= 0 or over_y <= 0:
        return
    if over_x < ASPECT * over_y:
        move = over_x * STEP * (1.0 if dx > 0 or (dx == 0 and j > i) else -1.0)
        xy[i, 0] -= move * share
        xy[j, 0] += move * (1.0 - share)
    else:
        move = over_y * STEP * (1.0 if dy > 0 or (dy == 0 and j > i) else -1.0)
        xy[i, 1] -= move * share
        xy[j, 1] += move * (1.0 - share)
