"""Qt table models over the Store's records, for the Browser's tabs.

A model never holds every record: it keeps the ids of its rows in display order (one
numpy array, see ``db.browse``) and reads the shown text of the rows a view asks for in
pages of ``PAGE_ROWS``, keeping the last ``CACHED_PAGES`` pages. Sorting reads the id
order again; the filter reads the ids that match. From ``BACKGROUND_FROM_ROWS`` rows on,
sorting and filtering run on a worker thread (``db.reading.LatestRead``, its own
read-only connection), so the window stays live for the second a million rows take; a
newer request replaces an older one, and ``arranged`` says when the answer is shown.
Display text is plain text (Qt item views never interpret it as HTML); tooltips are
escaped for the same reason.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from html import escape
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication

from db import browse
from db.reading import LatestRead, Read
from db.store import Store
from ui.theme import evidence_colours, lens_ground

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_ROWS = 256
CACHED_PAGES = 32
KEPT_ORDERS = 3  # id orders of other sorts kept, so turning a sort back is instant
BACKGROUND_FROM_ROWS = 50_000  # bigger tables sort and filter on a worker thread
ANSWER_POLL_MS = 20
EVIDENCE, GRADE = "Evidence", "Grade"  # columns drawn as a flag ("uncited") and a badge
LOOKS = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
         Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole)


def _nothing(_conn: object) -> None:
    """A read that reads nothing: it replaces one whose answer is no longer wanted."""


@contextmanager
def _busy() -> Iterator[None]:
    """A wait cursor while a million rows are sorted or filtered."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class RecordTableModel(QAbstractTableModel):
    """A read-only table of records; ``kind`` names them for the shared selection."""

    kind = ""
    titles: tuple[str, ...] = ()
    table: browse.BrowseTable
    arranged = Signal()  # a sort or filter read on the worker thread is now shown
    busy_changed = Signal(bool)  # a sort or filter is being read on the worker thread

    def __init__(self, store: Store, load: bool = True) -> None:
        super().__init__()
        self.store = store
        self._worker: LatestRead | None = None
        self._pending: tuple[str, Read, Callable[[browse.View], None]] | None = None
        self._answer = QTimer(self, interval=ANSWER_POLL_MS)
        self._answer.timeout.connect(self._take_answer)
        self._view = browse.View()
        self._pages: OrderedDict[int, list[tuple[str, ...]]] = OrderedDict()
        self._orders: OrderedDict[tuple[int, bool], np.ndarray] = OrderedDict()  # sorts read
        self.loaded = False
        self._only: np.ndarray | None = None  # sorted ids an evidence filter keeps
        self._lit = np.zeros(0, np.int64)  # sorted ids a chosen source supports: highlighted
        self._looks: tuple[int, dict[str, QBrush]] | None = None  # by the palette's key
        if load:
            self.apply(self.read())

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.apply(self.read())

    def total(self) -> int:
        """Rows of the table in the file, filter aside."""
        return self.store.read(partial(browse.count, table=self.table))

    # -- reading: pure functions of the connection, then applied ------------------------

    def read(self) -> browse.View:
        """Every id in the current order and filter (touches no Qt object)."""
        return self.store.read(partial(browse.read_view, table=self.table,
                                       order=self._view.order))

    def apply(self, view: browse.View) -> None:
        """Show what ``read`` (or a loader) returned."""
        view = self._restricted(view)
        self.beginResetModel()
        self._view = view
        self._pages.clear()
        self.loaded = True
        self.endResetModel()

    def reload(self, touched: Collection[int] | None = None) -> None:
        """Read the ids again, or place only the records ``touched`` by a write.

        Rows edited in place are only redrawn, rows moved keep their selection; rows
        added or removed reset the table.
        """
        if not self.loaded:
            self.ensure_loaded()
            return
        self._finish_pending_here()  # it read the file before this write
        self._orders.clear()  # the other orders may no longer hold
        view = self._restricted(self.read() if touched is None else self.store.read(partial(
            browse.updated, table=self.table, view=self._view, touched=touched)))
        old = self._view.ids
        if not _same_members(old, view.ids, touched):
            self.apply(view)
        elif not np.array_equal(view.ids, old):
            self._rearrange(view)
        else:
            self._view = view
            self._pages.clear()
            if len(view.ids):
                last = self.index(len(view.ids) - 1, len(self.titles) - 1)
                self.dataChanged.emit(self.index(0, 0), last)

    def redraw(self) -> None:
        """Read the shown rows again where what they show changed but not which rows
        (a citation added changes an event's Evidence and Grade cells)."""
        if not self.loaded:
            return
        self._finish_pending_here()
        self._orders.clear()  # an order by grade may no longer hold
        self._pages.clear()
        if len(self._view.ids):
            last = self.index(len(self._view.ids) - 1, len(self.titles) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def set_only(self, ids: np.ndarray | None) -> None:
        """Keep only these ids (an evidence filter), on top of the text filter; None: all."""
        self.ensure_loaded()
        self._finish_pending_here()
        self._only = ids
        view = self._view
        self.apply(browse.View.of(view.order, view.ordered, view.matches))

    def set_lit(self, ids: Collection[int] | None) -> None:
        """Highlight the rows of these records (what a chosen source supports): a
        coloured ground and bold text, every other row still listed; None: none."""
        self._lit = np.sort(np.fromiter(ids or (), np.int64))
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(
                self.rowCount() - 1, len(self.titles) - 1), list(LOOKS))

    def is_lit(self, row: int) -> bool:
        record_id = self.record_id(row)
        at = int(np.searchsorted(self._lit, record_id)) if record_id is not None else 0
        return record_id is not None and at < len(self._lit) and self._lit[at] == record_id

    def _look(self, row: int, column: int, role: int) -> Any:
        """How a cell is drawn: a highlighted row, an uncited flag, a grade's badge."""
        title, lit = self.titles[column], self.is_lit(row)
        text = self._row(row)[column] if title in (EVIDENCE, GRADE) else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter if title == GRADE else None
        if role == Qt.ItemDataRole.FontRole:
            if not (lit or (title == GRADE and text)):
                return None
            font = QFont()
            font.setBold(True)
            return font
        colours = self._colours()
        flagged = title == EVIDENCE and text == "uncited"
        if role == Qt.ItemDataRole.ForegroundRole:
            return colours["flag_text"] if flagged else None
        return (colours["lens"] if lit else colours["flag_ground"] if flagged
                else colours["badge"] if title == GRADE and text else None)

    def _colours(self) -> dict[str, QBrush]:
        """The looks' brushes for the application's palette (made again when it changes)."""
        palette = QGuiApplication.palette()
        if self._looks is None or self._looks[0] != palette.cacheKey():
            ev = evidence_colours(palette)
            self._looks = (palette.cacheKey(), {
                "lens": QBrush(lens_ground(palette)), "badge": QBrush(QColor(ev.badge_ground)),
                "flag_text": QBrush(QColor(ev.flag_text)),
                "flag_ground": QBrush(QColor(ev.flag_ground))})
        return self._looks[1]

    def _restricted(self, view: browse.View) -> browse.View:
        if self._only is None:
            return view
        return replace(view, ids=view.ids[np.isin(view.ids, self._only)])

    @property
    def order(self) -> browse.TableOrder:
        return self._view.order

    # -- sorting and filtering ---------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        current = self._view.order
        if not 0 <= column < len(self.titles) or (
                (current.column, current.descending) == (column, descending)):
            return
        self.ensure_loaded()
        self._finish_other_than("sort")
        self._orders[(current.column, current.descending)] = self._view.ordered
        ordered = self._orders.pop((column, descending), None)
        while len(self._orders) > KEPT_ORDERS:
            self._orders.popitem(last=False)
        view, table = self._view, self.table
        self._run("sort", partial(browse.resorted, table=table, view=view, column=column,
                                  descending=descending, ordered=ordered),
                  self._rearrange, in_place=ordered is not None)

    def set_filter(self, text: str) -> None:
        """Show only rows whose shown text contains ``text`` (case-folded)."""
        self.ensure_loaded()
        self._finish_other_than("filter")
        if browse.fold(text.strip()) == self._view.order.needle and self._pending is None:
            return
        view, table = self._view, self.table
        self._run("filter", partial(browse.refiltered, table=table, view=view, needle=text),
                  self.apply)

    def is_busy(self) -> bool:
        """Whether a sort or filter is being read on the worker thread."""
        return self._pending is not None

    def shutdown(self) -> None:
        """Stop the worker thread, if one was started."""
        self._answer.stop()
        self._pending = None
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def _run(self, what: str, read: Read, show: Callable[[browse.View], None],
             in_place: bool = False) -> None:
        """``show(read)`` of the Store's connection for a small table, else of the worker
        thread's (the same read function either way).

        A newer request of the same kind replaces one still being read (callers first
        finish one of the other kind: see ``_finish_other_than``).
        """
        if in_place or len(self._view.ordered) < BACKGROUND_FROM_ROWS:
            self._pending = None
            with _busy():
                show(self.store.read(read))
            return
        if self._worker is None:
            self._worker = LatestRead(self.store.path)
        self._pending = (what, read, show)
        self._worker.submit(read)
        self._answer.start()
        self.busy_changed.emit(True)

    def _take_answer(self) -> None:
        outcome = self._worker.take() if self._worker is not None else None
        if outcome is None or self._pending is None:
            return
        _, read, show = self._pending
        self._pending = None
        self._answer.stop()
        view, error = outcome
        show(self.store.read(read) if error is not None else view)
        self.busy_changed.emit(False)
        self.arranged.emit()

    def _finish_other_than(self, what: str) -> None:
        """A request builds on what is shown: finish one of another kind first."""
        if self._pending is not None and self._pending[0] != what:
            self._finish_pending_here()

    def _finish_pending_here(self) -> None:
        """Do a sort or filter still on the worker thread now, on this connection."""
        if self._pending is None:
            return
        _, read, show = self._pending
        self._pending = None
        self._answer.stop()
        if self._worker is not None:
            self._worker.submit(_nothing)  # its answer is no longer wanted
        with _busy():
            show(self.store.read(read))
        self.busy_changed.emit(False)
        self.arranged.emit()

    def _rearrange(self, view: browse.View) -> None:
        """Same rows, new order: persistent indexes (the selection) follow their records."""
        view = self._restricted(view)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [self.record_id(i.row()) for i in persistent]
        self._view = view
        self._pages.clear()
        moved = [self._moved(index, record_id) for index, record_id in zip(
            persistent, kept, strict=True)]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _moved(self, index: QModelIndex, record_id: int | None) -> QModelIndex:
        row = self.row_of(record_id) if record_id is not None else None
        return QModelIndex() if row is None else self.index(row, index.column())

    # -- rows and ids ------------------------------------------------------------------

    def record_id(self, row: int) -> int | None:
        ids = self._view.ids
        return int(ids[row]) if 0 <= row < len(ids) else None

    def row_of(self, record_id: int) -> int | None:
        """The row showing a record, or None if it is not listed (or filtered out)."""
        found = np.flatnonzero(self._view.ids == record_id)
        return int(found[0]) if len(found) else None

    def _row(self, row: int) -> tuple[str, ...]:
        page = row // PAGE_ROWS
        rows = self._pages.get(page)
        if rows is None:
            ids = self._view.ids[page * PAGE_ROWS:(page + 1) * PAGE_ROWS]
            rows = self.store.read(partial(browse.read_rows, table=self.table, ids=ids))
            self._pages[page] = rows
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows[row - page * PAGE_ROWS]

    # -- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._view.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.titles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._view.ids):
            return None
        if role == ID_ROLE:
            return self.record_id(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row(index.row())[index.column()] or ""
        if role in LOOKS:
            return self._look(index.row(), index.column(), role)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._row(index.row())[len(self.titles) + index.column()]
            return f"<qt>{escape(tip)}</qt>" if tip else None  # record text stays text
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles[section]
        return None


class EventTableModel(RecordTableModel):
    kind = "event"
    titles = ("Date", "Title", "Category", "Location", "Evidence", "Grade")
    table = browse.EVENTS


class EntityTableModel(RecordTableModel):
    kind = "entity"
    titles = ("Name", "Native name", "Kind", "Aliases", "Evidence", "Grade")
    table = browse.ENTITIES


class SourceTableModel(RecordTableModel):
    kind = "source"
    titles = ("Title", "Author", "Date", "Grade")
    table = browse.SOURCES


def _same_members(old: np.ndarray, new: np.ndarray, touched: Collection[int] | None) -> bool:
    """Whether two views list the same ids. After a write only the ``touched`` ids can
    have come or gone, so only they are compared: sorting a million ids twice after
    every edit would cost more than the edit."""
    if len(old) != len(new):
        return False
    if touched is None:
        return bool(np.array_equal(np.sort(new), np.sort(old)))
    ids = np.fromiter(touched, np.int64, len(touched))
    return bool(np.array_equal(np.sort(old[np.isin(old, ids)]), np.sort(new[np.isin(new, ids)])))
