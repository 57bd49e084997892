"""Reading the relationship graph: only the part the graph panel will draw, as bare rows.

A file with up to ``limit`` entities is read whole. A bigger one is too large to draw
readably (and to read as records: 100,000 entities, 250,000 relationships at 1M events), so
``read_network`` returns one of two slices of it:

* the ``top`` most connected entities (degree counted in SQL, ties by id) and the
  relationships among them;
* the neighbourhood of one entity (``centre``, if it exists) to ``depth`` steps, cut to
  ``limit`` entities (the nearest first; in the farthest step, those with most links into
  the nearer ones).

``read_network`` is a pure function of a ``sqlite3.Connection``: no Store, no Qt, so it
may run on a loader thread with a connection of its own. ``read_participation`` reads who
took part in which events, for shared-event edges counted in numpy for any window.
``StoreNetwork`` puts both on ``Store``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np

from models.graph import LinkRow, NodeRow

Positions = dict[int, tuple[float, float, bool]]

_NODES = ("SELECT id, kind, name, earliest, latest FROM entities {where} ORDER BY id")
_LINKS = ("SELECT id, from_id, to_id, kind, directed, date, end_date, earliest, latest "
          "FROM relationships {where} ORDER BY id")
_AMONG = ("WHERE from_id IN (SELECT value FROM json_each(:ids)) "
          "AND to_id IN (SELECT value FROM json_each(:ids))")
_TOP = """
    SELECT id FROM (SELECT from_id AS id FROM relationships
                    UNION ALL SELECT to_id FROM relationships)
    GROUP BY id ORDER BY count(*) DESC, id LIMIT :top
"""
_STEP = """
    SELECT from_id, to_id FROM relationships WHERE from_id IN (SELECT value FROM json_each(:ids))
    UNION ALL
    SELECT from_id, to_id FROM relationships WHERE to_id IN (SELECT value FROM json_each(:ids))
"""


@dataclass(frozen=True)
class NetworkSlice:
    """What the graph panel loads: some entities, the relationships among them, and why."""

    nodes: list[NodeRow] = field(default_factory=list)
    links: list[LinkRow] = field(default_factory=list)
    total: int = 0  # entities in the file
    top: frozenset[int] = frozenset()  # the most connected (all of them, read whole)
    centre: int | None = None  # read as this entity's neighbourhood
    depth: int = 0
    cut: bool = False  # the neighbourhood had more than ``limit`` entities
    saved: Positions = field(default_factory=dict)  # saved positions of ``nodes``

    @property
    def whole(self) -> bool:
        """Every entity of the file is here."""
        return self.centre is None and len(self.nodes) == self.total


def read_network(conn: sqlite3.Connection, limit: int, top: int, centre: int | None = None,
                 depth: int = 1, known: NetworkSlice | None = None) -> NetworkSlice:
    """All entities if there are at most ``limit``; else the ``top`` most connected, or the
    neighbourhood of ``centre`` if given. See the module's docstring.

    ``known``: an earlier slice of a big file unchanged since, whose count and most
    connected are taken as they are (counting degrees takes 0.2 s at 1M events).
    """
    if known is not None and not known.whole and known.top:
        best, total = known.top, known.total
    else:
        total = int(conn.execute("SELECT count(*) FROM entities").fetchone()[0])
        best = frozenset()
    if total <= limit:
        nodes = [NodeRow(*r) for r in conn.execute(_NODES.format(where=""))]
        links = [_link(r) for r in conn.execute(_LINKS.format(where=""))]
        saved = _positions(conn, None)
        return NetworkSlice(nodes, links, total, frozenset(n.id for n in nodes), saved=saved)
    best = best or frozenset(r[0] for r in conn.execute(_TOP, {"top": top}))
    ids, cut = _neighbourhood(conn, centre, depth, limit) if centre is not None else ([], False)
    if not ids:  # no centre, or it is gone
        return _slice(conn, sorted(best), total=total, top=best)
    return _slice(conn, ids, total=total, top=best, centre=centre, depth=depth, cut=cut)


@dataclass(frozen=True)
class Participation:
    """Who took part in which event: parallel int64 columns, one row per (event, entity,
    role); with the events' intervals of possible days once ``with_days`` read them."""

    events: np.ndarray
    entities: np.ndarray
    earliest: np.ndarray | None = None
    latest: np.ndarray | None = None

    def meeting(self, window: tuple[int, int] | None) -> tuple[np.ndarray, np.ndarray]:
        """(events, entities) of the events whose interval meets ``window`` (all if None)."""
        if window is None:
            return self.events, self.entities
        if self.earliest is None or self.latest is None:
            raise ValueError("read the days first (with_days)")
        keep = (self.earliest <= window[1]) & (self.latest >= window[0])
        return self.events[keep], self.entities[keep]


