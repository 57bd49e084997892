"""The network of entities: building it from records, cutting it down, laying it out.

Pure Python, numpy and python-igraph; no Qt and no database. Two facts about
python-igraph shape this module:

* it holds the GIL for the whole of a C call, so a 10,000-node Fruchterman–Reingold run
  in a worker thread still freezes the other threads for about a second (measured);
  cutting the run into short calls does not work either, since each call cools to zero
  and a quickly cooled FR collapses into a knot that the next call is slow to undo;
* it is not thread-safe and draws random numbers from one global generator. Every igraph
  call here holds ``_IGRAPH_LOCK`` and runs with a generator seeded for that call, so
  results are repeatable and a layout in a worker never interleaves with a community
  search on the UI thread.
"""

from __future__ import annotations

import math
import random
import threading
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

import igraph as ig
import numpy as np

from models.graph_pack import BOX, fit, pack, unit_per_char
from models.graph_room import ROOM_MAX, make_room, widen
from models.records import Entity, Relationship

CO_PARTICIPATION_KIND = "shared events"
_IGRAPH_LOCK = threading.Lock()
_GRID_FROM = 1000  # FR without its grid is O(n²) per iteration: 1,000 nodes take 1 s;
# with it, repulsion reaches only 2 units and big components pack into dense knots


class NodeRow(NamedTuple):
    """What the graph needs of an entity (an ``Entity`` has the same fields)."""

    id: int
    kind: str
    name: str
    earliest: int | None = None
    latest: int | None = None


class LinkRow(NamedTuple):
    """What the graph needs of a relationship (a ``Relationship`` has the same fields)."""

    id: int
    from_id: int
    to_id: int
    kind: str
    directed: bool = True
    date: str = ""
    end_date: str = ""
    earliest: int | None = None
    latest: int | None = None


@dataclass(frozen=True)
class Edge:
    """One line of the picture: a relationship, or entities sharing events."""

    source: int
    target: int
    kind: str
    directed: bool = False
    relationship_id: int | None = None  # None: a co-participation edge
    weight: float = 1.0
    earliest: int | None = None
    latest: int | None = None
    label: str = ""


@dataclass
class NetworkData:
    """Nodes as parallel lists (id order) and the edges between them."""

    ids: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def index(self) -> dict[int, int]:
        """Entity id -> position in the node lists."""
        return {node: i for i, node in enumerate(self.ids)}

    def edge_array(self) -> np.ndarray:
        """Edges as an (m, 2) array of node positions."""
        where = self.index()
        pairs = [(where[e.source], where[e.target]) for e in self.edges]
        return np.array(pairs, dtype=np.int64).reshape(-1, 2)

    def neighbours(self) -> dict[int, set[int]]:
        """Entity id -> ids joined to it by any edge, either direction."""
        found: dict[int, set[int]] = {node: set() for node in self.ids}
        for e in self.edges:
            found[e.source].add(e.target)
            found[e.target].add(e.source)
        return found

    def subset(self, keep: Iterable[int]) -> NetworkData:
        """The nodes in ``keep`` (still in id order) and the edges among them."""
        wanted = set(keep)
        rows = [i for i, node in enumerate(self.ids) if node in wanted]
        return NetworkData(
            ids=[self.ids[i] for i in rows],
            names=[self.names[i] for i in rows],
            kinds=[self.kinds[i] for i in rows],
            edges=[e for e in self.edges if e.source in wanted and e.target in wanted],
        )


# -- building ----------------------------------------------------------------------------


def _meets(earliest: int | None, latest: int | None, window: tuple[int, int]) -> bool:
    first, last = window
    return (earliest is None or earliest <= last) and (latest is None or latest >= first)


def _relationship_edge(rel: Relationship | LinkRow) -> Edge:
    """Labelled "member of (1988 – 1991)": the kind and the dates as written."""
    start, end = rel.date.strip(), rel.end_date.strip()
    dates = f"{start} – {end}" if start and end else start or end
    return Edge(rel.from_id, rel.to_id, rel.kind, bool(rel.directed), rel.id, 1.0,
                rel.earliest, rel.latest, f"{rel.kind} ({dates})" if dates else rel.kind)


def _co_edge(a: int, b: int, count: int) -> Edge:
    label = f"{count} shared event{'' if count == 1 else 's'}"
    return Edge(a, b, CO_PARTICIPATION_KIND, False, None, float(count), label=label)


