"""Competing claims in the record dialogs: another date of an event, another kind or
dates of a relationship, as some source gives it.

``ClaimDialog`` adds one (alternative or rejected) with its citations; ``ClaimsSection``
lists a record's claims in its dialog with "Add another claim…", "Make preferred" and
"Delete claim".
Each is its own undoable step, written at once (``db.ops.add_claim``,
``set_preferred_claim``): a claim hangs on a record already in the file. Preferring one
changes the record's own values, so it is offered only while the dialog holds no
unsaved change, and asks which of the record's citations go with the values set aside
(``ui.prefer``); the dialog then shows the record as it now is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db import ops
from db.errors import StoreError
from db.evidence import grade_code
from models.edits import ClaimEdit
from models.records import STORED_CLAIM_STATUSES, Claim
from ui.dialogs.base import Operation, RecordDialog, TextArea, named, under
from ui.dialogs.citations import CitationsEditor
from ui.dialogs.fields import DateField, FieldError
from ui.document import Document
from ui.prefer import claim_text, prefer_claim


def claim_line(claim: Claim, sources: str = "") -> str:
    """One line of a claims list: 'Alternative: 17 August 2023 — Source B B2'."""
    said = claim_text(claim)
    return f"{claim.status.capitalize()}: {said}" + (f" — {sources}" if sources else "")


class ClaimDialog(RecordDialog):
    """Add another claim about an event (a date) or a relationship (a kind, dates)."""

    def __init__(self, document: Document, target_type: str, target_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(document, "Add another claim", parent)
        self.record_kind = target_type
        self.target = (target_type, target_id)
        is_event = target_type == "event"
        self.kind_edit = named(QLineEdit(placeholderText="Required: the kind this source "
                                                         "gives"), "Claimed kind")
        self.kind_edit.setVisible(not is_event)
        self.date_field = DateField(placeholder="Required, as the source gives it"
                                    if is_event else "Optional, as the source gives it")
        self.end_field = DateField(placeholder="Optional", end_of=self.date_field)
        self.date_field.edit.setAccessibleName("Claimed date")
        self.end_field.edit.setAccessibleName("Claimed end date")
        self.problem = FieldError()
        self.status_combo = named(QComboBox(), "Status")
        self.status_combo.addItems([s.capitalize() for s in STORED_CLAIM_STATUSES])
        self.note_edit = named(TextArea(2), "Note")
        self.citations = CitationsEditor(self.store.sources())
        if not is_event:
            self.form.addRow("&Kind", self.kind_edit)
        self.form.addRow("&Date", under(self.date_field, self.problem))
        self.form.addRow("&End date", self.end_field)
        self.form.addRow("S&tatus", self.status_combo)
        self.form.addRow("&Note", self.note_edit)
        self.form.addRow("Sources", self.citations)
        self.watch(self.kind_edit, self.date_field, self.end_field, self.status_combo,
                   self.note_edit, self.citations)
        self.finish()

    def state(self) -> tuple[object, ...]:
        return (self.kind_edit.text(), self.date_field.text(), self.end_field.text(),
                self.status_combo.currentIndex(), self.note_edit.toPlainText(),
                self.citations.state())

    def validate(self) -> bool:
        is_event = self.target[0] == "event"
        missing = ("Give the date this source claims." if is_event and not
                   self.date_field.text() else "Give the kind this source claims."
                   if not is_event and not self.kind_edit.text().strip() else "")
        touched = self.date_field.edit.isModified() or self.kind_edit.isModified()
        self.problem.show_error(missing if touched else "")
        dates_ok = self.date_field.is_valid() and self.end_field.is_valid()
        return not missing and dates_ok and self.citations.check()

    def focus_chain(self) -> Sequence[QWidget]:
        return [self.kind_edit, self.date_field.edit, self.end_field.edit,
                self.status_combo, self.note_edit, *self.citations.focus_widgets()]

    def edit_value(self) -> ClaimEdit:
        status = STORED_CLAIM_STATUSES[self.status_combo.currentIndex()]
        return ClaimEdit(Claim(*self.target, self.date_field.text(), self.end_field.text(),
                               self.kind_edit.text().strip(), status,
                               self.note_edit.toPlainText().strip()),
                         tuple(self.citations.citations()))

    def operation(self) -> Operation:
        return ops.add_claim

    def selection_after(self, record_id: int) -> tuple[str, int]:
        return self.target


class ClaimsSection(QWidget):
    """A record's other claims in its dialog, with Add and Make preferred."""

    preferred = Signal()  # the record's values changed: its dialog shows them again

    def __init__(self, dialog: RecordDialog, target_type: str, target_id: int) -> None:
        super().__init__()
        self.dialog, self.target = dialog, (target_type, target_id)
        self.run_child: Callable[[QDialog], bool] = (
            lambda child: child.exec() == QDialog.DialogCode.Accepted)
        self.list = named(QListWidget(), "Other claims")
        self.list.setMaximumHeight(90)
        self.add_button = QPushButton("Add another claim…")
        self.prefer_button = QPushButton("Make preferred")
        self.delete_button = QPushButton("Delete claim")
        self.why = QLabel()
        self.why.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.prefer_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.why)
        self.add_button.clicked.connect(self.add)
        self.prefer_button.clicked.connect(self.prefer_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.reload()

    def reload(self) -> None:
        store = self.dialog.store
        self.list.clear()
        for claim in store.claims_for(*self.target):
            cited = []
            for c in store.citations_for("claim", claim.id or 0):
                source = store.source(c.source_id)
                code = grade_code(source.reliability, c.confidence)
                cited.append(f"{source.title} {code}".strip())
            item = QListWidgetItem(claim_line(claim, "; ".join(cited)))
            item.setData(Qt.ItemDataRole.UserRole, claim.id)
            self.list.addItem(item)
        self.list.setVisible(self.list.count() > 0)
        self._update()

    def _update(self) -> None:
        readonly = self.dialog.document.readonly
        self.add_button.setEnabled(not readonly)
        chosen = not readonly and self.list.currentItem() is not None
        self.prefer_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def add(self) -> None:
        child = ClaimDialog(self.dialog.document, *self.target, parent=self.dialog)
        if self.run_child(child):
            self.reload()

    def _current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def prefer_current(self) -> None:
        if (claim_id := self._current_id()) is not None:
            self.prefer(claim_id)

    def delete_current(self) -> None:
        """Delete the chosen claim with its citations (an undo step; the record keeps
        its own values, so the dialog's fields are not touched)."""
        if (claim_id := self._current_id()) is None:
            return
        try:
            self.dialog.document.apply(lambda s: ops.delete_claim(s, claim_id),
                                       origin=self.dialog)
        except StoreError as exc:
            self.why.setText(str(exc))
            return
        self.reload()

    def prefer(self, claim_id: int) -> None:
        """Make the claim the record's own values, unless the dialog has unsaved edits
        (they would be written over it, or lost)."""
        if self.dialog.is_dirty():
            self.why.setText("Save or discard your changes to this record first.")
            return
        try:
            if not prefer_claim(self.dialog.document, claim_id, self.dialog, self.run_child,
                                origin=self.dialog):
                return
        except StoreError as exc:
            self.why.setText(str(exc))
            return
        self.why.setText("")
        self.reload()
        self.preferred.emit()


def claims_after_saving(what: str) -> QLabel:
    """The "Other claims" row of a record not yet saved: where its claims will go."""
    label = named(QLabel(f"Where another source gives other {what}, save this record "
                         "first; then open it again (double-click) and use Add another "
                         "claim."), "Other claims")
    label.setWordWrap(True)
    return label

