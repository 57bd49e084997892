"""The field's formats as their own clients read them: igraph and networkx for the
graphs, Python's csv module (with the byte-order mark) for CSV, json for TimelineJS."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import pytest

from db.export import ExportError, export_to
from db.export.graph import KIND_COLOURS
from db.export.tables import EVENT_COLUMNS, TABLES
from db.store import Store
from models.records import Citation, Entity, Event, Relationship, Source

TITLE = "Engagement\x01 \x0bdraft"


@pytest.fixture
def field(filled: Store) -> Store:
    """``filled`` plus an office held from May 2022, control characters and positions."""
    kim = filled.find_entities("Kim Dong-myung")[0].id or 0
    yoon = filled.add_entity(Entity(kind="person", name="Yoon\x02 Suk-yeol"))
    office = filled.add_entity(Entity(kind="organization", name="Presidency"))
    filled.add_relationship(Relationship(yoon, office, "holds office in", date="May 2022",
                                         description="sworn in\x1f"))
    filled.add_relationship(Relationship(kim, office, "advised", date="2019",
                                         end_date="2021"))
    filled.set_positions({yoon: (12.5, -3.25, True), kim: (0.0, 4.0, False)})
    return filled


def _gexf_edges(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    return {data["kind"]: data for _, _, data in graph.edges(data=True)}


def test_gexf_leaves_open_intervals_open(field: Store, tmp_path: Path) -> None:
    export_to(field, tmp_path / "g.gexf", title=TITLE)
    edges = _gexf_edges(nx.read_gexf(tmp_path / "g.gexf"))
    office = edges["holds office in"]
    assert office["start"] == "2022-05-01" and "end" not in office
    assert (edges["advised"]["start"], edges["advised"]["end"]) == ("2019-01-01",
                                                                    "2021-12-31")


def test_gexf_has_no_internal_keys_and_is_xml_safe(field: Store, tmp_path: Path) -> None:
    export_to(field, tmp_path / "g.gexf", title=TITLE)
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert "networkx" not in text.lower()
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    graph = nx.read_gexf(tmp_path / "g.gexf")
    names = {data["name"] for _, data in graph.nodes(data=True)}
    assert "Yoon Suk-yeol" in names
    assert _gexf_edges(graph)["holds office in"]["description"] == "sworn in"


def test_gexf_carries_colour_size_and_position(field: Store, tmp_path: Path) -> None:
    export_to(field, tmp_path / "g.gexf")
    graph = nx.read_gexf(tmp_path / "g.gexf")
    nodes = {data["name"]: data for _, data in graph.nodes(data=True)}
    yoon, office = nodes["Yoon Suk-yeol"], nodes["Presidency"]
    person = KIND_COLOURS["person"].lstrip("#")
    assert (yoon["viz"]["color"]["r"], yoon["viz"]["color"]["g"],
            yoon["viz"]["color"]["b"]) == tuple(int(person[i:i + 2], 16) for i in (0, 2, 4))
    assert yoon["viz"]["position"]["x"] == 12.5 and yoon["viz"]["position"]["y"] == -3.25
    assert "position" not in office["viz"]  # never laid out: Gephi places it
    assert office["viz"]["size"] > nodes["Taipei"]["viz"]["size"]  # by degree


def test_graph_palette_is_the_apps() -> None:
    from ui.graph.style import KIND_COLOURS as SHOWN

    assert SHOWN == KIND_COLOURS


def test_graphml_booleans_and_text_read_by_igraph_and_networkx(field: Store,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    export_to(field, out, title=TITLE)
    text = out.read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    values = set(re.findall(r'<data key="[^"]+">(True|False|true|false)</data>', text))
    assert values == {"true"}  # every relationship here is directed
    graph = igraph.Graph.Read_GraphML(str(out))
    counts = field.counts()
    assert (graph.vcount(), graph.ecount()) == (counts["entities"], counts["relationships"])
    assert set(graph.es["directed"]) == {True}
    assert "Yoon Suk-yeol" in graph.vs["name"]
    multi = nx.read_graphml(out)
    assert multi.graph["name"] == "Engagement draft"
    assert {d["directed"] for _, _, d in multi.edges(data=True)} == {True}


def test_graphml_false_reads_as_false(filled: Store, tmp_path: Path) -> None:
    taipei = filled.find_entities("Taipei")[0].id or 0
    kim = filled.find_entities("Kim Dong-myung")[0].id or 0
    filled.add_relationship(Relationship(kim, taipei, "visits", directed=False))
    export_to(filled, tmp_path / "g.graphml")
    assert ">false</data>" in (tmp_path / "g.graphml").read_text(encoding="utf-8")
    graph = igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml"))
    assert False in graph.es["directed"] and True in graph.es["directed"]
    nx_graph = nx.read_graphml(tmp_path / "g.graphml")
    assert False in {d["directed"] for _, _, d in nx_graph.edges(data=True)}


# -- CSV -------------------------------------------------------------------------------

def test_csv_starts_with_a_byte_order_mark_unless_asked(field: Store, tmp_path: Path) -> None:
    export_to(field, tmp_path / "out")
    raw = (tmp_path / "out" / "events.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(tmp_path / "out" / "events.csv", encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == EVENT_COLUMNS
    export_to(field, tmp_path / "bare", bom=False)
    assert (tmp_path / "bare" / "events.csv").read_bytes() == raw[3:]


def test_csv_zip_members_carry_the_mark(field: Store, tmp_path: Path) -> None:
    export_to(field, tmp_path / "all.zip")
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        for name in TABLES:
            data = archive.read(name)
            assert data.startswith(b"\xef\xbb\xbf")
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
            assert rows[0][0] == "id"


def test_a_csv_target_is_refused_with_a_hint(field: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"events only.*\.zip"):
        export_to(field, tmp_path / "out.csv")
    assert [p.name for p in tmp_path.iterdir() if "out" in p.name] == []


# -- TimelineJS ------------------------------------------------------------------------

def test_timelinejs_slides_cite_their_sources_escaped(filled: Store, tmp_path: Path) -> None:
    bad = filled.add_source(Source(title="Hostile <b>source</b>", author="Ed & Co"))
    event = filled.add_event(Event(title="Summit", date="mid-2010s", summary="Met."))
    filled.add_citation(Citation(bad, "event", event, "p. <3>", 'He said "no" <i>'))
    export_to(filled, tmp_path / "t.timeline.json")
    data = json.loads((tmp_path / "t.timeline.json").read_text(encoding="utf-8"))
    slide = next(s for s in data["events"] if s["text"]["headline"] == "Summit")
    text = slide["text"]["text"]
    assert "Hostile &lt;b&gt;source&lt;/b&gt;" in text and "<b>" not in text
    assert "p. &lt;3&gt;" in text and "&lt;i&gt;" in text
    assert slide["display_date"] == "mid-2010s"
    dated = next(s for s in data["events"] if s["text"]["headline"] == "Delegation visits Taipei")
    assert dated["display_date"] == "late December 2022"


def test_timelinejs_certain_day_has_no_display_date(filled: Store, tmp_path: Path) -> None:
    filled.add_event(Event(title="Exact", date="2 March 2023"))
    export_to(filled, tmp_path / "t.timeline.json")
    data = json.loads((tmp_path / "t.timeline.json").read_text(encoding="utf-8"))
    slide = next(s for s in data["events"] if s["text"]["headline"] == "Exact")
    assert "display_date" not in slide


# -- reports ---------------------------------------------------------------------------

def test_html_footnote_markers_are_separated(filled: Store, tmp_path: Path) -> None:
    event = filled.add_event(Event(title="Cited thrice", date="2020"))
    for n in range(3):
        source = filled.add_source(Source(title=f"S{n}"))
        filled.add_citation(Citation(source, "event", event, f"p. {n}", ""))
    export_to(filled, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    heading = next(line for line in html.splitlines() if "Cited thrice" in line)
    markers = re.sub(r"<[^>]+>", "", heading.split("Cited thrice", 1)[1])
    assert re.fullmatch(r"\d+, \d+, \d+", markers), markers
