"""The review area of the source dialog: what the paste assistant proposes, to tick.

Four tables in tabs: **Events** (ticked by default, except sentences dated only by the
one before them: title, date and category editable, the date's reading or error shown
live, and for an inferred date how it was resolved), **Known names** (ticked by default:
entities already in the file that the text names), **New names** (unticked by default:
name, kind, native name and acronyms editable; a name retyped to one the file has is
flagged at once) and **Relationships** (ticked by default; saved when both ends are
ticked or known). Space ticks every selected row; the buttons beside the tabs tick all,
none, or the new names of one kind. Nothing here writes: the
dialog asks for what is ticked (``chosen_events``, ``chosen_known``, ``chosen_new``,
``chosen_relationships``) and writes it in one undo step. Every cell is plain text;
tooltips from the data are escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from models.dates import DateParseError, parse_date
from models.drafts import Drafts, EventDraft, Match, NameDraft, RelationshipDraft
from models.edits import ChosenEvent, ChosenName
from models.intake.duplicates import Known, same_entity
from models.records import ENTITY_KINDS, EVENT_CATEGORIES
from ui.dialogs.ticks import SpaceTicksSelection, tick_rows

ERROR_BRUSH = QBrush(QColor("#fbe3e6"))
ERROR_TEXT = QBrush(QColor("#b00020"))
EVENT_COLUMNS = ("Event", "Date as written", "Category", "Reading", "Where", "Participants",
                 "Excerpt")
TITLE, DATE, CATEGORY, READING, WHERE, PEOPLE = range(6)
KNOWN_COLUMNS = ("Name", "Mentions", "First mention", "Context")
NEW_COLUMNS = ("Name", "Kind", "Native name", "Also known as", "Mentions", "First mention",
               "Context")
RELATION_COLUMNS = ("From", "Relationship", "To", "Date", "Where", "Excerpt")
RELATION_KIND = 1
Flag = Qt.ItemFlag


def _item(text: str, editable: bool = False, checked: bool | None = None,
          tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = Flag.ItemIsEnabled | Flag.ItemIsSelectable
    if editable:
        flags |= Flag.ItemIsEditable
    if checked is not None:
        flags |= Flag.ItemIsUserCheckable
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    item.setFlags(flags)
    if tip:
        item.setToolTip(f"<p>{escape(tip)}</p>")  # escaped: data never renders as HTML
    return item


def _table(columns: tuple[str, ...], accessible: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                          | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
    return table


def _combo(items: tuple[str, ...], current: str, accessible: str) -> QComboBox:
    combo = QComboBox()
    combo.addItems(list(items))
    combo.setCurrentText(current)
    combo.setAccessibleName(accessible)
    return combo


def _fit(table: QTableWidget, widest: dict[int, int]) -> None:
    """Columns as wide as their contents, but no wider than ``widest`` (the rest scrolls)."""
    table.resizeColumnsToContents()
    for column, width in widest.items():
        table.setColumnWidth(column, min(table.columnWidth(column), width))


def is_checked(table: QTableWidget, row: int) -> bool:
    item = table.item(row, 0)
    return item is not None and item.checkState() == Qt.CheckState.Checked


def set_checked(table: QTableWidget, row: int, checked: bool) -> None:
    table.item(row, 0).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class DraftsView(QTabWidget):
    """Proposed events and names, for the user to tick and correct; ``edited`` on a change."""

    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Proposed events and names")
        self.events = _table(EVENT_COLUMNS, "Proposed events")
        self.known = _table(KNOWN_COLUMNS, "Known names in the text")
        self.new = _table(NEW_COLUMNS, "New names in the text")
        self.relations = _table(RELATION_COLUMNS, "Proposed relationships")
        self._space = SpaceTicksSelection(self)
        for table, label in self._tables():
            self.addTab(table, label)
            table.itemChanged.connect(self._item_changed)
            table.installEventFilter(self._space)
        self.setCornerWidget(self._tick_buttons())
        self._drafts = Drafts()
        self._known_names: dict[int, str] = {}
        self._filling = False
        self.user_edited = False
        self.known_entities: Callable[[], Known] = list  # the file's (id, names); set by the dialog

    def _tables(self) -> tuple[tuple[QTableWidget, str], ...]:
        return ((self.events, "Events"), (self.known, "Known names"),
                (self.new, "New names"), (self.relations, "Relationships"))

    def _tick_buttons(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.tick_all_button = QPushButton("Tick all")
        self.tick_none_button = QPushButton("Tick none")
        self.tick_all_button.clicked.connect(lambda: self.tick_all(True))
        self.tick_none_button.clicked.connect(lambda: self.tick_all(False))
        self.kind_button = _combo(("Tick new names of a kind…", *ENTITY_KINDS), "",
                                  "Tick every new name of a kind")
        self.kind_button.activated.connect(self._tick_kind_chosen)
        for widget in (self.tick_all_button, self.tick_none_button, self.kind_button):
            row.addWidget(widget)
        return box

    def tick_all(self, checked: bool) -> None:
        """Tick (or untick) every row of the table shown."""
        table = self.currentWidget()
        if isinstance(table, QTableWidget):
            tick_rows(table, list(range(table.rowCount())), checked)

    def tick_kind(self, kind: str) -> None:
        """Tick every new name of ``kind`` (as the kind column now says), and show them."""
        rows = [r for r in range(self.new.rowCount())
                if isinstance(combo := self.new.cellWidget(r, 1), QComboBox)
                and combo.currentText() == kind]
        tick_rows(self.new, rows, True)
        self.setCurrentWidget(self.new)

    def _tick_kind_chosen(self, index: int) -> None:
        if index > 0:
            self.tick_kind(self.kind_button.itemText(index))
        self.kind_button.setCurrentIndex(0)

    # -- filling -----------------------------------------------------------------------

    def set_drafts(self, drafts: Drafts) -> None:
        """Show new drafts, replacing the old ones and every tick made on them."""
        self._filling = True
        self._drafts = drafts
        self._known_names = {m.entity_id: m.name for m in drafts.known_matches}
        self._fill_events(drafts.events)
        self._fill_known(drafts.known_matches)
        self._fill_new(drafts.new_names)
        self._fill_relations(drafts.relationships)
        self._filling = False
        self.user_edited = False
        self._refresh()
        self.events.resizeColumnToContents(PEOPLE)
        self.events.setColumnWidth(PEOPLE, min(self.events.columnWidth(PEOPLE), 260))

    def _fill_events(self, events: list[EventDraft]) -> None:
        self.events.setRowCount(0)
        self.events.setRowCount(len(events))
        for row, draft in enumerate(events):
            guessed = draft.how.startswith("no date")  # only the sentence before dates it
            tip = f"{draft.sentence}\n\nInferred: {draft.how}" if draft.how else draft.sentence
            cells = [_item(draft.title, editable=True, checked=not guessed, tip=tip),
                     _item(draft.date_text, editable=True), None, _item(""),
                     _item(draft.locator), _item(""), _item(draft.sentence, tip=draft.sentence)]
            for column, cell in enumerate(cells):
                if cell is not None:
                    self.events.setItem(row, column, cell)
            combo = _combo(("", *EVENT_CATEGORIES), draft.category, f"Category of event {row + 1}")
            combo.currentIndexChanged.connect(self._user_changed)
            self.events.setCellWidget(row, CATEGORY, combo)
            self._show_reading(row)
        _fit(self.events, {TITLE: 360, READING: 240, WHERE: 220, PEOPLE + 1: 520})

    def _fill_known(self, matches: list[Match]) -> None:
        self.known.setRowCount(0)
        self.known.setRowCount(len(matches))
        for row, match in enumerate(matches):
            for column, cell in enumerate((
                    _item(match.name, checked=True), _item(str(match.count)),
                    _item(match.place.locator), _item(match.context, tip=match.context))):
                self.known.setItem(row, column, cell)
        _fit(self.known, {0: 320, 2: 260, 3: 520})

    def _fill_new(self, names: list[NameDraft]) -> None:
        self.new.setRowCount(0)
        self.new.setRowCount(len(names))
        for row, draft in enumerate(names):
            cells = [_item(draft.name, editable=True, checked=False), None,
                     _item(draft.native_name, editable=True),
                     _item(", ".join(draft.aliases), editable=True), _item(str(draft.count)),
                     _item(draft.place.locator), _item(draft.context, tip=draft.context)]
            for column, cell in enumerate(cells):
                if cell is not None:
                    self.new.setItem(row, column, cell)
            combo = _combo(ENTITY_KINDS, draft.kind, f"Kind of new name {row + 1}")
            combo.currentIndexChanged.connect(self._user_changed)
            self.new.setCellWidget(row, 1, combo)
        _fit(self.new, {0: 320, 2: 160, 3: 160, 5: 260, 6: 520})

    def _fill_relations(self, relations: list[RelationshipDraft]) -> None:
        self.relations.setRowCount(0)
        self.relations.setRowCount(len(relations))
        for row, draft in enumerate(relations):
            for column, cell in enumerate((
                    _item(draft.from_name, checked=True), _item(draft.kind, editable=True),
                    _item(draft.to_name), _item(draft.date_text, editable=True),
                    _item(draft.locator), _item(draft.sentence, tip=draft.sentence))):
                self.relations.setItem(row, column, cell)
        _fit(self.relations, {0: 240, 2: 240, 4: 220, 5: 520})

    # -- reacting ----------------------------------------------------------------------

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        if item.tableWidget() is self.events and item.column() == DATE:
            self._show_reading(item.row())
        if item.tableWidget() is self.new and item.column() == 0:
            self._show_repeat(item)
        self._user_changed()

    def _show_repeat(self, item: QTableWidgetItem) -> None:
        """A retyped new name the file already has: said at once, asked about at Save."""
        found = same_entity(item.text(), self.known_entities()) if item.text().strip() else None
        tip = (f"The file already has ‘{found[1]}’: Save will ask whether to link to it or "
               "add this name anyway." if found else "")
        was_filling, self._filling = self._filling, True
        item.setToolTip(f"<p>{escape(tip)}</p>" if tip else "")
        self._filling = was_filling

    def _user_changed(self) -> None:
        if self._filling:
            return
        self.user_edited = True
        self._refresh()
        self.edited.emit()

    def _refresh(self) -> None:
        """Counts in the tab titles and each event's participants, after any tick."""
        self._filling = True
        for row, draft in enumerate(self._drafts.events):
            self.events.item(row, PEOPLE).setText(", ".join(self.participant_names(draft)))
        self._filling = False
        for index, (table, label) in enumerate(self._tables()):
            ticked = sum(is_checked(table, r) for r in range(table.rowCount()))
            self.setTabText(index, f"{label} ({ticked}/{table.rowCount()})")

    def _show_reading(self, row: int) -> None:
        text = self.events.item(row, DATE).text().strip()
        reading = self.events.item(row, READING)
        was_filling, self._filling = self._filling, True
        try:
            reading.setText(parse_date(text).describe())
            reading.setForeground(QBrush())
            draft = self._drafts.events[row] if row < len(self._drafts.events) else None
            if draft is not None and draft.how and text == draft.date_text:
                reading.setText(f"{reading.text()} — inferred: {draft.how}")
        except DateParseError as exc:
            reading.setText(str(exc))
            reading.setForeground(ERROR_TEXT)
        reading.setToolTip(f"<p>{escape(reading.text())}</p>")
        self._filling = was_filling

    def participant_names(self, draft: EventDraft) -> list[str]:
        """Who the event will have: ticked known and new names its sentence names."""
        known = {m.entity_id for m in self.chosen_known()}
        new = {c.draft.key: c.name for c in self.chosen_new()}
        return ([self._known_names[i] for i in draft.entity_ids if i in known]
                + [new[k] for k in draft.new_names if k in new])

    # -- reading back ------------------------------------------------------------------

    def chosen_events(self) -> list[ChosenEvent]:
        chosen = []
        for row, draft in enumerate(self._drafts.events):
            if is_checked(self.events, row):
                combo = self.events.cellWidget(row, CATEGORY)
                category = combo.currentText() if isinstance(combo, QComboBox) else ""
                chosen.append(ChosenEvent(row, self.events.item(row, TITLE).text().strip(),
                                          self.events.item(row, DATE).text().strip(),
                                          category, draft))
        return chosen

    def chosen_known(self) -> list[Match]:
        return [m for row, m in enumerate(self._drafts.known_matches)
                if is_checked(self.known, row)]

    def chosen_new(self) -> list[ChosenName]:
        chosen = []
        for row, draft in enumerate(self._drafts.new_names):
            if is_checked(self.new, row):
                combo = self.new.cellWidget(row, 1)
                aliases = [a.strip() for a in self.new.item(row, 3).text().split(",")]
                chosen.append(ChosenName(
                    row, self.new.item(row, 0).text().strip(),
                    combo.currentText() if isinstance(combo, QComboBox) else draft.kind,
                    self.new.item(row, 2).text().strip(), [a for a in aliases if a], draft))
        return chosen

    def chosen_relationships(self) -> list[RelationshipDraft]:
        """Ticked relationships as corrected (kind, date); the save writes those whose
        ends are both ticked or already in the file."""
        return [replace(d, kind=self.relations.item(row, RELATION_KIND).text().strip() or d.kind,
                        date_text=self.relations.item(row, 3).text().strip())
                for row, d in enumerate(self._drafts.relationships)
                if is_checked(self.relations, row)]

    def has_drafts(self) -> bool:
        return bool(self._drafts.events or self._drafts.known_matches or self._drafts.new_names
                    or self._drafts.relationships)

    # -- problems ----------------------------------------------------------------------

    def problem(self) -> tuple[QTableWidget, int, str] | None:
        """The first ticked row that cannot be saved: (table, row, why)."""
        for chosen in self.chosen_events():
            if not chosen.title:
                return self.events, chosen.row, f"Event {chosen.row + 1} needs a title."
            try:
                parse_date(chosen.date)
            except DateParseError as exc:
                return (self.events, chosen.row,
                        f"Event {chosen.row + 1} (‘{chosen.title}’) has a date that cannot be "
                        f"read: {exc}. Correct it or untick the event.")
        for chosen in self.chosen_new():
            if not chosen.name:
                return self.new, chosen.row, f"New name {chosen.row + 1} is empty."
        return self._relation_problem()

    def _relation_problem(self) -> tuple[QTableWidget, int, str] | None:
        ticked = [r for r in range(self.relations.rowCount()) if is_checked(self.relations, r)]
        for row, chosen in zip(ticked, self.chosen_relationships(), strict=True):
            if not chosen.date_text:
                continue
            try:
                parse_date(chosen.date_text)
            except DateParseError as exc:
                return (self.relations, row, f"Relationship {row + 1} has a date that cannot "
                        f"be read: {exc}. Correct it or untick the relationship.")
        return None

    def mark(self, table: QTableWidget | None, row: int = -1) -> None:
        """Highlight one row (the problem) and clear every other highlight."""
        self._filling = True
        for each in (self.events, self.new, self.relations):
            for r in range(each.rowCount()):
                for c in range(each.columnCount()):
                    cell = each.item(r, c)
                    if cell is not None:
                        cell.setBackground(ERROR_BRUSH if (each is table and r == row)
                                           else QBrush())
        self._filling = False
        if table is not None and row >= 0:
            self.setCurrentWidget(table)
            table.clearSelection()  # a selected row would hide the highlight
            table.scrollToItem(table.item(row, 0))
