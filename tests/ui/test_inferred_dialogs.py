"""The event and relationship dialogs mark a record inferred, with its reasoning in the
notes, in one undoable write; an edit that leaves the box alone keeps the flag."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from db.jsonio import dumps, export_data
from db.store import Store
from ui.dialogs.base import RecordDialog
from ui.dialogs.event_dialog import EditEventDialog
from ui.dialogs.relationship_dialog import EditRelationshipDialog
from ui.document import Document


@pytest.fixture(autouse=True)
def never_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RecordDialog, "confirm_discard", lambda _self: True)


@pytest.fixture
def document(sample: Store) -> Iterator[Document]:
    yield Document(sample)


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def snapshot(store: Store) -> str:
    return dumps(export_data(store))


def event_titled(store: Store, start: str) -> int:
    return next(e.id for e in store.events() if e.title.startswith(start))


def test_an_event_is_marked_inferred_with_its_reasoning_and_undone(document: Document,
                                                                   qtbot) -> None:
    store = document.store
    event_id = event_titled(store, "Yoon Suk Yeol becomes President")
    before, notes = snapshot(store), store.event(event_id).notes
    dialog = shown(qtbot, EditEventDialog(document, event_id))
    field = dialog.inferred
    assert not field.box.isChecked() and not field.reasoning.isEnabled()
    qtbot.mouseClick(field.box, Qt.MouseButton.LeftButton)
    assert field.reasoning.isEnabled() and dialog.is_dirty()
    qtbot.keyClicks(field.reasoning, "inaugurated in May 2022, by other reports")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    event = store.event(event_id)
    assert event.inferred
    assert event.notes.startswith(notes)
    assert event.notes.endswith("\nInferred: inaugurated in May 2022, by other reports")
    again = shown(qtbot, EditEventDialog(document, event_id))
    assert again.inferred.box.isChecked()
    assert again.inferred.reasoning.text() == "inaugurated in May 2022, by other reports"
    again.reject()
    document.undo_stack.undo()
    assert snapshot(store) == before


def test_editing_an_inferred_relationship_keeps_it_inferred(document: Document,
                                                           qtbot) -> None:
    store = document.store
    rel_id = next(r.id for r in store.relationships() if r.inferred)
    notes = store.relationship(rel_id).notes
    dialog = shown(qtbot, EditRelationshipDialog(document, rel_id))
    assert dialog.inferred.box.isChecked() and dialog.inferred.reasoning.isEnabled()
    qtbot.keyClicks(dialog.description_edit, " More.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    rel = store.relationship(rel_id)
    assert rel.inferred and rel.notes == notes  # the box left alone: flag and notes kept


def test_a_relationship_no_longer_inferred_loses_its_reasoning(document: Document,
                                                               qtbot) -> None:
    store = document.store
    rel_id = next(r.id for r in store.relationships() if not r.inferred)
    before = snapshot(store)
    dialog = shown(qtbot, EditRelationshipDialog(document, rel_id))
    dialog.inferred.box.setChecked(True)
    qtbot.keyClicks(dialog.inferred.reasoning, "both attended the 1990 talks")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    rel = store.relationship(rel_id)
    assert rel.inferred and "Inferred: both attended the 1990 talks" in rel.notes
    dialog = shown(qtbot, EditRelationshipDialog(document, rel_id))
    qtbot.mouseClick(dialog.inferred.box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    rel = store.relationship(rel_id)
    assert not rel.inferred and "Inferred:" not in rel.notes
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert snapshot(store) == before
