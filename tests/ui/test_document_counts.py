"""The status bar's counts follow each write's Changes instead of counting every table."""

from __future__ import annotations

import pytest

from db import ops
from db.store import Store
from models.edits import EntityEdit, EventEdit
from models.records import Entity, Event, Participant
from ui.document import Changes, Document
from ui.main_window import MainWindow


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each ``Store.counts`` call (a count of every table), recorded."""
    calls: list[int] = []
    real = Store.counts

    def counts(self: Store) -> dict[str, int]:
        calls.append(1)
        return real(self)

    monkeypatch.setattr(Store, "counts", counts)
    return calls


def test_adds_deletes_undo_and_redo_keep_the_counts_exact(
        filled: Store, qtbot, counted: list[int]) -> None:
    document = Document(filled)
    assert document.counts() == filled.counts()
    counted.clear()
    kim = document.apply(lambda s: ops.add_entity(s, EntityEdit(Entity("person", "Kim II"))))
    document.apply(lambda s: ops.add_event(s, EventEdit(
        Event("Met", "2001", participants=[Participant(kim.record_id)]))))
    document.apply(lambda s: ops.delete_entity(s, 1))  # takes relationships, citations
    seen = document.counts()
    document.undo_stack.undo()
    document.undo_stack.undo()
    after_undo = document.counts()
    document.undo_stack.redo()
    after_redo = document.counts()
    assert len(counted) == 0
    assert after_redo == filled.counts()
    document.undo_stack.undo()
    assert after_undo == filled.counts()
    document.undo_stack.redo()
    document.undo_stack.redo()
    assert seen == filled.counts()


def test_a_change_naming_ids_only_counts_again(filled: Store, qtbot,
                                               counted: list[int]) -> None:
    document = Document(filled)
    before = document.counts()["events"]
    new = filled.add_event(Event("Written behind its back", "2020"))
    document.notify(Changes(events=frozenset({new})))
    assert document.counts()["events"] == before + 1
    document.notify(Changes.all("Import"))
    assert document.counts() == filled.counts()


def test_the_status_bar_counts_an_added_event(window: MainWindow,
                                              counted: list[int]) -> None:
    before = window.document.counts()["events"]
    window.document.apply(lambda s: ops.add_event(s, EventEdit(Event("Counted", "2001"))))
    assert f"{before + 1} events" in window.status_text()
    assert counted == []