def build_network(entities: Iterable[Entity | NodeRow],
                  relationships: Iterable[Relationship | LinkRow],
                  co_participation: Iterable[tuple[int, int, int]] | None = None,
                  window: tuple[int, int] | None = None) -> NetworkData:
    """The network of ``entities``: one edge per relationship, plus shared-event edges.

    Records or the bare rows ``db.network`` reads (``NodeRow``, ``LinkRow``) alike.

    ``co_participation`` is ``[(a, b, count)]`` (``Store.co_participation`` or
    ``co_participation_of``); each pair becomes one undirected edge of weight ``count``.

    With ``window=(first_day, last_day)``:

    * a relationship is kept if its interval of possible days meets the window; an
      undated relationship (or an open end) counts as always active and is kept;
    * co-participation edges are kept as given: pass counts of the window's events;
    * a node is kept if an edge still touches it, or if the entity itself is dated and
      its interval meets the window. Undated entities without edges are dropped: nothing
      says they were active then.

    Edges whose ends are not among ``entities`` are skipped.
    """
    nodes = sorted((e for e in entities if e.id is not None), key=lambda e: e.id or 0)
    known = {e.id for e in nodes}
    edges = [_relationship_edge(r) for r in relationships
             if r.from_id in known and r.to_id in known
             and (window is None or _meets(r.earliest, r.latest, window))]
    edges += [_co_edge(a, b, n) for a, b, n in co_participation or ()
              if a in known and b in known and a != b and n > 0]
    if window is not None:
        touched = {e.source for e in edges} | {e.target for e in edges}
        nodes = [e for e in nodes if e.id in touched or (
            (e.earliest is not None or e.latest is not None)
            and _meets(e.earliest, e.latest, window))]
    return NetworkData([e.id for e in nodes if e.id is not None], [e.name for e in nodes],
                       [e.kind for e in nodes], edges)


def co_participation_of(participants: Iterable[Iterable[int]]) -> list[tuple[int, int, int]]:
    """``[(a, b, count)]``, a < b, from the participant ids of each event.

    What ``Store.co_participation`` returns for all events, here for any set of them
    (the events in the timeline's window, say).
    """
    counts: Counter[tuple[int, int]] = Counter()
    for ids in participants:
        counts.update(combinations(sorted(set(ids)), 2))
    return [(a, b, n) for (a, b), n in sorted(counts.items())]


def co_participation_arrays(events: np.ndarray, entities: np.ndarray
                            ) -> list[tuple[int, int, int]]:
    """``co_participation_of`` for participations as two columns, ``events[i]`` having
    ``entities[i]`` among its participants (repeats allowed): vectorised."""
    order = np.lexsort((entities, events))
    event, entity = np.asarray(events)[order], np.asarray(entities)[order]
    fresh = np.ones(len(event), dtype=bool)
    fresh[1:] = (event[1:] != event[:-1]) | (entity[1:] != entity[:-1])
    event, entity = event[fresh], entity[fresh]  # sorted by event, then entity; distinct
    firsts, seconds = [], []
    for step in range(1, len(event)):  # the pairs `step` rows apart within one event
        same = event[step:] == event[:-step]
        if not same.any():
            break
        firsts.append(entity[:-step][same])
        seconds.append(entity[step:][same])
    if not firsts:
        return []
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    order = np.lexsort((b, a))
    a, b = a[order], b[order]
    starts = np.flatnonzero(np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1])])
    counts = np.diff(np.r_[starts, len(a)])
    return list(zip(a[starts].tolist(), b[starts].tolist(), counts.tolist(), strict=True))


# -- cutting down --------------------------------------------------------------------------


def ego(network: NetworkData, centre_id: int, depth: int) -> NetworkData:
    """The centre and every node within ``depth`` (1–3) edges of it, either direction.

    Raises ``KeyError`` if the centre is not in the network.
    """
    if not 1 <= depth <= 3:
        raise ValueError(f"ego depth must be 1, 2 or 3, not {depth}")
    if centre_id not in network.index():
        raise KeyError(centre_id)
    adjacent = network.neighbours()
    distance = {centre_id: 0}
    queue = deque([centre_id])
    while queue:
        node = queue.popleft()
        if distance[node] == depth:
            continue
        for other in adjacent[node]:
            if other not in distance:
                distance[other] = distance[node] + 1
                queue.append(other)
    return network.subset(distance)


