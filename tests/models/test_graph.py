"""Building, cutting down and laying out the network of entities (no Qt, no database)."""

from __future__ import annotations

import math
import random
from itertools import combinations

import numpy as np
import pytest

from models.graph import (
    BOX,
    CO_PARTICIPATION_KIND,
    Edge,
    LinkRow,
    NetworkData,
    NodeRow,
    build_network,
    co_participation_arrays,
    co_participation_of,
    communities,
    community_names,
    components,
    degrees,
    ego,
    filter_network,
    is_undated,
    layout,
    main_actors,
)
from models.graph_pack import CHAR_PX, unit_per_char
from models.graph_room import LINE_PX, make_room, widen
from models.records import Entity, Relationship


def people(*names: str, start: int = 1) -> list[Entity]:
    return [Entity(kind="person", name=name, id=i) for i, name in enumerate(names, start)]


def chain(n: int) -> NetworkData:
    """1 – 2 – … – n."""
    ents = people(*(f"p{i}" for i in range(1, n + 1)))
    rels = [Relationship(i, i + 1, "knows", directed=False, id=i) for i in range(1, n)]
    return build_network(ents, rels)


def cliques() -> NetworkData:
    """Two 5-cliques (1–5, 6–10) joined by the one edge 5–6."""
    ents = people(*(f"p{i}" for i in range(1, 11)))
    pairs = [(a, b) for group in (range(1, 6), range(6, 11))
             for a in group for b in group if a < b] + [(5, 6)]
    rels = [Relationship(a, b, "knows", id=i) for i, (a, b) in enumerate(pairs, 1)]
    return build_network(ents, rels)


def test_relationships_become_edges_with_kind_direction_and_dates() -> None:
    ents = [*people("Kim", "Lee"), Entity(kind="organization", name="Society", id=3)]
    rels = [Relationship(1, 3, "member of", directed=True, date="1988", end_date="1991",
                         earliest=10, latest=20, id=7),
            Relationship(2, 3, "founded", directed=False, id=8),
            Relationship(1, 99, "dangling", id=9)]
    net = build_network(ents, rels)
    assert (net.ids, net.names, net.kinds) == ([1, 2, 3], ["Kim", "Lee", "Society"],
                                               ["person", "person", "organization"])
    first, second = net.edges
    assert (first.source, first.target, first.kind, first.directed) == (1, 3, "member of", True)
    assert (first.relationship_id, first.weight, first.earliest, first.latest) == (7, 1.0, 10, 20)
    assert first.label == "member of (1988 – 1991)"
    assert (second.directed, second.label, second.earliest) == (False, "founded", None)


def test_co_participation_adds_undirected_weighted_edges() -> None:
    net = build_network(people("a", "b", "c"), [], co_participation=[(1, 2, 3), (2, 3, 1)])
    assert [(e.source, e.target, e.weight, e.relationship_id, e.directed) for e in net.edges] == [
        (1, 2, 3.0, None, False), (2, 3, 1.0, None, False)]
    assert net.edges[0].kind == CO_PARTICIPATION_KIND
    assert net.edges[0].label == "3 shared events"
    assert net.edges[1].label == "1 shared event"


def test_co_participation_of_counts_pairs_per_event() -> None:
    assert co_participation_of([[3, 1, 2], [1, 2], [2, 2], []]) == [(1, 2, 2), (1, 3, 1),
                                                                   (2, 3, 1)]


def test_co_participation_arrays_count_as_co_participation_of() -> None:
    rng = random.Random(7)
    groups = [[rng.randrange(25) for _ in range(rng.randrange(6))] for _ in range(300)]
    events = np.array([i for i, group in enumerate(groups) for _ in group], dtype=np.int64)
    entities = np.array([x for group in groups for x in group], dtype=np.int64)
    found = co_participation_arrays(events, entities)
    assert found == co_participation_of(groups) and len(found) > 50
    assert co_participation_arrays(events[:0], entities[:0]) == []


