"""The Browser: tabs of events, people & organizations and sources, sortable and filterable.

The tables hold ids, not records (``ui.table_models``): a tab of a million events opens
with one read of the id order. The filter field waits ``FILTER_DELAY_MS`` after the last
keystroke, then asks the database for the matching ids.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db import browse
from db.errors import NotFoundError
from db.evidence import evidence_ids, supported_by
from models.labels import short
from ui.document import Changes, Document
from ui.table_models import (
    ID_ROLE,
    EntityTableModel,
    EventTableModel,
    RecordTableModel,
    SourceTableModel,
)

FILTER_DELAY_MS = 200
EVIDENCE_CHOICES = (
    ("Any evidence", ""),
    ("Supported by the chosen source", "source"),
    ("Corroborated: 2+ independent sources", "corroborated"),
    ("Graded at least B2", "graded:B2"),
    ("Graded at least C3", "graded:C3"),
    ("Graded at least D3", "graded:D3"),
    ("Uncited", "uncited"),
)


class RecordTab(QWidget):
    """A filter field over a sortable table of one kind of record.

    A model made with ``load=False`` is read when the tab is first shown or asked for a
    record, so a hidden tab costs nothing when the window opens.
    """

    def __init__(self, document: Document, model: RecordTableModel, placeholder: str) -> None:
        super().__init__()
        self.document = document
        self.kind = model.kind
        self._model = model
        self.filter = QLineEdit(placeholderText=placeholder, clearButtonEnabled=True)
        self.filter.setAccessibleName(f"Filter {model.kind} table")
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter.returnPressed.connect(self.apply_filter)
        self.view = self._make_view()
        model.arranged.connect(self._arranged)
        model.busy_changed.connect(self._show_busy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.lens_source: int | None = None  # the source "supported by" refers to
        self.lit_source: int | None = None  # the source whose records are highlighted
        self.evidence = self._evidence_box() if model.kind in ("event", "entity") else None
        row = QHBoxLayout()
        row.addWidget(self.filter, 1)
        if self.evidence is not None:
            row.addWidget(self.evidence)
        layout.addLayout(row)
        self.lens_note = QLabel()  # says which source the bold rows rest on
        self.lens_note.setTextFormat(Qt.TextFormat.PlainText)
        self.lens_clear = QToolButton(text="Clear")
        self.lens_clear.setAccessibleName("Clear the source's highlight")
        self.lens_clear.clicked.connect(lambda: self.show_lens(None))
        self.lens_row = QWidget()
        lens = QHBoxLayout(self.lens_row)
        lens.setContentsMargins(2, 0, 0, 0)
        lens.addWidget(self.lens_note, 1)
        lens.addWidget(self.lens_clear)
        self.lens_row.setVisible(False)
        layout.addWidget(self.lens_row)
        layout.addWidget(self.view)
        self._following = False

    def show_lens(self, source_id: int | None) -> None:
        """Highlight the rows the source supports (the others stay listed); None: none."""
        store = self.document.store
        try:
            title = short(store.source(source_id).title) if source_id is not None else ""
        except NotFoundError:  # deleted since it was chosen
            source_id = None
        ids = supported_by(store, source_id)[self.kind] if source_id is not None else None
        self._model.set_lit(ids)
        self.lit_source = source_id
        self.lens_row.setVisible(ids is not None)
        if ids is not None:
            self.lens_note.setText(f"Bold rows: {len(ids)} supported by the source ‘{title}’")

    def _evidence_box(self) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(f"Evidence filter of the {self.kind} table")
        box.setToolTip("Show only records by the evidence behind them")
        for label, rule in EVIDENCE_CHOICES:
            box.addItem(label, rule)
        box.currentIndexChanged.connect(lambda _i: self.apply_evidence())
        return box

    def set_evidence(self, rule: str) -> bool:
        """Choose an evidence filter by its rule ('' for none); False if there is none."""
        found = self.evidence.findData(rule) if self.evidence is not None else -1
        if found < 0:
            return False
        self.evidence.blockSignals(True)
        self.evidence.setCurrentIndex(found)
        self.evidence.blockSignals(False)
        self.apply_evidence()
        return True

    def apply_evidence(self) -> None:
        """Read again which records the evidence filter keeps (after a write, a new lens)."""
        rule = (self.evidence.currentData() if self.evidence is not None else "") or ""
        if not rule:
            self._model.set_only(None)
            return
        name, _, value = rule.partition(":")
        if name == "source":
            value = self.lens_source or 0
        self._model.set_only(evidence_ids(self.document.store, self.kind, name, value))

    @property
    def model(self) -> RecordTableModel:
        """The tab's table, read from the file if it was not yet."""
        self._model.ensure_loaded()
        return self._model

    def showEvent(self, event: QShowEvent) -> None:
        self._model.ensure_loaded()
        super().showEvent(event)

    def shown_count(self) -> int:
        """Rows the tab shows, or will show when first read (no filter yet)."""
        return self._model.rowCount() if self._model.loaded else self._model.total()

    def _make_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self._model)
        view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)  # the model is in this order already: no second read
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(22)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        view.setColumnWidth(0, 150)
        view.setColumnWidth(1, 220)
        view.setAccessibleName(f"{self.kind.capitalize()} table")
        view.selectionModel().currentRowChanged.connect(self._row_chosen)
        return view

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._following or not current.isValid():
            return
        record_id = self.model.record_id(current.row())
        if record_id is not None:
            self.document.selection.select(self.model.kind, record_id)

    def apply_filter(self) -> None:
        """Filter now by the field's text (typing waits for a pause; Enter does not)."""
        self._filter_timer.stop()
        self._following = True
        try:
            self.model.set_filter(self.filter.text())
        finally:
            self._following = False
        current = self.document.selection.current()
        if current and current[0] == self.model.kind:
            self.show_record(current[1])

    def _arranged(self) -> None:
        """A sort or filter read on the worker thread is shown: find the selection again."""
        current = self.document.selection.current()
        if current and current[0] == self.kind:
            self.show_record(current[1])

    def _show_busy(self, busy: bool) -> None:
        cursor = Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor
        self.view.viewport().setCursor(cursor)
        self.filter.setToolTip("Filtering…" if busy else "")

    def show_record(self, record_id: int) -> bool:
        """Select the record's row without announcing it; False if it is filtered out."""
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self._following = True
        try:
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._following = False
        return True

    def reload(self, touched: Collection[int] | None = None) -> None:
        """Show what a write changed: ``touched`` ids of this kind, or None for all."""
        if not self._model.loaded:
            return  # read afresh when first shown
        self._following = True
        try:
            self._model.reload(touched)
        finally:
            self._following = False


