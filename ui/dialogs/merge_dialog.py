"""Merge two entities that are the same (e.g. "Yoon Suk-yeol" and "Yoon Suk Yeol")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.document import Document


class MergeDialog(QDialog):
    """Choose the entity to keep; the other's names become its aliases."""

    def __init__(self, document: Document, drop_id: int, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.document = document
        self.keep_id: int | None = None
        store = document.store
        drop = store.entity(drop_id)
        self.setWindowTitle("Merge")
        intro = QLabel(f"‘{drop.name}’ is the same as:")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.choice = QComboBox(editable=True)
        self.choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.choice.setAccessibleName("Entity to keep")
        for entity in sorted(store.entities(), key=lambda e: e.name.casefold()):
            if entity.id != drop_id:
                label = entity.name + (f" ({entity.native_name})" if entity.native_name else "")
                self.choice.addItem(f"{label} — {entity.kind}", entity.id)
        self.choice.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.choice.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.choice.setCurrentIndex(-1)
        self.choice.setMinimumWidth(420)
        explain = QLabel(
            f"Its events, relationships and citations move to the entity you choose, "
            f"‘{drop.name}’ becomes one of its aliases, and ‘{drop.name}’ is removed. "
            "You can undo this with Ctrl+Z.")
        explain.setWordWrap(True)
        explain.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Merge")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setEnabled(False)
        self.choice.currentIndexChanged.connect(lambda i: self._ok.setEnabled(i >= 0))
        layout = QVBoxLayout(self)
        for widget in (intro, self.choice, explain, buttons):
            layout.addWidget(widget)

    def choose(self, entity_id: int) -> None:
        self.choice.setCurrentIndex(self.choice.findData(entity_id))

    def _accept(self) -> None:
        data = self.choice.currentData()
        if data is None:
            return
        self.keep_id = int(data)
        self.accept()
