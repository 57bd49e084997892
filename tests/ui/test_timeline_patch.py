"""An edit patches the timeline: the changed events' rows are read, not every event."""

from __future__ import annotations

import pytest

from db import ops, tables
from db.store import Store
from models.edits import EventEdit
from models.records import Event, Participant
from tests.ui.test_timeline import PanelMaker, event_id, show_dates
from ui.document import Changes, Document
from ui.timeline import TimelinePanel


@pytest.fixture
def make_panel(qtbot) -> PanelMaker:  # type: ignore[no-untyped-def]
    def make(store: Store) -> TimelinePanel:
        panel = TimelinePanel(Document(store))
        qtbot.addWidget(panel)
        panel.resize(1200, 500)
        panel.show()
        qtbot.waitExposed(panel)
        return panel
    return make



@pytest.fixture
def full_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each full read of the events the timeline makes (``read_event_table``), counted."""
    reads: list[int] = []
    real = tables.read_event_table

    def counted(conn):  # type: ignore[no-untyped-def]
        reads.append(1)
        return real(conn)

    monkeypatch.setattr(tables, "read_event_table", counted)
    return reads


def rename(store: Store, event: int, title: str) -> ops.Op:
    edited = store.event(event)
    edited.title = title
    return lambda s: ops.update_event(s, EventEdit(edited))


def test_a_renamed_event_is_drawn_renamed_without_reading_every_event(
        filled: Store, make_panel: PanelMaker, full_reads: list[int]) -> None:
    panel = make_panel(filled)
    visit = event_id(filled, "Delegation visits Taipei")
    show_dates(panel, "2022", "2024")
    assert "Delegation visits Taipei" in panel.visible_label_texts()
    full_reads.clear()
    panel.document.apply(rename(filled, visit, "Delegation visits Kaohsiung"))
    assert "Delegation visits Kaohsiung" in panel.visible_label_texts()
    assert "Delegation visits Taipei" not in panel.visible_label_texts()
    assert full_reads == []
    panel.document.undo_stack.undo()
    assert "Delegation visits Taipei" in panel.visible_label_texts()
    assert full_reads == []


def test_a_moved_event_is_drawn_at_its_new_date(filled: Store, make_panel: PanelMaker,
                                                full_reads: list[int]) -> None:
    panel = make_panel(filled)
    visit = event_id(filled, "Delegation visits Taipei")
    show_dates(panel, "1960", "1962")
    assert "Delegation visits Taipei" not in panel.visible_label_texts()
    edited = filled.event(visit)
    edited.date, edited.end_date = "12 March 1961", ""
    full_reads.clear()
    panel.document.apply(lambda s: ops.update_event(s, EventEdit(edited)))
    assert "Delegation visits Taipei" in panel.visible_label_texts()
    assert panel.drawn_style(visit) == "marker"
    assert panel.table.ids.tolist() == filled.event_table().ids.tolist()
    panel.document.undo_stack.undo()
    assert "Delegation visits Taipei" not in panel.visible_label_texts()
    assert full_reads == [1]  # the check just above, not the panel


def test_added_and_deleted_events_come_and_go(filled: Store, make_panel: PanelMaker,
                                              full_reads: list[int]) -> None:
    panel = make_panel(filled)
    show_dates(panel, "2022", "2024")
    full_reads.clear()
    added = panel.document.apply(lambda s: ops.add_event(
        s, EventEdit(Event("Follow-up visit", "March 2023", category="brand new"))))
    assert "Follow-up visit" in panel.visible_label_texts()
    assert "brand new" in panel.table.category_names
    panel.document.apply(lambda s: ops.delete_event(s, added.record_id))
    assert "Follow-up visit" not in panel.visible_label_texts()
    assert "brand new" not in panel.table.category_names
    assert full_reads == []


def test_an_import_still_reads_every_event(filled: Store, make_panel: PanelMaker,
                                           full_reads: list[int]) -> None:
    panel = make_panel(filled)
    filled.add_event(Event("Written behind its back", "2023"))
    full_reads.clear()
    panel.document.notify(Changes.all("Import"))
    assert full_reads == [1]
    assert len(panel.table) == len(filled.event_table())


def test_entity_lanes_follow_a_new_participant(filled: Store, make_panel: PanelMaker,
                                               full_reads: list[int]) -> None:
    panel = make_panel(filled)
    kim = filled.find_entities("Kim Dong-myung")[0].id
    panel.set_lane_mode("entity", [kim])
    visit = event_id(filled, "Delegation visits Taipei")
    show_dates(panel, "2022", "2024")
    edited = filled.event(visit)
    had = [p.entity_id for p in edited.participants]
    full_reads.clear()
    if kim in had:
        edited.participants = [p for p in edited.participants if p.entity_id != kim]
    else:
        edited.participants = [*edited.participants, Participant(kim, "guest")]
    panel.document.apply(lambda s: ops.update_event(s, EventEdit(edited)))
    shown = "Delegation visits Taipei" in panel.visible_label_texts()
    assert shown == (kim not in had)
    assert full_reads == []
