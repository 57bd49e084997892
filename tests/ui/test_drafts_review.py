"""The review area on a real file: ticking many rows at once, proposed categories,
inferred dates explained, and relationships saved with the source in one step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog

from db.store import Store
from models.records import Entity
from ui.dialogs.drafts_view import CATEGORY, READING, is_checked
from ui.dialogs.source_dialog import SourceDialog
from ui.document import Document

ARTICLE = """\
Harbour Talks

SEOUL, 12 October 2024 — Ana Lopes, director of the Harbour Institute, met the envoy \
on Friday to discuss the strait.

In May 2023, Ana Lopes visited Vietnam with lawmakers of the national assembly. \
Jo Park said the talks went well.
"""


def _dialog(qtbot, tmp_path) -> SourceDialog:
    store = Store.create(tmp_path / "review.db")
    dialog = SourceDialog(Document(store), None)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Harbour talks")
    dialog.text_edit.setPlainText(ARTICLE)
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    return dialog


def _ticked(table) -> list[bool]:
    return [is_checked(table, r) for r in range(table.rowCount())]


def test_tick_all_none_and_a_kind(qtbot, tmp_path) -> None:
    view = _dialog(qtbot, tmp_path).drafts_view
    view.setCurrentWidget(view.new)
    assert not any(_ticked(view.new))
    qtbot.mouseClick(view.tick_all_button, Qt.MouseButton.LeftButton)
    assert all(_ticked(view.new)) and view.new.rowCount() >= 3
    qtbot.mouseClick(view.tick_none_button, Qt.MouseButton.LeftButton)
    assert not any(_ticked(view.new))
    view.tick_kind("person")
    kinds = [view.new.cellWidget(r, 1).currentText() for r in range(view.new.rowCount())]
    assert _ticked(view.new) == [k == "person" for k in kinds] and "person" in kinds
    assert view.tabText(2).startswith(f"New names ({kinds.count('person')}/")


def test_space_toggles_every_selected_row(qtbot, tmp_path) -> None:
    view = _dialog(qtbot, tmp_path).drafts_view
    view.setCurrentWidget(view.new)
    table = view.new
    table.setFocus()
    table.setCurrentCell(0, 0)
    table.selectAll()
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert all(_ticked(table))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert not any(_ticked(table))


def test_categories_and_inferred_dates_are_shown(qtbot, tmp_path) -> None:
    view = _dialog(qtbot, tmp_path).drafts_view
    drafts = view._drafts.events
    friday = next(i for i, d in enumerate(drafts) if d.written == "on Friday")
    assert "inferred: on Friday → 11 October 2024, from the dateline" in view.events.item(
        friday, READING).text()
    may = next(i for i, d in enumerate(drafts) if d.date_text == "May 2023")
    combo = view.events.cellWidget(may, CATEGORY)
    assert isinstance(combo, QComboBox) and combo.currentText() == drafts[may].category != ""
    guessed = [i for i, d in enumerate(drafts) if d.how.startswith("no date")]
    assert guessed and not any(_ticked(view.events)[i] for i in guessed)


def test_relationships_are_saved_with_their_ends(qtbot, tmp_path) -> None:
    dialog = _dialog(qtbot, tmp_path)
    view = dialog.drafts_view
    kinds = {view.relations.item(r, 1).text() for r in range(view.relations.rowCount())}
    assert {"holds office in", "visited"} <= kinds and all(_ticked(view.relations))
    view.setCurrentWidget(view.new)
    qtbot.mouseClick(view.tick_all_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    store = dialog.store
    names = {e.id: e.name for e in store.entities()}
    saved = {(names[r.from_id], r.kind, names[r.to_id], r.date) for r in store.relationships()}
    assert ("Ana Lopes", "holds office in", "Harbour Institute", "11 October 2024") in saved
    assert ("Ana Lopes", "visited", "Vietnam", "May 2023") in saved
    assert dialog.document.undo_stack.count() == 1


KNOWN_ARTICLE = "In May 2023, Ana Lopes visited Vietnam to sign the accord."


def _saved_twice(qtbot, tmp_path, answer: str) -> Store:
    store = Store.create(tmp_path / "twice.db")
    lopes = store.add_entity(Entity(kind="person", name="Ana Lopes"))
    store.add_entity(Entity(kind="place", name="Vietnam"))
    for _ in range(2):
        dialog = SourceDialog(Document(store), None)
        qtbot.addWidget(dialog)
        dialog.ask_duplicates = lambda what: answer  # type: ignore[method-assign]
        dialog.title_edit.setText("Accord signed")
        dialog.text_edit.setPlainText(KNOWN_ARTICLE)
        qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert {p.entity_id for e in store.events() for p in e.participants} >= {lopes}
    return store


def test_a_second_save_links_to_the_existing_source_and_event(qtbot, tmp_path) -> None:
    store = _saved_twice(qtbot, tmp_path, "link")
    assert len(store.sources()) == 1 and len(store.events()) == 1
    (event,) = store.events()
    assert len(store.citations_for("event", event.id)) == 2


def test_add_anyway_adds_a_second_copy(qtbot, tmp_path) -> None:
    store = _saved_twice(qtbot, tmp_path, "add")
    assert len(store.sources()) == 2 and len(store.events()) == 2


def test_cancel_writes_nothing(qtbot, tmp_path) -> None:
    store = _saved_twice(qtbot, tmp_path, "cancel")
    assert len(store.sources()) == 1 and len(store.events()) == 1


def test_an_article_file_is_opened_and_read(qtbot, tmp_path) -> None:
    import docx

    path = tmp_path / "talks.docx"
    document = docx.Document()
    document.core_properties.title = "Harbour talks (Word)"
    for paragraph in ARTICLE.split("\n\n"):
        document.add_paragraph(paragraph.replace("\n", " "))
    document.save(str(path))
    store = Store.create(tmp_path / "open.db")
    dialog = SourceDialog(Document(store), None)
    qtbot.addWidget(dialog)
    dialog.open_article(path)
    assert dialog.title_edit.text() == "Harbour talks (Word)"
    assert "Harbour Institute" in dialog.text_edit.toPlainText()
    assert any(d.written == "on Friday" for d in dialog.drafts_view._drafts.events)
    dialog.open_article(tmp_path / "missing.pdf")
    assert dialog.find_note.text().startswith("Not opened: missing.pdf")
