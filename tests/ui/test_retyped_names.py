"""A new name the user retypes at review so that it names an entity the file already has
(its name or an alias, whatever the case and diacritics, or a near spelling) is caught at
Save: the user links it to the existing entity or adds it anyway."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from db.store import Store
from ui.dialogs.drafts_view import DraftsView, set_checked
from ui.dialogs.source_dialog import SourceDialog
from ui.document import Document

ARTICLE = "In May 2023, Ana Lopes visited Busan with a delegation of shipbuilders."


def _row(view: DraftsView, name: str) -> int:
    return next(r for r in range(view.new.rowCount()) if view.new.item(r, 0).text() == name)


def _retype(qtbot, view: DraftsView, row: int, typed: str) -> None:
    """Edit the name cell as a user does: open its editor, type, press Enter."""
    view.setCurrentWidget(view.new)
    table = view.new
    table.setCurrentCell(row, 0)
    table.editItem(table.item(row, 0))
    editor = table.findChild(QLineEdit)
    assert editor is not None
    editor.setFocus()
    editor.selectAll()
    for char in typed:  # QTest types ASCII only; "é" arrives as an input method gives it
        if char.isascii():
            qtbot.keyClicks(editor, char)
        else:
            editor.insert(char)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next turn
    qtbot.waitUntil(lambda: table.item(row, 0).text() == typed, timeout=2000)


def _review(qtbot, store: Store, typed: str, answer: str) -> tuple[SourceDialog, list[str]]:
    dialog = SourceDialog(Document(store), None)
    qtbot.addWidget(dialog)
    asked: list[str] = []
    dialog.ask_duplicates = lambda what: asked.append(what) or answer  # type: ignore[method-assign]
    dialog.confirm_discard = lambda: True  # type: ignore[method-assign]
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.title_edit.setText("Shipbuilders in Busan")
    dialog.text_edit.setPlainText(ARTICLE)
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    view = dialog.drafts_view
    row = _row(view, "Ana Lopes")
    _retype(qtbot, view, row, typed)
    tip = view.new.item(row, 0).toolTip()
    assert ("already has ‘Yoon Suk Yeol’" in tip) == ("Lopes" not in typed), tip  # said at once
    set_checked(view.new, row, True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return dialog, asked


@pytest.mark.parametrize("typed", ["yoon suk-yéol", "YOON SUK YEOL", "President Yoon",
                                   "Yoon Suk Yeoll"])
def test_a_retyped_name_is_linked_to_the_existing_entity(qtbot, sample: Store,
                                                          typed: str) -> None:
    (yoon,) = [e for e in sample.entities() if e.name == "Yoon Suk Yeol"]
    count = len(sample.entities())
    dialog, asked = _review(qtbot, sample, typed, "link")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(asked) == 1 and "‘Yoon Suk Yeol’" in asked[0], asked
    assert len(sample.entities()) == count  # nothing added for the retyped name
    (source,) = [s for s in sample.sources() if s.title == "Shipbuilders in Busan"]
    (event,) = [e for e in sample.events() if e.date == "May 2023" and "Busan" in e.summary]
    assert yoon.id in {p.entity_id for p in event.participants}
    cited = {c.target_id for c in sample.citations_of_source(source.id)
             if c.target_type == "entity"}
    assert yoon.id in cited


def test_add_anyway_adds_a_second_entity(qtbot, sample: Store) -> None:
    count = len(sample.entities())
    dialog, asked = _review(qtbot, sample, "Yoon Suk-yeol", "add")
    assert dialog.result() == QDialog.DialogCode.Accepted and asked
    assert len(sample.entities()) == count + 1
    assert len([e for e in sample.entities() if e.name == "Yoon Suk-yeol"]) == 1


def test_cancel_saves_nothing_and_a_new_name_is_not_asked_about(qtbot, sample: Store) -> None:
    count = len(sample.sources())
    dialog, asked = _review(qtbot, sample, "Yoon Suk-yeol", "cancel")
    assert dialog.result() != QDialog.DialogCode.Accepted and asked
    assert len(sample.sources()) == count
    other, asked = _review(qtbot, sample, "Ana Lopes-Varga", "link")
    assert other.result() == QDialog.DialogCode.Accepted and not asked
    assert any(e.name == "Ana Lopes-Varga" for e in sample.entities())
