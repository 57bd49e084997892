"""The "New source" dialog (Ctrl+Shift+N), also the editor of an existing source.

The user pastes an article's text; "Find events and names" (or a short pause after the
text changes) asks ``models.drafts`` what the text holds: dated sentences, entities the
file already knows, and new names. The user ticks and corrects those drafts, and Save
writes the source *and everything ticked* as ONE operation (``db.ops.save_source``, run by
``document.apply``): one Undo takes the source, its events, new entities, participants
and citations back together.

Each created event cites the source with its paragraph as locator and its sentence as
excerpt (25 words at most); each ticked name (known or new) is cited where it is first
mentioned. Nothing is written while a field or a ticked draft is invalid: the field or
row is marked and the reason shown. Cancel asks before throwing typed work away
(``confirm_discard``, which tests replace).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from db import ops
from db.errors import StoreError
from models.drafts import Drafts, TextTooLongError, propose_drafts
from models.edits import ChosenEvent, ChosenName, SourceSave
from models.intake.duplicates import Repeats, repeated_events, repeated_names, same_source
from models.labels import RELIABILITY
from models.records import SOURCE_KINDS, Source
from ui.dialogs.article_file import choose_article, load
from ui.dialogs.drafts_view import DraftsView
from ui.dialogs.fields import DateField, FieldError, oversized_field
from ui.document import Document

AUTO_FIND_MS = 800
NOT_GRADED = "not graded"
READ_ONLY = "This file is open read-only: the source cannot be saved."


def url_problem(url: str) -> str:
    """Why an address is refused ("" when it is empty or a valid http(s) address)."""
    url = url.strip()
    if not url:
        return ""
    target = QUrl(url, QUrl.ParsingMode.StrictMode)
    if target.scheme().lower() not in ("http", "https"):
        return "Only web addresses starting with http:// or https:// are accepted."
    if not target.isValid() or not target.host():
        return "This web address is not valid (it needs a host, e.g. https://example.org/…)."
    return ""


def _text_area(lines: int, placeholder: str, accessible: str) -> QPlainTextEdit:
    """A plain-text field (pasted rich text arrives as text) where Tab moves on."""
    area = QPlainTextEdit(placeholderText=placeholder)
    area.setTabChangesFocus(True)
    area.setAccessibleName(accessible)
    if lines:
        area.setFixedHeight(area.fontMetrics().lineSpacing() * lines + 12)
    return area


class SourceDialog(QDialog):
    """Add a source from a pasted article, with the events and names it holds; or edit one.

    After acceptance ``saved_id`` is the source's id.
    """

    def __init__(self, document: Document, source_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.store = document.store
        self.source_id = source_id
        self.saved_id: int | None = None
        self.setWindowTitle("New source" if source_id is None else "Edit source")
        self.resize(1100, 780)
        self._build_fields()
        self._build_layout()
        if source_id is not None:
            self._load(self.store.source(source_id))
        self._baseline = self._state()
        self._timer = QTimer(self, singleShot=True, interval=AUTO_FIND_MS)
        self._timer.timeout.connect(self._auto_find)
        self.text_edit.textChanged.connect(self._text_changed)
        self._set_tab_order()
        if document.readonly:
            self.save_button.setEnabled(False)
            self.save_error.show_error(READ_ONLY)
        self.title_edit.setFocus()

    # -- building ----------------------------------------------------------------------

    def _build_fields(self) -> None:
        self.title_edit = self._line("Title", "Title of the article, report, book …")
        self.title_error = FieldError()
        self.author_edit = self._line("Authors", "e.g. Kie Kang; Mi So Keum")
        self.publisher_edit = self._line("Publisher", "e.g. Global Taiwan Institute")
        self.date_field = DateField("e.g. 12 May 2023, 2023, c. 1974 (optional)")
        self.date_field.edit.setAccessibleName("Date of the source")
        self.url_edit = self._line("Web address", "https://…")
        self.url_error = FieldError()
        self.url_edit.textChanged.connect(lambda: self._check_url(only_clear=True))
        self.url_edit.editingFinished.connect(self._check_url)
        self.kind_combo = QComboBox(accessibleName="Kind of source")
        self.kind_combo.addItems(list(SOURCE_KINDS))
        self.reliability_combo = QComboBox(accessibleName="Reliability (Admiralty code)")
        self.reliability_combo.addItem(NOT_GRADED, "")
        for code, label in RELIABILITY.items():
            self.reliability_combo.addItem(label, code)
        self.notes_edit = _text_area(3, "Your notes on this source", "Notes")
        self.text_edit = _text_area(0, "Paste the article's text here: its dated sentences "
                                    "and names are found for you to review.",
                                    "Text of the source")
        self.find_button = QPushButton("&Find events and names",
                                       accessibleName="Find events and names in the text")
        self.find_button.clicked.connect(self.find_drafts)
        self.open_button = QPushButton("&Open file…", accessibleName="Open an article file")
        self.open_button.setToolTip("A saved web page, PDF, Word file or text file")
        self.open_button.clicked.connect(lambda: self.open_article())
        self.find_note = QLabel(accessibleName="What was found")
        self.find_note.setWordWrap(True)
        self.drafts_view = DraftsView()
        self.drafts_view.known_entities = self._known_entities
        self.drafts_view.edited.connect(lambda: self.drafts_view.mark(None))
        self.save_error = FieldError()
        self.save_error.setAccessibleName("Why the source was not saved")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

    @staticmethod
    def _line(accessible: str, placeholder: str) -> QLineEdit:
        return QLineEdit(placeholderText=placeholder, accessibleName=accessible)

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title:", self._stack(self.title_edit, self.title_error))
        form.addRow("&Authors:", self.author_edit)
        form.addRow("&Publisher:", self.publisher_edit)
        form.addRow("&Date:", self.date_field)
        form.addRow("&Web address:", self._stack(self.url_edit, self.url_error))
        form.addRow("&Kind:", self.kind_combo)
        form.addRow("&Reliability:", self.reliability_combo)
        form.addRow("&Notes:", self.notes_edit)
        fields = QWidget()
        fields.setLayout(form)
        fields.setMaximumWidth(430)
        text_label = QLabel("Te&xt of the source:")
        text_label.setBuddy(self.text_edit)
        top = QWidget()
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(fields, 0)
        row.addWidget(self._stack(text_label, self.text_edit), 1)
        bottom = QWidget()
        column = QVBoxLayout(bottom)
        column.setContentsMargins(0, 0, 0, 0)
        find_row = QHBoxLayout()
        find_row.addWidget(self.open_button)
        find_row.addWidget(self.find_button)
        find_row.addWidget(self.find_note, 1)
        column.addLayout(find_row)
        column.addWidget(self.drafts_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([260, 440])  # the review area is where the work is
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)

    @staticmethod
    def _stack(*widgets: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in widgets:
            layout.addWidget(widget, 1 if isinstance(widget, QPlainTextEdit) else 0)
        box.setFocusProxy(widgets[-1] if isinstance(widgets[0], QLabel) else widgets[0])
        return box

    def _set_tab_order(self) -> None:
        chain = [self.title_edit, self.author_edit, self.publisher_edit, self.date_field.edit,
                 self.url_edit, self.kind_combo, self.reliability_combo, self.notes_edit,
                 self.text_edit, self.find_button, self.drafts_view, self.save_button,
                 self.buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    # -- loading and state -------------------------------------------------------------

    def _load(self, source: Source) -> None:
        self.title_edit.setText(source.title)
        self.author_edit.setText(source.author)
        self.publisher_edit.setText(source.publisher)
        self.date_field.setText(source.date)
        self.url_edit.setText(source.url)
        if self.kind_combo.findText(source.kind) < 0:
            self.kind_combo.addItem(source.kind)  # a kind from an import is kept
        self.kind_combo.setCurrentText(source.kind)
        self.reliability_combo.setCurrentIndex(
            max(0, self.reliability_combo.findData(source.reliability)))
        self.notes_edit.setPlainText(source.notes)
        self.text_edit.setPlainText(source.content)

    def _state(self) -> tuple[str, ...]:
        return (self.title_edit.text(), self.author_edit.text(), self.publisher_edit.text(),
                self.date_field.text(), self.url_edit.text(), self.kind_combo.currentText(),
                str(self.reliability_combo.currentData()), self.notes_edit.toPlainText(),
                self.text_edit.toPlainText())

    def has_changes(self) -> bool:
        return self._state() != self._baseline or self.drafts_view.user_edited

    def source(self) -> Source:
        """The source as the fields give it (not checked; the Store checks)."""
        return Source(
            title=self.title_edit.text().strip(), author=self.author_edit.text().strip(),
            publisher=self.publisher_edit.text().strip(), date=self.date_field.text(),
            url=self.url_edit.text().strip(), kind=self.kind_combo.currentText(),
            reliability=str(self.reliability_combo.currentData() or ""),
            notes=self.notes_edit.toPlainText(), content=self.text_edit.toPlainText(),
            id=self.source_id)

    # -- finding drafts ----------------------------------------------------------------

    def _text_changed(self) -> None:
        self._timer.start()
        if self.drafts_view.user_edited:
            self.find_note.setText("The text changed. Find again to update the drafts "
                                   "(your ticks and corrections will be reset).")

    def _auto_find(self) -> None:
        """After a pause in typing or a paste, unless the user is already reviewing."""
        if not self.drafts_view.user_edited:
            self.find_drafts()

    def open_article(self, path: Path | None = None) -> None:
        """Put an article file's text in the text box (and its title, if none was typed)
        and look through it."""
        path = path or choose_article(self)
        if path is None:
            return
        article, problem = load(path)
        if article is None:
            self.find_note.setText(f"Not opened: {problem}.")
            return
        if article.title and not self.title_edit.text().strip():
            self.title_edit.setText(article.title)
        self.text_edit.setPlainText(article.text)
        self.find_drafts()

    def find_drafts(self) -> None:
        """Look through the text for events and names, replacing the drafts shown."""
        self._timer.stop()
        text = self.text_edit.toPlainText()
        try:
            drafts = propose_drafts(text, self._known_entities()) if text.strip() else Drafts()
        except TextTooLongError as exc:
            self.find_note.setText(f"Nothing was looked for: {exc}.")
            return
        self.drafts_view.set_drafts(drafts)
        self.drafts_view.mark(None)
        self.find_note.setText(self._found_text(drafts))

    @staticmethod
    def _found_text(drafts: Drafts) -> str:
        if not (drafts.events or drafts.known_matches or drafts.new_names):
            return "No dated sentences or names were found."
        events = len(drafts.events)
        note = (f"Found {events} dated sentence{'' if events == 1 else 's'}, "
                f"{len(drafts.known_matches)} known and {len(drafts.new_names)} new names, "
                f"{len(drafts.relationships)} relationships. "
                "Tick what the source should add; new names start unticked.")
        return note + (" The text has too many dates: only the first were read."
                       if drafts.truncated else "")

    # -- saving ------------------------------------------------------------------------

    def _check_url(self, only_clear: bool = False) -> bool:
        problem = url_problem(self.url_edit.text())
        if not (only_clear and problem):
            self.url_error.show_error(problem)
        return not problem

    def _fields_valid(self) -> bool:
        titled = bool(self.title_edit.text().strip())
        self.title_error.show_error("" if titled else "A source needs a title.")
        url_ok = self._check_url()
        return titled and url_ok and self.date_field.is_valid()

    def _drafts_valid(self) -> bool:
        problem = self.drafts_view.problem()
        self.drafts_view.mark(*(problem[:2] if problem else (None,)))
        if problem:
            self.save_error.show_error(problem[2])
        return problem is None

    def accept(self) -> None:
        """Save, then close; on any problem stay open with nothing written."""
        if self.document.readonly:
            return
        self.save_error.show_error("")
        if not self._fields_valid():
            self.save_error.show_error("Correct the marked fields to save the source.")
            return
        if not self._drafts_valid():
            return
        oversized = oversized_field(self)
        if oversized:
            self.save_error.show_error(oversized)
            return
        linked = self._linked_to_existing()
        if linked is None:
            return
        source, events, new = linked
        save = SourceSave(source, events, tuple(self.drafts_view.chosen_known()), new,
                          tuple(self.drafts_view.chosen_relationships()))
        try:
            changes = self.document.apply(lambda store: ops.save_source(store, save),
                                          origin=self)
        except StoreError as exc:
            self.save_error.show_error(f"Not saved: {exc}")
            return
        assert changes.record_id is not None
        self.saved_id = changes.record_id
        self.document.selection.select("source", self.saved_id)
        super().accept()

    def _linked_to_existing(self) -> tuple[Source, tuple[ChosenEvent, ...],
                                           tuple[ChosenName, ...]] | None:
        """The source, events and new names to save, linked to the records already in the
        file that they repeat if the user says so (a new name as typed at review: the
        file's own name or alias, loosely, or a near spelling); None if the user cancels."""
        source = self.source()
        events = tuple(self.drafts_view.chosen_events())
        new = tuple(self.drafts_view.chosen_new())
        known = {m.entity_id for m in self.drafts_view.chosen_known()}
        found = Repeats(
            same_source(source, self.store.sources()) if source.id is None else None,
            repeated_events(events, known, self.store.events() if events else []),
            repeated_names(new, self._known_entities()) if new else {})
        if not found:
            return source, events, new
        answer = self.ask_duplicates(found.describe())
        if answer == "cancel":
            return None
        return found.link(source, events, new) if answer == "link" else (source, events, new)

    def _known_entities(self) -> list[tuple[int, list[str]]]:
        return [(e.id, e.all_names()) for e in self.store.entities() if e.id is not None]

    def ask_duplicates(self, what: str) -> str:
        """"link", "add" or "cancel" for records the file already has; tests replace this."""
        box = QMessageBox(QMessageBox.Icon.Question, "Already in the file",
                          f"The file already has {what}.", parent=self)
        link = box.addButton("Link to the existing one", QMessageBox.ButtonRole.AcceptRole)
        add = box.addButton("Add anyway", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return {id(link): "link", id(add): "add"}.get(id(box.clickedButton()), "cancel")

    # -- leaving -----------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Ask whether typed work may be thrown away; tests replace this."""
        answer = QMessageBox.question(
            self, "Discard this source?",
            "The text and fields you entered have not been saved. Discard them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        """Cancel, Escape and the close button: ask first when something was typed."""
        if self.has_changes() and not self.confirm_discard():
            return
        self._timer.stop()
        super().reject()