def read_participation(conn: sqlite3.Connection, ids: list[int] | None = None
                       ) -> Participation:
    """The participations of the entities ``ids`` (of everyone if None), for counting
    shared events (``models.graph.co_participation_arrays``). One index is read, not the
    events: 0.4 s for the 500 most connected at 1M events."""
    sql = "SELECT event_id, entity_id FROM event_participants"
    if ids is None:
        rows = conn.execute(sql).fetchall()
    else:
        rows = conn.execute(sql + " WHERE entity_id IN (SELECT value FROM json_each(?))",
                            [json.dumps(ids)]).fetchall()
    columns = np.array(rows, dtype=np.int64).reshape(-1, 2)
    return Participation(columns[:, 0].copy(), columns[:, 1].copy())


def with_days(conn: sqlite3.Connection, participation: Participation) -> Participation:
    """The same participations with their events' days, for windows (1 s more there)."""
    events = np.unique(participation.events)
    rows = conn.execute("SELECT id, earliest, latest FROM events "
                        "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                        [json.dumps(events.tolist())]).fetchall()
    days = np.array(rows, dtype=np.int64).reshape(-1, 3)
    if not len(days):  # no participations (events cannot be missing: keys cascade)
        empty = np.zeros(0, dtype=np.int64)
        return Participation(empty, empty, empty, empty)
    where = np.searchsorted(days[:, 0], participation.events)
    return replace(participation, earliest=days[where, 1], latest=days[where, 2])


class StoreNetwork:
    """Mixin of ``Store``: the graph's reads."""

    conn: sqlite3.Connection

    def network_slice(self, limit: int, top: int, centre: int | None = None,
                      depth: int = 1, known: NetworkSlice | None = None) -> NetworkSlice:
        """``read_network`` on this file."""
        return read_network(self.conn, limit, top, centre, depth, known)

    def participation(self, ids: list[int] | None = None) -> Participation:
        """``read_participation`` on this file."""
        return read_participation(self.conn, ids)

    def participation_days(self, participation: Participation) -> Participation:
        """``with_days`` on this file."""
        return with_days(self.conn, participation)


def _link(row: tuple) -> LinkRow:
    record = LinkRow(*row)
    return record._replace(directed=bool(record.directed))


def _slice(conn: sqlite3.Connection, ids: list[int], **facts: object) -> NetworkSlice:
    """The entities ``ids``, the relationships among them and their saved positions."""
    chosen = {"ids": json.dumps(ids)}
    where = "WHERE id IN (SELECT value FROM json_each(:ids))"
    nodes = [NodeRow(*r) for r in conn.execute(_NODES.format(where=where), chosen)]
    links = [_link(r) for r in conn.execute(_LINKS.format(where=_AMONG), chosen)]
    return NetworkSlice(nodes, links, saved=_positions(conn, ids), **facts)  # type: ignore[arg-type]


def _positions(conn: sqlite3.Connection, ids: list[int] | None) -> Positions:
    sql = "SELECT entity_id, x, y, pinned FROM entity_positions"
    if ids is None:
        rows = conn.execute(sql)
    else:
        rows = conn.execute(sql + " WHERE entity_id IN (SELECT value FROM json_each(?))",
                            [json.dumps(ids)])
    return {e: (x, y, bool(p)) for e, x, y, p in rows}


def _neighbourhood(conn: sqlite3.Connection, centre: int, depth: int, limit: int
                   ) -> tuple[list[int], bool]:
    """Ids within ``depth`` steps of ``centre`` (none if it is gone), at most ``limit``;
    and whether some were left out."""
    if conn.execute("SELECT 1 FROM entities WHERE id = ?", [centre]).fetchone() is None:
        return [], False
    kept, frontier = {centre}, [centre]
    for _ in range(depth):
        if not frontier:
            break
        links: Counter[int] = Counter()
        for a, b in conn.execute(_STEP, {"ids": json.dumps(frontier)}):
            for node in (a, b):
                if node not in kept:
                    links[node] += 1
        ranked = sorted(links, key=lambda n: (-links[n], n))
        room = limit - len(kept)
        if len(ranked) > room:
            kept.update(ranked[:room])
            return sorted(kept), True
        kept.update(ranked)
        frontier = ranked
    return sorted(kept), False