def degrees(network: NetworkData) -> dict[int, int]:
    """Entity id -> number of edges touching it (parallel edges count each)."""
    found = dict.fromkeys(network.ids, 0)
    for e in network.edges:
        found[e.source] += 1
        found[e.target] += 1
    return found


# -- igraph ----------------------------------------------------------------------------------


@contextmanager
def _igraph(seed: int) -> Iterator[None]:
    """Hold the igraph lock, with igraph's random numbers drawn from a seeded generator."""
    with _IGRAPH_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def _undirected(network: NetworkData) -> ig.Graph:
    """One undirected edge per joined pair, its weight the sum of theirs."""
    graph = ig.Graph(n=len(network), edges=network.edge_array().tolist())
    graph.es["weight"] = [e.weight for e in network.edges]
    graph.simplify(multiple=True, loops=True, combine_edges="sum")
    return graph


def communities(network: NetworkData, seed: int = 0) -> dict[int, int]:
    """Entity id -> group number by Louvain (``community_multilevel``), weighted.

    Repeatable for the same network and seed. Groups are numbered by size, largest
    first (ties: the group holding the smaller id first), so colours stay put.
    """
    if not network.ids:
        return {}
    graph = _undirected(network)
    with _igraph(seed):
        membership = graph.community_multilevel(weights="weight").membership
    groups: dict[int, list[int]] = {}
    for node, group in zip(network.ids, membership, strict=True):
        groups.setdefault(group, []).append(node)
    order = sorted(groups.values(), key=lambda members: (-len(members), min(members)))
    return {node: number for number, members in enumerate(order) for node in members}


# -- layout -----------------------------------------------------------------------------------

HUB_SLACK = 0.5  # a spoke pulls by 1 / (its ends' degrees multiplied) to this power
_FR_EDGE = 1.5  # typical edge length of a settled FR layout, in FR units


def components(network: NetworkData) -> list[list[int]]:
    """Connected components (ids), largest first; ties by smallest id."""
    graph = ig.Graph(n=len(network), edges=network.edge_array().tolist())
    with _IGRAPH_LOCK:
        membership = graph.connected_components().membership
    parts: dict[int, list[int]] = {}
    for node, part in zip(network.ids, membership, strict=True):
        parts.setdefault(part, []).append(node)
    return sorted(parts.values(), key=lambda c: (-len(c), c[0]))


def _split(network: NetworkData) -> list[NetworkData]:
    """The components as networks of their own (ids and edges only), largest first."""
    parts = components(network)
    part_of = {node: i for i, members in enumerate(parts) for node in members}
    edges: list[list[Edge]] = [[] for _ in parts]
    for e in network.edges:
        edges[part_of[e.source]].append(e)
    names = dict(zip(network.ids, network.names, strict=True))
    return [NetworkData(members, [names[m] for m in members], [""] * len(members), own)
            for members, own in zip(parts, edges, strict=True)]


def _unit(network: NetworkData, seeds: Mapping[int, tuple[float, float]]) -> float:
    """Plot units per FR unit, read off the edges the seed positions already draw."""
    lengths = [math.dist(seeds[e.source], seeds[e.target]) for e in network.edges
               if e.source in seeds and e.target in seeds]
    typical = float(np.median(lengths)) if lengths else 0.0
    return typical / _FR_EDGE if typical > 0 else BOX / max(1.5, 0.5 * math.sqrt(len(network)))


def _fr(network: NetworkData, start: np.ndarray, fixed: np.ndarray, temperature: float,
        niter: int, seed: int, keep_frame: bool) -> np.ndarray:
    """One igraph FR run; ``fixed`` rows keep their start (bounds equal to the point).

    igraph 1.0 centres its result and turns it onto its principal axes unless bounds are
    given (seen here: one iteration at zero temperature rotates a ring by 45°). Fresh
    components are welcome to that; a seeded one is bounded (far away, if nothing is
    fixed) so it stays in the frame of its seeds.
    """
    graph = ig.Graph(n=len(network), edges=network.edge_array().tolist())
    weights = [1.0 + math.log(max(e.weight, 1.0)) for e in network.edges] or None
    if weights and len(network) <= ROOM_MAX:  # a picture that names every node: a hub's
        # spokes pull less, so its many neighbours get a wider ring than one edge length
        degree = degrees(network)
        weights = [w / (degree[e.source] * degree[e.target]) ** HUB_SLACK
                   for w, e in zip(weights, network.edges, strict=True)]
    bounds = {}
    if keep_frame:
        for axis, name in enumerate(("x", "y")):
            bounds[f"min{name}"] = np.where(fixed, start[:, axis], -1e9).tolist()
            bounds[f"max{name}"] = np.where(fixed, start[:, axis], 1e9).tolist()
    grid = "grid" if len(network) >= _GRID_FROM else "nogrid"
    with _igraph(seed):
        found = graph.layout_fruchterman_reingold(
            weights=weights, niter=niter, seed=start.tolist(), grid=grid,
            start_temp=temperature, **bounds)
    return np.array(found.coords, dtype=float).reshape(-1, 2)


