"""The network shows how each line and node is supported, and draws inferred
relationships apart: in its tooltips, its pens, its key and the exported charts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from db.store import Store
from models.records import Citation, Entity, Relationship, Source
from tests.ui.helpers import show_graph_panel
from ui.graph import GraphPanel


@pytest.fixture
def four_links(store: Store) -> Store:
    """Ann–Bob on two sources, Bob–Cal on one, Cal–Dee on none, Dee–Ann inferred; none
    weakly graded (``test_evidence_grades`` has those)."""
    wire = store.add_source(Source(title="Wire report", reliability="B"))
    blog = store.add_source(Source(title="Blog post", reliability="C"))
    ann, bob, cal, dee = (store.add_entity(Entity(kind="person", name=n))
                          for n in ("Ann", "Bob", "Cal", "Dee"))
    sure = store.add_relationship(Relationship(ann, bob, "advises"))
    once = store.add_relationship(Relationship(bob, cal, "advises"))
    store.add_relationship(Relationship(cal, dee, "advises"))
    guessed = store.add_relationship(Relationship(dee, ann, "knows", inferred=True,
                                                  notes="Both sat on the board in 1990."))
    store.add_citation(Citation(wire, "relationship", sure, "p. 1", confidence=2))
    store.add_citation(Citation(blog, "relationship", sure, "p. 2", confidence=3))
    store.add_citation(Citation(blog, "relationship", once, "p. 3", confidence=3))
    store.add_citation(Citation(blog, "relationship", guessed, "p. 4", confidence=3))
    store.add_citation(Citation(wire, "entity", ann, "p. 1", confidence=1))
    return store


def _edge_tip(panel: GraphPanel, kind: str, ends: tuple[str, str]) -> str:
    picture, names = panel.view.picture, panel.loaded.names
    row = next(i for i, e in enumerate(picture.edges)
               if {names[e.source], names[e.target]} == set(ends) and e.kind == kind)
    a, b = panel.view.node_pixels()[picture.ends[row]]
    return panel.tooltip_at(QPointF(*((a + b) / 2)))


def _node_tip(panel: GraphPanel, name: str) -> str:
    node = next(i for i, n in panel.loaded.names.items() if n == name)
    return panel.tooltip_at(panel.node_view_point(node))


def test_tooltips_say_the_support_and_what_is_inferred(four_links: Store, qtbot) -> None:
    panel = show_graph_panel(qtbot, four_links)
    assert "2 sources · best B2" in _edge_tip(panel, "advises", ("Ann", "Bob"))
    assert "1 source · best C3" in _edge_tip(panel, "advises", ("Bob", "Cal"))
    assert "uncited" in _edge_tip(panel, "advises", ("Cal", "Dee"))
    assert "inferred" not in _edge_tip(panel, "advises", ("Cal", "Dee"))
    assert "1 source · best C3 · inferred" in _edge_tip(panel, "knows", ("Dee", "Ann"))
    assert "1 source · best B1" in _node_tip(panel, "Ann")
    assert "uncited" in _node_tip(panel, "Cal")


def test_inferred_lines_are_dash_dotted_and_keyed(four_links: Store, qtbot) -> None:
    panel = show_graph_panel(qtbot, four_links)
    view = panel.view
    families = {e.kind + str(e.relationship_id): view._edge_key(e)[0]
                for e in view.picture.edges}
    assert sorted(families.values()) == ["inferred", "relationship", "single", "uncited"]
    pens = {family: view._curves[(family, 0, "normal")].opts["pen"]
            for family in families.values()}
    dotted = pens["inferred"]
    assert dotted.style() == Qt.PenStyle.CustomDashLine
    assert dotted.dashPattern() != pens["single"].dashPattern()
    assert len(dotted.dashPattern()) == 4  # dash-dot, unlike the dotted leaders of names
    assert dotted.widthF() > pens["single"].widthF()
    assert pens["relationship"].style() == Qt.PenStyle.SolidLine
    layout = view.legend.layout
    shown = [layout.itemAt(r, 1).text for r in range(layout.rowCount()) if layout.itemAt(r, 1)]
    assert any("inferred" in text for text in shown)


def test_a_network_with_nothing_inferred_keys_no_inferred_line(store: Store, qtbot) -> None:
    ann, bob = (store.add_entity(Entity(kind="person", name=n)) for n in ("Ann", "Bob"))
    store.add_relationship(Relationship(ann, bob, "advises"))
    panel = show_graph_panel(qtbot, store)
    layout = panel.view.legend.layout
    shown = [layout.itemAt(r, 1).text for r in range(layout.rowCount()) if layout.itemAt(r, 1)]
    assert not any("inferred" in text for text in shown)
    assert {panel.view._edge_key(e)[0] for e in panel.view.picture.edges} == {"relationship"}


def test_charts_draw_and_key_inferred_lines(four_links: Store, qtbot, tmp_path: Path) -> None:
    from ui.export.charts import render_chart

    panel = show_graph_panel(qtbot, four_links)
    out = tmp_path / "g.svg"
    render_chart(panel, out)
    svg = out.read_text(encoding="utf-8")
    assert "relationship: inferred" in svg
    # the key's dash-dot line and the chart's, beside the dashed single source's two
    assert svg.count("stroke-linecap=\"round\"") >= 2
    assert svg.count("stroke-dasharray") == 4
    assert svg.count('stroke-dasharray="7.2,3.6,0.9,3.6"') == 2


def test_two_relationships_of_one_pair_are_bowed_apart(store: Store, qtbot) -> None:
    """A stated and an inferred relationship between the same two entities: neither line
    hides the other, and each is found under the pointer on its own bend."""
    from ui.graph.bends import bends, middles

    ann, bob = (store.add_entity(Entity(kind="person", name=n)) for n in ("Ann", "Bob"))
    stated = store.add_relationship(Relationship(ann, bob, "advises"))
    guessed = store.add_relationship(Relationship(bob, ann, "knows", inferred=True))
    panel = show_graph_panel(qtbot, store)
    view = panel.view
    picture = view.picture
    shares = bends(picture.ends)
    assert shares[0] != 0 and shares[1] != 0
    middle = middles(picture.xy, picture.ends, shares)
    assert abs(middle[0] - middle[1]).max() > 0  # two middles, apart
    drawn = {family: view._curves[(family, 0, "normal")].getData() for family in
             ("relationship", "inferred")}
    for xs, _ys in drawn.values():
        assert len(xs) == 4  # start, middle, middle, end: a bowed line
    pixels = view._pixels_of(middle)
    rows = {e.relationship_id: r for r, e in enumerate(picture.edges)}
    for rel, tip in ((stated, "advises</i> · uncited"),
                     (guessed, "knows</i> · uncited · inferred")):
        x, y = pixels[rows[rel]]
        assert [e.relationship_id for e in view.edges_at(x, y)][:1] == [rel]
        assert tip in panel.tooltip_at(QPointF(x, y))


def test_a_line_alone_between_its_nodes_stays_straight(four_links: Store, qtbot) -> None:
    panel = show_graph_panel(qtbot, four_links)
    xs, _ys = panel.view._curves[("relationship", 0, "normal")].getData()
    assert len(xs) == 2