class BrowserPanel(QTabWidget):
    """Lists of every record; choosing a row selects it everywhere.

    ``edit_requested(kind, id)``: a row was activated (double-click or Enter).
    """

    edit_requested = Signal(str, int)
    menu_requested = Signal(str, int, QPoint)  # right-click on a row: kind, id, global pos

    def __init__(self, document: Document, events: browse.View | None = None) -> None:
        """``events``: the events tab's first view, read elsewhere (see
        ``db.browse.events_in_day_order``); else the tab reads it now."""
        super().__init__()
        self.document = document
        store = document.store
        model = EventTableModel(store, load=events is None)
        if events is not None:
            model.apply(events)
        self.events = RecordTab(document, model, "Filter events…")
        self.entities = RecordTab(document, EntityTableModel(store, load=False),
                                  "Filter people & orgs…")
        self.sources = RecordTab(document, SourceTableModel(store, load=False),
                                 "Filter sources…")
        self.addTab(self.events, "Events")
        self.addTab(self.entities, "People && organizations")
        self.addTab(self.sources, "Sources")
        self.setAccessibleName("Browser")
        self._tabs = {"event": self.events, "entity": self.entities, "source": self.sources}
        for tab in self._tabs.values():
            tab.view.activated.connect(lambda index, tab=tab: self._activated(tab, index))
            tab.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            tab.view.customContextMenuRequested.connect(
                lambda pos, tab=tab: self._context_menu(tab, pos))
        document.selection.current_changed.connect(self._follow)
        document.changed.connect(self._reload)

    def shutdown(self) -> None:
        """Stop the tabs' worker threads (the window is closing)."""
        for tab in self._tabs.values():
            tab._model.shutdown()

    def _activated(self, tab: RecordTab, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id is not None:
            self.edit_requested.emit(tab.kind, int(record_id))

    def _context_menu(self, tab: RecordTab, pos: QPoint) -> None:
        index = tab.view.indexAt(pos)
        record_id = index.data(ID_ROLE) if index.isValid() else None
        if record_id is not None:
            self.document.selection.select(tab.kind, int(record_id))
            self.menu_requested.emit(tab.kind, int(record_id),
                                     tab.view.viewport().mapToGlobal(pos))

    def tab_for(self, kind: str) -> RecordTab | None:
        return self._tabs.get(kind)

    def _follow(self, kind: str, record_id: int) -> None:
        if kind == "source":  # a source as a lens for the "supported by" filter
            self._set_lens(record_id)
        tab = self._tabs.get(kind)
        if tab is None:
            return
        if tab.show_record(record_id) and self.currentWidget() is not tab:
            self.setCurrentWidget(tab)

    def _reload(self, changes: Changes) -> None:
        touched = {"event": changes.events, "entity": changes.entities,
                   "source": changes.sources}
        for kind, tab in self._tabs.items():
            if changes.everything:
                tab.reload()
            elif touched[kind]:
                tab.reload(touched[kind])
            elif kind != "source" and (changes.citations or changes.sources):
                tab.model.redraw()  # their Evidence and Grade cells
            if tab.evidence is not None and tab.evidence.currentData() and (
                    changes.everything or changes.citations or touched[kind]):
                tab.apply_evidence()  # what is cited, and how, may have changed
        current = self.document.selection.current()
        if current:
            self._follow(*current)
        if changes.everything or changes.citations:  # what the lens lights may have changed
            for tab in (self.events, self.entities):
                if tab.lit_source is not None:
                    tab.show_lens(tab.lit_source)

    def _set_lens(self, source_id: int) -> None:
        for tab in (self.events, self.entities):
            tab.show_lens(source_id)
            if tab.lens_source != source_id:
                tab.lens_source = source_id
                if tab.evidence is not None and tab.evidence.currentData() == "source":
                    tab.apply_evidence()

    def lit_rows(self, kind: str) -> set[int]:
        """Ids of the rows of a tab drawn highlighted (by the chosen source)."""
        tab = self._tabs[kind]
        return {i for row in range(tab.model.rowCount()) if tab.model.is_lit(row)
                and (i := tab.model.record_id(row)) is not None}

    def shown_counts(self) -> dict[str, int]:
        """Rows each tab shows after its filter."""
        return {kind: tab.shown_count() for kind, tab in self._tabs.items()}
