"""Every change goes through the undo stack: exact undo/redo, one refresh signal."""

from __future__ import annotations

import pytest

from db import ops
from db.errors import ValidationError
from db.jsonio import dumps, export_data
from db.store import Store
from models.edits import EventEdit
from models.records import Event
from ui.document import Changes, Document


def test_apply_undo_redo_round_trip(filled: Store, qtbot) -> None:
    document = Document(filled)
    before = dumps(export_data(filled))
    with qtbot.waitSignal(document.changed) as changed:
        new_id = document.apply(lambda s: ops.add_event(
            s, EventEdit(Event(title="Summit", date="May 2023")))).record_id
    assert isinstance(changed.args[0], Changes) and new_id in changed.args[0].events
    after = dumps(export_data(filled))
    stack = document.undo_stack
    assert stack.undoText() == "Add event ‘Summit’"
    with qtbot.waitSignal(document.changed):
        stack.undo()
    assert dumps(export_data(filled)) == before
    with qtbot.waitSignal(document.changed):
        stack.redo()
    assert dumps(export_data(filled)) == after
    assert filled.event(new_id).title == "Summit"


def test_a_cascading_delete_is_undone_whole(filled: Store, qtbot) -> None:
    document = Document(filled)
    before = dumps(export_data(filled))
    kim = filled.find_entities("Kim D.")[0].id
    document.apply(lambda s: ops.delete_entity(s, kim))
    assert filled.relationships_of(kim) == []
    document.undo_stack.undo()
    assert dumps(export_data(filled)) == before


def test_refused_change_is_not_pushed(filled: Store, qtbot) -> None:
    document = Document(filled)
    before = dumps(export_data(filled))
    with pytest.raises(ValidationError, match="event title is empty"):
        document.apply(lambda s: ops.add_event(s, EventEdit(Event(title="", date="2020"))))
    assert document.undo_stack.count() == 0
    assert dumps(export_data(filled)) == before


def test_a_big_undo_keeps_the_window_live_and_stays_exact(filled: Store, qtbot,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    from PySide6.QtCore import QTimer

    from db import journal
    from ui import commands

    monkeypatch.setattr(commands, "PROGRESS_FROM", 1)
    monkeypatch.setattr(journal, "PROGRESS_EVERY", 5)
    document = Document(filled)
    before = dumps(export_data(filled))

    def many(store: Store) -> None:
        for n in range(60):
            store.add_event(Event(title=f"Imported {n}", date=str(1900 + n)))

    document.apply(lambda s: ops.run(s, "Import 60 events", lambda: many(s)))
    after = dumps(export_data(filled))
    ticks: list[int] = []
    timer = QTimer(interval=0)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    document.undo_stack.undo()
    during_undo = len(ticks)
    document.undo_stack.redo()
    timer.stop()
    assert during_undo > 0  # events were processed while the replay ran
    assert dumps(export_data(filled)) == after
    document.undo_stack.undo()
    assert dumps(export_data(filled)) == before