def test_bare_rows_build_the_same_network_as_records() -> None:
    ents = people("Kim", "Lee")
    rels = [Relationship(1, 2, "member of", directed=False, date="1988", earliest=10,
                         latest=20, id=7)]
    rows = [NodeRow(e.id or 0, e.kind, e.name) for e in ents]
    links = [LinkRow(7, 1, 2, "member of", False, "1988", "", 10, 20)]
    assert build_network(rows, links) == build_network(ents, rels)
    assert build_network(rows, links, window=(30, 40)).ids == []


def test_window_keeps_relationships_meeting_it_and_undated_ones() -> None:
    ents = [*people("a", "b", "c", "d"), Entity(kind="person", name="e", earliest=50,
                                                 latest=60, id=5),
            Entity(kind="person", name="lonely", id=6)]
    rels = [Relationship(1, 2, "before", earliest=0, latest=9, id=1),
            Relationship(2, 3, "during", earliest=5, latest=15, id=2),
            Relationship(3, 4, "undated", id=3),
            Relationship(1, 4, "open end", earliest=12, id=4)]
    net = build_network(ents, rels, window=(10, 20))
    assert [e.relationship_id for e in net.edges] == [2, 3, 4]
    assert net.ids == [1, 2, 3, 4]  # e is dated outside; lonely is undated and unlinked
    assert build_network(ents, rels, window=(55, 55)).ids == [1, 3, 4, 5]
    assert len(build_network(ents, rels).ids) == 6  # no window: everyone


def test_ego_keeps_nodes_within_depth() -> None:
    net = chain(6)
    assert ego(net, 3, 1).ids == [2, 3, 4]
    assert ego(net, 1, 2).ids == [1, 2, 3]
    assert ego(net, 1, 3).ids == [1, 2, 3, 4]
    assert [(e.source, e.target) for e in ego(net, 3, 1).edges] == [(2, 3), (3, 4)]
    with pytest.raises(ValueError):
        ego(net, 1, 4)
    with pytest.raises(KeyError):
        ego(net, 99, 1)


def test_degrees_count_every_edge_touching_a_node() -> None:
    degree = degrees(cliques())
    assert degree[1] == 4 and degree[5] == 5 and degree[6] == 5


def test_communities_find_two_cliques_joined_by_one_edge() -> None:
    groups = communities(cliques())
    assert len(set(groups.values())) == 2
    assert len({groups[i] for i in range(1, 6)}) == 1
    assert len({groups[i] for i in range(6, 11)}) == 1
    assert communities(cliques()) == groups
    assert communities(NetworkData()) == {}


def test_components_largest_first() -> None:
    net = build_network(people("a", "b", "c", "d", "e"),
                        [Relationship(4, 5, "k", id=1), Relationship(5, 3, "k", id=2)])
    assert components(net) == [[3, 4, 5], [1], [2]]


def test_layout_fills_the_box_and_is_repeatable() -> None:
    net = cliques()
    first = layout(net, seed=3)
    assert set(first) == set(net.ids)
    xs, ys = zip(*first.values(), strict=True)
    assert max(max(map(abs, xs)), max(map(abs, ys))) == pytest.approx(BOX)
    assert layout(net, seed=3) == first
    again = layout(net, seed_positions=first, seed=3)
    assert layout(net, seed_positions=first, seed=3) == again


def test_layout_from_saved_positions_stays_close() -> None:
    net = cliques()
    first = layout(net)
    again = layout(net, seed_positions=first, seed=11)
    moved = max(math.dist(first[n], again[n]) for n in net.ids)
    assert moved < 0.05 * 2 * BOX


def test_pinned_nodes_stay_put() -> None:
    net = chain(8)
    seeds = {1: (500.0, -300.0), 8: (-40.0, 25.5)}
    found = layout(net, seed_positions=seeds, pinned={1, 8, 99})
    assert found[1] == (500.0, -300.0)
    assert found[8] == (-40.0, 25.5)
    assert len(set(found.values())) == 8


