"""What the three record dialogs share: a form, a save that is one undo step, and care
for what the user typed.

One base so that the event, entity and relationship dialogs behave alike: OK is enabled
only while every field is acceptable; a save is exactly one ``document.apply`` (so one
Undo takes back the record, its participants and its citations together); when the
Store still refuses, its message is shown at the bottom and the dialog stays open with
nothing written; the saved record is selected so every panel shows it; Cancel, Escape
and the window's close button ask before throwing typed work away.

``RowsEditor`` is the shared shape of the participants and citations editors: rows of
small widgets rather than a QTableWidget, so every field is a real widget that Tab
reaches and a screen reader can name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any, TypeVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from db.errors import StoreError
from db.store import Store
from models.changes import Changes
from ui.dialogs.fields import DateField, FieldError, oversized_field
from ui.document import Document

Operation = Callable[[Store, Any], Changes]
W = TypeVar("W", bound=QWidget)
MIN_WIDTH = 560
READ_ONLY = "This file is open read-only: changes cannot be saved."


class TextArea(QPlainTextEdit):
    """A multi-line field about ``lines`` lines high where Tab moves on (keyboard users)."""

    def __init__(self, lines: int, placeholder: str = "") -> None:
        super().__init__(placeholderText=placeholder)
        self.setTabChangesFocus(True)
        self._height = self.fontMetrics().lineSpacing() * lines + 12
        self.setMinimumHeight(self._height)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height)


def plain_label(text: str = "") -> QLabel:
    """A label for text that may come from the data: never read as rich text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def under(field: QWidget, *below: QWidget) -> QWidget:
    """A field with messages stacked under it, as one form row."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in (field, *below):
        layout.addWidget(widget)
    box.setFocusProxy(field)
    return box


def named(widget: W, accessible: str) -> W:
    """The widget with its accessible name set (screen readers, tests)."""
    widget.setAccessibleName(accessible)
    return widget


class RecordDialog(QDialog):
    """A form that writes one record (and what hangs on it) as one undoable change.

    Subclasses build their fields into ``self.form``, then call ``finish()``; they
    implement ``state`` (what Cancel compares), ``validate`` (shows messages, says if OK
    may be pressed), ``focus_chain``, ``edit_value`` (the edit as a plain value of
    ``models.edits``) and ``operation`` (the named operation of ``db.ops`` that writes
    it). The operation names the undo step; the dialog holds no write code of its own.

    ``deferred``: set before ``exec`` to have OK keep the value in ``deferred_edit``
    instead of writing it, so another dialog can write it inside its own undo step.
    """

    record_kind = ""

    def __init__(self, document: Document, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.document = document
        self.store = document.store
        self.saved_id: int | None = None
        self.deferred = False
        self.deferred_edit: Any = None
        self._baseline: Any = None
        self.setWindowTitle(title)
        self.setMinimumWidth(MIN_WIDTH)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.save_error = FieldError()
        self.save_error.setAccessibleName("Why the record was not saved")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._build_frame()
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

    def _build_frame(self) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 4, 0)
        column.addLayout(self.form)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def cancel_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Cancel)

    # -- for subclasses ----------------------------------------------------------------

    def state(self) -> Any:
        """Everything the user can change, comparable; Cancel asks if it differs."""
        raise NotImplementedError

    def validate(self) -> bool:
        """Show a message next to each unacceptable field; True if OK may be pressed."""
        raise NotImplementedError

    def focus_chain(self) -> Sequence[QWidget]:
        """The fields in the order Tab should visit them."""
        raise NotImplementedError

    def edit_value(self) -> Any:
        """The whole change as a plain value, built from the fields now (it holds no
        widget, so it can be written after the dialog is gone)."""
        raise NotImplementedError

    def operation(self) -> Operation:
        """The ``db.ops`` function that writes ``edit_value()`` (add or update)."""
        raise NotImplementedError

    def watch(self, *widgets: QWidget) -> None:
        """Re-validate whenever one of these fields changes."""
        for widget in widgets:
            if isinstance(widget, DateField):
                widget.edit.textChanged.connect(self.refresh)
            elif isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.textChanged.connect(self.refresh)
            elif isinstance(widget, QComboBox):
                widget.currentTextChanged.connect(self.refresh)
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(self.refresh)
            elif isinstance(widget, RowsEditor):
                widget.changed.connect(self.refresh)
                widget.rows_changed.connect(self.apply_tab_order)

    def finish(self) -> None:
        """Call once the fields hold the record: remember it, check it, size the window."""
        self._baseline = self.state()
        self.apply_tab_order()
        self.refresh()
        self._fit_height()

    def _wanted_height(self) -> int:
        """The height that shows every field, within 85% of the screen."""
        body = self.scroll.widget()
        body.layout().activate()  # its cached hint predates the rows added since
        wanted = body.sizeHint().height() + self.buttons.sizeHint().height() + 40
        screen = self.screen()
        return min(wanted, int(screen.availableGeometry().height() * 0.85)) if screen else wanted

    def _fit_height(self) -> None:
        self.resize(max(self.minimumWidth(), 620), self._wanted_height())

    def _grow(self) -> None:
        """Make room for added rows and messages, up to the screen's limit; never shrink."""
        if self._baseline is not None and self._wanted_height() > self.height():
            self.resize(self.width(), self._wanted_height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._grow()  # rows added while hidden are only measured once shown

    def apply_tab_order(self) -> None:
        chain = [w for w in self.focus_chain() if w is not None]
        chain += [self.ok_button, self.cancel_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- behaviour ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-check every field; a change also clears the Store's last refusal."""
        valid = self.validate()
        oversized = oversized_field(self)
        self.ok_button.setEnabled(valid and not oversized and not self.document.readonly)
        self.save_error.show_error(READ_ONLY if self.document.readonly else oversized)
        self._grow()

    def is_dirty(self) -> bool:
        return self.state() != self._baseline

    def accept(self) -> None:
        """Write, or show why not; the dialog closes only once the write has succeeded."""
        self.refresh()
        if not self.ok_button.isEnabled():
            return
        value = self.edit_value()
        if self.deferred:
            self.deferred_edit = value
            super().accept()
            return
        operation = self.operation()
        try:
            changes = self.document.apply(lambda store: operation(store, value), origin=self)
        except StoreError as exc:
            self.save_error.show_error(str(exc))
            return
        assert changes.record_id is not None
        self.saved_id = changes.record_id
        super().accept()
        self.document.selection.select(*self.selection_after(changes.record_id))

    def selection_after(self, record_id: int) -> tuple[str, int]:
        """What to select once saved: the record written."""
        return self.record_kind, record_id

    def reject(self) -> None:
        if self.is_dirty() and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        """Ask before dropping typed changes; True to discard. Tests replace this."""
        box = QMessageBox(QMessageBox.Icon.Question, "Discard changes?",
                          "Discard your changes?", parent=self)
        box.setInformativeText("What you typed in this dialog will be lost.")
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard


class EditorRow(QFrame):
    """One row of a ``RowsEditor``: its fields, a Remove button and an error line."""

    changed = Signal()

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAutoDefault(False)
        self.error = FieldError()
        self.line = QHBoxLayout()
        self.line.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.line)
        layout.addWidget(self.error)

    def number(self, n: int) -> None:
        """Name the row's fields for a screen reader after rows were added or removed."""
        self.remove_button.setAccessibleName(f"Remove {self.what} {n}")

    def fields(self) -> list[QWidget]:
        raise NotImplementedError

    def state(self) -> Any:
        raise NotImplementedError

    def problem(self) -> str:
        """What is wrong with the row, or ""."""
        raise NotImplementedError

    def typing(self) -> bool:
        """True while a message would interrupt the user (shown once they move on)."""
        return False

    def check(self) -> bool:
        message = self.problem()
        self.error.show_error("" if self.typing() else message)
        return not message


class RowsEditor(QWidget):
    """A growing list of rows with Add and per-row Remove buttons."""

    changed = Signal()
    rows_changed = Signal()

    def __init__(self, add_text: str, empty_text: str) -> None:
        super().__init__()
        self.rows: list[EditorRow] = []
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_row)
        self.empty = plain_label(empty_text)
        self.empty.setStyleSheet("color: palette(mid);")
        self._rows = QVBoxLayout()
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(6)
        self.button_line = QHBoxLayout()
        self.button_line.addWidget(self.add_button)
        self.button_line.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addLayout(self._rows)
        layout.addLayout(self.button_line)

    def make_row(self) -> EditorRow:
        raise NotImplementedError

    def add_row(self) -> EditorRow:
        row = self.make_row()
        self.rows.append(row)
        self._rows.addWidget(row)
        row.show()  # now, not on the next event loop: its error line is checked at once
        row.changed.connect(self.changed)
        row.remove_button.clicked.connect(lambda: self.remove_row(row))
        self._renumber()
        if self.isVisible():
            row.fields()[0].setFocus()
        return row

    def remove_row(self, row: EditorRow) -> None:
        self.rows.remove(row)
        self._rows.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._renumber()
        self.add_button.setFocus()

    def clear(self) -> None:
        for row in list(self.rows):
            self.remove_row(row)

    def _renumber(self) -> None:
        for n, row in enumerate(self.rows, 1):
            row.number(n)
        self.empty.setVisible(not self.rows)
        self.rows_changed.emit()
        self.changed.emit()

    def state(self) -> tuple[Any, ...]:
        return tuple(row.state() for row in self.rows)

    def check(self) -> bool:
        """Show each row's problem next to it; True if no row has one."""
        return all([row.check() for row in self.rows])

    def focus_widgets(self) -> list[QWidget]:
        widgets = [w for row in self.rows for w in (*row.fields(), row.remove_button)]
        buttons = [self.button_line.itemAt(i).widget() for i in range(self.button_line.count())]
        return widgets + [b for b in buttons if b is not None]
