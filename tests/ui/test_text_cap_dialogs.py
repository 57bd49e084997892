"""The text cap in the edit dialogs and the Detail panel, on real widgets.

Each dialog refuses a text box over ``MAX_TEXT_CHARS`` with one message and OK disabled
(the source dialog says so on Save), writing nothing. The Detail panel shows a field of
the cap cut short with a "Show all" link that opens the whole text in a plain view.

Measured (offscreen, 2 shared cores): selecting an event whose summary, note and
citation excerpt are each 1,048,576 characters in the real main window took 0.11 s with
the cut; the whole page as rich text took 1.3 s, and grows with every such field."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from db.store import Store
from models.limits import MAX_TEXT_CHARS
from models.records import Citation, Event, Source
from tests.bad_files import digest
from ui.dialogs.base import RecordDialog
from ui.dialogs.entity_dialog import EditEntityDialog
from ui.dialogs.event_dialog import EditEventDialog
from ui.dialogs.relationship_dialog import EditRelationshipDialog
from ui.dialogs.source_dialog import SourceDialog
from ui.document import Document
from ui.main_window import MainWindow

OVER = "x" * (MAX_TEXT_CHARS + 1)


@pytest.fixture(autouse=True)
def never_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RecordDialog, "confirm_discard", lambda _self: True)
    monkeypatch.setattr(SourceDialog, "confirm_discard", lambda _self: True)


@pytest.fixture
def document(filled: Store) -> Document:
    return Document(filled)


def _refuses(qtbot, dialog: QDialog, field, document: Document) -> None:
    qtbot.addWidget(dialog)
    before = document.store.counts()
    field.setPlainText(OVER)
    assert not dialog.ok_button.isEnabled()
    message = dialog.save_error.text()
    assert "over the limit of 1,048,576" in message and "1,048,577" in message, message
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert document.store.counts() == before
    field.setPlainText("short again")
    assert "over the limit" not in dialog.save_error.text()


def test_event_dialog_refuses_a_summary_over_the_cap(qtbot, document: Document) -> None:
    dialog = EditEventDialog(document)
    dialog.title_edit.setText("Talks")
    dialog.date_field.edit.setText("2001")
    _refuses(qtbot, dialog, dialog.summary_edit, document)
    assert dialog.ok_button.isEnabled()


def test_entity_dialog_refuses_a_description_over_the_cap(qtbot, document: Document) -> None:
    dialog = EditEntityDialog(document, kind="person")
    dialog.name_edit.setText("Someone")
    _refuses(qtbot, dialog, dialog.description_edit, document)


def test_relationship_dialog_refuses_a_description_over_the_cap(qtbot,
                                                                document: Document) -> None:
    dialog = EditRelationshipDialog(document)
    _refuses(qtbot, dialog, dialog.description_edit, document)


def test_source_dialog_refuses_notes_over_the_cap(qtbot, document: Document) -> None:
    dialog = SourceDialog(document)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("A source")
    dialog.notes_edit.setPlainText(OVER)
    before = digest(document.store.path), document.store.counts()
    dialog.accept()
    assert "over the limit of 1,048,576" in dialog.save_error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert (digest(document.store.path), document.store.counts()) == before


def test_citation_excerpts_stop_at_qts_line_limit(document: Document, qtbot) -> None:
    """One-line fields (titles, locators, excerpts) hold at most 32,767 characters."""
    dialog = EditEventDialog(document)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText(OVER)
    assert len(dialog.title_edit.text()) == dialog.title_edit.maxLength() < MAX_TEXT_CHARS


def test_detail_shows_a_field_of_the_cap_cut_short_with_show_all(qtbot,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "big-field.db"
    whole = "word " * (MAX_TEXT_CHARS // 5)
    with Store.create(path) as store:
        source = store.add_source(Source(title="S"))
        event = store.add_event(Event(title="Huge", date="2000", summary=whole, notes=whole))
        store.add_citation(Citation(source, "event", event, excerpt=whole))
    store = Store.open(path)
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    started = time.perf_counter()
    window.document.selection.select("event", event)
    qtbot.wait(1)
    elapsed = time.perf_counter() - started
    print(f"selecting the event with three 1 MiB fields: {elapsed:.2f} s")
    shown = window.detail.text()
    assert "Huge" in shown and len(shown) < 20_000
    assert window.detail.html().count("threadline:text/") == 3
    assert shown.count(f"Show all ({len(whole):,} characters)") == 3
    viewer = window.detail.show_text(0)
    assert viewer is not None and viewer.view.toPlainText() == whole
    assert viewer.view.isReadOnly()
    viewer.close()
    window.close()
    store.close()
