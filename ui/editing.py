"""What the Edit menu does: create, edit, delete and merge records, all undoable.

The dialogs build a value and name an operation of ``db.ops``; deletes and merges name
theirs here. ``Document.apply`` runs each one as an undo step. A delete asks first and
says what it takes with it (participations, relationships, citations), and that Ctrl+Z
brings it all back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from db import ops
from db.errors import NotFoundError, StoreError
from models.kinds import RecordKind
from ui.document import Document


class EditController(QObject):
    """Opens the editing dialogs and performs deletes and merges for a window."""

    def __init__(self, document: Document, parent: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        self.window = parent

    # -- creating and editing ----------------------------------------------------------

    def new_source(self) -> int | None:
        from ui.dialogs.source_dialog import SourceDialog

        return self._run(SourceDialog(self.document, parent=self.window))

    def new_event(self) -> int | None:
        from ui.dialogs.event_dialog import EditEventDialog

        return self._run(EditEventDialog(self.document, parent=self.window))

    def new_entity(self, kind: str = "person") -> int | None:
        from ui.dialogs.entity_dialog import EditEntityDialog

        return self._run(EditEntityDialog(self.document, kind=kind, parent=self.window))

    def new_relationship(self, from_id: int | bool | None = None, to_id: int | None = None
                         ) -> int | None:
        """Start from ``from_id``, else from the selected entity. The menu action connects
        here directly, so Qt hands its ``checked`` flag in as ``from_id``: a bool is not
        an entity id (it showed "#False" in the From field)."""
        from ui.dialogs.relationship_dialog import EditRelationshipDialog

        if from_id is None or isinstance(from_id, bool):
            from_id = self._current_entity()
        return self._run(EditRelationshipDialog(self.document, from_id=from_id, to_id=to_id,
                                                parent=self.window))

    def edit(self, kind: str, record_id: int) -> int | None:
        """Open the dialog of a record (double-click or Enter anywhere)."""
        if self.document.readonly:
            return None
        from ui.dialogs.entity_dialog import EditEntityDialog
        from ui.dialogs.event_dialog import EditEventDialog
        from ui.dialogs.relationship_dialog import EditRelationshipDialog
        from ui.dialogs.source_dialog import SourceDialog

        dialogs = {
            "event": lambda: EditEventDialog(self.document, record_id, parent=self.window),
            "entity": lambda: EditEntityDialog(self.document, record_id, parent=self.window),
            "relationship": lambda: EditRelationshipDialog(self.document, record_id,
                                                           parent=self.window),
            "source": lambda: SourceDialog(self.document, record_id, parent=self.window),
        }
        return self._run(dialogs[kind]())

    def edit_current(self) -> int | None:
        current = self.document.selection.current()
        return self.edit(*current) if current else None

    def _run(self, dialog: QDialog) -> int | None:
        """Run a dialog modally; the id it saved, if accepted. The dialog is deleted by
        the event loop afterwards rather than kept as a hidden child of the window."""
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return getattr(dialog, "saved_id", None)
            return None
        finally:
            dialog.deleteLater()

    def _current_entity(self) -> int | None:
        current = self.document.selection.current()
        return current[1] if current and current[0] == RecordKind.ENTITY else None

    # -- deleting ----------------------------------------------------------------------

    def describe(self, kind: str, record_id: int) -> str:
        """A record's kind and name for a question or a menu label."""
        return ops.describe(self.document.store, kind, record_id)

    def delete_question(self, kind: str, record_id: int) -> str:
        counts = self.document.store.dependents(kind, record_id)
        taken = [f"{n} {what if n != 1 else what.rstrip('s')}"
                 for what, n in counts.items() if n and "left without" not in what]
        text = f"Delete {self.describe(kind, record_id)}?"
        if taken:
            text += "\n\nThis also removes " + ", ".join(taken) + "."
        orphans = counts.get("records left without any source", 0)
        if orphans:
            text += f"\n{orphans} record(s) will have no source left."
        return text + "\n\nYou can undo this with Ctrl+Z."

    def confirm(self, title: str, text: str) -> bool:
        """Ask the user; tests replace this."""
        answer = QMessageBox.question(self.window, title, text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def delete(self, kind: str, record_id: int) -> bool:
        """Delete a record after asking; True if it was deleted."""
        if self.document.readonly:
            return False
        try:
            question = self.delete_question(kind, record_id)
        except NotFoundError:
            return False
        if not self.confirm("Delete", question):
            return False
        try:
            self.document.apply(lambda store: ops.delete_record(store, kind, record_id))
        except StoreError as exc:
            QMessageBox.warning(self.window, "Delete", str(exc))
            return False
        return True

    def delete_current(self) -> bool:
        current = self.document.selection.current()
        return self.delete(*current) if current else False

    # -- merging -----------------------------------------------------------------------

    def merge(self, keep_id: int, drop_id: int) -> None:
        self.document.apply(lambda store: ops.merge_entities(store, keep_id, drop_id))
        self.document.selection.select(RecordKind.ENTITY, keep_id)

    def merge_current(self) -> bool:
        """Ask which entity the selected one is the same as, then merge them."""
        drop_id = self._current_entity()
        if drop_id is None or self.document.readonly:
            return False
        from ui.dialogs.merge_dialog import MergeDialog

        dialog = MergeDialog(self.document, drop_id, parent=self.window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        keep_id = dialog.keep_id
        dialog.deleteLater()
        if not accepted or keep_id is None:
            return False
        self.merge(keep_id, drop_id)
        return True
