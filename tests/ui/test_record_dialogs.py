"""The record dialogs driven as a user would: type, pick, click OK or Cancel; then look
at the database. Every save must be one undo step that Undo takes back exactly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from db.errors import ValidationError
from db.jsonio import dumps, export_data
from db.store import Store
from models.records import Citation, Entity, Source
from ui.dialogs.base import RecordDialog
from ui.dialogs.citations import CitationRow
from ui.dialogs.entity_dialog import EditEntityDialog
from ui.dialogs.event_dialog import EditEventDialog
from ui.dialogs.participants import ParticipantRow
from ui.dialogs.relationship_dialog import EditRelationshipDialog
from ui.document import Document


@pytest.fixture(autouse=True)
def never_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """No modal question may stop a test (closing open dialogs at teardown asks)."""
    monkeypatch.setattr(RecordDialog, "confirm_discard", lambda _self: True)


@pytest.fixture
def document(filled: Store) -> Iterator[Document]:
    yield Document(filled)


def snapshot(store: Store) -> str:
    return dumps(export_data(store))


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # shortcuts such as Ctrl+Return need the active window
        dialog.show()
        dialog.activateWindow()
    return dialog


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Type like a user, Chinese and Korean included (QTest itself types only Latin-1)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def retype(qtbot, widget: QWidget, text: str) -> None:
    """Select what the field holds and type over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(widget, text)


def pick_next(qtbot, combo: QWidget, times: int = 1) -> None:
    """Choose the next item(s) of a combo box with the Down arrow key."""
    for _ in range(times):
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def add_participant(qtbot, dialog: EditEventDialog, name: str, role: str) -> ParticipantRow:
    qtbot.mouseClick(dialog.participants.add_button, Qt.MouseButton.LeftButton)
    row = dialog.participants.rows[-1]
    assert isinstance(row, ParticipantRow)
    type_into(qtbot, row.picker, name)
    row.role.setFocus()  # as Tab would
    qtbot.keyClicks(row.role, role)
    return row


def add_citation(qtbot, editor, locator: str, grade_steps: int = 0) -> CitationRow:
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    row = editor.rows[-1]
    assert isinstance(row, CitationRow)
    pick_next(qtbot, row.source)
    pick_next(qtbot, row.credibility, grade_steps)
    qtbot.keyClicks(row.locator, locator)
    return row


def click_ok(qtbot, dialog: QDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def entity_named(store: Store, name: str) -> int:
    found = store.find_entities(name)
    assert len(found) == 1 and found[0].id is not None
    return found[0].id


# -- events ------------------------------------------------------------------------------

def test_new_event_is_written_whole_and_undone_exactly(document: Document, qtbot) -> None:
    store = document.store
    before = snapshot(store)
    dialog = shown(qtbot, EditEventDialog(document))
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.title_edit, "Summit")
    qtbot.keyClicks(dialog.date_field.edit, "12 May 2023")
    qtbot.keyClicks(dialog.end_field.edit, "14 May 2023")
    qtbot.keyClicks(dialog.category_combo.lineEdit(), "summitry")
    qtbot.keyClicks(dialog.tags_edit, "summit, Track 1.5, summit")
    add_participant(qtbot, dialog, "kim d.", "delegation leader")  # an alias, any case
    row = add_participant(qtbot, dialog, "阿里", "")
    popup = row.picker.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert row.picker.text() == "Alishan Society"
    qtbot.keyClicks(row.role, "host")
    add_citation(qtbot, dialog.citations, "p. 4", grade_steps=2)
    assert dialog.ok_button.isEnabled()
    click_ok(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved_id is not None
    event = store.event(dialog.saved_id)
    assert (event.title, event.date, event.end_date, event.category) == (
        "Summit", "12 May 2023", "14 May 2023", "summitry")
    assert sorted(event.tags) == ["Track 1.5", "summit"]
    kim, society = entity_named(store, "Kim D."), entity_named(store, "Alishan Society")
    assert {(p.entity_id, p.role) for p in event.participants} == {
        (kim, "delegation leader"), (society, "host")}
    [citation] = store.citations_for("event", event.id)
    assert (citation.locator, citation.confidence) == ("p. 4", 2)
    assert document.selection.current() == ("event", event.id)
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Add event ‘Summit’"
    after = snapshot(store)
    document.undo_stack.undo()
    assert snapshot(store) == before
    document.undo_stack.redo()
    assert snapshot(store) == after


def test_bad_dates_keep_ok_disabled_and_say_why(document: Document, qtbot) -> None:
    dialog = shown(qtbot, EditEventDialog(document))
    qtbot.keyClicks(dialog.title_edit, "Summit")
    qtbot.keyClicks(dialog.date_field.edit, "32 May 2023")
    assert not dialog.ok_button.isEnabled()
    assert "32 May" in dialog.date_field.feedback.text()
    retype(qtbot, dialog.date_field.edit, "late December 2022")
    assert "between 21 and 31 December 2022" in dialog.date_field.feedback.text()
    assert dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.end_field.edit, "2020")
    assert not dialog.ok_button.isEnabled()
    assert "before" in dialog.end_field.feedback.text()
    retype(qtbot, dialog.end_field.edit, "")
    retype(qtbot, dialog.title_edit, "")
    assert not dialog.ok_button.isEnabled()
    assert dialog.title_error.isVisible() and "title" in dialog.title_error.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and document.undo_stack.count() == 0