def _start(network: NetworkData, seeds: Mapping[int, tuple[float, float]],
           rng: np.random.Generator) -> np.ndarray:
    """Start positions: seeds; else beside placed neighbours; else at random."""
    spread = 0.5 * math.sqrt(len(network))
    start = np.full((len(network), 2), np.nan)
    for i, node in enumerate(network.ids):
        if node in seeds:
            start[i] = seeds[node]
    adjacent, where = network.neighbours(), network.index()
    for i, node in enumerate(network.ids):
        if np.isnan(start[i, 0]):
            placed = [where[m] for m in adjacent[node] if m in seeds]
            centre = start[placed].mean(axis=0) if placed else rng.uniform(-spread, spread, 2)
            start[i] = centre + rng.normal(0.0, 0.5, 2)
    return start + rng.normal(0.0, 1e-6, start.shape)  # no two nodes on one spot


def _component(network: NetworkData, seeds: Mapping[int, tuple[float, float]],
               held: set[int], rng: np.random.Generator, seed: int, niter: int) -> np.ndarray:
    """FR of one component. Held nodes take part only as anchors of the free nodes
    beside them, so placing a few new nodes in a big saved picture costs little."""
    n = len(network)
    if n <= 2 and not seeds:
        return np.array([[0.0, 0.0], [1.0, 0.0]][:n])
    start = _start(network, seeds, rng)
    fixed = np.array([node in held for node in network.ids])
    if fixed.all():
        return start
    free = {node for node, f in zip(network.ids, fixed, strict=True) if not f}
    adjacent = network.neighbours()
    involved = free.union(*(adjacent[node] for node in free))
    rows = [i for i, node in enumerate(network.ids) if node in involved]
    cool = max(0.1, sum(node not in seeds for node in network.ids) / n)
    coords = start.copy()
    coords[rows] = _fr(network.subset(involved), start[rows], fixed[rows],
                       math.sqrt(len(rows)) / 10 * cool, max(50, int(niter * cool)), seed,
                       keep_frame=bool(seeds))
    coords[fixed] = start[fixed]
    return coords


def _make_room(fresh: list[tuple[NetworkData, np.ndarray]], below: np.ndarray | None
               ) -> list[tuple[NetworkData, np.ndarray]]:
    """Fresh components with room for their names (``graph_room``), at the scale of the
    whole packed picture, which the components beside each one make larger."""
    blocks = [coords for _, coords in fresh]
    names = [sub.names for sub, _ in fresh]
    every = np.concatenate(pack(blocks, names, below)
                           + ([below] if below is not None and len(below) else []))
    whole = unit_per_char(np.ptp(every, axis=0))
    found = []
    for sub, coords in fresh:
        own = unit_per_char(np.ptp(coords, axis=0)) if len(coords) >= 3 else 0.0
        if own > 0:
            degree = degrees(sub)
            coords = widen(make_room(coords, sub.names,
                                     np.array([degree[n] for n in sub.ids]), ratio=whole / own))
        found.append((sub, coords))
    return found


