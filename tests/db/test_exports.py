"""Exports read back: GraphML/GEXF with networkx, TimelineJS, HTML, Markdown, CSV."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from db.csvio import import_events_csv
from db.export import ExportError, export_to, format_of
from db.export.tables import EVENT_COLUMNS, TABLES
from db.jsonio import export_data
from db.store import Store
from models.records import Citation, Entity, Event, Participant, Relationship, Source

HOSTILE = "<img src=x> & *bold* [link](http://x) #1"


def _id(store: Store, name: str) -> int:
    return store.find_entities(name)[0].id or 0


@pytest.fixture
def rich(filled: Store) -> Store:
    """``filled`` plus parallel and undirected relationships, BC dates and hostile text."""
    kim, assoc, taipei = (_id(filled, n) for n in ("Kim Dong-myung", "Alishan Society",
                                                    "Taipei"))
    filled.add_entity(Entity(kind="person", name="Lee; Born", date="1950",
                             description="pasted from a PDF:\x0c page 2\x01"))
    filled.add_entity(Entity(kind="organization", name="Old Guild (OG)", date="1988",
                             end_date="1991"))
    filled.add_relationship(Relationship(kim, assoc, "chairs", date="2001"))
    filled.add_relationship(Relationship(assoc, taipei, "trades with", directed=False,
                                         date="50 BC", end_date="AD 20"))
    bad = filled.add_source(Source(title="Hostile <b>source</b>", url="javascript:alert(1)"))
    web = filled.add_source(Source(title="Web page", author="Ed", publisher="Pub",
                                   url="https://example.org/a?x=1&y=2"))
    event = filled.add_event(Event(
        title=HOSTILE, date="44 BC", category="public opinion", location="Rome",
        summary="<script>alert(1)</script>\n- not a list\n1. not a list either",
        participants=[Participant(kim, "speaker; chair"),
                      Participant(_id(filled, "Old Guild (OG)"))]))
    filled.add_citation(Citation(bad, "event", event, "p. <3>", 'He said "no"', 4))
    filled.add_citation(Citation(web, "event", event, "", "second; excerpt"))
    filled.add_event(Event(title="Stand-alone", date="2 March 2023"))
    return filled


# -- graphs ----------------------------------------------------------------------------

def test_graphml_reads_back_with_every_entity_and_relationship(rich: Store,
                                                                tmp_path: Path) -> None:
    export_to(rich, tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    counts = rich.counts()
    assert isinstance(graph, nx.MultiDiGraph)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (
        counts["entities"], counts["relationships"])
    kim = graph.nodes[str(_id(rich, "Kim Dong-myung"))]
    assert (kim["name"], kim["kind"], kim["native_name"]) == ("Kim Dong-myung", "person",
                                                              "金東明")
    assert kim["aliases"] == "Kim D.; 김동명" and "description" in kim
    between = graph.get_edge_data(str(_id(rich, "Kim Dong-myung")),
                                  str(_id(rich, "Alishan Society")))
    assert sorted(e["kind"] for e in between.values()) == ["chairs", "member of"]
    member = next(e for e in between.values() if e["kind"] == "member of")
    assert (member["directed"], member["date"]) == (True, "1988–1991")
    assert "description" in member


def _gexf_edges(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    return {data["kind"]: data for _, _, data in graph.edges(data=True)}


def test_gexf_is_dynamic_with_dates_gephi_accepts(rich: Store, tmp_path: Path) -> None:
    export_to(rich, tmp_path / "g.gexf")
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert re.search(r'<graph [^>]*mode="dynamic"', text)
    assert re.search(r'<graph [^>]*timeformat="date"', text)
    graph = nx.read_gexf(tmp_path / "g.gexf")
    counts = rich.counts()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (
        counts["entities"], counts["relationships"])
    edges = _gexf_edges(graph)
    assert (edges["member of"]["start"], edges["member of"]["end"]) == ("1988-01-01",
                                                                        "1991-12-31")
    assert edges["chairs"]["start"] == "2001-01-01" and "end" not in edges["chairs"]
    assert "start" not in edges["based in"]  # undated: always there
    trades = edges["trades with"]  # 50 BC - AD 20: the BC bound is left open
    assert "start" not in trades and trades["end"] == "0020-12-31"
    assert (trades["earliest"], trades["directed"]) == ("-0049-01-01", False)
    nodes = {data["name"]: data for _, data in graph.nodes(data=True)}
    assert nodes["Lee; Born"]["start"] == "1950-01-01" and "end" not in nodes["Lee; Born"]
    assert nodes["Lee; Born"]["description"] == "pasted from a PDF: page 2"
    assert (nodes["Old Guild (OG)"]["start"], nodes["Old Guild (OG)"]["end"]) == (
        "1988-01-01", "1991-12-31")
    assert "start" not in nodes["Taipei"]


# -- TimelineJS ------------------------------------------------------------------------

def test_timelinejs_has_one_slide_per_event_with_escaped_text(rich: Store,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "t.timeline.json"
    assert format_of(out) == "timelinejs"
    export_to(rich, out, title="My <story>")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["title"]["text"]["headline"] == "My &lt;story&gt;"
    slides = data["events"]
    assert len(slides) == rich.counts()["events"]
    for slide in slides:
        assert isinstance(slide["start_date"]["year"], int)
        assert slide["text"]["headline"] and slide["unique_id"].startswith("event-")
    by_title = {s["text"]["headline"]: s for s in slides}
    hostile = by_title["&lt;img src=x&gt; &amp; *bold* [link](http://x) #1"]
    assert hostile["start_date"] == {"year": -43} and "end_date" not in hostile
    assert "<script>" not in hostile["text"]["text"] and "&lt;script&gt;" in hostile["text"]["text"]
    assert hostile["group"] == "public opinion" and hostile["display_date"] == "44 BC"
    visit = by_title["Delegation visits Taipei"]
    assert visit["start_date"] == {"year": 2022, "month": 12}  # precision: month
    assert visit["display_date"] == "late December 2022"
    assert by_title["Stand-alone"]["start_date"] == {"year": 2023, "month": 3, "day": 2}
    exchange = by_title["Exchange programme"]
    assert (exchange["start_date"], exchange["end_date"]) == ({"year": 1974}, {"year": 2011})
    assert [s["start_date"]["year"] for s in slides] == sorted(
        s["start_date"]["year"] for s in slides)


# -- reports ---------------------------------------------------------------------------

class _Page(HTMLParser):
    """Text, tags and links of a page, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k in ("href", "src")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_is_standalone_escaped_and_complete(rich: Store, tmp_path: Path) -> None:
    export_to(rich, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    page.close()
    text = "".join(page.text)
    assert "<script" not in html.lower()
    assert {"script", "img", "iframe", "link"}.isdisjoint(page.tags)
    for event in rich.events():
        assert event.title in text
    for citation in rich.citations():
        if citation.target_type == "event" and citation.locator:
            assert citation.locator in text
    assert "&lt;img src=x&gt;" in html and HOSTILE in text
    external = [link for link in page.links if not link.startswith("#")]
    assert external == ["https://example.org/a?x=1&y=2"]  # javascript: is not a link
    assert "javascript:alert(1)" in text  # but still shown
    assert text.index("Exchange programme") < text.index("Delegation visits Taipei")
    assert "Sources" in text and "Web page" in text and "Ed" in text


def test_markdown_report_lists_events_in_date_order_with_footnotes(rich: Store,
                                                                   tmp_path: Path) -> None:
    export_to(rich, tmp_path / "r.md")
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    expected = sorted(rich.events(), key=lambda e: (e.earliest, e.latest, e.id))
    assert len(headings) == len(expected) + 1  # and "## Sources"
    for heading, event in zip(headings, expected, strict=False):
        assert re.sub(r"\\(.)", r"\1", heading.split("[^")[0]).endswith(event.title)
    event_citations = [c for c in rich.citations() if c.target_type == "event"]
    refs = re.findall(r"\[\^(\d+)\](?!:)", md)
    notes = re.findall(r"^\[\^(\d+)\]:", md, re.MULTILINE)
    assert sorted(map(int, refs)) == sorted(map(int, notes)) == list(
        range(1, len(event_citations) + 1))
    assert r"\<img src=x\> \& \*bold\* \[link\](http://x) \#1" in md
    assert "\n\\- not a list" in md and "\n1\\. not a list either" in md
    assert "<script>" not in md and "<https://example.org/a?x=1&y=2>" in md


# -- CSV -------------------------------------------------------------------------------

def _read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_to_a_zip_and_to_folders(rich: Store, tmp_path: Path) -> None:
    export_to(rich, tmp_path / "all.zip")
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        assert sorted(archive.namelist()) == sorted(TABLES)
        tables = {name: _read_csv(archive.read(name)) for name in TABLES}
    assert tables["events.csv"][0] == EVENT_COLUMNS
    assert len(tables["events.csv"]) == rich.counts()["events"] + 1
    assert tables["entities.csv"][0][:3] == ["id", "kind", "name"]
    for name in ("new-folder", "existing", "existing.csv"):
        (tmp_path / "existing.csv").mkdir(exist_ok=True)
        (tmp_path / "existing").mkdir(exist_ok=True)
        (tmp_path / "existing" / "keep.txt").write_text("mine")
        export_to(rich, tmp_path / name)
        assert sorted(p.name for p in (tmp_path / name).glob("*.csv")) == sorted(TABLES)
        for table in TABLES:
            assert _read_csv((tmp_path / name / table).read_bytes()) == tables[table]
    assert (tmp_path / "existing" / "keep.txt").read_text() == "mine"
    export_to(rich, tmp_path / "events.csv", "csv-events")
    assert _read_csv((tmp_path / "events.csv").read_bytes()) == tables["events.csv"]
    assert b"\r\n" in (tmp_path / "events.csv").read_bytes()  # RFC 4180 line ends
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _normalized(store: Store) -> list[dict[str, Any]]:
    """Events of the JSON export without ids: participants and citations by name."""
    data = export_data(store)
    entities = {e["id"]: (e["name"], e["kind"]) for e in data["entities"]}
    sources = {s["id"]: s["title"] for s in data["sources"]}
    cited: dict[int, list] = {}
    for c in data["citations"]:
        if c["target_type"] == "event":
            cited.setdefault(c["target_id"], []).append(
                [sources[c["source_id"]], c["locator"], c["excerpt"], c["confidence"]])
    events = []
    for event in data["events"]:
        event = dict(event)
        event["citations"] = sorted(cited.get(event.pop("id"), []))
        event["participants"] = sorted([*entities[p["entity_id"]], p["role"]]
                                       for p in event["participants"])
        events.append(event)
    return sorted(events, key=lambda e: json.dumps(e, sort_keys=True))


@pytest.mark.parametrize("which", ["rich", "sample"])
def test_csv_round_trip_gives_the_same_events(which: str, rich: Store, sample_path: Path,
                                              tmp_path: Path) -> None:
    store = rich if which == "rich" else Store.open(sample_path, readonly=True)
    export_to(store, tmp_path / "out")
    copy = Store.create(tmp_path / "copy.db")
    import_events_csv(copy, tmp_path / "out" / "events.csv")
    assert _normalized(copy) == _normalized(store)
    assert copy.counts()["events"] == store.counts()["events"]


# -- atomic writes ---------------------------------------------------------------------

def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("name", ["out", "out.zip", "g.graphml", "g.gexf", "r.html", "r.md",
                                  "t.timeline.json", "x.json"])
def test_a_failed_export_leaves_nothing(rich: Store, tmp_path: Path, name: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import db.export.atomic as atomic

    real = atomic.os.replace

    def broken_rename(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "before.txt").write_text("x")
    monkeypatch.setattr(atomic.os, "replace", broken_rename)
    monkeypatch.setattr(Path, "rename", lambda *a: broken_rename())
    with pytest.raises(ExportError, match="No space left"):
        export_to(rich, folder / name)
    monkeypatch.setattr(atomic.os, "replace", real)
    assert _leftovers(folder) == ["before.txt"]


def test_an_error_while_writing_leaves_nothing(rich: Store, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import db.export.tables as tables

    def half(store: Store, lookup: Any) -> Any:
        raise RuntimeError("bug half-way")

    monkeypatch.setitem(tables.TABLES, "sources.csv", half)
    folder = tmp_path / "exports"
    folder.mkdir()
    for name in ("folder", "all.zip"):
        with pytest.raises(RuntimeError):
            export_to(rich, folder / name)
    assert _leftovers(folder) == []


def test_exports_refuse_bad_targets(rich: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="the database itself"):
        export_to(rich, rich.path, "json")
    with pytest.raises(ExportError, match="no such folder"):
        export_to(rich, tmp_path / "missing" / "r.html")
    with pytest.raises(ExportError, match="cannot tell the format"):
        export_to(rich, tmp_path / "r.docx")
    with pytest.raises(ExportError, match=r"a folder or a \.zip"):
        export_to(rich, tmp_path / "r.txt", "csv")
    (tmp_path / "dir.html").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_to(rich, tmp_path / "dir.html")