def test_editing_an_event_changes_it_and_its_citations(document: Document, qtbot) -> None:
    store = document.store
    event_id = next(e.id for e in store.events() if e.title == "Delegation visits Taipei")
    source = store.add_source(Source(title="Article two"))
    [kept] = store.citations_for("event", event_id)
    store.add_citation(Citation(source, "event", event_id, "para. 9"))
    before = snapshot(store)
    dialog = shown(qtbot, EditEventDialog(document, event_id))
    assert dialog.windowTitle() == "Edit event ‘Delegation visits Taipei’"
    assert not dialog.is_dirty()
    retype(qtbot, dialog.title_edit, "Delegation visits Taipei again")
    first, second = dialog.citations.rows
    retype(qtbot, first.locator, "para. 2")
    qtbot.mouseClick(second.remove_button, Qt.MouseButton.LeftButton)
    add_citation(qtbot, dialog.citations, "p. 1")
    click_ok(qtbot, dialog)

    assert dialog.saved_id == event_id
    event = store.event(event_id)
    assert event.title == "Delegation visits Taipei again"
    assert event.tags == ["Track 1.5", "visits"] and len(event.participants) == 2
    citations = store.citations_for("event", event_id)
    assert (citations[0].id, citations[0].locator) == (kept.id, "para. 2")
    assert citations[0].excerpt == kept.excerpt and citations[0].confidence == 2
    assert [c.locator for c in citations] == ["para. 2", "p. 1"]  # "para. 9" is gone
    assert document.undo_stack.undoText() == "Edit event ‘Delegation visits Taipei again’"
    document.undo_stack.undo()
    assert snapshot(store) == before


def test_citation_without_source_blocks_ok(document: Document, qtbot) -> None:
    dialog = shown(qtbot, EditEventDialog(document, 1))
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.citations.add_button, Qt.MouseButton.LeftButton)
    row = dialog.citations.rows[-1]
    assert not dialog.ok_button.isEnabled()
    assert row.error.isVisible() and "choose a source" in row.error.text().lower()
    pick_next(qtbot, row.source)
    assert dialog.ok_button.isEnabled() and not row.error.isVisible()


