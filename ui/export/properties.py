"""File ▸ Database properties…: the database's own title and description.

The title heads every chart and report made of the file (``Store.title``), so the user
sets it once here rather than retyping it in each export; the file's name plays no part.
A read-only file shows them without letting them change.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db import ops
from db.errors import StoreError
from db.meta import MAX_TITLE_CHARS
from db.store import Store

__all__ = ["PropertiesDialog", "edit_properties"]


class PropertiesDialog(QDialog):
    """The title and description of ``store``; ``save`` writes them."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Database properties")
        self.title_edit = QLineEdit(store.title())
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setMaxLength(MAX_TITLE_CHARS)
        self.description_edit = QPlainTextEdit(store.description())
        self.description_edit.setAccessibleName("Description")
        self.description_edit.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Description:", self.description_edit)
        note = QLabel("The title heads the charts and reports made of this file.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        if store.readonly:
            self.title_edit.setReadOnly(True)
            self.description_edit.setReadOnly(True)
            buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            note.setText("This file is open read-only: its title cannot change.")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Database properties", message)

    def save(self) -> None:
        try:
            ops.set_properties(self.store, self.title_edit.text(),
                               self.description_edit.toPlainText())
        except StoreError as exc:
            self.show_error(f"Not saved: {exc}")
            return
        self.accept()


def edit_properties(window: object) -> bool:
    """File ▸ Database properties… over ``window`` (its ``document.store``); whether saved."""
    store = window.document.store  # type: ignore[attr-defined]
    dialog = PropertiesDialog(store, window if isinstance(window, QWidget) else None)
    return dialog.exec() == QDialog.DialogCode.Accepted
