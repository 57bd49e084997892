"""GraphML and GEXF: the entity network for Gephi, Cytoscape, yEd or networkx.

Nodes are entities, edges relationships, in a ``MultiDiGraph`` because two entities can
be joined by several relationships. Undirected relationships stay edges of the directed
graph with ``directed=false``: networkx refuses to read a GEXF whose edges mix types.

GEXF is dynamic so Gephi's timeline can filter by date: an edge exists from its
``earliest`` to its ``latest`` day; a node from the first day its date allows, and
until the last day of its end date (or of a range written as its date), open-ended
otherwise (a date alone is when a person was born or an organization founded).
GEXF dates must be ``YYYY-MM-DD`` (xsd:date) with years 1-9999, which Gephi parses;
a bound outside (BC, year 0, after 9999) is left out, which leaves the element open
on that side -- wider, never wrong -- and the ISO text stays in the ``earliest``
and ``latest`` attributes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx

from db.export.atomic import atomic_file
from db.export.csvformat import join_list
from db.rows import parse_dates
from db.store import Store
from models.dates import iso_from_jdn, ymd_from_jdn
from models.records import Entity, Relationship

GEXF_FIRST_YEAR, GEXF_LAST_YEAR = 1, 9999
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(attrs: dict[str, Any]) -> dict[str, Any]:
    """Drop the control characters XML 1.0 cannot hold (a PDF copy-paste brings some):
    networkx writes them as they are, and no reader would open the file."""
    return {k: _NOT_XML.sub("", v) if isinstance(v, str) else v for k, v in attrs.items()}


def _written(date: str, end_date: str) -> str:
    return f"{date} – {end_date}" if end_date else date


def _interval(earliest: int | None, latest: int | None) -> dict[str, str]:
    if earliest is None or latest is None:
        return {}
    return {"earliest": iso_from_jdn(earliest), "latest": iso_from_jdn(latest)}


def _gexf_day(day: int | None) -> str | None:
    """An xsd:date Gephi accepts, or None for a day outside years 1-9999."""
    if day is None or not GEXF_FIRST_YEAR <= ymd_from_jdn(day)[0] <= GEXF_LAST_YEAR:
        return None
    return iso_from_jdn(day)


def _bounds(start: int | None, end: int | None) -> dict[str, str]:
    days = {"start": _gexf_day(start), "end": _gexf_day(end)}
    return {key: value for key, value in days.items() if value is not None}


def _node(entity: Entity, dynamic: bool) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "label": entity.name, "name": entity.name, "kind": entity.kind,
        "native_name": entity.native_name, "aliases": join_list(entity.aliases),
        "description": entity.description, "date": _written(entity.date, entity.end_date),
        **_interval(entity.earliest, entity.latest),
    }
    if dynamic and entity.earliest is not None:
        fuzzy = parse_dates(entity.date, entity.end_date, "entity")
        lasted = bool(entity.end_date) or bool(fuzzy and fuzzy.span)
        attrs.update(_bounds(entity.earliest, entity.latest if lasted else None))
    return attrs


def _edge(rel: Relationship, dynamic: bool) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "label": rel.kind, "kind": rel.kind, "directed": rel.directed,
        "date": _written(rel.date, rel.end_date), "description": rel.description,
        **_interval(rel.earliest, rel.latest),
    }
    if dynamic:
        attrs["id"] = str(rel.id)
        attrs.update(_bounds(rel.earliest, rel.latest))
    return attrs


def build_graph(store: Store, title: str, dynamic: bool = False) -> nx.MultiDiGraph:
    """The entities and relationships of ``store`` as a networkx multigraph."""
    graph = nx.MultiDiGraph(name=title)
    if dynamic:
        graph.graph["mode"] = "dynamic"
    for entity in store.entities():
        graph.add_node(entity.id, **_xml_safe(_node(entity, dynamic)))
    for rel in store.relationships():
        graph.add_edge(rel.from_id, rel.to_id, key=rel.id,
                       **_xml_safe(_edge(rel, dynamic)))
    return graph


def export_graphml(store: Store, out: Path, title: str) -> None:
    graph = build_graph(store, title)
    with atomic_file(out, binary=True) as handle:
        nx.write_graphml(graph, handle, encoding="utf-8")


def export_gexf(store: Store, out: Path, title: str) -> None:
    graph = build_graph(store, title, dynamic=True)
    with atomic_file(out, binary=True) as handle:
        nx.write_gexf(graph, handle, encoding="utf-8", version="1.2draft")
