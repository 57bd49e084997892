"""The network on screen as a new user meets it on the sample: a first view of the main
actors, the selection named and centred, a community legend beside the drawing naming its
groups, filters that change what is drawn, undated relationships told apart in the
time-window mode."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from db.store import Store
from models.graph import degrees, is_undated
from tests.ui.helpers import show_graph_panel
from ui.graph import GraphPanel
from ui.graph.bends import bends
from ui.graph.filters import GraphOptions
from ui.graph.labels import BoxGrid, LabelCandidate, LabelLayer


@pytest.fixture
def panel(qtbot, sample: Store) -> GraphPanel:
    return show_graph_panel(qtbot, sample)


def named(panel: GraphPanel, name: str) -> int:
    return next(n for n, text in panel.loaded.names.items() if text == name)


def test_a_big_network_opens_on_its_main_actors_with_a_note_and_show_all(
        panel: GraphPanel) -> None:
    shown = len(panel.network())
    assert panel.options().main_actors
    assert 20 <= shown <= 45, shown
    assert f"Showing {shown} of 88 entities" in panel.overlay.text()
    panel.toolbar.filters.show_all.trigger()
    assert len(panel.network()) == 88
    assert not panel.options().main_actors
    assert "Showing" not in panel.overlay.text()


def test_a_selection_outside_the_first_view_is_shown_named_and_centred(
        qtbot, panel: GraphPanel) -> None:
    leaf = named(panel, "Radio Free Asia")  # one link, far from the main actors
    assert leaf not in panel.network().ids
    panel.document.selection.select("entity", leaf)
    QApplication.processEvents()
    assert leaf in panel.network().ids
    assert panel.labelled_ids()[leaf] == "Radio Free Asia"
    point = panel.node_view_point(leaf)
    centre = panel.view.view_box.sceneBoundingRect().center()
    middle = panel.plot_widget.mapFromScene(centre)
    assert abs(point.x() - middle.x()) <= 2 and abs(point.y() - middle.y()) <= 2


def test_the_selection_is_named_in_the_thick_of_the_network(qtbot, panel: GraphPanel) -> None:
    panel.set_options(GraphOptions())
    degree = degrees(panel.network())
    ranked = sorted(degree, key=lambda n: degree[n])
    for node in ranked[:12] + ranked[-3:]:  # leaves and hubs alike
        panel.document.selection.select("entity", node)
        QApplication.processEvents()
        assert node in panel.labelled_ids(), panel.loaded.names[node]


def test_the_community_legend_sits_beside_the_drawing_and_names_its_groups(
        qtbot, panel: GraphPanel) -> None:
    panel.set_options(GraphOptions())
    panel.set_communities(True)
    panel.view.fit()
    QApplication.processEvents()
    legend = panel.view.legend
    texts = [label.text for sample, label in legend.items  # the groups, not the line styles
             if not isinstance(sample.item, pg.PlotDataItem)]
    assert len(texts) >= 2
    assert all(t.startswith(("around ", "smaller groups")) for t in texts), texts
    assert any(t.startswith("around Taiwan (") for t in texts), texts
    box = panel.plot_widget.mapFromScene(legend.sceneBoundingRect()).boundingRect()
    drawing = panel.plot_widget.mapFromScene(
        panel.view.view_box.sceneBoundingRect()).boundingRect()
    assert box.left() >= drawing.right() - 1  # beside it (a pixel's rounding apart)
    pixels = panel.view.node_pixels()
    inside = ((pixels[:, 0] >= box.left()) & (pixels[:, 0] <= box.right())
              & (pixels[:, 1] >= box.top()) & (pixels[:, 1] <= box.bottom()))
    assert not inside.any()


def test_filters_change_what_is_drawn(qtbot, panel: GraphPanel) -> None:
    panel.set_options(GraphOptions())
    everything = panel.network()
    kinds = {e.kind for e in everything.edges}
    hidden = max(kinds, key=lambda k: sum(e.kind == k for e in everything.edges))
    panel.toolbar.filters.kind_actions()[hidden].setChecked(False)
    assert hidden not in {e.kind for e in panel.network().edges}
    assert len(panel.view.picture.edges) < len(everything.edges)
    assert "1 relationship kind hidden" in panel.overlay.text()
    panel.set_options(GraphOptions(min_links=3))
    degree = degrees(everything)
    assert set(panel.network().ids) <= {n for n in everything.ids if degree[n] >= 3}
    assert len(panel.view.picture.ids) < len(everything)
    panel.set_options(GraphOptions(hide_places=True))
    assert "place" not in panel.network().kinds
    assert "places hidden" in panel.overlay.text()
    panel.set_options(GraphOptions())
    assert len(panel.network()) == len(everything)


def test_the_time_window_draws_undated_relationships_dashed_and_counts_them(
        qtbot, panel: GraphPanel) -> None:
    panel.set_options(GraphOptions())
    panel.document.selection.set_window(2459000, 2461000)  # 2020–2025
    panel.set_window_filter(True)
    shown = panel.network()
    undated = sum(is_undated(e) for e in shown.edges)
    dated = sum(e.relationship_id is not None for e in shown.edges)
    assert undated > 0
    assert f"{undated} of {dated} relationships shown have no date" in panel.overlay.text()
    dashed = [c for key, c in panel.view._curves.items() if key[0] == "undated"]
    assert dashed and all(c.opts["pen"].style() != Qt.PenStyle.SolidLine for c in dashed)
    drawn = [c.getData()[0] for c in dashed]
    picture = panel.view.picture
    rows = [r for r, e in enumerate(picture.edges) if panel.view._edge_key(e)[0] == "undated"]
    assert len(rows) == undated
    shares = bends(picture.ends)  # a line sharing its nodes is bowed: two segments
    assert sum(0 if x is None else len(x) for x in drawn) == sum(
        4 if shares[r] else 2 for r in rows)
    panel.set_window_filter(False)
    assert "no date" not in panel.overlay.text()


def test_an_edge_tooltip_names_the_relationship_kind(qtbot, panel: GraphPanel) -> None:
    picture = panel.view.picture
    edge_row = next(i for i, e in enumerate(picture.edges) if e.relationship_id is not None)
    edge = picture.edges[edge_row]
    a, b = panel.view.node_pixels()[picture.ends[edge_row]]
    middle = (a + b) / 2
    tip = panel.tooltip_at(QPointF(*middle))
    assert edge.kind in tip


def test_the_label_pass_is_bounded_by_its_limit(qtbot) -> None:
    import pyqtgraph as pg

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    view_box = widget.getPlotItem().getViewBox()
    layer = LabelLayer(view_box, lambda x, y: (x, y), limit=50)
    rng = np.random.default_rng(1)
    xy = rng.uniform(0, 5000, (20_000, 2))
    candidates = [LabelCandidate(i, f"n{i}", x, y, x, y, 3.0) for i, (x, y) in enumerate(xy)]
    layer.place(candidates, np.zeros((0, 4)), np.zeros((0, 4)), (0, 0, 5000, 5000), False)
    assert len(layer.shown()) == 50


def test_the_box_grid_finds_overlaps_across_cells() -> None:
    grid = BoxGrid(cell=10)
    grid.add((0, 0, 25, 5))
    assert grid.hits((24, 4, 30, 8))
    assert not grid.hits((26, 0, 30, 8))
    assert not grid.hits((0, 5, 25, 9))  # touching is not overlapping


def test_choosing_a_node_already_in_view_still_centres_it(qtbot, panel: GraphPanel) -> None:
    panel.set_options(GraphOptions())
    panel.view.fit()
    QApplication.processEvents()
    middle = panel.plot_widget.mapFromScene(panel.view.view_box.sceneBoundingRect().center())
    pixels = panel.view.node_pixels()
    off = np.hypot(pixels[:, 0] - middle.x(), pixels[:, 1] - middle.y())
    row = int(np.flatnonzero((off > 60) & (off < 120))[0])  # well inside, not in the middle
    node = int(panel.view.picture.ids[row])
    panel.document.selection.select("entity", node)
    QApplication.processEvents()
    point = panel.node_view_point(node)
    assert abs(point.x() - middle.x()) <= 2 and abs(point.y() - middle.y()) <= 2


def test_ego_shows_the_whole_neighbourhood_not_only_the_main_actors(qtbot,
                                                                    panel: GraphPanel) -> None:
    taiwan = named(panel, "Taiwan")
    panel.document.selection.select("entity", taiwan)
    panel.set_ego(True, depth=1)
    everyone = panel.loaded.network(None, False)
    assert set(panel.network().ids) == {taiwan} | everyone.neighbours()[taiwan]
    assert "main actors" not in panel.overlay.text()


def test_a_selection_outside_the_main_actors_comes_with_its_neighbours(
        qtbot, panel: GraphPanel) -> None:
    leaf = named(panel, "Radio Free Asia")
    panel.document.selection.select("entity", leaf)
    QApplication.processEvents()
    everyone = panel.loaded.network(None, False)
    assert everyone.neighbours()[leaf] <= set(panel.network().ids)


def test_a_group_named_after_a_member_shows_the_name_as_written(qtbot, store: Store) -> None:
    from tests.ui.test_graph import add, link

    hub = add(store, "<b>Bold</b> & Sons")
    for i in range(3):
        link(store, hub, add(store, f"Member {i}"))
    panel = show_graph_panel(qtbot, store)
    panel.set_communities(True)
    texts = [label.text for _, label in panel.view.legend.items]
    assert texts == ["around &lt;b&gt;Bold&lt;/b&gt; &amp; Sons (4)"]
