"""The New source dialog on a real file: fields, drafts, one-step save and undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from db.jsonio import dumps, export_data
from db.store import Store
from models.records import Source
from ui.commands import short
from ui.dialogs.drafts_view import DATE, ERROR_BRUSH, READING, TITLE, is_checked, set_checked
from ui.dialogs.source_dialog import SourceDialog, url_problem
from ui.document import Document

ARTICLE = """\
Parliamentary Diplomacy

In late December 2022, Chung Woo-taik, the ROK’s deputy assembly speaker, visited Taipei \
with members of the Alishan Society (阿里山會) and many others who had long hoped for \
closer ties between the two parliaments and their staff.

Military Exchanges

General (ret.) Kim Dong-myung (金東明) trained officers from 1988–1991. In May 2023, \
Park In-ho visited Taipei.
"""


def _ids(store: Store) -> dict[str, int]:
    return {"kim": store.find_entities("Kim D.")[0].id,
            "assoc": store.find_entities("Alishan Society")[0].id,
            "taipei": store.find_entities("Taipei")[0].id}


def _dialog(qtbot, store: Store, source_id: int | None = None) -> SourceDialog:
    dialog = SourceDialog(Document(store), source_id)
    qtbot.addWidget(dialog)
    return dialog


def _row(table, column: int, text: str) -> int:
    rows = [r for r in range(table.rowCount()) if table.item(r, column).text() == text]
    assert rows, f"no row with {text!r}"
    return rows[0]


def _paste(qtbot, dialog: SourceDialog, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    dialog.text_edit.setFocus()
    dialog.text_edit.paste()
    if dialog.text_edit.toPlainText() != text:  # a platform without a clipboard
        dialog.text_edit.setPlainText(text)


def test_paste_review_and_save_writes_exactly_what_was_ticked(filled: Store, qtbot) -> None:
    ids = _ids(filled)
    dialog = _dialog(qtbot, filled)
    before = dumps(export_data(filled))
    qtbot.keyClicks(dialog.title_edit, "Taiwan and South Korea Enhancing Their Engagement")
    qtbot.keyClicks(dialog.author_edit, "J. Researcher")
    dialog.publisher_edit.setText("Global Taiwan Institute")
    dialog.date_field.setText("October 2023")
    dialog.url_edit.setText("https://example.org/brief")
    dialog.kind_combo.setCurrentText("report")
    dialog.reliability_combo.setCurrentIndex(dialog.reliability_combo.findData("B"))
    dialog.notes_edit.setPlainText("Read twice.")
    _paste(qtbot, dialog, ARTICLE)
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)

    view = dialog.drafts_view
    assert [view.events.item(r, DATE).text() for r in range(view.events.rowCount())] == [
        "late December 2022", "1988–1991", "May 2023"]
    assert all(is_checked(view.events, r) for r in range(3))
    assert view.events.item(0, READING).text() == "sometime between 21 and 31 December 2022"
    assert {view.known.item(r, 0).text() for r in range(view.known.rowCount())} == {
        "Kim Dong-myung", "Alishan Society", "Taipei"}
    new_names = [view.new.item(r, 0).text() for r in range(view.new.rowCount())]
    assert {"Chung Woo-taik", "Park In-ho"} <= set(new_names)
    assert not any(is_checked(view.new, r) for r in range(view.new.rowCount()))

    set_checked(view.events, _row(view.events, DATE, "1988–1991"), False)
    set_checked(view.new, _row(view.new, 0, "Chung Woo-taik"), True)
    view.events.item(0, TITLE).setText("Chung Woo-taik visits Taipei")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    source = filled.source(dialog.saved_id)
    assert (source.title, source.author, source.publisher, source.date, source.url,
            source.kind, source.reliability, source.notes, source.content) == (
        "Taiwan and South Korea Enhancing Their Engagement", "J. Researcher",
        "Global Taiwan Institute", "October 2023", "https://example.org/brief", "report", "B",
        "Read twice.", ARTICLE)
    events = {e.date: e for e in filled.events_citing_source(source.id)}
    assert set(events) == {"late December 2022", "May 2023"}
    chung = filled.find_entities("Chung Woo-taik")
    assert len(chung) == 1 and chung[0].kind == "person"
    assert not filled.find_entities("Park In-ho")
    visit = events["late December 2022"]
    assert visit.title == "Chung Woo-taik visits Taipei"
    assert {p.entity_id for p in visit.participants} == {chung[0].id, ids["taipei"],
                                                         ids["assoc"]}
    assert {p.entity_id for p in events["May 2023"].participants} == {ids["taipei"]}

    cited = {(c.target_type, c.target_id): c for c in filled.citations_of_source(source.id)}
    assert set(cited) == {("event", visit.id), ("event", events["May 2023"].id),
                          ("entity", chung[0].id), ("entity", ids["kim"]),
                          ("entity", ids["assoc"]), ("entity", ids["taipei"])}
    visit_citation = cited[("event", visit.id)]
    assert visit_citation.locator == "Parliamentary Diplomacy, para. 1"
    assert visit_citation.confidence is None
    assert visit_citation.excerpt.startswith("In late December 2022, Chung Woo-taik")
    assert visit_citation.excerpt.endswith("…") and len(visit_citation.excerpt.split()) == 25
    assert cited[("entity", ids["kim"])].locator == "Military Exchanges, para. 1"

    stack = dialog.document.undo_stack
    assert stack.count() == 1
    assert stack.undoText() == f"Add source ‘{short(source.title)}’ with 2 events"
    assert stack.undoText().startswith("Add source ‘Taiwan and South Korea")
    after = dumps(export_data(filled))
    stack.undo()
    assert dumps(export_data(filled)) == before
    stack.redo()
    assert dumps(export_data(filled)) == after


@pytest.mark.parametrize(("title", "url", "field"), [
    ("", "https://example.org", "title_error"),
    ("A title", "javascript:alert(1)", "url_error"),
    ("A title", "file:///etc/passwd", "url_error"),
    ("A title", "https://", "url_error"),
])
def test_bad_fields_block_saving_and_write_nothing(filled: Store, qtbot, title: str, url: str,
                                                   field: str) -> None:
    dialog = _dialog(qtbot, filled)
    before = dumps(export_data(filled))
    dialog.title_edit.setText(title)
    dialog.url_edit.setText(url)
    dialog.text_edit.setPlainText(ARTICLE)
    dialog.find_drafts()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert getattr(dialog, field).isVisibleTo(dialog) and getattr(dialog, field).text()
    assert dialog.save_error.text() == "Correct the marked fields to save the source."
    assert dialog.saved_id is None and dialog.document.undo_stack.count() == 0
    assert dumps(export_data(filled)) == before


def test_url_rules() -> None:
    assert url_problem("") == "" and url_problem("https://example.org/a?b=1") == ""
    assert url_problem("http://example.org") == ""
    assert "http" in url_problem("ftp://example.org")
    assert url_problem("example.org")  # no scheme


def test_a_ticked_event_with_an_unreadable_date_blocks_saving(filled: Store, qtbot) -> None:
    dialog = _dialog(qtbot, filled)
    before = dumps(export_data(filled))
    dialog.title_edit.setText("Article")
    dialog.text_edit.setPlainText(ARTICLE)
    dialog.find_drafts()
    view = dialog.drafts_view
    row = _row(view.events, DATE, "May 2023")
    view.events.item(row, DATE).setText("Maytember 2023")
    assert view.events.item(row, READING).text().startswith("unrecognised date")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "cannot be read" in dialog.save_error.text()
    assert view.currentWidget() is view.events
    assert view.events.item(row, TITLE).background() == ERROR_BRUSH
    assert dumps(export_data(filled)) == before
    set_checked(view.events, row, False)  # unticked, it no longer matters
    assert view.events.item(row, TITLE).background() != ERROR_BRUSH
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(filled.events_citing_source(dialog.saved_id)) == 2


def test_the_text_is_read_by_itself_after_a_paste(filled: Store, qtbot) -> None:
    dialog = _dialog(qtbot, filled)
    _paste(qtbot, dialog, ARTICLE)
    qtbot.waitUntil(lambda: dialog.drafts_view.events.rowCount() == 3, timeout=3000)
    set_checked(dialog.drafts_view.events, 0, False)  # reviewing: no more automatic finds
    dialog.text_edit.appendPlainText("It ended in 2011.")
    assert dialog._timer.isActive()  # an automatic find is due after the pause...
    qtbot.waitUntil(lambda: not dialog._timer.isActive(), timeout=5000)
    assert dialog.drafts_view.events.rowCount() == 3  # ...and, having run, found nothing
    assert "Find again" in dialog.find_note.text()


def test_cancel_with_typed_text_asks_and_writes_nothing(filled: Store, qtbot,
                                                        monkeypatch) -> None:
    dialog = _dialog(qtbot, filled)
    before = dumps(export_data(filled))
    asked: list[bool] = []
    answer = False
    monkeypatch.setattr(dialog, "confirm_discard", lambda: asked.append(True) or answer)
    dialog.show()
    dialog.text_edit.setPlainText(ARTICLE)
    dialog.reject()
    assert asked == [True] and dialog.isVisible()  # "Cancel" on the question: stay
    answer = True
    dialog.reject()
    assert asked == [True, True] and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dumps(export_data(filled)) == before


def test_cancel_without_changes_does_not_ask(filled: Store, qtbot, monkeypatch) -> None:
    dialog = _dialog(qtbot, filled, source_id=1)
    monkeypatch.setattr(dialog, "confirm_discard", lambda: pytest.fail("asked"))
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_editing_an_existing_source_updates_it(filled: Store, qtbot) -> None:
    source_id = filled.add_source(Source(title="Old title", author="A", url="https://a.org",
                                         reliability="C", kind="book", content="Some text."))
    before = dumps(export_data(filled))
    dialog = _dialog(qtbot, filled, source_id)
    assert dialog.windowTitle() == "Edit source"
    assert dialog.title_edit.text() == "Old title"
    assert dialog.reliability_combo.currentData() == "C"
    assert dialog.kind_combo.currentText() == "book"
    assert dialog.text_edit.toPlainText() == "Some text."
    assert dialog.drafts_view.events.rowCount() == 0  # drafts are optional when editing
    dialog.title_edit.setText("New title")
    dialog.reliability_combo.setCurrentIndex(0)  # not graded
    dialog.accept()
    assert dialog.saved_id == source_id
    source = filled.source(source_id)
    assert (source.title, source.reliability, source.author) == ("New title", "", "A")
    assert dialog.document.undo_stack.undoText() == "Edit source ‘New title’"
    dialog.document.undo_stack.undo()
    assert dumps(export_data(filled)) == before


def test_a_refusal_by_the_store_is_shown_and_nothing_is_written(filled: Store, qtbot) -> None:
    dialog = _dialog(qtbot, filled)
    dialog.title_edit.setText("Article")
    dialog.text_edit.setPlainText(ARTICLE)
    dialog.find_drafts()
    filled.delete_entity(_ids(filled)["taipei"])  # gone since the drafts were found
    before = dumps(export_data(filled))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.save_error.text().startswith("Not saved:")
    assert dumps(export_data(filled)) == before


def test_data_is_shown_as_plain_text(store: Store, qtbot) -> None:
    dialog = _dialog(qtbot, store)
    dialog.text_edit.setPlainText("In May 2023, <b>Bold</b> Person met <img src=x> here.")
    dialog.find_drafts()
    item = dialog.drafts_view.events.item(0, TITLE)
    assert "<b>Bold</b>" in item.text()
    assert "&lt;b&gt;" in item.toolTip() and "<b>" not in item.toolTip()


def test_every_field_is_named_for_screen_readers(store: Store, qtbot) -> None:
    dialog = _dialog(qtbot, store)
    for widget in (dialog.title_edit, dialog.author_edit, dialog.publisher_edit,
                   dialog.date_field.edit, dialog.url_edit, dialog.kind_combo,
                   dialog.reliability_combo, dialog.notes_edit, dialog.text_edit,
                   dialog.find_button, dialog.drafts_view.events, dialog.drafts_view.known,
                   dialog.drafts_view.new):
        assert widget.accessibleName()
    assert dialog.reliability_combo.itemText(1) == "A – completely reliable"
    assert dialog.reliability_combo.itemText(0) == "not graded"
    assert 900 <= dialog.width() <= 1100 and 600 <= dialog.height() <= 800


def test_tab_goes_through_the_fields_in_order(store: Store, qtbot) -> None:
    dialog = _dialog(qtbot, store)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.title_edit.setFocus()
    qtbot.waitUntil(dialog.title_edit.hasFocus)
    seen = [dialog.focusWidget()]
    for _ in range(9):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget())
    assert seen == [dialog.title_edit, dialog.author_edit, dialog.publisher_edit,
                    dialog.date_field.edit, dialog.url_edit, dialog.kind_combo,
                    dialog.reliability_combo, dialog.notes_edit, dialog.text_edit,
                    dialog.find_button]


def test_a_read_only_file_cannot_be_saved(tmp_path, qtbot) -> None:
    Store.create(tmp_path / "closed.db").close()
    readonly = Store.open(tmp_path / "closed.db", readonly=True)
    try:
        dialog = _dialog(qtbot, readonly)
        assert not dialog.save_button.isEnabled()
        assert "read-only" in dialog.save_error.text()
    finally:
        readonly.close()
