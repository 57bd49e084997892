"""GraphPanel on a real database file: selection both ways, filters, layout and positions."""

from __future__ import annotations

import sqlite3
from itertools import pairwise

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip

from db.store import Store
from models.dates import jdn_from_ymd
from models.graph import layout
from models.records import Entity, Event, Participant, Relationship
from tests.ui.helpers import show_graph_panel
from ui.document import Changes, Document
from ui.graph import GraphPanel, layout_job


def add(store: Store, name: str, kind: str = "person", description: str = "") -> int:
    return store.add_entity(Entity(kind=kind, name=name, description=description))


def link(store: Store, a: int, b: int, kind: str = "knows", date: str = "",
         directed: bool = True) -> int:
    return store.add_relationship(Relationship(a, b, kind, directed=directed, date=date))


@pytest.fixture
def chain(store: Store) -> list[int]:
    """Five people in a row, a → b → c → d → e, dated 1990, 2000, 2010, undated."""
    ids = [add(store, name) for name in ("Ann", "Bo", "Cy", "Di", "Ed")]
    for (a, b), date in zip(pairwise(ids), ("1990", "2000", "2010", ""), strict=True):
        link(store, a, b, date=date)
    return ids


def test_clicking_a_node_selects_the_entity(qtbot, store: Store, chain: list[int]) -> None:
    panel = show_graph_panel(qtbot, store)
    point = panel.node_view_point(chain[2])
    assert panel.node_at(point) == chain[2]
    qtbot.mouseClick(panel.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert panel.document.selection.current() == ("entity", chain[2])
    assert panel.highlighted_ids() == {chain[1], chain[2], chain[3]}
    assert panel.node_at(QPoint(1, 1)) is None


def test_selection_elsewhere_highlights_the_neighbourhood(qtbot, store: Store,
                                                          chain: list[int]) -> None:
    event = store.add_event(Event(title="Meeting", date="2001",
                                  participants=[Participant(chain[0]), Participant(chain[4])]))
    rel = store.relationships_of(chain[3])[-1].id
    panel = show_graph_panel(qtbot, store)
    selection = panel.document.selection
    selection.select("entity", chain[0])
    assert panel.highlighted_ids() == {chain[0], chain[1]}
    assert panel.view.labels.shown()[chain[0]] == "Ann"
    selection.select("event", event)
    assert panel.highlighted_ids() == {chain[0], chain[4]}
    selection.select("relationship", rel)
    assert panel.highlighted_ids() == {chain[3], chain[4]}
    selection.select("source", 99)
    assert panel.highlighted_ids() == set()
    assert selection.current() == ("source", 99)  # the panel did not answer back


def test_window_filter_replays_relationships_over_time(qtbot, store: Store,
                                                       chain: list[int]) -> None:
    panel = show_graph_panel(qtbot, store)
    panel.set_window_filter(True)
    assert len(panel.network().edges) == 4  # no window published yet: everything
    assert "No timeline window" in panel.overlay.text()
    selection = panel.document.selection
    selection.set_window(jdn_from_ymd(1999, 1, 1), jdn_from_ymd(2001, 1, 1))
    edges = panel.network().edges
    assert sorted((e.source, e.target) for e in edges) == [(chain[1], chain[2]),
                                                          (chain[3], chain[4])]
    assert panel.network().ids == [chain[1], chain[2], chain[3], chain[4]]
    selection.set_window(jdn_from_ymd(2010, 6, 1), jdn_from_ymd(2011, 1, 1))
    assert {(e.source, e.target) for e in panel.network().edges} == {
        (chain[2], chain[3]), (chain[3], chain[4])}
    positions = panel.node_positions()
    panel.set_window_filter(False)
    assert len(panel.network().edges) == 4
    assert all(panel.node_positions()[n] == xy for n, xy in positions.items())


def test_ego_shows_neighbours_to_the_chosen_depth(qtbot, store: Store, chain: list[int]) -> None:
    panel = show_graph_panel(qtbot, store)
    panel.set_ego(True, depth=1)
    assert len(panel.network().ids) == 5
    assert "select an entity" in panel.overlay.text()
    panel.document.selection.select("entity", chain[0])
    assert panel.network().ids == chain[:2]
    panel.set_ego(True, depth=3)
    assert panel.network().ids == chain[:4]
    panel.document.selection.select("entity", chain[2])
    assert panel.network().ids == chain
    panel.set_ego(True, depth=1)
    assert panel.network().ids == chain[1:4]
    panel.set_ego(False)
    assert len(panel.network().ids) == 5
    panel.document.selection.select("entity", chain[4])
    panel.set_ego(True, depth=1)
    assert panel.network().ids == chain[3:]


def test_co_participation_adds_weighted_thicker_edges(qtbot, store: Store) -> None:
    a, b, c = (add(store, n) for n in ("Ann", "Bo", "Cy"))
    for year in ("2001", "2002", "2003", "2004"):
        store.add_event(Event(title=f"Talks {year}", date=year,
                              participants=[Participant(a), Participant(b)]))
    store.add_event(Event(title="Dinner", date="2005",
                          participants=[Participant(b), Participant(c)]))
    panel = show_graph_panel(qtbot, store)
    assert panel.network().edges == []
    panel.set_co_participation(True)
    edges = {(e.source, e.target): e for e in panel.network().edges}
    assert set(edges) == {(a, b), (b, c)}
    assert (edges[a, b].weight, edges[b, c].weight) == (4.0, 1.0)
    assert edges[a, b].relationship_id is None
    assert panel.wait_for_layout()
    widths = {key[1]: curve.opts["pen"].widthF() for key, curve in panel.view._curves.items()
              if key[0] == "shared" and len(curve.xData)}
    assert widths[2] > widths[0]
    panel.set_window_filter(True)
    panel.document.selection.set_window(jdn_from_ymd(2001, 1, 1), jdn_from_ymd(2002, 12, 31))
    assert [(e.source, e.target, e.weight) for e in panel.network().edges] == [(a, b, 2.0)]


def test_a_new_shared_event_adds_its_edge(qtbot, store: Store, chain: list[int]) -> None:
    panel = show_graph_panel(qtbot, store)
    panel.set_co_participation(True)
    assert not [e for e in panel.network().edges if e.relationship_id is None]
    event = store.add_event(Event(title="Summit", date="2001",
                                  participants=[Participant(chain[0]), Participant(chain[4])]))
    panel.document.selection.select("event", event)
    panel.document.notify(Changes(events=frozenset({event})))
    shared = [(e.source, e.target) for e in panel.network().edges if e.relationship_id is None]
    assert shared == [(chain[0], chain[4])]
    assert panel.highlighted_ids() == {chain[0], chain[4]}


def test_communities_colour_two_cliques(qtbot, store: Store) -> None:
    ids = [add(store, f"P{i}", "person" if i % 2 else "organization") for i in range(8)]
    for group in (ids[:4], ids[4:]):
        for i, x in enumerate(group):
            for y in group[i + 1:]:
                link(store, x, y)
    link(store, ids[3], ids[4])
    panel = show_graph_panel(qtbot, store)
    by_kind = dict(zip(panel.view.picture.ids.tolist(), panel.view.picture.colours, strict=True))
    assert len(set(by_kind.values())) == 2 and by_kind[ids[0]] != by_kind[ids[1]]
    panel.set_communities(True)
    colour = dict(zip(panel.view.picture.ids.tolist(), panel.view.picture.colours, strict=True))
    assert len({colour[n] for n in ids[:4]}) == 1 and len({colour[n] for n in ids[4:]}) == 1
    assert colour[ids[0]] != colour[ids[4]]
    assert len(panel.view.legend.items) == 2


def test_positions_are_saved_and_reused(qtbot, store: Store, chain: list[int]) -> None:
    panel = show_graph_panel(qtbot, store)
    shown = panel.node_positions()
    assert set(shown) == set(chain)
    saved = store.positions()
    assert {n: (x, y) for n, (x, y, _) in saved.items()} == shown
    assert not any(pinned for _, _, pinned in saved.values())
    again = show_graph_panel(qtbot, store)
    assert again.node_positions() == shown
    assert not again.layout_running()


def test_new_entities_are_placed_without_moving_the_others(qtbot, store: Store,
                                                           chain: list[int]) -> None:
    panel = show_graph_panel(qtbot, store)
    before = panel.node_positions()
    new = add(store, "Flo")
    link(store, chain[4], new)
    panel.document.notify(Changes(entities=frozenset({new})))
    assert panel.wait_for_layout()
    after = panel.node_positions()
    assert new in after and all(after[n] == xy for n, xy in before.items())
    assert new in store.positions()


def test_relayout_keeps_pinned_nodes_and_ignores_stale_results(qtbot, store: Store,
                                                               chain: list[int]) -> None:
    panel = show_graph_panel(qtbot, store)
    store.set_positions({chain[0]: (250.0, 250.0, True)})
    panel.reload()
    panel.relayout()
    panel.relayout()
    assert panel.wait_for_layout()
    expected = layout(panel.network(), {chain[0]: (250.0, 250.0)}, frozenset({chain[0]}), 2)
    assert panel.node_positions() == expected
    assert panel.node_positions()[chain[0]] == (250.0, 250.0)


def drag(widget, start: QPoint, end: QPoint,
         modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press, move in steps with the button held, release: what pyqtgraph sees as a drag."""
    def send(kind: QEvent.Type, at: QPointF, buttons: Qt.MouseButton) -> None:
        event = QMouseEvent(kind, at, widget.mapToGlobal(at), Qt.MouseButton.LeftButton,
                            buttons, modifiers)
        QApplication.sendEvent(widget, event)

    left = Qt.MouseButton.LeftButton
    send(QEvent.Type.MouseButtonPress, QPointF(start), left)
    for step in range(1, 11):
        at = QPointF(start) + (QPointF(end) - QPointF(start)) * (step / 10)
        send(QEvent.Type.MouseMove, at, left)
    send(QEvent.Type.MouseButtonRelease, QPointF(end), Qt.MouseButton.NoButton)


def test_dragging_a_node_moves_and_pins_it(qtbot, store: Store, chain: list[int]) -> None:
    panel = show_graph_panel(qtbot, store)
    before = panel.node_positions()
    start = panel.node_view_point(chain[1])
    drag(panel.plot_widget.viewport(), start, start + QPoint(60, 40))
    after = panel.node_positions()
    assert after[chain[1]] != before[chain[1]]
    assert all(after[n] == before[n] for n in chain if n != chain[1])
    assert panel.node_view_point(chain[1]) == start + QPoint(60, 40)
    x, y, pinned = store.positions()[chain[1]]
    assert pinned and (x, y) == pytest.approx(after[chain[1]])
    assert chain[1] in panel.pinned_ids()


def test_shift_drag_between_nodes_asks_for_a_relationship(qtbot, store: Store,
                                                          chain: list[int]) -> None:
    panel = show_graph_panel(qtbot, store)
    before = panel.node_positions()
    start, end = panel.node_view_point(chain[1]), panel.node_view_point(chain[3])
    with qtbot.waitSignal(panel.relationship_requested) as asked:
        drag(panel.plot_widget.viewport(), start, end, Qt.KeyboardModifier.ShiftModifier)
    assert asked.args == [chain[1], chain[3]]
    assert panel.node_positions() == before  # a link drag moves nothing


def test_read_only_file_keeps_positions_to_itself(qtbot, tmp_path, chain: list[int],
                                                  store: Store) -> None:
    store.close()
    readonly = Store.open(store.path, readonly=True)
    try:
        panel = show_graph_panel(qtbot, readonly)
        assert len(panel.node_positions()) == 5
        assert readonly.positions() == {}
    finally:
        readonly.close()


def test_tooltips_show_names_and_relationships_as_plain_text(qtbot, store: Store) -> None:
    bad = add(store, "<img src=x> Mallory", description="<b>not bold</b>")
    other = add(store, "Org & Co", kind="organization")
    link(store, bad, other, kind="member of", date="1988")
    panel = show_graph_panel(qtbot, store)
    point = panel.node_view_point(bad)
    text = panel.tooltip_at(point)
    assert "&lt;img src=x&gt; Mallory" in text and "<img" not in text
    assert "&lt;b&gt;not bold&lt;/b&gt;" in text
    qtbot.mouseMove(panel.plot_widget.viewport(), point)
    qtbot.waitUntil(lambda: "&lt;img" in QToolTip.text(), timeout=2000)
    middle = (panel.node_view_point(bad) + panel.node_view_point(other)) / 2
    edge_text = panel.tooltip_at(middle)
    assert "member of (1988)" in edge_text and "Org &amp; Co" in edge_text
    assert "→" in edge_text


@pytest.fixture
def big(store: Store, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """14 entities, "too many to draw" once the panel's limits are cut to 6 (and 3 shown):
    hubs Ann (7 links), Bo (5) and Cy (2), spokes around them, and a pair Xu – Yi – Zo."""
    monkeypatch.setattr(GraphPanel, "max_nodes", 6)
    monkeypatch.setattr(GraphPanel, "subset_nodes", 3)
    ids = {name: add(store, name) for name in ("Ann", "Bo", "Cy")}
    for i in range(5):
        link(store, ids["Ann"], add(store, f"Spoke {i}"))
    for i in range(3):
        link(store, ids["Bo"], add(store, f"Ray {i}"))
    for a, b in (("Ann", "Bo"), ("Bo", "Cy"), ("Cy", "Ann")):
        link(store, ids[a], ids[b])
    ids |= {name: add(store, name) for name in ("Xu", "Yi", "Zo")}
    link(store, ids["Xu"], ids["Yi"])
    link(store, ids["Yi"], ids["Zo"])
    return ids


def test_large_network_draws_the_most_connected(qtbot, store: Store, big: dict[str, int]
                                                ) -> None:
    panel = show_graph_panel(qtbot, store)
    hubs = [big["Ann"], big["Bo"], big["Cy"]]
    assert panel.network().ids == hubs
    assert len(panel.network().edges) == 3
    assert "Showing the 3 most connected of 14 people, organizations and places" in (
        panel.overlay.text())
    assert set(store.positions()) == set(hubs)  # only what is drawn was laid out
    assert panel.labelled_ids() == {big["Ann"]: "Ann", big["Bo"]: "Bo", big["Cy"]: "Cy"}
    text = panel.tooltip_at(panel.node_view_point(big["Ann"]))
    assert "<b>Ann</b>" in text and "2 connections" in text
    assert not panel.toolbar.most_connected.isVisible()


def test_choosing_an_entity_outside_the_most_connected_shows_its_neighbourhood(
        qtbot, store: Store, big: dict[str, int]) -> None:
    panel = show_graph_panel(qtbot, store)
    selection = panel.document.selection
    selection.select("entity", big["Yi"])
    assert panel.network().ids == [big["Xu"], big["Yi"], big["Zo"]]
    assert panel.wait_for_layout()
    assert set(panel.node_positions()) == {big["Xu"], big["Yi"], big["Zo"]}
    assert panel.highlighted_ids() == {big["Xu"], big["Yi"], big["Zo"]}
    assert "Showing Yi and the 2 entities within 1 step" in panel.overlay.text()
    assert panel.toolbar.most_connected.isVisible()
    panel.toolbar.most_connected.trigger()
    assert panel.network().ids == [big["Ann"], big["Bo"], big["Cy"]]
    assert "3 most connected" in panel.overlay.text()
    selection.select("entity", big["Bo"])  # among the most connected: nothing is read
    assert panel.network().ids == [big["Ann"], big["Bo"], big["Cy"]]
    assert panel.highlighted_ids() == {big["Ann"], big["Bo"], big["Cy"]}


def test_ego_in_a_large_network_reads_the_whole_neighbourhood(qtbot, store: Store,
                                                              big: dict[str, int]) -> None:
    panel = show_graph_panel(qtbot, store)
    panel.document.selection.select("entity", big["Bo"])
    panel.set_ego(True, depth=1)
    rays = [n for n, name in zip(panel.network().ids, panel.network().names, strict=True)
            if name.startswith("Ray")]
    assert len(rays) == 3 and big["Ann"] in panel.network().ids
    assert len(panel.network()) == 6  # Bo, Ann, Cy, three rays
    panel.set_ego(True, depth=2)  # Ann's five spokes would make 11: cut to the limit
    assert len(panel.network()) == 6
    assert "Showing Bo and the closest 5 entities within 2 steps" in panel.overlay.text()
    panel.set_ego(False)
    assert panel.network().ids == [big["Ann"], big["Bo"], big["Cy"]]


def test_first_read_runs_on_another_connection(qtbot, store: Store, big: dict[str, int]
                                               ) -> None:
    conn = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)
    try:
        first = GraphPanel.first_read()(conn)
    finally:
        conn.close()
    panel = GraphPanel(Document(store), first=first)
    qtbot.addWidget(panel)
    assert panel.wait_for_layout()
    assert panel.network().ids == [big["Ann"], big["Bo"], big["Cy"]]
    assert "3 most connected of 14" in panel.overlay.text()
    assert set(panel.node_positions()) == {big["Ann"], big["Bo"], big["Cy"]}


def test_options_work_on_the_part_of_a_large_network_loaded(qtbot, store: Store,
                                                            big: dict[str, int]) -> None:
    for year, who in (("2001", ("Ann", "Bo")), ("2002", ("Ann", "Spoke 0")),
                      ("2003", ("Ann", "Bo"))):
        members = [big[w] if w in big else store.find_entities(w)[0].id for w in who]
        store.add_event(Event(title=f"Talks {year}", date=year,
                              participants=[Participant(m) for m in members]))
    panel = show_graph_panel(qtbot, store)
    panel.set_co_participation(True)
    shared = [(e.source, e.target, e.weight) for e in panel.network().edges
              if e.relationship_id is None]
    assert shared == [(big["Ann"], big["Bo"], 2.0)]
    panel.set_window_filter(True)
    panel.document.selection.set_window(jdn_from_ymd(2003, 1, 1), jdn_from_ymd(2003, 12, 31))
    shared = [(e.source, e.target, e.weight) for e in panel.network().edges
              if e.relationship_id is None]
    assert shared == [(big["Ann"], big["Bo"], 1.0)]
    panel.set_communities(True)
    assert len(panel.view.picture.colours) == len(panel.network())


def test_labels_do_not_overlap_and_arrowheads_mark_directions(qtbot, store: Store,
                                                               chain: list[int]) -> None:
    crowd = [add(store, f"Member {i} of the crowd") for i in range(40)]
    for member in crowd:
        link(store, chain[2], member)
    panel = show_graph_panel(qtbot, store)
    assert len(panel.labelled_ids()) >= 5
    assert panel.labelled_ids()[chain[2]] == "Cy"  # the hub is named
    boxes = [item.sceneBoundingRect() for item in panel.view.labels._pool if item.isVisible()]
    assert len(boxes) == len(panel.labelled_ids())
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert len(panel.view.arrows.data) == 44


def test_big_layouts_run_in_another_process(qtbot, store: Store, chain: list[int]) -> None:
    panel = show_graph_panel(qtbot, store)
    panel.positions.process_from = 1
    panel.relayout()
    assert panel.wait_for_layout(timeout_ms=60_000)
    assert panel.node_positions() == layout(panel.network(), {}, frozenset(), 1)
    assert layout_job._executor is not None


def test_fit_leaves_the_corner_note_clear_of_nodes(qtbot, store: Store, big: dict[str, int]
                                                   ) -> None:
    panel = show_graph_panel(qtbot, store)
    panel.resize(420, 260)  # the two-line note now spans most of the plot's width
    QApplication.processEvents()
    note = panel.overlay
    assert note.isVisible() and note.text()
    panel.view.fit()
    box = note.geometry()
    for node in panel.network().ids:
        point = panel.node_view_point(node)
        assert not box.contains(point), (node, point, box)
