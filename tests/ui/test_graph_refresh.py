"""The graph draws again after an event edit only when the edit can change its picture."""

from __future__ import annotations

from dataclasses import replace

import pytest

from db import ops
from db.store import Store
from models.changes import Changes
from models.edits import EventEdit
from models.records import Entity, Event, Participant
from tests.ui.helpers import show_graph_panel
from ui.graph import GraphPanel


@pytest.fixture
def summit(store: Store) -> tuple[int, int, int]:
    """Two people who met at one summit: (Ann, Bo, the summit)."""
    ann = store.add_entity(Entity(kind="person", name="Ann"))
    bo = store.add_entity(Entity(kind="person", name="Bo"))
    event = store.add_event(Event("Summit", "2001",
                                  participants=[Participant(ann), Participant(bo)]))
    return ann, bo, event


def counted(panel: GraphPanel, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    rebuilds: list[int] = []
    real = panel._rebuild

    def rebuild() -> None:
        rebuilds.append(1)
        real()

    monkeypatch.setattr(panel, "_rebuild", rebuild)
    return rebuilds


def edit(panel: GraphPanel, event_id: int, **values: object) -> None:
    event = panel.document.store.event(event_id)
    for name, value in values.items():
        setattr(event, name, value)
    panel.document.apply(lambda s: ops.update_event(s, EventEdit(event)))


def test_a_retitled_event_leaves_the_graph_alone(
        qtbot, store: Store, summit: tuple[int, int, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    panel = show_graph_panel(qtbot, store)
    rebuilds = counted(panel, monkeypatch)
    edit(panel, summit[2], title="Summit, renamed")
    assert rebuilds == []


def test_shared_events_drawn_follow_an_edit_and_its_undo(
        qtbot, store: Store, summit: tuple[int, int, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    ann, bo, event = summit
    panel = show_graph_panel(qtbot, store)
    panel.set_co_participation(True)
    assert [(e.source, e.target) for e in panel.network().edges] == [(ann, bo)]
    edit(panel, event, participants=[Participant(ann)])
    assert panel.network().edges == []
    panel.document.undo_stack.undo()
    assert [(e.source, e.target) for e in panel.network().edges] == [(ann, bo)]


def test_the_selected_event_s_highlight_follows_its_participants(
        qtbot, store: Store, summit: tuple[int, int, int]) -> None:
    ann, bo, event = summit
    panel = show_graph_panel(qtbot, store)
    panel.document.selection.select("event", event)
    assert panel.highlighted_ids() == {ann, bo}
    edit(panel, event, participants=[Participant(ann)])
    assert panel.highlighted_ids() == {ann}


def test_positions_are_saved_by_the_named_operation_and_are_no_undo_step(
        qtbot, store: Store, summit: tuple[int, int, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    saved: list[dict[int, tuple[float, float, bool]]] = []
    real = ops.set_positions

    def spy(s: Store, rows: dict[int, tuple[float, float, bool]]) -> Changes:
        saved.append(dict(rows))
        return real(s, rows)

    monkeypatch.setattr(ops, "set_positions", spy)
    panel = show_graph_panel(qtbot, store)
    assert {n for rows in saved for n in rows} == set(summit[:2])
    saved.clear()
    panel.positions.move(summit[0], 12.0, 34.0)
    assert saved == [{summit[0]: (12.0, 34.0, True)}]
    assert store.positions()[summit[0]] == (12.0, 34.0, True)
    assert panel.document.undo_stack.count() == 0


def test_graph_options_are_one_value_the_settings_keep(window) -> None:  # type: ignore
    graph = window.graph
    wanted = replace(graph.options(), co_participation=True, ego=True, depth=3,
                     communities=True)
    graph.set_options(wanted)
    assert graph.toolbar.co_participation.isChecked() and graph.toolbar.depth.value() == 3
    window.save_layout()
    plain = replace(wanted, co_participation=False, ego=False, depth=1, communities=False)
    graph.set_options(plain)  # the filters are not kept between runs, the view options are
    assert graph.options() == plain
    window.restore_layout()
    assert graph.options() == wanted
