"""Deleting and merging from the Edit menu: asks first, says what goes, undoes exactly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from db import ops
from db.jsonio import dumps, export_data
from db.store import Store
from models.edits import EntityEdit
from ui.app import make_application
from ui.main_window import MainWindow


def _snapshot(window: MainWindow) -> str:
    return dumps(export_data(window.document.store))


def test_delete_asks_lists_dependents_and_undoes(window: MainWindow, monkeypatch) -> None:
    store = window.document.store
    person = store.find_entities("Chung Woo-taik")[0].id
    window.document.selection.select("entity", person)
    asked: list[str] = []
    monkeypatch.setattr(window.editing, "confirm", lambda _t, text: asked.append(text) or False)
    before = _snapshot(window)
    window.delete_action.trigger()
    assert "Delete person ‘Chung Woo-taik’?" in asked[0]
    assert "relationships" in asked[0] and "citation" in asked[0]
    assert _snapshot(window) == before  # refused: nothing written
    monkeypatch.setattr(window.editing, "confirm", lambda _t, _text: True)
    window.delete_action.trigger()
    assert not store.exists("entity", person)
    assert window.document.selection.current() is None
    assert "Chung Woo-taik" not in window.detail.text()
    assert window.undo_action.text() == "&Undo Delete person ‘Chung Woo-taik’"
    window.undo_action.trigger()
    assert _snapshot(window) == before
    assert window.browser.entities.model.row_of(person) is not None


def test_merge_two_entities_and_undo(window: MainWindow) -> None:
    store = window.document.store
    yoon = store.find_entities("Yoon Suk Yeol")[0].id
    from models.records import Entity

    twin = window.document.apply(lambda s: ops.add_entity(
        s, EntityEdit(Entity(kind="person", name="Yoon Suk-yeol Jr.")))).record_id
    before = _snapshot(window)
    window.editing.merge(yoon, twin)
    assert not store.exists("entity", twin)
    assert "Yoon Suk-yeol Jr." in store.entity(yoon).aliases
    assert window.document.selection.current() == ("entity", yoon)
    window.undo_action.trigger()
    assert _snapshot(window) == before


def test_history_lists_each_change(window: MainWindow, monkeypatch) -> None:
    store = window.document.store
    monkeypatch.setattr(window.editing, "confirm", lambda _t, _text: True)
    event = store.events()[0]
    window.editing.delete("event", event.id)
    model = window.history.model()
    assert model.rowCount() == 2  # "Opened" and the delete
    assert "Delete event" in model.index(1, 0).data()


def test_read_only_file_disables_editing(qtbot, sample_path: Path) -> None:
    make_application()
    with Store.open(sample_path, readonly=True) as store:
        win = MainWindow(store, remember_layout=False)
        qtbot.addWidget(win)
        win.document.selection.select("event", store.events()[0].id)
        assert not win.delete_action.isEnabled()
        assert not win.new_source_action.isEnabled()
        assert not win.editing.delete("event", store.events()[0].id)
        win.close()


def test_file_menu_offers_import_and_export(window: MainWindow, monkeypatch) -> None:
    import ui.export.dialog as export_module

    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    for expected in ("New &source…", "Import events from &CSV…", "Import Threadline &JSON…",
                     "Export &chart…", "Export &data…", "&Quit"):
        assert expected in texts
    called: list[object] = []
    monkeypatch.setattr(export_module, "export_chart", lambda win: called.append(win))
    window.export_chart_action.trigger()
    assert called == [window]


def test_record_context_menu(window: MainWindow, monkeypatch) -> None:
    store = window.document.store
    person = store.find_entities("Chung Woo-taik")[0].id
    menu = window.record_menu("entity", person)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["Open", "Edit…", "Delete…", "Show in timeline", "Show in graph",
                     "Merge with…"]
    window.docks["graph"].hide()
    next(a for a in menu.actions() if a.text() == "Show in graph").trigger()
    assert window.docks["graph"].isVisible()
    assert window.document.selection.current() == ("entity", person)


def test_lanes_and_graph_filters_are_kept(qtbot, sample_path: Path) -> None:
    make_application()
    QSettings().clear()
    with Store.open(sample_path) as store:
        first = MainWindow(store)
        qtbot.addWidget(first)
        first.timeline.set_lane_mode("category")
        first.graph.set_co_participation(True)
        first.close()
        second = MainWindow(store)
        qtbot.addWidget(second)
        assert second.timeline.lane_mode() == "category"
        assert second.graph.toolbar.co_participation.isChecked()
        assert not second.graph.toolbar.communities.isChecked()
        second.close()
    QSettings().clear()


def test_about_names_the_versions() -> None:
    from ui.help import about_text

    text = about_text()
    for name in ("Threadline", "Qt ", "PySide6", "pyqtgraph", "igraph", "SQLite"):
        assert name in text


def test_new_relationship_starts_from_the_selected_entity(window: MainWindow,
                                                          monkeypatch) -> None:
    """Ctrl+R with an entity selected fills "From" with that entity (the menu action's
    ``checked`` argument is not an entity id)."""
    store = window.document.store
    person = store.find_entities("Chung Woo-taik")[0].id
    window.document.selection.select("entity", person)
    opened = []
    monkeypatch.setattr(window.editing, "_run", lambda dialog: opened.append(dialog))
    window.new_relationship_action.trigger()
    dialog = opened[0]
    assert dialog.from_picker.text() == "Chung Woo-taik"
    assert dialog.from_picker.entity_id() == person
    assert dialog.to_picker.text() == ""
    dialog.deleteLater()


def test_a_finished_dialog_is_deleted_not_kept_under_the_window(window: MainWindow,
                                                                monkeypatch) -> None:
    """Each New event… makes a dialog; once it has run, the event loop deletes it, so
    closed dialogs do not pile up as hidden children of the window."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QDialog

    from ui.dialogs.event_dialog import EditEventDialog

    monkeypatch.setattr(EditEventDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    for _ in range(3):
        assert window.editing.new_event() is None
    assert len(window.findChildren(EditEventDialog)) == 3  # deleted later, not at once
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(EditEventDialog) == []
