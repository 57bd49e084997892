"""From the shown network and the positions to a ``Picture``: colours, sizes, label order."""

from __future__ import annotations

import numpy as np

from models.graph import NetworkData, communities, community_names, degrees
from ui.graph import style
from ui.graph.view import Picture


def make_picture(network: NetworkData, positions: dict[int, tuple[float, float]],
                 pinned: set[int], by_community: bool) -> Picture:
    """Nodes that have a position (the others wait for the layout) and edges among them."""
    rows = [i for i, node in enumerate(network.ids) if node in positions]
    ids = [network.ids[i] for i in rows]
    degree = degrees(network)
    legend: list[tuple[str, str]] = []
    if by_community:
        group = communities(network)
        colours = [style.group_colour(group[n]) for n in ids]
        legend = _group_legend(network.subset(ids), group, colours)
    else:
        colours = [style.node_colour(network.kinds[i]) for i in rows]
    where = {node: row for row, node in enumerate(ids)}
    edges = [e for e in network.edges if e.source in where and e.target in where]
    ends = np.array([(where[e.source], where[e.target]) for e in edges],
                    dtype=np.int64).reshape(-1, 2)
    xy = np.array([positions[n] for n in ids], dtype=float).reshape(-1, 2)
    sizes = np.array(style.node_sizes([degree[n] for n in ids]), dtype=float)
    priority = sorted(range(len(ids)), key=lambda r: (-degree[ids[r]], network.names[rows[r]]))
    return Picture(ids=np.array(ids, dtype=np.int64), xy=xy, colours=colours, sizes=sizes,
                   names=[network.names[i] for i in rows], pinned=set(pinned) & set(ids),
                   edges=edges, ends=ends, priority=priority, legend=legend)


def _group_legend(network: NetworkData, group: dict[int, int], colours: list[str]
                  ) -> list[tuple[str, str]]:
    """(colour, "around <its most connected member> (members)") for each coloured group,
    then the smaller ones together."""
    names = community_names(network, group)
    counts: dict[str, int] = {}
    for colour in colours:
        counts[colour] = counts.get(colour, 0) + 1
    entries = [(style.group_colour(g), f"around {names[g]} ({counts[style.group_colour(g)]})")
               for g in sorted(names) if g < len(style.GROUP_COLOURS)
               and style.group_colour(g) in counts]
    if style.OTHER_COLOUR in counts:
        entries.append((style.OTHER_COLOUR, f"smaller groups ({counts[style.OTHER_COLOUR]})"))
    return entries


def picture_legend(network: NetworkData, picture: Picture, by_community: bool
                   ) -> list[tuple[str, str]]:
    """(colour, text) for the legend: the kinds shown, or the largest groups."""
    if not len(picture.ids):
        return []
    if by_community:
        return list(picture.legend)
    kinds = set(network.kinds)
    entries = [(colour, kind.capitalize()) for kind, colour in style.KIND_COLOURS.items()
               if kind in kinds]
    if kinds - set(style.KIND_COLOURS):
        entries.append((style.OTHER_COLOUR, "Other"))
    return entries
