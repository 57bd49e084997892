"""Add or edit a relationship between two entities: who, what kind, when, on what evidence.

Both ends are chosen by typing any of an entity's names. "Directed" follows the kind
until the user sets it: "member of" reads one way, "allied with" both ways; an edited
relationship keeps what was saved. A relationship from an entity to itself is refused
next to the "to" field (the Store refuses it as well).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from db import ops
from models.edits import RelationshipEdit
from models.labels import short
from models.records import Relationship
from ui.dialogs.base import Operation, RecordDialog, TextArea, named, under
from ui.dialogs.citations import CitationsEditor
from ui.dialogs.claims import ClaimsSection, claims_after_saving
from ui.dialogs.fields import DateField, FieldError
from ui.dialogs.inferred import InferredField
from ui.dialogs.participants import EntityIndex, EntityPicker
from ui.document import Document

RELATIONSHIP_KINDS: tuple[str, ...] = (
    "holds office in", "member of", "chairs", "leads delegation", "visited", "advises",
    "trained at", "represents", "allied with", "successor of", "works at", "studied at",
    "founded", "commanded", "part of",
)
MUTUAL_KINDS = frozenset({"allied with", "partner of", "married to", "related to",
                          "sibling of", "knows", "cooperates with", "rival of"})


class EditRelationshipDialog(RecordDialog):
    """New relationship when ``relationship_id`` is None (ends from ``from_id``/``to_id``
    if given), else edit that one."""

    record_kind = "relationship"

    def __init__(self, document: Document, relationship_id: int | None = None,
                 from_id: int | None = None, to_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        rel = (document.store.relationship(relationship_id)
               if relationship_id is not None else None)
        title = f"Edit relationship ‘{short(rel.kind)}’" if rel else "New relationship"
        super().__init__(document, title, parent)
        self.relationship_id = relationship_id
        self._notes = rel.notes if rel else ""
        self._directed_set = rel is not None
        self.index = EntityIndex(document.store.entities(), self)
        self._build()
        if rel is not None:
            self._load(rel)
        else:
            self.from_picker.set_entity(from_id)
            self.to_picker.set_entity(to_id)
        self.finish()

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.from_picker = named(EntityPicker(self.index), "From")
        self.from_error = FieldError()
        self.kind_combo = named(self._kind_combo(), "Kind of relationship")
        self.kind_error = FieldError()
        self.to_picker = named(EntityPicker(self.index), "To")
        self.to_error = FieldError()
        self.directed_box = named(QCheckBox("Directed (reads from → to)"), "Directed")
        self.directed_box.setChecked(True)
        self.directed_box.clicked.connect(self._directed_clicked)
        self.date_field = DateField(placeholder="Optional, e.g. 1988, from 2019")
        self.end_field = DateField(placeholder="Optional", end_of=self.date_field)
        self.date_field.edit.setAccessibleName("Start date")
        self.end_field.edit.setAccessibleName("End date")
        self.end_error = FieldError()
        self.inferred = InferredField("it")
        self.description_edit = named(TextArea(3), "Description")
        self.citations = CitationsEditor(self.store.sources())
        form = self.form
        form.addRow("&From", under(self.from_picker, self.from_error))
        form.addRow("&Kind", under(self.kind_combo, self.kind_error))
        form.addRow("&To", under(self.to_picker, self.to_error))
        form.addRow("", self.directed_box)
        form.addRow("&Start", self.date_field)
        form.addRow("&End", under(self.end_field, self.end_error))
        form.addRow("", self.inferred)
        form.addRow("&Description", self.description_edit)
        form.addRow("Sources", self.citations)
        if self.relationship_id is not None:
            self.claims = ClaimsSection(self, "relationship", self.relationship_id)
            self.claims.preferred.connect(self._reload)
            form.addRow("Other claims", self.claims)
        else:
            form.addRow("Other claims", claims_after_saving("kind or dates"))
        self.kind_combo.currentTextChanged.connect(self._kind_changed)
        for picker in (self.from_picker, self.to_picker):
            picker.editingFinished.connect(self.refresh)
        self.watch(self.from_picker, self.kind_combo, self.to_picker, self.directed_box,
                   self.date_field, self.end_field, *self.inferred.widgets(),
                   self.description_edit, self.citations)

    def _kind_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        known = {k.casefold() for k in RELATIONSHIP_KINDS}
        in_use = sorted({k for k in self.store.relationship_kinds()
                         if k.casefold() not in known}, key=str.casefold)
        combo.addItems([*RELATIONSHIP_KINDS, *in_use])
        combo.setCurrentIndex(-1)
        combo.lineEdit().setPlaceholderText("e.g. member of — or type a new one")
        return combo

    def _load(self, rel: Relationship) -> None:
        self.from_picker.set_entity(rel.from_id)
        self.to_picker.set_entity(rel.to_id)
        self.kind_combo.setCurrentText(rel.kind)
        self.directed_box.setChecked(rel.directed)
        self.date_field.setText(rel.date)
        self.end_field.setText(rel.end_date)
        self.inferred.load(rel.inferred, rel.notes)
        self.description_edit.setPlainText(rel.description)
        assert rel.id is not None
        self.citations.set_citations(self.store.citations_for("relationship", rel.id))

    def _reload(self) -> None:
        """Show the relationship as it is now (a claim was made preferred)."""
        assert self.relationship_id is not None
        self._load(self.store.relationship(self.relationship_id))
        self.finish()

    # -- reacting ----------------------------------------------------------------------

    def _directed_clicked(self) -> None:
        self._directed_set = True

    def _kind_changed(self, kind: str) -> None:
        """Suggest "directed" from the kind until the user has set it themselves."""
        if not self._directed_set:
            self.directed_box.setChecked(kind.strip().casefold() not in MUTUAL_KINDS)

    # -- RecordDialog ------------------------------------------------------------------

    def state(self) -> tuple[object, ...]:
        return (self.from_picker.text(), self.kind_combo.currentText(), self.to_picker.text(),
                self.directed_box.isChecked(), self.date_field.text(), self.end_field.text(),
                self.inferred.state(), self.description_edit.toPlainText(),
                self.citations.state())

    def validate(self) -> bool:
        from_problem = self.from_picker.problem("Choose where the relationship starts.")
        to_problem = self.to_picker.problem("Choose the other end.")
        ends = (self.from_picker.entity_id(), self.to_picker.entity_id())
        if not to_problem and ends[0] == ends[1]:
            to_problem = "A relationship joins two different entities: choose another."
        self._show(self.from_picker, self.from_error, from_problem)
        self._show(self.to_picker, self.to_error, to_problem)
        kind_ok = bool(self.kind_combo.currentText().strip())
        self.kind_error.show_error("" if kind_ok or not self.kind_combo.lineEdit().isModified()
                                   else "Say what kind of relationship it is.")
        lone_end = bool(self.end_field.text()) and not self.date_field.text()
        self.end_error.show_error("Give a start date too, or clear this one." if lone_end
                                  else "")
        dates_ok = self.date_field.is_valid() and self.end_field.is_valid() and not lone_end
        rows_ok = self.citations.check()
        return not from_problem and not to_problem and kind_ok and dates_ok and rows_ok

    @staticmethod
    def _show(picker: EntityPicker, error: FieldError, problem: str) -> None:
        """A picker's problem once it was typed in and left (or it is the same entity)."""
        quiet = picker.typing() or not (picker.text() or picker.isModified())
        error.show_error("" if quiet else problem)

    def focus_chain(self) -> Sequence[QWidget]:
        return [self.from_picker, self.kind_combo, self.to_picker, self.directed_box,
                self.date_field.edit, self.end_field.edit, *self.inferred.widgets(),
                self.description_edit,
                *self.citations.focus_widgets()]

    def relationship_record(self) -> Relationship:
        from_id, to_id = self.from_picker.entity_id(), self.to_picker.entity_id()
        assert from_id is not None and to_id is not None
        return Relationship(
            from_id=from_id, to_id=to_id, kind=self.kind_combo.currentText().strip(),
            directed=self.directed_box.isChecked(), date=self.date_field.text(),
            end_date=self.end_field.text(), description=self.description_edit.toPlainText(),
            notes=self.inferred.notes(self._notes), inferred=self.inferred.is_inferred(),
            id=self.relationship_id)

    def edit_value(self) -> RelationshipEdit:
        return RelationshipEdit(self.relationship_record(), tuple(self.citations.citations()))

    def operation(self) -> Operation:
        return ops.add_relationship if self.relationship_id is None else ops.update_relationship
