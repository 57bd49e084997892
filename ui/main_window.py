"""The main window: docked Timeline, Relationships, Browser and Detail panels, linked.

The panels know nothing of each other; they share the ``Document``. The window adds
what belongs to the whole app: menus, the toolbar (Back/Forward, Fit all, search), the
status bar, and the layout kept between runs in QSettings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QUndoView,
    QWidget,
)

from db.browse import events_in_day_order
from db.store import Store
from db.tables import read_event_table
from ui.browser import BrowserPanel
from ui.detail import DetailPanel
from ui.document import Changes, Document
from ui.editing import EditController
from ui.graph import GraphPanel
from ui.help import about_text, shortcuts_html
from ui.keyboard import add_panel_actions, make_tab_friendly
from ui.notices import Notices
from ui.opening import Step
from ui.search import SearchField
from ui.timeline import TimelinePanel
from ui.window_settings import (
    STATE_VERSION,
    restore_window_settings,
    save_window_settings,
)


def _count(n: int, one: str, many: str | None = None) -> str:
    """"1 event", "1,000,000 events"."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def first_reads() -> list[Step]:
    """What the panels read when a file opens, as steps a loader thread can run."""
    return [Step("timeline", "Reading the dates of the events", read_event_table),
            Step("graph", "Reading the most connected people and organizations",
                 GraphPanel.first_read())]


class OpensFiles(Protocol):
    """What a window asks of the workspace that opened it (``ui.files.Workspace``, which
    imports this module, not the other way round): open a dropped file."""

    def open_path(self, path: Path, parent: QWidget | None = None) -> object: ...


