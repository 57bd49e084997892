"""The Browser: tabs of events, people & organizations and sources, sortable and filterable."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.document import Changes, Document
from ui.table_models import (
    ID_ROLE,
    EntityTableModel,
    EventTableModel,
    RecordTableModel,
    SourceTableModel,
)


class RecordFilterProxy(QSortFilterProxyModel):
    """Filters on one folded string per row and lets the source model sort.

    A plain proxy asks the Python model for every cell of every comparison: 25 s to sort
    100,000 events. Here sorting is one ``list.sort`` with a key in the source model, and
    filtering one substring test per row.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+: invalidateFilter is deprecated
            self.beginFilterChange()
            self._needle = text.strip().casefold()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._needle = text.strip().casefold()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, _parent: QModelIndex) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        return isinstance(model, RecordTableModel) and self._needle in model.haystack(row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):
            model.sort_records(column, order == Qt.SortOrder.DescendingOrder)


class RecordTab(QWidget):
    """A filter field over a sortable table of one kind of record."""

    def __init__(self, document: Document, model: RecordTableModel, placeholder: str) -> None:
        super().__init__()
        self.document = document
        self.model = model
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.filter = QLineEdit(placeholderText=placeholder, clearButtonEnabled=True)
        self.filter.setAccessibleName(f"Filter {model.kind} table")
        self.filter.textChanged.connect(self.proxy.set_text)
        self.view = self._make_view()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self._following = False

    def _make_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.proxy)
        view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)  # records arrive in date/name order already
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
        view.setAccessibleName(f"{self.model.kind.capitalize()} table")
        view.selectionModel().currentRowChanged.connect(self._row_chosen)
        return view

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._following or not current.isValid():
            return
        record_id = self.proxy.data(current, ID_ROLE)
        if record_id is not None:
            self.document.selection.select(self.model.kind, int(record_id))

    def show_record(self, record_id: int) -> bool:
        """Select the record's row without announcing it; False if it is filtered out."""
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self._following = True
        try:
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._following = False
        return True

    def reload(self) -> None:
        self._following = True
        try:
            self.model.reload()
        finally:
            self._following = False


class BrowserPanel(QTabWidget):
    """Lists of every record; choosing a row selects it everywhere.

    ``edit_requested(kind, id)``: a row was activated (double-click or Enter).
    """

    edit_requested = Signal(str, int)
    menu_requested = Signal(str, int, QPoint)  # right-click on a row: kind, id, global pos

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        store = document.store
        self.events = RecordTab(document, EventTableModel(store), "Filter events…")
        self.entities = RecordTab(document, EntityTableModel(store), "Filter people & orgs…")
        self.sources = RecordTab(document, SourceTableModel(store), "Filter sources…")
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

    def _activated(self, tab: RecordTab, index: QModelIndex) -> None:
        record_id = tab.proxy.data(index, ID_ROLE)
        if record_id is not None:
            self.edit_requested.emit(tab.model.kind, int(record_id))

    def _context_menu(self, tab: RecordTab, pos: QPoint) -> None:
        index = tab.view.indexAt(pos)
        record_id = tab.proxy.data(index, ID_ROLE) if index.isValid() else None
        if record_id is not None:
            self.document.selection.select(tab.model.kind, int(record_id))
            self.menu_requested.emit(tab.model.kind, int(record_id),
                                     tab.view.viewport().mapToGlobal(pos))

    def tab_for(self, kind: str) -> RecordTab | None:
        return self._tabs.get(kind)

    def _follow(self, kind: str, record_id: int) -> None:
        tab = self._tabs.get(kind)
        if tab is None:
            return
        if tab.show_record(record_id) and self.currentWidget() is not tab:
            self.setCurrentWidget(tab)

    def _reload(self, _changes: Changes) -> None:
        for tab in self._tabs.values():
            tab.reload()
        current = self.document.selection.current()
        if current:
            self._follow(*current)

    def shown_counts(self) -> dict[str, int]:
        """Rows each tab shows after its filter."""
        return {kind: tab.proxy.rowCount() for kind, tab in self._tabs.items()}
