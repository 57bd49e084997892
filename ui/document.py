"""The one object every panel shares: the open Store, the undo stack and the selection.

Panels never talk to each other. They read from ``document.store``, write by handing a
named operation of ``db.ops`` to ``document.apply`` (one undo step, see ``ui.commands``)
and listen to three signals:

* ``selection.current_changed(kind, id)`` — something was chosen somewhere;
* ``selection.window_changed(first_day, last_day)`` — the timeline's visible range;
* ``document.changed(changes)`` — records were written (edit, undo, redo, import).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from db.ops import Op
from db.store import Store
from models.changes import Changes
from models.kinds import RecordKind
from ui import commands

__all__ = ["Changes", "Document", "Selection"]
RECORD_KINDS = ("event", "entity", "source", "relationship")
HISTORY_LIMIT = 200


class Selection(QObject):
    """The record being looked at, with a Back/Forward history of what was shown.

    Each step of the history keeps the timeline's window as it was when the user left
    it; Back and Forward offer it again (``restored_window``) so the view comes back
    with the record."""

    current_changed = Signal(str, int)
    history_changed = Signal()
    window_changed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._history: list[tuple[str, int]] = []
        self._windows: list[tuple[int, int] | None] = []  # as each step was left
        self._index = -1
        self._window: tuple[int, int] | None = None
        self._restoring: tuple[int, int] | None = None

    def current(self) -> tuple[str, int] | None:
        return self._history[self._index] if self._index >= 0 else None

    def select(self, kind: str, record_id: int) -> None:
        """Show a record everywhere; a new choice cuts the forward history."""
        if kind not in RECORD_KINDS:
            raise ValueError(f"unknown record kind {kind!r}")
        item = (kind, int(record_id))
        if item == self.current():
            return
        self._leave()
        del self._history[self._index + 1:]
        del self._windows[self._index + 1:]
        self._history.append(item)
        self._windows.append(None)
        if len(self._history) > HISTORY_LIMIT:
            del self._history[0]
            del self._windows[0]
        self._index = len(self._history) - 1
        self._announce()

    def clear(self) -> None:
        self._history.clear()
        self._windows.clear()
        self._index = -1
        self.current_changed.emit("", 0)
        self.history_changed.emit()

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return self._index < len(self._history) - 1

    def back(self) -> None:
        if self.can_go_back():
            self._step(-1)

    def forward(self) -> None:
        if self.can_go_forward():
            self._step(1)

    def restored_window(self) -> tuple[int, int] | None:
        """While Back or Forward announces a step: the window it was left with, if any."""
        return self._restoring

    def _leave(self) -> None:
        if self._index >= 0:
            self._windows[self._index] = self._window

    def _step(self, by: int) -> None:
        self._leave()
        self._index += by
        self._restoring = self._windows[self._index]
        try:
            self._announce()
        finally:
            self._restoring = None

    def forget(self, kind: str, record_id: int) -> None:
        """Drop a deleted record from the history (and the selection, if it was current)."""
        was_current = self.current() == (kind, record_id)
        current = self.current()
        kept = [i for i, h in enumerate(self._history) if h != (kind, record_id)]
        self._windows = [self._windows[i] for i in kept]
        self._history = [self._history[i] for i in kept]
        self._index = (self._history.index(current) if current in self._history
                       else len(self._history) - 1)
        if was_current:
            item = self.current()
            self.current_changed.emit(*(item if item else ("", 0)))
        self.history_changed.emit()

    def window(self) -> tuple[int, int] | None:
        return self._window

    def set_window(self, first_day: int, last_day: int) -> None:
        """Publish the timeline's visible range of days."""
        window = (int(first_day), int(last_day))
        if window != self._window:
            self._window = window
            self.window_changed.emit(*window)

    def _announce(self) -> None:
        kind, record_id = self._history[self._index]
        self.current_changed.emit(kind, record_id)
        self.history_changed.emit()


class Document(QObject):
    """An open database as the UI sees it."""

    changed = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.selection = Selection(self)
        self._counts: dict[str, int] | None = None

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    def counts(self) -> dict[str, int]:
        """How many records of each kind the file holds ("events": 1000000, ...): counted
        once, then kept from what each write's ``Changes`` added and deleted, since
        counting a million events again after every edit costs a table scan."""
        if self._counts is None:
            self._counts = self.store.counts()
        return dict(self._counts)

    def _recount(self, changes: Changes) -> None:
        if self._counts is None:
            return
        if changes.everything or not (changes.added or changes.updated or changes.deleted):
            self._counts = None  # an import, or a Changes that names ids only: count again
            return
        for kind in RecordKind:
            self._counts[kind.table] += (len(changes.added.get(kind, ()))
                                         - len(changes.deleted.get(kind, ())))

    def notify(self, changes: Changes) -> None:
        """Tell every panel what changed; a deleted current record leaves the selection."""
        self._recount(changes)
        current = self.selection.current()
        if current and not self.store.exists(*current):
            self.selection.forget(*current)
        self.changed.emit(changes)

    def apply(self, op: Op, origin: object = None) -> Changes:
        """Run a named operation of ``db.ops`` undoably (see ``ui.commands.apply``)."""
        return commands.apply(self, op, origin)