class MainWindow(QMainWindow):
    """The window a user lives in."""

    closed = Signal(QObject)  # the window itself, so no slot has to hold it in a lambda

    def __init__(self, store: Store, remember_layout: bool = True,
                 workspace: OpensFiles | None = None,
                 first: dict[str, Any] | None = None) -> None:
        """``first``: the panels' first reads by key (see ``first_reads``), done on a
        loader thread; without it the panels read the file now."""
        super().__init__()
        self.remember_layout = remember_layout
        self._totals: tuple[int, str] | None = None  # events, the counts' text
        self.workspace = workspace
        self.refused_sidecars: list[Path] = []  # filled in place if refused (ui.checking)
        self.setAcceptDrops(True)
        self.document = Document(store, self)
        self.setWindowTitle(f"{store.path.name}{' (read-only)' if store.readonly else ''}"
                            " — Threadline")
        self.setWindowFilePath(str(store.path))
        self.setDockNestingEnabled(True)
        first = first or {}
        self.timeline = TimelinePanel(self.document, table=first.get("timeline"))
        self.graph = GraphPanel(self.document, first=first.get("graph"))
        self.browser = BrowserPanel(self.document,
                                    events=events_in_day_order(self.timeline.table.ids))
        self.detail = DetailPanel(self.document)
        self.search = SearchField(self.document)
        self.editing = EditController(self.document, self)
        self.history = QUndoView(self.document.undo_stack)
        self.history.setEmptyLabel("Opened")
        self.history.setAccessibleName("Undo history")
        self.docks = self._make_docks()
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_banners()
        make_tab_friendly(self.docks)  # the File menu's file actions: ui.files adds them
        self.document.changed.connect(self._records_changed)
        self.document.selection.window_changed.connect(lambda *_: self._update_status())
        self.document.selection.history_changed.connect(self._update_history_actions)
        self._default_state = self.saveState(STATE_VERSION)
        self._update_status()
        self._update_history_actions()
        if remember_layout:
            self.restore_layout()
        else:
            self.resize(1400, 900)
            QTimer.singleShot(0, self, self._default_sizes)  # not after a close

    # -- building ----------------------------------------------------------------------

    def _dock(self, title: str, name: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAccessibleName(f"{title} panel")
        self.addDockWidget(area, dock)
        return dock

    def _make_docks(self) -> dict[str, QDockWidget]:
        """Browser | Timeline over Relationships | Detail, all in movable docks."""
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        docks = {
            "browser": self._dock("Browser", "BrowserDock", self.browser, left),
            "timeline": self._dock("Timeline", "TimelineDock", self.timeline, left),
            "graph": self._dock("Relationships", "RelationshipsDock", self.graph, left),
            "detail": self._dock("Detail", "DetailDock", self.detail, right),
            "history": self._dock("History", "HistoryDock", self.history, right),
        }
        docks["history"].hide()
        self.splitDockWidget(docks["browser"], docks["timeline"], Qt.Orientation.Horizontal)
        self.splitDockWidget(docks["timeline"], docks["graph"], Qt.Orientation.Vertical)
        placeholder = QWidget()
        placeholder.setMaximumSize(0, 0)
        self.setCentralWidget(placeholder)
        return docks

    def _default_sizes(self) -> None:
        """Side panels narrow, the timeline and the graph sharing the middle."""
        width, height = self.width(), self.height()
        side = max(280, min(420, width // 4))
        self.resizeDocks([self.docks["browser"], self.docks["timeline"], self.docks["detail"]],
                         [side, width - 2 * side, side], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["timeline"], self.docks["graph"]],
                         [height * 11 // 20, height * 9 // 20], Qt.Orientation.Vertical)

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("&", ""))
        action.setStatusTip(tip or text.replace("&", ""))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        selection = self.document.selection
        self.back_action = self._action("&Back", selection.back, "Alt+Left",
                                        "Show what was shown before")
        self.forward_action = self._action("&Forward", selection.forward, "Alt+Right",
                                           "Show what was shown after")
        self.fit_action = self._action("&Fit all", self.timeline.fit_all, None,
                                       "Fit every event into the timeline")
        self.find_action = self._action("&Search…", self.focus_search, QKeySequence.StandardKey
                                        .Find, "Search events, people and sources")
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit,
                                        "Close Threadline")
        self.reset_layout_action = self._action("&Reset layout", self.reset_layout, None,
                                                "Put every panel back where it started")
        self.shortcuts_action = self._action("&Keyboard shortcuts", self.show_shortcuts, None,
                                             "List the keyboard shortcuts")
        self.about_action = self._action("&About Threadline", self.show_about)
        self._make_edit_actions()
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))

    def _make_edit_actions(self) -> None:
        edit = self.editing
        self.new_source_action = self._action(
            "New &source…", edit.new_source, "Ctrl+Shift+N",
            "Add a source: an article, report or interview, and what it says")
        self.new_event_action = self._action("New &event…", edit.new_event, "Ctrl+E",
                                             "Add an event")
        self.new_person_action = self._action("New &person…", lambda: edit.new_entity("person"),
                                              None, "Add a person")
        self.new_org_action = self._action("New &organization…",
                                           lambda: edit.new_entity("organization"), None,
                                           "Add an organization")
        self.new_place_action = self._action("New p&lace…", lambda: edit.new_entity("place"),
                                             None, "Add a place")
        self.new_relationship_action = self._action(
            "New &relationship…", edit.new_relationship, "Ctrl+R",
            "Add a relationship between two people, organizations or places")
        self.edit_action = self._action("&Edit selected…", edit.edit_current, "Return",
                                        "Edit the selected record")
        # Return edits only from the panels that show records; the search field and the
        # tables have their own use for it (the tables edit on activation).
        self.removeAction(self.edit_action)
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for panel in (self.timeline, self.graph, self.detail):
            panel.addAction(self.edit_action)
        self.delete_action = self._action("&Delete selected…", edit.delete_current,
                                          QKeySequence.StandardKey.Delete,
                                          "Delete the selected record (asks first)")
        self.export_chart_action = self._action(
            "Export &chart…", lambda: self._run_file_task("export_chart"), "Ctrl+Shift+E",
            "Save the timeline or the relationship graph as PNG, SVG or PDF")
        self.export_data_action = self._action(
            "Export &data…", lambda: self._run_file_task("export_data"), None,
            "Save the data as JSON, CSV, GraphML, GEXF, TimelineJS, HTML or Markdown")
        self.properties_action = self._action(
            "Database &properties…", lambda: self._run_file_task("edit_properties"), None,
            "The database's title (it heads charts and reports) and description")
        self.import_csv_action = self._action(
            "Import events from &CSV…", lambda: self._run_file_task("import_csv"), None,
            "Add the events of a spreadsheet, mapping its columns (all or nothing)")
        self.import_json_action = self._action(
            "Import Threadline &JSON…", lambda: self._run_file_task("import_json"), None,
            "Add the records of a Threadline JSON file (all or nothing)")
        self.merge_action = self._action("&Merge with…", edit.merge_current, None,
                                         "Merge the selected entity into another that is the "
                                         "same")
        self.editing_actions = [
            self.import_csv_action, self.import_json_action, self.new_source_action,
            self.new_event_action, self.new_person_action, self.new_org_action,
            self.new_place_action, self.new_relationship_action,
            self.edit_action, self.delete_action, self.merge_action]
        self.document.selection.current_changed.connect(self._update_edit_actions)
        self.browser.edit_requested.connect(edit.edit)
        self.browser.menu_requested.connect(
            lambda kind, record_id, at: self.record_menu(kind, record_id).popup(at))
        self.graph.relationship_requested.connect(
            lambda a, b: None if self.document.readonly else edit.new_relationship(a, b))
        for panel in (self.timeline.plot_widget, self.graph.plot_widget):
            panel.viewport().installEventFilter(self)
        self._update_edit_actions()

    def record_menu(self, kind: str, record_id: int) -> QMenu:
        """Open, edit, delete, show in timeline, show in graph: for one record."""
        menu = QMenu(self)
        show = lambda: self.document.selection.select(kind, record_id)  # noqa: E731
        menu.addAction("Open", show)
        edit = menu.addAction("Edit…", lambda: self.editing.edit(kind, record_id))
        delete = menu.addAction("Delete…", lambda: self.editing.delete(kind, record_id))
        for action in (edit, delete):
            action.setEnabled(not self.document.readonly)
        menu.addSeparator()
        for title, dock in (("Show in timeline", "timeline"), ("Show in graph", "graph")):
            menu.addAction(title, lambda dock=dock: (show(), self.docks[dock].show(),
                                                     self.docks[dock].raise_()))
        if kind == "entity":
            merge = menu.addAction("Merge with…", lambda: (show(), self.editing.merge_current()))
            merge.setEnabled(not self.document.readonly)
        return menu

    def _run_file_task(self, name: str) -> object:
        """Run one of the export/import entry points (imported when first used)."""
        if name in ("export_chart", "export_data"):
            from ui.export import dialog as module
        elif name == "edit_properties":
            from ui.export import properties as module
        elif name == "import_json":
            from ui.dialogs import json_import as module
        else:
            from ui.dialogs import import_dialog as module
        return getattr(module, name)(self)

    def _update_edit_actions(self, *_args: object) -> None:
        writable = not self.document.readonly
        current = self.document.selection.current()
        for action in self.editing_actions:
            action.setEnabled(writable)
        self.edit_action.setEnabled(writable and current is not None)
        self.delete_action.setEnabled(writable and current is not None)
        self.merge_action.setEnabled(writable and bool(current) and current[0] == "entity")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A double-click on the timeline or the graph edits what the click selected."""
        if event.type() == QEvent.Type.MouseButtonDblClick and \
                self.document.selection.current() is not None:
            QTimer.singleShot(0, self, self.editing.edit_current)
            return True
        return super().eventFilter(watched, event)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu("&File")
        self.recent_menu = QMenu("Open &Recent", self)
        file_menu.addAction(self.quit_action)
        file_menu.insertActions(self.quit_action, [self.new_source_action])
        file_menu.insertSeparator(self.quit_action)
        file_menu.insertActions(self.quit_action, [self.import_csv_action,
                                                   self.import_json_action])
        file_menu.insertSeparator(self.quit_action)
        file_menu.insertActions(self.quit_action, [self.properties_action,
                                                   self.export_chart_action,
                                                   self.export_data_action])
        file_menu.insertSeparator(self.quit_action)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addActions([self.new_event_action, self.new_person_action, self.new_org_action,
                         self.new_place_action, self.new_relationship_action])
        edit.addSeparator()
        edit.addActions([self.edit_action, self.delete_action, self.merge_action])
        edit.addSeparator()
        edit.addAction(self.find_action)
        view = bar.addMenu("&View")
        for dock in self.docks.values():
            toggle = dock.toggleViewAction()
            toggle.setStatusTip(f"Show or hide the {dock.windowTitle()} panel")
            view.addAction(toggle)
        view.addSeparator()
        view.addActions([self.fit_action, self.reset_layout_action])
        go = bar.addMenu("&Go")
        go.addActions([self.back_action, self.forward_action])
        go.addSeparator()
        self.panel_actions = add_panel_actions(self, go)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts_action, self.about_action])

    def _make_toolbar(self) -> None:
        bar = QToolBar("Navigation", self)
        bar.setObjectName("NavigationToolbar")
        bar.setMovable(False)
        bar.addActions([self.back_action, self.forward_action])
        bar.addSeparator()
        bar.addAction(self.fit_action)
        bar.addSeparator()
        bar.addActions([self.new_source_action, self.new_event_action])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.search)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    # -- behaviour ---------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.document.selection.can_go_back())
        self.forward_action.setEnabled(self.document.selection.can_go_forward())

    def status_text(self) -> str:
        if self._totals is None:  # counted again only after a write, not on every pan
            counts = self.document.counts()
            self._totals = (counts["events"], " · ".join([
                _count(counts["events"], "event"),
                _count(counts["entities"], "person, organization or place",
                       "people, organizations and places"),
                _count(counts["relationships"], "relationship"),
                _count(counts["sources"], "source")]))
        events, text = self._totals
        window = self.document.selection.window()
        if window is not None:
            text += f"  —  {self.timeline.count_between(*window):,} in view"
        listed = self.browser.events.shown_count()
        if listed != events:
            text += f"  —  {listed:,} listed"
        return text

    def _records_changed(self, _changes: Changes) -> None:
        self._totals = None
        self._update_status()

    def _update_status(self) -> None:
        if self.isVisible():  # a closed window may outlive its file
            self.statusBar().showMessage(self.status_text())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_status()

    def reset_layout(self) -> None:
        self.restoreState(self._default_state, STATE_VERSION)
        for dock in self.docks.values():
            dock.show()
        self._default_sizes()

    def restore_layout(self) -> None:
        if not restore_window_settings(self):
            QTimer.singleShot(0, self, self._default_sizes)  # not after a close

    def save_layout(self) -> None:
        save_window_settings(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.remember_layout:
            self.save_layout()
        self.search.shutdown()
        self.browser.shutdown()
        self.graph.positions.shutdown()  # a panel's own closeEvent does not run with ours
        super().closeEvent(event)
        self.closed.emit(self)

    def _make_banners(self) -> None:
        """A read-only notice, a first-start hint, and "Checking file…" (``ui.notices``)."""
        self.notices = Notices(self, self.remember_layout)
        self.readonly_banner = self.notices.readonly_banner
        self.hint_banner = self.notices.hint_banner
        self.checking_label = self.notices.checking_label
        self.checking = False
        self.notices.show_state(self.document.readonly, checking=False)

    def set_checking(self, checking: bool) -> None:
        """While a new big file's slow checks run (``ui.checking``) it is open read-only
        without the read-only banner, and the status bar says so; after, the file's own
        state shows: editable, or read-only with the banner."""
        self.checking = checking
        store = self.document.store
        readonly = " (read-only)" if store.readonly and not checking else ""
        self.setWindowTitle(f"{store.path.name}{readonly} — Threadline")
        self.notices.show_state(store.readonly, checking)
        self._update_edit_actions()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.workspace is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Dropping database files opens each in its own window."""
        if self.workspace is None:
            return
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.workspace.open_path(Path(url.toLocalFile()), self)
        event.acceptProposedAction()

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, "Keyboard shortcuts", shortcuts_html())

    def show_about(self) -> None:
        QMessageBox.about(self, "About Threadline", about_text())