def test_new_nodes_join_a_saved_picture_without_moving_it() -> None:
    net = cliques()
    saved = layout(net.subset(range(1, 10)))
    found = layout(net, seed_positions=saved, pinned=set(saved))
    assert all(found[n] == saved[n] for n in saved)
    assert math.dist(found[10], found[7]) < BOX


def test_disconnected_components_do_not_overlap() -> None:
    net = build_network(people(*"abcdefgh"), [Relationship(1, 2, "k", id=1),
                                              Relationship(2, 3, "k", id=2),
                                              Relationship(4, 5, "k", id=3)])
    found = layout(net)
    assert len({(round(x, 3), round(y, 3)) for x, y in found.values()}) == 8
    assert all(abs(v) <= BOX + 1e-9 for xy in found.values() for v in xy)


def test_empty_and_single_node_graphs() -> None:
    assert layout(NetworkData()) == {}
    assert layout(chain(1)) == {1: (0.0, 0.0)}
    assert layout(chain(1), seed_positions={1: (3.0, 4.0)}, pinned={1}) == {1: (3.0, 4.0)}
    assert communities(chain(1)) == {1: 0}
    assert degrees(chain(1)) == {1: 0}
    assert ego(chain(1), 1, 2).ids == [1]
    assert build_network([], []).ids == []


def test_main_actors_are_the_most_connected_people_and_their_neighbours() -> None:
    network = NetworkData(
        ids=[1, 2, 3, 4, 5, 6, 7], names=["Hub", "Place", "A", "B", "C", "Far", "Farther"],
        kinds=["person", "place", "person", "person", "organization", "person", "person"],
        edges=[Edge(1, 3, "knows"), Edge(1, 4, "knows"), Edge(1, 5, "knows"),
               Edge(2, 3, "in"), Edge(2, 4, "in"), Edge(2, 5, "in"), Edge(2, 6, "in"),
               Edge(6, 7, "knows")])
    assert main_actors(network, 1).ids == [1, 3, 4, 5]  # the place is no actor
    assert main_actors(network, 1, keep=[7]).ids == [1, 3, 4, 5, 6, 7]


def test_filters_cut_kinds_then_places_then_the_barely_linked() -> None:
    network = NetworkData(
        ids=[1, 2, 3, 4], names=["A", "B", "Seoul", "C"],
        kinds=["person", "person", "place", "organization"],
        edges=[Edge(1, 2, "knows", relationship_id=1), Edge(1, 3, "in", relationship_id=2),
               Edge(2, 4, "member of", relationship_id=3), Edge(1, 4, "member of",
                                                                relationship_id=4)])
    assert [e.kind for e in filter_network(network, {"member of"}).edges] == ["knows", "in"]
    assert filter_network(network, hidden_node_kinds={"place"}).ids == [1, 2, 4]
    assert filter_network(network, min_links=2).ids == [1, 2, 4]
    assert filter_network(network, {"member of"}, min_links=1).ids == [1, 2, 3]


def test_a_community_is_named_after_its_most_connected_member() -> None:
    network = cliques()  # p5 and p6 have one link more than the rest of their clique
    groups = communities(network)
    names = community_names(network, groups)
    assert sorted(names.values()) == ["p5", "p6"]
    assert names[groups[5]] == "p5" and names[groups[6]] == "p6"


def test_undated_means_a_relationship_without_any_date() -> None:
    assert is_undated(Edge(1, 2, "knows", relationship_id=1))
    assert not is_undated(Edge(1, 2, "knows", relationship_id=1, earliest=5))
    assert not is_undated(Edge(1, 2, CO_PARTICIPATION_KIND))  # shared events are no relationship


def _name_spans(found: dict[int, tuple[float, float]], net: NetworkData
                ) -> list[tuple[float, float, float]]:
    """(left, right, y) of each name centred under its node, at the scale a chart of
    the whole layout draws names."""
    xy = np.array([found[n] for n in net.ids])
    per_char = unit_per_char(np.ptp(xy, axis=0))
    return [(x - len(name) * per_char / 2, x + len(name) * per_char / 2, y)
            for (x, y), name in zip(xy, net.names, strict=True)]


