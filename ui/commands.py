"""Undo commands: every change a user makes is one ``JournalCommand`` on the undo stack.

A change is first written (one transaction, recorded by ``db.journal``); only if it
succeeded is a command pushed. Undo replays the recorded reversal and keeps the
reversal of that as the redo, so undo and redo are exact however much a change touched
(a delete with its cascades, a merge, a whole import). Both emit ``document.changed``
just as the original write did, so panels have one refresh path.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from db.journal import Journal
from db.ops import Op, changes_of
from models.changes import Changes
from models.labels import short

if TYPE_CHECKING:
    from ui.undoable import Undoable as Document

__all__ = ["JournalCommand", "apply", "replay_with_progress", "short"]
PROGRESS_FROM = 20_000  # statements: a replay this long shows a progress dialog


class JournalCommand(QUndoCommand):
    """A change already written; undo and redo replay its journal."""

    def __init__(self, document: Document, text: str, statements: list[str]) -> None:
        super().__init__(text)
        self.document = document
        self._undo = statements
        self._redo: list[str] = []
        self._first = True

    def redo(self) -> None:
        if self._first:  # the change was written before the push
            self._first = False
            return
        reverse = replay_with_progress(self.document, self._redo, f"Redoing {self.text()}")
        self._undo = reverse.statements
        self.document.notify(changes_of(reverse, f"Redo {self.text()}"))

    def undo(self) -> None:
        reverse = replay_with_progress(self.document, self._undo, f"Undoing {self.text()}")
        self._redo = reverse.statements
        self.document.notify(changes_of(reverse, f"Undo {self.text()}"))


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