def layout(network: NetworkData, seed_positions: Mapping[int, tuple[float, float]] | None = None,
           pinned: Iterable[int] = frozenset(), seed: int = 0, *, niter: int = 500
           ) -> dict[int, tuple[float, float]]:
    """Fruchterman–Reingold positions, entity id -> (x, y), in plot units.

    * Each connected component is laid out alone. One with seeded nodes stays where its
      seeds are; the others (isolated nodes last) are shelved in rows beneath it.
    * Nodes start at ``seed_positions``, else beside placed neighbours, else at random
      (``seed``): the same input gives the same output.
    * FR cannot pin, but igraph bounds each node's coordinates: a pinned node (it needs
      a seed position) is bounded to its own point.
    * The more of a component is seeded, the cooler and shorter its run: a saved picture
      settles rather than being redrawn. Weights pull harder, damped by a logarithm.
    * Without pinned nodes the result is centred and scaled to fill [-BOX, BOX]; with
      them it keeps the seeds' frame and scale.
    * A network small enough to name every node (``ROOM_MAX``) is laid out for its names:
      a hub's spokes pull less in FR, then fresh components get room for each name beside
      its node (``graph_room``, under a second for 500 nodes, in plain Python loops that
      let other threads run) and are stretched sideways towards a chart's shape.

    One igraph call holds the GIL (about 1 s for 10,000 nodes): keep big layouts away
    from a UI thread (``ui.graph.layout_job`` uses another process).
    """
    where = network.index()
    seeds = {node: xy for node, xy in (seed_positions or {}).items() if node in where}
    held = {node for node in pinned if node in seeds}
    if not network.ids:
        return {}
    unit = _unit(network, seeds)
    fr_seeds = {node: (x / unit, y / unit) for node, (x, y) in seeds.items()}
    rng = np.random.default_rng(seed)
    placed: dict[int, np.ndarray] = {}
    fresh: list[tuple[NetworkData, np.ndarray]] = []
    for sub in _split(network):
        mine = {node: fr_seeds[node] for node in sub.ids if node in fr_seeds}
        coords = _component(sub, mine, held, rng, seed, niter)
        if mine:
            placed.update(zip(sub.ids, coords, strict=True))
        else:
            fresh.append((sub, coords))
    below = np.array(list(placed.values())) if placed else None
    if len(network) <= ROOM_MAX:
        fresh = _make_room(fresh, below)
    packed = pack([c for _, c in fresh], [sub.names for sub, _ in fresh], below)
    for (sub, _), coords in zip(fresh, packed, strict=True):
        placed.update(zip(sub.ids, coords, strict=True))
    order = np.array([placed[node] for node in network.ids])
    coords = order * unit if held else fit(order)
    result = {node: (float(x), float(y)) for node, (x, y) in zip(network.ids, coords, strict=True)}
    result.update({node: seeds[node] for node in held})
    return result


# -- filters and first views ------------------------------------------------------------------


def is_undated(edge: Edge) -> bool:
    """A relationship with no date at all (always active, whatever the window)."""
    return edge.relationship_id is not None and edge.earliest is None and edge.latest is None


def filter_network(network: NetworkData, hidden_kinds: Iterable[str] = (),
                   min_links: int = 0, hidden_node_kinds: Iterable[str] = ()) -> NetworkData:
    """Without relationships of ``hidden_kinds``, entities of ``hidden_node_kinds``, and
    then entities with fewer than ``min_links`` links among what is left."""
    kinds, node_kinds = set(hidden_kinds), set(hidden_node_kinds)
    keep = [node for node, kind in zip(network.ids, network.kinds, strict=True)
            if kind not in node_kinds]
    cut = network.subset(keep)
    cut.edges = [e for e in cut.edges if e.kind not in kinds]
    if min_links > 0:
        degree = degrees(cut)
        cut = cut.subset(node for node in cut.ids if degree[node] >= min_links)
    return cut


def main_actors(network: NetworkData, count: int = 10, keep: Iterable[int] = ()
                ) -> NetworkData:
    """The ``count`` most connected people and organizations (places are where things
    happen, not actors), the entities they link to directly, and ``keep`` (the
    selection) with its own neighbours, so it is seen in its context.

    A first view of a network too tangled to read whole.
    """
    degree = degrees(network)
    actors = [node for node, kind in zip(network.ids, network.kinds, strict=True)
              if kind != "place"]
    names = dict(zip(network.ids, network.names, strict=True))
    core = sorted(actors, key=lambda n: (-degree[n], names[n], n))[:count]
    centres = set(core) | {n for n in keep if n in degree}
    adjacent = network.neighbours()
    return network.subset(centres.union(*(adjacent[n] for n in centres)))


def community_names(network: NetworkData, groups: Mapping[int, int]) -> dict[int, str]:
    """Group number -> the name of its most connected member (ties: name): what a reader
    can call the group, rather than a number."""
    degree = degrees(network)
    best: dict[int, tuple[int, str]] = {}
    for node, name in zip(network.ids, network.names, strict=True):
        group = groups.get(node)
        if group is None:
            continue
        rank = (-degree[node], name)
        if group not in best or rank < best[group]:
            best[group] = rank
    return {group: name for group, (_, name) in best.items()}