def test_small_components_leave_room_for_their_names() -> None:
    long = "Daniel K. Inouye Asia-Pacific Center for Security Studies"
    pairs = [("Sungmin Cho", long), ("Han Suk-hee", "Institute for National Security Strategy"),
             ("Will Kielm", "Global Taiwan Institute"), ("Mi So Keum", "King's College London")]
    hubs = [f"hub {i}" for i in range(12)]
    ents = people(*hubs, *(name for pair in pairs for name in pair), "Czech Republic")
    ring = [Relationship(i, i % 12 + 1, "knows", id=i) for i in range(1, 13)]
    links = [Relationship(13 + 2 * k, 14 + 2 * k, "works at", id=20 + k) for k in range(4)]
    net = build_network(ents, ring + links)
    spans = _name_spans(layout(net), net)[12:]  # the pairs and the lone node
    for (l1, r1, y1), (l2, r2, y2) in combinations(spans, 2):
        if abs(y1 - y2) < 1e-6:  # names on one line must not run into each other
            assert r1 <= l2 or r2 <= l1, ((l1, r1), (l2, r2))


def _crowded_names(found: dict[int, tuple[float, float]], net: NetworkData) -> int:
    """Pairs of names that would collide, each a line of text centred under its node at
    the scale a chart of the whole layout draws them."""
    xy = np.array([found[n] for n in net.ids])
    per_char = unit_per_char(np.ptp(xy, axis=0))
    line = LINE_PX / CHAR_PX * per_char
    half = np.array([len(name) * per_char / 2 for name in net.names])
    apart_x = np.abs(xy[:, None, 0] - xy[None, :, 0]) < half[:, None] + half[None, :]
    apart_y = np.abs(xy[:, None, 1] - xy[None, :, 1]) < line
    return int(np.triu(apart_x & apart_y, 1).sum())


def test_a_hub_s_neighbours_get_room_for_their_names() -> None:
    """Two hubs of 20 named spokes each, joined: FR alone packs the spokes on a ring of
    one edge length, where their names run into each other; the layout parts them."""
    names = ["hub A", "hub B"] + [f"Organization of the region {i:02}" for i in range(40)]
    ents = people(*names)
    rels = [Relationship(1, 2, "knows", id=1)]
    rels += [Relationship(1 + (i >= 20), 3 + i, "knows", id=2 + i) for i in range(40)]
    net = build_network(ents, rels)
    found = layout(net)
    assert _crowded_names(found, net) <= 2
    assert found == layout(net)  # the pass is deterministic


def test_make_room_parts_nodes_on_one_spot_and_leaves_lone_ones() -> None:
    xy = np.array([[0.0, 0.0], [0.0, 0.0], [0.01, 0.0], [40.0, 30.0]])
    names = ["Alpha Institute", "Beta Institute", "Gamma Institute", "Delta"]
    moved = make_room(xy, names, np.array([2, 1, 1, 0]))
    assert np.ptp(moved[:3], axis=0).max() > 1.0
    assert np.allclose(moved[3], xy[3], atol=1.0)
    assert np.array_equal(make_room(xy, names, np.array([2, 1, 1, 0])), moved)


def test_widen_stretches_a_tall_picture_towards_the_chart_s_shape() -> None:
    tall = np.array([[0.0, 0.0], [1.0, 4.0], [0.5, 2.0]])
    wide = widen(tall)
    assert np.allclose(wide[:, 1], tall[:, 1])
    assert np.ptp(wide[:, 0]) == pytest.approx(1.8)  # at most WIDEN_MAX
    flat = np.array([[0.0, 0.0], [10.0, 1.0], [5.0, 0.5]])
    assert np.array_equal(widen(flat), flat)
