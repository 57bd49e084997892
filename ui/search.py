"""The search field: results as you type, in any script; choosing one selects it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from models.records import SearchHit
from ui.document import Document

KIND_LABEL = {"event": "Event", "entity": "Person/org", "source": "Source"}
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_RESULTS = 30
TYPING_PAUSE_MS = 60


class SearchField(QLineEdit):
    """A line edit with a popup of matching records; Enter or a click selects one."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.setPlaceholderText("Search events, people, sources…  (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Search")
        self.setMinimumWidth(320)
        self.results = QStandardItemModel(self)
        self._completer = QCompleter(self)
        self._completer.setModel(self.results)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(15)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(self._chosen)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._choose_first)

    def run_search(self) -> list[SearchHit]:
        """Search now for the field's text and show the results popup."""
        hits = self.document.store.search(self.text(), MAX_RESULTS)
        self.results.clear()
        for hit in hits:
            label = f"{hit.title}   ·   {KIND_LABEL.get(hit.kind, hit.kind)}"
            if hit.snippet and hit.snippet != hit.title:
                label += f"   ·   {hit.snippet}"
            item = QStandardItem(label)
            item.setData((hit.kind, hit.id), HIT_ROLE)
            item.setToolTip(f"<qt>{escape(KIND_LABEL.get(hit.kind, hit.kind))}: "
                            f"{escape(hit.title)}</qt>")
            self.results.appendRow(item)
        if hits:
            self._completer.complete()
        else:
            self._completer.popup().hide()
        return hits

    def _chosen(self, index: QModelIndex) -> None:
        data = index.data(HIT_ROLE)
        if data:
            self.document.selection.select(*data)
            self._completer.popup().hide()

    def _choose_first(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.run_search()
        if self.results.rowCount():
            self._chosen(self.results.index(0, 0))
