"""The search field: results as you type, in any script; choosing one selects it.

While typing, each search runs on a worker thread with its own read-only connection
(``db.reading.LatestRead``): a slow query never freezes the window, and a newer one
interrupts it. Enter searches at once, on the window's own connection.
"""

from __future__ import annotations

from functools import partial
from html import escape

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from db.reading import LatestRead
from db.search import search_index
from models.labels import KIND_LABELS
from models.records import SearchHit
from ui.document import Document

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_RESULTS = 30
TYPING_PAUSE_MS = 60
ANSWER_POLL_MS = 15


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
        self._timer.timeout.connect(self._search_in_background)
        self._worker: LatestRead | None = None
        self._answer = QTimer(self, interval=ANSWER_POLL_MS)
        self._answer.timeout.connect(self._show_answer)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._choose_first)

    def run_search(self) -> list[SearchHit]:
        """Search now for the field's text and show the results popup."""
        self._answer.stop()
        hits = self.document.store.search(self.text(), MAX_RESULTS)
        self.show_hits(hits)
        return hits

    def searching(self) -> bool:
        """Whether a search started by typing is still under way."""
        return self._answer.isActive()

    def shutdown(self) -> None:
        """Stop the worker thread (the window is closing)."""
        self._timer.stop()
        self._answer.stop()
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def _search_in_background(self) -> None:
        if self._worker is None:
            self._worker = LatestRead(self.document.store.path)
        text = self.text()
        self._worker.submit(partial(search_index, text=text, limit=MAX_RESULTS))
        self._answer.start()

    def _show_answer(self) -> None:
        outcome = self._worker.take() if self._worker is not None else None
        if outcome is None:
            return
        self._answer.stop()
        hits, error = outcome
        if error is not None:  # the worker could not read: search here instead
            self.run_search()
        else:
            self.show_hits(hits)

    def show_hits(self, hits: list[SearchHit]) -> None:
        """Fill the popup with ``hits`` and show it (or hide it if there are none)."""
        self.results.clear()
        for hit in hits:
            label = f"{hit.title}   ·   {KIND_LABELS.get(hit.kind, hit.kind)}"
            if hit.snippet and hit.snippet != hit.title:
                label += f"   ·   {hit.snippet}"
            item = QStandardItem(label)
            item.setData((hit.kind, hit.id), HIT_ROLE)
            item.setToolTip(f"<qt>{escape(KIND_LABELS.get(hit.kind, hit.kind))}: "
                            f"{escape(hit.title)}</qt>")
            self.results.appendRow(item)
        if hits:
            self._completer.complete()
        else:
            self._completer.popup().hide()

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
