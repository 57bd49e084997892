"""Which names and relationship kinds the view asks its ``LabelLayer`` to place, and where
they must keep clear of: the one place that knows the label order of the network view.

Order: the selection (which must show), the highlighted nodes, then the best connected.
Only nodes inside the view are candidates, and at most ``CANDIDATES_PER_LABEL`` times the
label limit of them, so a pass stays bounded however many nodes are drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from models.graph import CO_PARTICIPATION_KIND
from ui.graph.labels import EdgeCandidate, LabelCandidate

if TYPE_CHECKING:
    from ui.graph.view import NetworkView

HUB_LABELS = 6  # the best connected nodes get a name even where it covers other nodes
CANDIDATES_PER_LABEL = 3  # past this many tries per label shown, the rest do not fit


def place_names(view: NetworkView) -> None:
    """Place the labels of what ``view`` draws for its current zoom and size."""
    p = view.picture
    if view.pixel() <= 0 or not len(p.ids):
        view.labels.place([], np.zeros((0, 4)), np.zeros((0, 4)), (0, 0, 0, 0), False)
        return
    pixels = view.node_pixels()
    box = view.plot_box()
    inside = ((pixels[:, 0] >= box[0]) & (pixels[:, 0] <= box[2])
              & (pixels[:, 1] >= box[1]) & (pixels[:, 1] <= box[3]))
    candidates = _candidates(view, pixels, inside)
    r = 0.5 * p.sizes + 1
    nodes = np.column_stack([pixels[:, 0] - r, pixels[:, 1] - r,
                             pixels[:, 0] + r, pixels[:, 1] + r])
    where = {int(node): row for row, node in enumerate(p.ids)}
    key_rows = [where[c.node] for c in candidates if c.covers]
    blocked = view.blocked()
    edges = _edge_kinds(view, pixels) if view.kinds_shown else None
    view.labels.place(candidates, np.vstack([nodes[inside], blocked]),
                      np.vstack([nodes[key_rows], blocked]), box,
                      dimmed=bool(view.highlight), edges=edges)


def _candidates(view: NetworkView, pixels: np.ndarray, inside: np.ndarray
                ) -> list[LabelCandidate]:
    p, highlight, selected = view.picture, view.highlight, view.selected
    first = [int(r) for r in np.flatnonzero(np.isin(p.ids, list(highlight)))]
    order = sorted(first, key=lambda r: p.ids[r] != selected) + p.priority
    hubs = set(p.priority[:HUB_LABELS])
    seen: set[int] = set()
    found: list[LabelCandidate] = []
    for row in order:
        if row in seen or not inside[row]:
            continue
        seen.add(row)
        node = int(p.ids[row])
        found.append(LabelCandidate(
            node, p.names[row], *map(float, p.xy[row]), *map(float, pixels[row]),
            float(p.sizes[row]) / 2, strong=node in highlight,
            covers=node in highlight or row in hubs, must=node == selected))
        if len(found) >= CANDIDATES_PER_LABEL * view.labels.limit:
            break
    return found


def _edge_kinds(view: NetworkView, pixels: np.ndarray) -> list[EdgeCandidate]:
    """One candidate per joined pair: its relationships' kinds, joined by commas."""
    p = view.picture
    kinds: dict[tuple[int, int], list[str]] = {}
    for row, edge in enumerate(p.edges):
        if edge.kind == CO_PARTICIPATION_KIND and edge.relationship_id is None:
            continue
        a, b = (int(v) for v in p.ends[row])
        pair = (min(a, b), max(a, b))
        if edge.kind not in kinds.setdefault(pair, []):
            kinds[pair].append(edge.kind)
    return [EdgeCandidate(", ".join(names), (float(pixels[a, 0]), float(pixels[a, 1])),
                          (float(pixels[b, 0]), float(pixels[b, 1])))
            for (a, b), names in kinds.items()]
