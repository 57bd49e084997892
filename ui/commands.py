"""Undo commands: every change a user makes is one ``JournalCommand`` on the undo stack.

A change is first written (one transaction, recorded by ``db.journal``); only if it
succeeded is a command pushed. Undo replays the recorded reversal and keeps the
reversal of that as the redo, so undo and redo are exact however much a change touched
(a delete with its cascades, a merge, a whole import). Both emit ``document.changed``
just as the original write did, so panels have one refresh path.

Undo and redo fail safe. ``QUndoStack`` moves its index whatever the command did, so a
replay that fails (the file locked by another program, replaced, the disk full) is
turned back: the failing command and any after it in the same move do nothing and are
marked, and once the stack has moved (``indexChanged``) it is set back where it was --
the marked commands' counterparts are no-ops too -- and the user sees a dialog.
Nothing was written, and the history can still undo that change later.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from db.journal import Journal
from db.ops import Op, changes_of
from models.changes import Changes
from models.labels import short

if TYPE_CHECKING:
    from ui.undoable import Undoable as Document

__all__ = ["FailSafe", "JournalCommand", "apply", "replay_with_progress", "short", "show_failure"]
PROGRESS_FROM = 20_000  # statements: a replay this long shows a progress dialog


def show_failure(text: str) -> None:
    """Tell the user an undo or redo failed (a dialog); tests replace this."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    print(f"error: {text}", file=sys.stderr)
    QMessageBox.critical(QApplication.activeWindow(), "Threadline", text)


class FailSafe:
    """Sets a document's undo stack back after a failed undo or redo (one per stack)."""

    def __init__(self, document: Document) -> None:
        self.stack = document.undo_stack
        self.failure: str | None = None
        self.back_to = 0
        self.stack.indexChanged.connect(self._settle)

    @classmethod
    def of(cls, document: Document) -> FailSafe:
        found = document.__dict__.get("_fail_safe")
        if found is None:
            found = document.__dict__["_fail_safe"] = cls(document)
        return found

    def failed(self, text: str, back_to: int) -> None:
        if self.failure is None:
            self.failure, self.back_to = text, back_to

    def _settle(self, _index: int) -> None:
        if self.failure is None:
            return
        text, self.failure = self.failure, None
        self.stack.setIndex(self.back_to)  # the marked commands do nothing on the way
        show_failure(text)


class JournalCommand(QUndoCommand):
    """A change already written; undo and redo replay its journal."""

    def __init__(self, document: Document, text: str, statements: list[str]) -> None:
        super().__init__(text)
        self.document = document
        self._undo = statements
        self._redo: list[str] = []
        self._first = True
        self._inert = False  # the next undo/redo only puts the stack back: do nothing
        self._safe = FailSafe.of(document)

    def redo(self) -> None:
        if self._first:  # the change was written before the push
            self._first = False
            return
        if self._skipped(self._index()):
            return
        try:
            reverse = replay_with_progress(self.document, self._redo,
                                           f"Redoing {self.text()}")
        except Exception as exc:  # any failure: the stack stays
            self._fail(f"Could not redo {self.text()}: {exc}", self._index())
            return
        self._undo = reverse.statements
        self.document.notify(changes_of(reverse, f"Redo {self.text()}"))

    def undo(self) -> None:
        if self._skipped(self._index() + 1):
            return
        try:
            reverse = replay_with_progress(self.document, self._undo,
                                           f"Undoing {self.text()}")
        except Exception as exc:  # any failure: the stack stays
            self._fail(f"Could not undo {self.text()}: {exc}", self._index() + 1)
            return
        self._redo = reverse.statements
        self.document.notify(changes_of(reverse, f"Undo {self.text()}"))

    def _index(self) -> int:
        stack = self.document.undo_stack
        return next(i for i in range(stack.count()) if stack.command(i) is self)

    def _skipped(self, back_to: int) -> bool:
        """True if this call must do nothing: the stack is being put back, or an earlier
        command of the same move failed."""
        if self._inert:
            self._inert = False
            return True
        if self._safe.failure is not None:
            self._inert = True
            return True
        return False

    def _fail(self, text: str, back_to: int) -> None:
        self._inert = True
        self._safe.failed(f"{text}. Nothing was changed; the undo history stays where it "
                          "was.", back_to)


def replay_with_progress(document: Document, statements: list[str], what: str) -> Journal:
    """``Store.replay``; a big one (an import) shows a progress dialog and keeps repainting.

    The dialog has no Cancel: a replay is one transaction, done whole or not at all. It
    is application-modal, so nothing else can write while events are processed.
    """
    if len(statements) < PROGRESS_FROM:
        return document.store.replay(statements)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from ui.opening import dismiss

    dialog = QProgressDialog(f"{what}…", None, 0, len(statements),
                             QApplication.activeWindow())
    dialog.setWindowTitle("Threadline")
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)
    dialog.setAccessibleName("Undo progress")

    def progress(done: int, _total: int) -> None:
        dialog.setValue(done)
        QApplication.processEvents()

    try:
        return document.store.replay(statements, progress)
    finally:
        dismiss(dialog)


def apply(document: Document, op: Op, origin: object = None) -> Changes:
    """Run a named operation (``db.ops``) and put it on the undo stack, labelled with its
    action; every panel hears its Changes (``origin`` says who asked, to skip an echo).

    If the operation raises (a ``ValidationError`` for bad input), nothing was written
    and nothing is pushed; the exception reaches the caller to show next to the field.
    """
    changes = replace(op(document.store), origin=origin)
    if changes.undo:
        document.undo_stack.push(JournalCommand(document, changes.action, list(changes.undo)))
        document.notify(changes)
    return changes
