"""GraphML and GEXF: the entity network for Gephi, Cytoscape, yEd, networkx or igraph.

Written here while the rows are read, not through networkx: networkx needs the whole
graph in memory, leaks its own ``networkx_key`` into GEXF, writes GraphML booleans as
Python's "True"/"False" (the format says "true"/"false") and passes control
characters through into ill-formed XML.

Nodes are entities, edges relationships; two entities can be joined by several
relationships (each edge has its relationship's id). Undirected relationships stay
edges of the directed graph with ``directed=false``: networkx refuses a GEXF whose
edges mix types. The node attributes are in ``db.export.graphdata``.

GEXF is dynamic so Gephi's timeline can filter by date: an element exists from the
first day its date allows; it ends on the last day of its end date (or of a range
written as its date) and is open-ended otherwise -- a relationship "from May 2022"
still holds after May. Its ``viz:`` colour, size and position are the app's: the
graph panel's palette by kind, a size by degree, and the saved layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from db.export.atomic import atomic_file
from db.export.graphdata import EDGE_FIELDS, KIND_COLOURS, NODE_FIELDS, GraphRows, Item, read_graph
from db.export.xmltext import attrs, element, text
from db.store import Store

__all__ = ["KIND_COLOURS", "export_gexf", "export_graphml"]

_GRAPHML_TYPES = {"string": "string", "boolean": "boolean"}
_GRAPHML_NS = ('xmlns="http://graphml.graphdrawing.org/xmlns" '
               'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
               'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
               'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"')
_GEXF_NS = ('xmlns="http://www.gexf.net/1.2draft" '
            'xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2"')


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# -- GraphML ---------------------------------------------------------------------------

def _graphml_keys(out: IO[str]) -> None:
    element(out, "key", [("id", "g_name"), ("for", "graph"), ("attr.name", "name"),
                         ("attr.type", "string")])
    for scope, fields in (("node", NODE_FIELDS), ("edge", EDGE_FIELDS)):
        for name, kind in fields:
            element(out, "key", [("id", f"{scope[0]}_{name}"), ("for", scope),
                                 ("attr.name", name), ("attr.type", _GRAPHML_TYPES[kind])])


def _graphml_data(out: IO[str], scope: str, item: Item) -> None:
    for name, value in item.data.items():
        if value is not None:
            out.write(f'  <data key="{scope}_{name}">{text(_value(value))}</data>\n')


def write_graphml(out: IO[str], rows: GraphRows) -> None:
    out.write(f"<?xml version='1.0' encoding='utf-8'?>\n<graphml {_GRAPHML_NS}>\n")
    _graphml_keys(out)
    out.write('<graph edgedefault="directed">\n')
    out.write(f'<data key="g_name">{text(rows.title)}</data>\n')
    for node in rows.nodes():
        out.write(f"<node{attrs([('id', node.id)])}>\n")
        _graphml_data(out, "n", node)
        out.write("</node>\n")
    for edge in rows.edges():
        ends = [("id", edge.id), ("source", edge.source), ("target", edge.target)]
        out.write(f"<edge{attrs(ends)}>\n")
        _graphml_data(out, "e", edge)
        out.write("</edge>\n")
    out.write("</graph>\n</graphml>\n")


# -- GEXF ------------------------------------------------------------------------------

def _gexf_attributes(out: IO[str]) -> None:
    for scope, fields in (("node", NODE_FIELDS), ("edge", EDGE_FIELDS)):
        out.write(f'    <attributes class="{scope}" mode="static">\n')
        for name, kind in fields:
            element(out, "attribute", [("id", f"{scope[0]}_{name}"), ("title", name),
                                       ("type", kind)], indent=6)
        out.write("    </attributes>\n")


def _attvalues(out: IO[str], scope: str, item: Item) -> None:
    out.write("        <attvalues>\n")
    for name, value in item.data.items():
        if value is not None:
            element(out, "attvalue", [("for", f"{scope}_{name}"), ("value", _value(value))],
                    indent=10)
    out.write("        </attvalues>\n")


def _viz(out: IO[str], node: Item) -> None:
    r, g, b = node.colour
    element(out, "viz:color", [("r", r), ("g", g), ("b", b)], indent=8)
    element(out, "viz:size", [("value", node.size)], indent=8)
    if node.position is not None:
        x, y = node.position
        element(out, "viz:position", [("x", x), ("y", y), ("z", 0.0)], indent=8)


def write_gexf(out: IO[str], rows: GraphRows) -> None:
    out.write(f"<?xml version='1.0' encoding='utf-8'?>\n<gexf {_GEXF_NS}>\n")
    out.write("  <meta>\n    <creator>Threadline</creator>\n  </meta>\n")
    graph = [("defaultedgetype", "directed"), ("mode", "dynamic"), ("timeformat", "date"),
             ("name", rows.title)]
    out.write(f"  <graph{attrs(graph)}>\n")
    _gexf_attributes(out)
    out.write("    <nodes>\n")
    for node in rows.nodes(dynamic=True):
        out.write(f"      <node{attrs([('id', node.id), ('label', node.label), *node.bounds])}>\n")
        _attvalues(out, "n", node)
        _viz(out, node)
        out.write("      </node>\n")
    out.write("    </nodes>\n    <edges>\n")
    for edge in rows.edges(dynamic=True):
        pairs = [("id", edge.id), ("source", edge.source), ("target", edge.target),
                 ("label", edge.label), *edge.bounds]
        out.write(f"      <edge{attrs(pairs)}>\n")
        _attvalues(out, "e", edge)
        out.write("      </edge>\n")
    out.write("    </edges>\n  </graph>\n</gexf>\n")


def export_graphml(store: Store, out: Path, title: str) -> None:
    with atomic_file(out) as handle:
        write_graphml(handle, read_graph(store, title))


def export_gexf(store: Store, out: Path, title: str) -> None:
    with atomic_file(out) as handle:
        write_gexf(handle, read_graph(store, title))
