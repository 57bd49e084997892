"""The rows of the entity network as the graph writers need them, read as they go.

Entities and relationships are read through a cursor, one at a time, so a graph
export holds only a degree and a position per entity, never the records themselves.
The palette and sizes are the graph panel's (``ui/graph/style.py``, which db/ may not
import; a test keeps the two palettes equal).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from db import rows as records
from db.export.csvformat import join_list
from db.rows import parse_dates
from db.store import Store
from models.dates import iso_from_jdn, ymd_from_jdn

KIND_COLOURS = {"person": "#0072B2", "organization": "#E69F00", "place": "#009E73"}
OTHER_COLOUR = "#7F7F7F"
MIN_SIZE, MAX_SIZE = 7, 22  # diameter by degree, as the graph panel draws it
GEXF_FIRST_YEAR, GEXF_LAST_YEAR = 1, 9999

NODE_FIELDS = (("name", "string"), ("kind", "string"), ("native_name", "string"),
               ("aliases", "string"), ("description", "string"), ("date", "string"),
               ("earliest", "string"), ("latest", "string"))
EDGE_FIELDS = (("kind", "string"), ("directed", "boolean"), ("date", "string"),
               ("description", "string"), ("earliest", "string"), ("latest", "string"))


@dataclass
class Item:
    """A node or an edge: its id, label, attribute values and GEXF extras."""

    id: str
    label: str
    data: dict[str, object]
    bounds: list[tuple[str, str]] = field(default_factory=list)
    source: str = ""
    target: str = ""
    colour: tuple[int, int, int] = (0, 0, 0)
    size: float = MIN_SIZE
    position: tuple[float, float] | None = None


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _written(date: str, end_date: str) -> str:
    return f"{date} – {end_date}" if end_date else date


def _gexf_day(day: int | None) -> str | None:
    """An xsd:date Gephi accepts, or None for a day outside years 1-9999.

    A bound left out leaves the element open on that side -- wider, never wrong; the
    ISO text stays in the ``earliest`` and ``latest`` attributes.
    """
    if day is None or not GEXF_FIRST_YEAR <= ymd_from_jdn(day)[0] <= GEXF_LAST_YEAR:
        return None
    return iso_from_jdn(day)


@lru_cache(maxsize=4096)
def _lasts(date: str, end_date: str) -> bool:
    """Whether a date says when something ended: an end date, or a range as its date.

    A date alone ("May 2022") says when it began, so it stays open after that."""
    fuzzy = parse_dates(date, end_date, "record")
    return bool(end_date) or bool(fuzzy and fuzzy.span)


def _bounds(date: str, end_date: str, earliest: int | None,
            latest: int | None) -> list[tuple[str, str]]:
    if earliest is None:
        return []
    days = {"start": _gexf_day(earliest),
            "end": _gexf_day(latest) if _lasts(date, end_date) else None}
    return [(key, value) for key, value in days.items() if value is not None]


def _interval(earliest: int | None, latest: int | None) -> dict[str, object]:
    if earliest is None or latest is None:
        return {"earliest": None, "latest": None}
    return {"earliest": iso_from_jdn(earliest), "latest": iso_from_jdn(latest)}


class GraphRows:
    """Nodes and edges of ``store`` as iterators, with the layout and degrees read once."""

    def __init__(self, store: Store, title: str) -> None:
        self.store, self.title = store, title
        sql = ("SELECT id, count(*) FROM (SELECT from_id AS id FROM relationships "
               "UNION ALL SELECT to_id FROM relationships) GROUP BY id")
        self.degree: dict[int, int] = dict(store.conn.execute(sql).fetchall())
        self.top = max(self.degree.values(), default=0)
        self.positions = store.positions()

    def _size(self, entity_id: int) -> float:
        if not self.top:
            return MIN_SIZE
        share = math.sqrt(self.degree.get(entity_id, 0) / self.top)
        return MIN_SIZE + round((MAX_SIZE - MIN_SIZE) * share)

    def nodes(self, dynamic: bool = False) -> Iterator[Item]:
        for row in self.store.db.query("SELECT * FROM entities ORDER BY id"):
            e = records.entity_from(row)
            data: dict[str, object] = {
                "name": e.name, "kind": e.kind, "native_name": e.native_name,
                "aliases": join_list(e.aliases), "description": e.description,
                "date": _written(e.date, e.end_date), **_interval(e.earliest, e.latest)}
            where = self.positions.get(e.id or 0)
            yield Item(str(e.id), e.name, data,
                       _bounds(e.date, e.end_date, e.earliest, e.latest) if dynamic else [],
                       colour=_rgb(KIND_COLOURS.get(e.kind, OTHER_COLOUR)),
                       size=self._size(e.id or 0),
                       position=None if where is None else (where[0], where[1]))

    def edges(self, dynamic: bool = False) -> Iterator[Item]:
        for row in self.store.db.query("SELECT * FROM relationships ORDER BY id"):
            r = records.relationship_from(row)
            data: dict[str, object] = {
                "kind": r.kind, "directed": r.directed, "date": _written(r.date, r.end_date),
                "description": r.description, **_interval(r.earliest, r.latest)}
            yield Item(str(r.id), r.kind, data,
                       _bounds(r.date, r.end_date, r.earliest, r.latest) if dynamic else [],
                       source=str(r.from_id), target=str(r.to_id))


def read_graph(store: Store, title: str) -> GraphRows:
    return GraphRows(store, title)
