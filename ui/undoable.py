"""What the undo commands need of a ``Document``, as a protocol.

``ui.document.Document.apply`` runs an operation through ``ui.commands``; the commands in
turn push onto the document's undo stack and tell it what changed. Typing them against
this protocol rather than ``Document`` keeps the dependency one way (document → commands),
so the two modules form no import cycle (see the layers contract in pyproject.toml).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoStack

from db.store import Store
from models.changes import Changes


class Undoable(Protocol):
    """A Store with an undo stack, told of every change (``ui.document.Document``)."""

    store: Store
    undo_stack: QUndoStack

    def notify(self, changes: Changes) -> None: ...