def test_a_refusal_by_the_store_is_shown_and_nothing_is_written(
        document: Document, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    store = document.store
    before = snapshot(store)

    def refuse(_event: object) -> int:
        raise ValidationError("the Store refuses this event")

    monkeypatch.setattr(store, "add_event", refuse)
    dialog = shown(qtbot, EditEventDialog(document))
    qtbot.keyClicks(dialog.title_edit, "Summit")
    qtbot.keyClicks(dialog.date_field.edit, "2023")
    add_citation(qtbot, dialog.citations, "p. 1")
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.saved_id is None
    assert dialog.save_error.isVisible()
    assert dialog.save_error.text() == "the Store refuses this event"
    assert snapshot(store) == before and document.undo_stack.count() == 0
    qtbot.keyClicks(dialog.title_edit, "!")
    assert not dialog.save_error.isVisible()


def test_new_entity_from_the_event_dialog_is_in_the_same_undo_step(
        document: Document, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    store = document.store
    before = snapshot(store)

    def fill_and_accept(entity_dialog: EditEntityDialog) -> int:
        assert entity_dialog.name_edit.text() == "Park Jin"
        entity_dialog.show()
        type_into(qtbot, entity_dialog.native_edit, "박진")
        qtbot.keyClicks(entity_dialog.aliases_edit, "Jin Park")
        click_ok(qtbot, entity_dialog)
        return entity_dialog.result()

    monkeypatch.setattr(EditEntityDialog, "exec", fill_and_accept)
    dialog = shown(qtbot, EditEventDialog(document))
    qtbot.keyClicks(dialog.title_edit, "Foreign ministers meet")
    qtbot.keyClicks(dialog.date_field.edit, "2023")
    row = add_participant(qtbot, dialog, "Park Jin", "foreign minister")
    assert "No person" in row.error.text() and not dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.participants.new_button, Qt.MouseButton.LeftButton)
    assert store.find_entities("Park Jin") == []  # nothing written before OK
    assert row.picker.entity_id() is not None and row.picker.entity_id() < 0
    add_participant(qtbot, dialog, "Jin Park", "host")  # the draft answers to its alias too
    click_ok(qtbot, dialog)

    [park] = store.find_entities("박진")
    assert park.aliases == ["Jin Park"]
    event = store.event(dialog.saved_id)
    assert {(p.entity_id, p.role) for p in event.participants} == {
        (park.id, "foreign minister"), (park.id, "host")}
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert snapshot(store) == before


def test_open_existing_from_the_nested_entity_dialog_uses_that_entity(
        document: Document, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    store = document.store
    before = snapshot(store)
    kim = entity_named(store, "Kim Dong-myung")

    def open_existing(entity_dialog: EditEntityDialog) -> int:
        entity_dialog.show()
        qtbot.keyClicks(entity_dialog.name_edit, "Kim D.")
        assert entity_dialog.duplicate.isVisible()
        qtbot.mouseClick(entity_dialog.duplicate.open_button, Qt.MouseButton.LeftButton)
        return entity_dialog.result()

    monkeypatch.setattr(EditEntityDialog, "exec", open_existing)
    dialog = shown(qtbot, EditEventDialog(document))
    qtbot.mouseClick(dialog.participants.new_button, Qt.MouseButton.LeftButton)
    [row] = dialog.participants.rows
    assert row.picker.entity_id() == kim and row.picker.text() == "Kim Dong-myung"
    assert document.selection.current() is None  # the event dialog is still in charge
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert snapshot(store) == before


def test_ctrl_return_saves_from_a_multi_line_field(document: Document, qtbot) -> None:
    dialog = shown(qtbot, EditEventDialog(document, 1))
    dialog.summary_edit.setFocus()
    qtbot.keyClicks(dialog.summary_edit, "Also: ")
    qtbot.keyClick(dialog.summary_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible() and dialog.saved_id == 1
    assert document.store.event(1).summary == "Also: Members of parliament visit."


def test_tab_visits_the_fields_in_order(document: Document, qtbot) -> None:
    dialog = shown(qtbot, EditEventDialog(document, 1))
    wanted = [dialog.title_edit, dialog.date_field.edit, dialog.end_field.edit,
              dialog.inferred.box,  # its reasoning is skipped while the box is not ticked
              dialog.category_combo, dialog.location_edit, dialog.tags_edit,
              dialog.summary_edit, dialog.participants.rows[0].picker,
              dialog.participants.rows[0].role]
    dialog.title_edit.setFocus()
    seen = [QApplication.focusWidget()]
    for _ in wanted[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == wanted
    assert dialog.ok_button.isDefault()
    assert dialog.date_field.edit.accessibleName() == "Date"
    assert dialog.participants.rows[0].role.accessibleName() == "Role of participant 1"


# -- cancel ------------------------------------------------------------------------------

def test_cancel_with_changes_asks_first_and_writes_nothing(document: Document, qtbot,
                                                           monkeypatch) -> None:
    before = snapshot(document.store)
    dialog = shown(qtbot, EditEventDialog(document))
    answers = [False, True]
    asked: list[bool] = []

    def answer() -> bool:
        asked.append(True)
        return answers.pop(0)

    monkeypatch.setattr(dialog, "confirm_discard", answer)
    qtbot.keyClicks(dialog.title_edit, "Half-typed")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and len(asked) == 1  # "Keep editing"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and len(asked) == 2  # "Discard"
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.saved_id is None
    assert snapshot(document.store) == before and document.undo_stack.count() == 0


def test_cancel_without_changes_closes_silently(document: Document, qtbot,
                                                monkeypatch) -> None:
    dialog = shown(qtbot, EditRelationshipDialog(document, 1))
    monkeypatch.setattr(dialog, "confirm_discard", lambda: pytest.fail("asked"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


# -- entities ----------------------------------------------------------------------------

def test_new_entity_with_native_name_aliases_and_dates(document: Document, qtbot) -> None:
    store = document.store
    dialog = shown(qtbot, EditEntityDialog(document, kind="person"))
    qtbot.keyClicks(dialog.name_edit, "Lee Jae-myung")
    type_into(qtbot, dialog.native_edit, "이재명")
    qtbot.keyClicks(dialog.aliases_edit, "Lee J.")
    qtbot.keyClick(dialog.aliases_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.aliases_edit, "Jaemyung Lee")
    qtbot.keyClicks(dialog.date_field.edit, "22 December 1963")
    assert not dialog.duplicate.isVisible()
    add_citation(qtbot, dialog.citations, "para. 3", grade_steps=1)
    click_ok(qtbot, dialog)

    entity = store.entity(dialog.saved_id)
    assert (entity.kind, entity.name, entity.native_name) == (
        "person", "Lee Jae-myung", "이재명")
    assert entity.aliases == ["Lee J.", "Jaemyung Lee"] and entity.date == "22 December 1963"
    assert [c.confidence for c in store.citations_for("entity", entity.id)] == [1]
    assert document.undo_stack.undoText() == "Add person ‘Lee Jae-myung’"
    assert document.selection.current() == ("entity", entity.id)


def test_a_name_in_use_warns_and_opens_the_existing_record(document: Document, qtbot) -> None:
    store = document.store
    before = snapshot(store)
    kim = entity_named(store, "Kim Dong-myung")
    dialog = shown(qtbot, EditEntityDialog(document, kind="organization"))
    qtbot.keyClicks(dialog.name_edit, "kim d.")
    assert dialog.duplicate.isVisible()
    assert "Kim Dong-myung" in dialog.duplicate.message.text()
    assert dialog.ok_button.isEnabled()  # a warning, not a block
    qtbot.mouseClick(dialog.duplicate.open_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.saved_id is None and dialog.opened_existing == kim
    assert document.selection.current() == ("entity", kim)
    assert snapshot(store) == before


def test_editing_an_entity_does_not_warn_about_its_own_names(document: Document,
                                                            qtbot) -> None:
    store = document.store
    kim = entity_named(store, "Kim Dong-myung")
    dialog = shown(qtbot, EditEntityDialog(document, kim))
    assert not dialog.duplicate.isVisible()
    retype(qtbot, dialog.description_edit, "General, retired 2011")
    click_ok(qtbot, dialog)
    assert store.entity(kim).description == "General, retired 2011"
    assert store.entity(kim).aliases == ["Kim D.", "김동명"]
    assert document.undo_stack.undoText() == "Edit person ‘Kim Dong-myung’"


def test_text_from_the_data_is_shown_as_plain_text(document: Document, qtbot) -> None:
    document.store.add_entity(Entity(kind="person", name="<b>Bold</b>"))
    dialog = shown(qtbot, EditEntityDialog(document))
    qtbot.keyClicks(dialog.name_edit, "<b>Bold</b>")
    label = dialog.duplicate.message
    assert label.textFormat() == Qt.TextFormat.PlainText and "<b>Bold</b>" in label.text()


# -- relationships -----------------------------------------------------------------------

def test_relationship_to_itself_is_refused(document: Document, qtbot) -> None:
    store = document.store
    before = snapshot(store)
    kim = entity_named(store, "Kim Dong-myung")
    dialog = shown(qtbot, EditRelationshipDialog(document, from_id=kim))
    assert dialog.from_picker.text() == "Kim Dong-myung"
    qtbot.keyClicks(dialog.kind_combo.lineEdit(), "advises")
    type_into(qtbot, dialog.to_picker, "金東明")
    assert not dialog.ok_button.isEnabled()
    assert dialog.to_error.isVisible() and "two different" in dialog.to_error.text()
    click_ok(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and snapshot(store) == before


def test_new_relationship_with_dates_and_a_mutual_kind(document: Document, qtbot) -> None:
    store = document.store
    kim, taipei = entity_named(store, "Kim Dong-myung"), entity_named(store, "Taipei")
    dialog = shown(qtbot, EditRelationshipDialog(document, from_id=kim, to_id=taipei))
    qtbot.keyClicks(dialog.kind_combo.lineEdit(), "allied with")
    assert not dialog.directed_box.isChecked()
    qtbot.keyClicks(dialog.date_field.edit, "1988")
    qtbot.keyClicks(dialog.end_field.edit, "1991")
    qtbot.keyClick(dialog.end_field.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    rel = store.relationship(dialog.saved_id)
    assert (rel.from_id, rel.to_id, rel.kind, rel.directed) == (kim, taipei, "allied with", False)
    assert (rel.date, rel.end_date) == ("1988", "1991")
    assert document.undo_stack.undoText() == "Add relationship ‘allied with’"
    assert document.selection.current() == ("relationship", rel.id)


def test_a_read_only_file_cannot_be_saved(sample_path: Path, qtbot) -> None:
    with Store.open(sample_path, readonly=True) as readonly:
        event_id = readonly.events()[0].id
        dialog = shown(qtbot, EditEventDialog(Document(readonly), event_id))
        assert not dialog.ok_button.isEnabled() and "read-only" in dialog.save_error.text()
        dialog.close()


def test_dialogs_list_kinds_in_use_without_reading_whole_tables(document: Document, qtbot,
                                                                monkeypatch) -> None:
    """The category and relationship-kind lists come from a query of the names in use,
    not from reading every event or relationship (a million events is a long wait)."""
    store = document.store
    event = store.events()[0]
    event.category = "summitry"
    store.update_event(event)
    kim, society = (store.find_entities(n)[0].id for n in ("Kim D.", "Alishan Society"))
    from models.records import Relationship

    store.add_relationship(Relationship(kim, society, "sponsored by"))

    def whole_table(*_args: object) -> None:
        raise AssertionError("read the whole table")

    monkeypatch.setattr(store, "event_table", whole_table)
    monkeypatch.setattr(store, "relationships", whole_table)
    events = shown(qtbot, EditEventDialog(document))
    categories = [events.category_combo.itemText(i) for i in range(events.category_combo.count())]
    assert "summitry" in categories and "diplomatic" in categories
    assert categories.count("") == 0
    relationships = shown(qtbot, EditRelationshipDialog(document))
    combo = relationships.kind_combo
    assert "sponsored by" in [combo.itemText(i) for i in range(combo.count())]
