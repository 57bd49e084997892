"""Add or edit a person, organization or place.

The typed name, native-script name and aliases are looked up as they change: if another
entity already answers to one of them, a warning under the name offers "Open existing".
It is a warning, not a block — two people may share a name — but it is the cheapest
moment to avoid a duplicate that would later need merging.

The dates are the entity's own span (born/died, founded/dissolved) and are optional.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from db import ops
from db.errors import NotFoundError
from models.edits import EntityEdit
from models.labels import distinct_names, short
from models.records import ENTITY_KINDS, Entity
from ui.dialogs.base import Operation, RecordDialog, TextArea, named, plain_label, under
from ui.dialogs.citations import CitationsEditor
from ui.dialogs.fields import DateField, FieldError
from ui.document import Document
from ui.theme import message_css

DATE_LABELS = {"person": ("Born", "Died"), "organization": ("Founded", "Dissolved"),
               "place": ("From", "Until")}


def aliases_of(text: str, name: str) -> list[str]:
    """One alias per line, blanks and repeats (and the name itself) dropped."""
    return distinct_names(text.splitlines(), taken=[name])


class DuplicateWarning(QFrame):
    """"Already exists" under the name field, with a way to go to that record instead."""

    def __init__(self) -> None:
        super().__init__()
        self.message = plain_label()
        self.message.setStyleSheet(message_css("warning"))
        self.open_button = QPushButton("Open existing")
        self.open_button.setAutoDefault(False)
        self.open_button.setAccessibleName("Open the existing record")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.open_button)
        self.existing_id: int | None = None
        self.hide()

    def show_match(self, written: str, matches: list[Entity]) -> None:
        if not matches:
            self.existing_id = None
            self.hide()
            return
        first = matches[0]
        more = f" (and {len(matches) - 1} more)" if len(matches) > 1 else ""
        self.message.setText(f"‘{written}’ is already the name of {first.kind} "
                             f"‘{first.name}’{more}.")
        self.existing_id = first.id
        self.show()


class EditEntityDialog(RecordDialog):
    """New entity when ``entity_id`` is None (of ``kind``), else edit that one."""

    record_kind = "entity"

    def __init__(self, document: Document, entity_id: int | None = None,
                 kind: str = "person", parent: QWidget | None = None) -> None:
        entity = document.store.entity(entity_id) if entity_id is not None else None
        kind = entity.kind if entity else (kind if kind in ENTITY_KINDS else "person")
        title = f"Edit {kind} ‘{short(entity.name)}’" if entity else f"New {kind}"
        super().__init__(document, title, parent)
        self.entity_id = entity_id
        self.opened_existing: int | None = None
        self._build(kind)
        if entity is not None:
            self._load(entity)
        self.finish()

    # -- building ----------------------------------------------------------------------

    def _build(self, kind: str) -> None:
        self.kind_combo = named(QComboBox(), "Kind")
        for value in ENTITY_KINDS:
            self.kind_combo.addItem(value.capitalize(), value)
        self.kind_combo.setCurrentIndex(ENTITY_KINDS.index(kind))
        self.name_edit = named(QLineEdit(placeholderText="Required"), "Name")
        self.name_error = FieldError()
        self.duplicate = DuplicateWarning()
        self.duplicate.open_button.clicked.connect(self.open_existing)
        self.native_edit = named(QLineEdit(placeholderText="In its own script, e.g. 金東明"),
                                 "Native-script name")
        self.aliases_edit = named(TextArea(2, "Other names, one per line"), "Aliases")
        self.description_edit = named(TextArea(3), "Description")
        self.date_field = DateField(placeholder="Optional, e.g. 1952, c. 1974")
        self.end_field = DateField(placeholder="Optional", end_of=self.date_field)
        self.date_field.edit.setAccessibleName("Start date")
        self.end_field.edit.setAccessibleName("End date")
        self.end_error = FieldError()
        self.notes_edit = named(TextArea(2), "Notes")
        self.citations = CitationsEditor(self.document.store.sources())
        self._lay_out()
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        for field in (self.name_edit, self.native_edit, self.aliases_edit):
            field.textChanged.connect(self.check_duplicates)
        self.watch(self.kind_combo, self.name_edit, self.native_edit, self.aliases_edit,
                   self.description_edit, self.date_field, self.end_field, self.notes_edit,
                   self.citations)
        self._kind_changed()

    def _lay_out(self) -> None:
        form = self.form
        form.addRow("&Kind", self.kind_combo)
        form.addRow("&Name", under(self.name_edit, self.name_error, self.duplicate))
        form.addRow("Nati&ve name", self.native_edit)
        form.addRow("&Aliases", self.aliases_edit)
        form.addRow("&Description", self.description_edit)
        self.date_row = under(self.date_field)
        self.end_row = under(self.end_field, self.end_error)
        form.addRow("Start", self.date_row)
        form.addRow("End", self.end_row)
        form.addRow("No&tes", self.notes_edit)
        form.addRow("Sources", self.citations)

    def _load(self, entity: Entity) -> None:
        self.name_edit.setText(entity.name)
        self.native_edit.setText(entity.native_name)
        self.aliases_edit.setPlainText("\n".join(entity.aliases))
        self.description_edit.setPlainText(entity.description)
        self.date_field.setText(entity.date)
        self.end_field.setText(entity.end_date)
        self.notes_edit.setPlainText(entity.notes)
        assert entity.id is not None
        self.citations.set_citations(self.store.citations_for("entity", entity.id))

    def prefill_name(self, text: str) -> None:
        """Start with a name typed elsewhere, without counting it as an unsaved change."""
        self.name_edit.setText(text)
        self.finish()

    # -- reacting ----------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def _kind_changed(self) -> None:
        start, end = DATE_LABELS[self.kind()]
        for row, text in ((self.date_row, start), (self.end_row, end)):
            label = self.form.labelForField(row)
            if isinstance(label, QLabel):
                label.setText(text)
        self.date_field.edit.setAccessibleName(f"{start} (date)")
        self.end_field.edit.setAccessibleName(f"{end} (date)")
        if self.entity_id is None:
            self.setWindowTitle(f"New {self.kind()}")

    def check_duplicates(self) -> None:
        """Warn when another entity already answers to a name typed here."""
        names = [self.name_edit.text(), self.native_edit.text(),
                 *self.aliases_edit.toPlainText().splitlines()]
        for written in (n.strip() for n in names):
            if not written:
                continue
            matches = [e for e in self.store.find_entities(written) if e.id != self.entity_id]
            if matches:
                self.duplicate.show_match(written, matches)
                return
        self.duplicate.show_match("", [])

    def open_existing(self) -> None:
        """Give up this record for the one that exists; shows it unless nested."""
        existing = self.duplicate.existing_id
        if existing is None:
            return
        try:
            self.store.entity(existing)
        except NotFoundError:
            self.check_duplicates()
            return
        self.opened_existing = existing
        if not self.deferred:
            self.document.selection.select("entity", existing)
        self.done(QDialog.DialogCode.Rejected)

    # -- RecordDialog ------------------------------------------------------------------

    def state(self) -> tuple[object, ...]:
        return (self.kind(), self.name_edit.text(), self.native_edit.text(),
                self.aliases_edit.toPlainText(), self.description_edit.toPlainText(),
                self.date_field.text(), self.end_field.text(), self.notes_edit.toPlainText(),
                self.citations.state())

    def validate(self) -> bool:
        name_ok = bool(self.name_edit.text().strip())
        self.name_error.show_error(
            "" if name_ok or not self.name_edit.isModified() else "A name is needed.")
        lone_end = bool(self.end_field.text()) and not self.date_field.text()
        self.end_error.show_error("Give a start date too, or clear this one." if lone_end
                                  else "")
        dates_ok = self.date_field.is_valid() and self.end_field.is_valid() and not lone_end
        return self.citations.check() and name_ok and dates_ok

    def focus_chain(self) -> Sequence[QWidget]:
        return [self.kind_combo, self.name_edit, self.duplicate.open_button, self.native_edit,
                self.aliases_edit, self.description_edit, self.date_field.edit,
                self.end_field.edit, self.notes_edit, *self.citations.focus_widgets()]

    def entity_record(self) -> Entity:
        name = self.name_edit.text().strip()
        return Entity(kind=self.kind(), name=name, native_name=self.native_edit.text().strip(),
                      aliases=aliases_of(self.aliases_edit.toPlainText(), name),
                      description=self.description_edit.toPlainText(),
                      date=self.date_field.text(), end_date=self.end_field.text(),
                      notes=self.notes_edit.toPlainText(), id=self.entity_id)

    def edit_value(self) -> EntityEdit:
        return EntityEdit(self.entity_record(), tuple(self.citations.citations()))

    def operation(self) -> Operation:
        return ops.add_entity if self.entity_id is None else ops.update_entity
