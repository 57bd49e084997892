"""db.network on real files: the whole graph when small, else the most connected or one
neighbourhood; who took part in which events, among the entities loaded."""

from __future__ import annotations

import sqlite3

import pytest

from db.network import read_network
from db.store import Store
from models.dates import jdn_from_ymd
from models.graph import co_participation_arrays, co_participation_of
from models.records import Entity, Event, Participant, Relationship


def add(store: Store, name: str) -> int:
    return store.add_entity(Entity(kind="person", name=name))


@pytest.fixture
def star(store: Store) -> dict[str, int]:
    """Hub with four spokes (one of them dated), Two with two; a pair Xu – Yi apart."""
    ids = {name: add(store, name) for name in ("Hub", "Two", "Xu", "Yi")}
    spokes = [add(store, f"Spoke {i}") for i in range(4)]
    for i, spoke in enumerate(spokes):
        store.add_relationship(Relationship(ids["Hub"], spoke, "knows",
                                            date="1990" if i == 0 else ""))
    store.add_relationship(Relationship(ids["Two"], spokes[0], "knows", directed=False))
    store.add_relationship(Relationship(ids["Two"], ids["Hub"], "advises"))
    store.add_relationship(Relationship(ids["Xu"], ids["Yi"], "knows"))
    store.set_positions({ids["Hub"]: (1.0, 2.0, True), ids["Xu"]: (3.0, 4.0, False)})
    return ids


def test_a_small_file_is_read_whole(store: Store, star: dict[str, int]) -> None:
    loaded = read_network(store.conn, limit=8, top=2)
    assert loaded.whole and loaded.total == 8 and len(loaded.nodes) == 8
    assert len(loaded.links) == 7
    assert loaded.saved == {star["Hub"]: (1.0, 2.0, True), star["Xu"]: (3.0, 4.0, False)}
    dated = [link for link in loaded.links if link.date]
    assert [(link.date, link.earliest is not None) for link in dated] == [("1990", True)]
    assert {link.directed for link in loaded.links} == {True, False}


def test_a_big_file_gives_the_most_connected_and_the_links_among_them(
        store: Store, star: dict[str, int]) -> None:
    loaded = read_network(store.conn, limit=7, top=3)
    assert not loaded.whole and loaded.total == 8 and loaded.centre is None
    spoke0 = store.find_entities("Spoke 0")[0].id
    assert [n.id for n in loaded.nodes] == sorted([star["Hub"], star["Two"], spoke0])
    assert loaded.top == {star["Hub"], star["Two"], spoke0}
    assert sorted((link.from_id, link.to_id) for link in loaded.links) == sorted(
        [(star["Hub"], spoke0), (star["Two"], spoke0), (star["Two"], star["Hub"])])
    assert loaded.saved == {star["Hub"]: (1.0, 2.0, True)}
    assert [n.name for n in loaded.nodes if n.id == star["Hub"]] == ["Hub"]


def test_a_neighbourhood_is_read_to_its_depth_and_cut_to_the_limit(
        store: Store, star: dict[str, int]) -> None:
    pair = read_network(store.conn, limit=7, top=3, centre=star["Yi"], depth=2)
    assert [n.id for n in pair.nodes] == [star["Xu"], star["Yi"]]
    assert (pair.centre, pair.depth, pair.cut) == (star["Yi"], 2, False)
    assert pair.saved == {star["Xu"]: (3.0, 4.0, False)}
    two = read_network(store.conn, limit=7, top=3, centre=star["Two"], depth=1)
    assert len(two.nodes) == 3 and len(two.links) == 3
    wide = read_network(store.conn, limit=5, top=3, centre=star["Two"], depth=2)
    assert len(wide.nodes) == 5 and wide.cut  # three more spokes would make 6
    again = read_network(store.conn, limit=5, top=3, centre=star["Two"], depth=2, known=wide)
    assert again == wide  # the most connected taken from the earlier read
    gone = read_network(store.conn, limit=7, top=3, centre=9999)
    assert gone.centre is None and len(gone.nodes) == 3  # the most connected instead


def test_reads_work_on_a_read_only_connection(store: Store, star: dict[str, int]) -> None:
    store.close()
    conn = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)
    try:
        assert len(read_network(conn, limit=7, top=3, centre=star["Hub"]).nodes) == 6
    finally:
        conn.close()


def test_participation_counts_shared_events_of_the_loaded_in_a_window(store: Store) -> None:
    a, b, c = (add(store, n) for n in ("Ann", "Bo", "Cy"))
    groups = {"2001": [a, b, c], "2002": [a, b], "2010": [b, c]}
    for year, members in groups.items():
        store.add_event(Event(title=f"Talks {year}", date=year,
                              participants=[Participant(m) for m in members]))
    everyone = store.participation()
    assert len(everyone.events) == 7
    with pytest.raises(ValueError):
        everyone.meeting((0, 1))
    everyone = store.participation_days(everyone)
    assert co_participation_arrays(*everyone.meeting(None)) == store.co_participation() == (
        co_participation_of(groups.values()))
    assert co_participation_arrays(*store.participation([a, b]).meeting(None)) == [(a, b, 2)]
    window = (jdn_from_ymd(2005, 1, 1), jdn_from_ymd(2012, 1, 1))
    assert co_participation_arrays(*everyone.meeting(window)) == [(b, c, 1)]
    apart = store.participation_days(store.participation([a, c]))
    assert co_participation_arrays(*apart.meeting(window)) == []
    nobody = store.participation_days(store.participation([]))
    assert co_participation_arrays(*nobody.meeting(window)) == []
