"""Add or edit an event: what happened, when, who took part and on what evidence.

The dates are read as they are typed and explained under the field, so "late December
2022" is seen to mean 21–31 December before it is saved. A person or organization that
is not in the file yet is created from here ("New person/organization…" opens the entity
dialog in deferred mode): it is written by this dialog's own write, so the event, its new
participants and its citations are one undo step — Undo never leaves a stray new person
behind, and Cancel creates nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDialog, QLineEdit, QWidget

from db import ops
from models.edits import EventEdit
from models.labels import distinct_names, short
from models.records import EVENT_CATEGORIES, Entity, Event
from ui.dialogs.base import Operation, RecordDialog, TextArea, named, under
from ui.dialogs.citations import CitationsEditor
from ui.dialogs.claims import ClaimsSection, claims_after_saving
from ui.dialogs.entity_dialog import EditEntityDialog
from ui.dialogs.fields import DateField, FieldError
from ui.dialogs.inferred import InferredField
from ui.dialogs.participants import EntityIndex, ParticipantsEditor
from ui.document import Document


def tags_of(text: str) -> list[str]:
    """Comma-separated tags, blanks and repeats dropped (tags ignore case in the file)."""
    return distinct_names(text.split(","))


class EditEventDialog(RecordDialog):
    """New event when ``event_id`` is None, else edit that one."""

    record_kind = "event"

    def __init__(self, document: Document, event_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        event = document.store.event(event_id) if event_id is not None else None
        title = f"Edit event ‘{short(event.title)}’" if event else "New event"
        super().__init__(document, title, parent)
        self.event_id = event_id
        self._notes = event.notes if event else ""
        entities = document.store.entities()
        self.index = EntityIndex(entities, self)
        self._build(entities)
        if event is not None:
            self._load(event)
        self.finish()

    # -- building ----------------------------------------------------------------------

    def _build(self, entities: list[Entity]) -> None:
        self.title_edit = named(QLineEdit(placeholderText="Required"), "Title")
        self.title_error = FieldError()
        self.date_field = DateField(
            placeholder="Required, e.g. late December 2022, c. 1974, 1988–1991")
        self.end_field = DateField(placeholder="Optional, for what lasted a while",
                                   end_of=self.date_field)
        self.date_field.edit.setAccessibleName("Date")
        self.end_field.edit.setAccessibleName("End date")
        self.date_error = FieldError()
        self.inferred = InferredField("the date")
        self.category_combo = named(self._category_combo(), "Category")
        self.location_edit = named(QLineEdit(placeholderText="Where it happened"), "Location")
        places = sorted({e.name for e in entities if e.kind == "place"}, key=str.casefold)
        location_completer = QCompleter(places, self.location_edit)
        location_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.location_edit.setCompleter(location_completer)
        self.tags_edit = named(QLineEdit(placeholderText="Comma-separated, e.g. Track 1.5, "
                                                         "visits"), "Tags")
        self.summary_edit = named(TextArea(4), "Summary")
        self.participants = ParticipantsEditor(self.index, create=self.create_entity)
        self.citations = CitationsEditor(self.store.sources())
        self._lay_out()
        self.watch(self.title_edit, self.date_field, self.end_field, *self.inferred.widgets(),
                   self.category_combo, self.location_edit, self.tags_edit, self.summary_edit,
                   self.participants, self.citations)

    def _category_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        in_use = self.store.category_names()
        known = {c.casefold() for c in EVENT_CATEGORIES}
        extra = sorted((c for c in in_use if c.strip() and c.casefold() not in known),
                       key=str.casefold)
        combo.addItems([*EVENT_CATEGORIES, *extra])
        combo.setCurrentIndex(-1)
        combo.lineEdit().setPlaceholderText("e.g. diplomatic — or type a new one")
        return combo

    def _lay_out(self) -> None:
        form = self.form
        form.addRow("&Title", under(self.title_edit, self.title_error))
        form.addRow("&Date", under(self.date_field, self.date_error))
        form.addRow("&End date", self.end_field)
        form.addRow("", self.inferred)
        form.addRow("Categor&y", self.category_combo)
        form.addRow("&Location", self.location_edit)
        form.addRow("Ta&gs", self.tags_edit)
        form.addRow("&Summary", self.summary_edit)
        form.addRow("Participants", self.participants)
        form.addRow("Sources", self.citations)
        if self.event_id is not None:
            self.claims = ClaimsSection(self, "event", self.event_id)
            self.claims.preferred.connect(self._reload)
            form.addRow("Other claims", self.claims)
        else:
            form.addRow("Other claims", claims_after_saving("dates"))

    def _reload(self) -> None:
        """Show the event as it is now (a claim was made preferred)."""
        assert self.event_id is not None
        self._load(self.store.event(self.event_id))
        self.finish()

    def _load(self, event: Event) -> None:
        self.title_edit.setText(event.title)
        self.date_field.setText(event.date)
        self.end_field.setText(event.end_date)
        self.inferred.load(event.inferred, event.notes)
        self.category_combo.setCurrentText(event.category)
        self.location_edit.setText(event.location)
        self.tags_edit.setText(", ".join(event.tags))
        self.summary_edit.setPlainText(event.summary)
        self.participants.set_participants(event.participants)
        assert event.id is not None
        self.citations.set_citations(self.store.citations_for("event", event.id))

    # -- new entities ------------------------------------------------------------------

    def create_entity(self, typed: str) -> int | None:
        """Ask for a new entity; return its draft id (or an existing one the user chose
        with "Open existing"), or None if cancelled. Nothing is written yet."""
        dialog = EditEntityDialog(self.document, kind="person", parent=self)
        dialog.deferred = True
        if typed:
            dialog.prefill_name(typed)
        accepted = self.run_child(dialog)
        if dialog.opened_existing is not None:
            return dialog.opened_existing
        if not accepted or dialog.deferred_edit is None:
            return None
        return self.index.add_draft(dialog.deferred_edit)

    def run_child(self, dialog: QDialog) -> bool:
        """Run a nested dialog modally; True if it was accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    # -- RecordDialog ------------------------------------------------------------------

    def state(self) -> tuple[object, ...]:
        return (self.title_edit.text(), self.date_field.text(), self.end_field.text(),
                self.inferred.state(), self.category_combo.currentText(), self.location_edit.text(),
                self.tags_edit.text(), self.summary_edit.toPlainText(),
                self.participants.state(), self.citations.state())

    def validate(self) -> bool:
        title_ok = bool(self.title_edit.text().strip())
        self.title_error.show_error(
            "" if title_ok or not self.title_edit.isModified() else "An event needs a title.")
        has_date = bool(self.date_field.text())
        self.date_error.show_error(
            "" if has_date or not self.date_field.edit.isModified()
            else "An event needs a date, however vague (e.g. “2020s”).")
        dates_ok = has_date and self.date_field.is_valid() and self.end_field.is_valid()
        rows_ok = all([self.participants.check(), self.citations.check()])
        return title_ok and dates_ok and rows_ok

    def focus_chain(self) -> Sequence[QWidget]:
        return [self.title_edit, self.date_field.edit, self.end_field.edit,
                *self.inferred.widgets(), self.category_combo, self.location_edit,
                self.tags_edit, self.summary_edit,
                *self.participants.focus_widgets(), *self.citations.focus_widgets()]

    def event_record(self) -> Event:
        return Event(
            title=self.title_edit.text().strip(), date=self.date_field.text(),
            end_date=self.end_field.text(), summary=self.summary_edit.toPlainText(),
            category=self.category_combo.currentText().strip(),
            location=self.location_edit.text().strip(),
            notes=self.inferred.notes(self._notes), inferred=self.inferred.is_inferred(),
            participants=self.participants.participants(),
            tags=tags_of(self.tags_edit.text()), id=self.event_id)

    def edit_value(self) -> EventEdit:
        drafts = {d: self.index.drafts[d] for d in self.participants.used_drafts()}
        return EventEdit(self.event_record(), tuple(self.citations.citations()), drafts)

    def operation(self) -> Operation:
        return ops.add_event if self.event_id is None else ops.update_event
