"""Choosing entities by typing, and the participants editor of the event dialog.

``EntityIndex`` holds every entity's names (name, native-script name and aliases) once
per dialog, so typing "Kim D.", "金東明" or "dong" all find Kim Dong-myung. Entities that
the user creates from the event dialog ("New person/organization…") are *drafts*: they
get negative ids here and are written by the event's own write, in the same undo step,
and only if some participant row still names them.

``EntityPicker`` is a line edit with a popup of matches. What it resolves to is the
entity picked from the popup, or else the one entity whose name equals the text; a name
shared by several entities must be picked from the list, so a participant is never
guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QPushButton, QWidget

from models.edits import EntityEdit
from models.records import Entity, Participant
from ui.dialogs.base import EditorRow, RowsEditor

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class EntityIndex(QObject):
    """Every entity's names for type-ahead, plus the drafts created in this dialog."""

    def __init__(self, entities: Iterable[Entity], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(self)
        self.model.setSortRole(NAME_ROLE)
        self._entities: dict[int, Entity] = {}
        self._by_name: dict[str, list[int]] = {}
        self.drafts: dict[int, EntityEdit] = {}
        for entity in entities:
            if entity.id is not None:
                self._add(entity.id, entity, draft=False)
        self.model.sort(0)

    def _add(self, record_id: int, entity: Entity, draft: bool) -> None:
        self._entities[record_id] = entity
        kind = f"new {entity.kind}" if draft else entity.kind
        for written in dict.fromkeys(n.strip() for n in entity.all_names()):
            self._by_name.setdefault(written.casefold(), []).append(record_id)
            shown = (f"{written}  ({kind})" if written == entity.name.strip()
                     else f"{written}  → {entity.name}  ({kind})")
            item = QStandardItem(shown)
            item.setData(written, NAME_ROLE)
            item.setData(record_id, ID_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)

    def add_draft(self, edit: EntityEdit) -> int:
        """Offer a not-yet-written entity to every picker; returns its (negative) id."""
        draft_id = -(len(self.drafts) + 1)
        self.drafts[draft_id] = edit
        self._add(draft_id, edit.entity, draft=True)
        self.model.sort(0)
        return draft_id

    def entity(self, record_id: int) -> Entity | None:
        return self._entities.get(record_id)

    def name_of(self, record_id: int) -> str:
        entity = self._entities.get(record_id)
        return entity.name if entity else f"#{record_id}"

    def ids_named(self, text: str) -> list[int]:
        return list(dict.fromkeys(self._by_name.get(text.strip().casefold(), [])))


class EntityPicker(QLineEdit):
    """Type part of any name; pick from the popup, or type a name exactly."""

    def __init__(self, index: EntityIndex, placeholder: str = "Type a name…") -> None:
        super().__init__(placeholderText=placeholder)
        self.index = index
        self._chosen: tuple[str, int] | None = None
        completer = QCompleter(index.model, self)
        completer.setCompletionRole(NAME_ROLE)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self._pending: str | None = None
        completer.activated[QModelIndex].connect(self._picked)
        self.setCompleter(completer)
        self.textChanged.connect(self._show_main_name)

    def _picked(self, index: QModelIndex) -> None:
        """Show the picked entity by its main name. The line edit may put the name that
        matched (maybe an alias) back in just after; ``_show_main_name`` undoes that."""
        record_id = int(index.data(ID_ROLE))
        self._pending = str(index.data(NAME_ROLE))
        self.set_entity(record_id)
        QTimer.singleShot(0, self, self._forget_pending)  # cancelled if the row goes

    def _show_main_name(self, text: str) -> None:
        if self._pending is not None and text == self._pending and self._chosen is not None:
            self.set_entity(self._chosen[1])

    def _forget_pending(self) -> None:
        self._pending = None

    def set_entity(self, record_id: int | None) -> None:
        """Show an entity by its main name, remembering exactly which one it is."""
        if record_id is None:
            self._chosen = None
            self.clear()
            return
        name = self.index.name_of(record_id)
        self._chosen = (name, record_id)
        self.setText(name)

    def entity_id(self) -> int | None:
        """The entity meant, or None while the text names none or several."""
        if self._chosen and self._chosen[0] == self.text():
            return self._chosen[1]
        ids = self.index.ids_named(self.text())
        return ids[0] if len(ids) == 1 else None

    def typing(self) -> bool:
        """Still being typed in: not naming anyone yet is no error to show until Tab."""
        return self.hasFocus() and self.entity_id() is None

    def problem(self, missing: str) -> str:
        """Why the text does not name one entity ("" if it does); ``missing`` if empty."""
        text = self.text().strip()
        if not text:
            return missing
        if self.entity_id() is not None:
            return ""
        if self.index.ids_named(text):
            return f"Several entities are called ‘{text}’: pick one from the list."
        return f"No person, organization or place is called ‘{text}’: pick one from the list."


class ParticipantRow(EditorRow):
    """Who took part, and in what role."""

    def __init__(self, index: EntityIndex) -> None:
        super().__init__("participant")
        self.picker = EntityPicker(index, "Person or organization — type a name…")
        self.role = QLineEdit(placeholderText="Role, e.g. delegation leader")
        self.line.addWidget(self.picker, 3)
        self.line.addWidget(self.role, 2)
        self.line.addWidget(self.remove_button)
        self.picker.textChanged.connect(self.changed)
        self.picker.editingFinished.connect(self.changed)
        self.role.textChanged.connect(self.changed)

    def number(self, n: int) -> None:
        super().number(n)
        self.picker.setAccessibleName(f"Participant {n}")
        self.role.setAccessibleName(f"Role of participant {n}")

    def fields(self) -> list[QWidget]:
        return [self.picker, self.role]

    def state(self) -> tuple[str, str]:
        return (self.picker.text(), self.role.text())

    def typing(self) -> bool:
        return self.picker.typing()

    def problem(self) -> str:
        return self.picker.problem("Choose a person or organization, or remove this row.")

    def value(self) -> Participant:
        entity_id = self.picker.entity_id()
        assert entity_id is not None, "value() of an unchecked row"
        return Participant(entity_id, self.role.text().strip())


class ParticipantsEditor(RowsEditor):
    """The participants of an event; "New person/organization…" asks ``create``."""

    def __init__(self, index: EntityIndex,
                 create: Callable[[str], int | None] | None = None) -> None:
        super().__init__("Add participant", "No participants yet.")
        self.index = index
        self.create = create
        self.new_button = QPushButton("New person/organization…")
        self.new_button.setAutoDefault(False)
        self.new_button.setToolTip("Create a new entity; it is saved together with the event.")
        self.new_button.clicked.connect(self.new_entity)
        self.new_button.setVisible(create is not None)
        self.button_line.insertWidget(1, self.new_button)

    def make_row(self) -> ParticipantRow:
        return ParticipantRow(self.index)

    def set_participants(self, participants: Iterable[Participant]) -> None:
        self.clear()
        for participant in participants:
            row = self.add_row()
            assert isinstance(row, ParticipantRow)
            row.picker.set_entity(participant.entity_id)
            row.role.setText(participant.role)

    def participants(self) -> list[Participant]:
        """The rows as participants (drafts have negative ids); rows must be checked."""
        return [row.value() for row in self.rows if isinstance(row, ParticipantRow)]

    def new_entity(self) -> None:
        """Create an entity (via ``create``) and put it in the row that needs one."""
        if self.create is None:
            return
        row = self._row_needing_entity()
        typed = row.picker.text().strip() if row else ""
        created = self.create(typed)
        if created is None:
            return
        if row is None:
            row = self.add_row()
        assert isinstance(row, ParticipantRow)
        row.picker.set_entity(created)
        row.role.setFocus()

    def _row_needing_entity(self) -> ParticipantRow | None:
        for row in self.rows:
            if isinstance(row, ParticipantRow) and row.picker.entity_id() is None:
                return row
        return None

    def used_drafts(self) -> list[int]:
        return sorted({p.entity_id for p in self.participants() if p.entity_id < 0},
                      reverse=True)
