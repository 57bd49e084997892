"""Input fields shared by the editing dialogs.

``DateField`` reads an uncertain date as the user types and says, right under the field,
what it understood ("between 21 and 31 December 2022") or what is wrong, so a dialog can
keep OK disabled while any date is invalid. ``FieldError`` is the red line a dialog puts
next to a field for any other refused input.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from models.date_forms import ACCEPTED_FORMS
from models.dates import DateParseError, FuzzyDate, parse_date, parse_span
from models.limits import MAX_TEXT_CHARS, too_long
from ui.theme import message_css

HINT_STYLE = "font-style: italic;"  # the default text colour reads in light and dark themes


def oversized_field(root: QWidget) -> str:
    """Why a dialog cannot save: its first text box over the cap a field may hold
    (``models.limits``, the Store's own refusal said before trying); "" if none is.

    One-line fields stop at Qt's own 32,767 characters; a text box has no such limit,
    and its length is read from its document without copying the text out."""
    for field in root.findChildren(QPlainTextEdit):
        length = field.document().characterCount() - 1
        if length > MAX_TEXT_CHARS and not field.isReadOnly():
            name = field.accessibleName() or field.placeholderText() or "a text"
            return too_long(name[:1].upper() + name[1:], length)
    return ""


class FieldError(QLabel):
    """A one-line message under a field; empty and hidden when all is well."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet(message_css("error"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def show_error(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


class DateField(QWidget):
    """A date as written, with its interpretation or error shown live.

    ``required``: an empty field is an error. ``end_of``: another DateField this one
    closes (an end date), so the pair is checked as a span and a reversed span is shown
    as an error here.
    """

    validity_changed = Signal(bool)

    def __init__(self, placeholder: str = "e.g. late December 2022, c. 1974, 1988–1991, "
                                          "spring 2023, Q3 2022, 12/05/2023",
                 required: bool = False, end_of: DateField | None = None) -> None:
        super().__init__()
        self.required = required
        self.end_of = end_of
        self.edit = QLineEdit(placeholderText=placeholder)
        self.edit.setToolTip("Accepted forms, e.g.: " + "; ".join(ACCEPTED_FORMS))
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.feedback)
        self._valid = True
        self.edit.textChanged.connect(self.check)
        if end_of is not None:
            end_of.edit.textChanged.connect(self.check)
        self.check()

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def is_valid(self) -> bool:
        return self._valid

    def error(self) -> str:
        return "" if self._valid else self.feedback.text()

    def value(self) -> FuzzyDate | None:
        """The parsed date (a span when this is an end date), or None if empty/invalid."""
        try:
            return self._parse()
        except DateParseError:
            return None

    def _parse(self) -> FuzzyDate | None:
        text = self.text()
        if not text:
            if self.required:
                raise DateParseError("a date is needed")
            return None
        if self.end_of is not None and self.end_of.text() and self.end_of.value() is not None:
            return parse_span(self.end_of.text(), text)
        return parse_date(text)

    def check(self) -> None:
        try:
            fuzzy = self._parse()
        except DateParseError as exc:
            self._show(str(exc), valid=False)
            return
        if fuzzy is None:
            self._show("", valid=True)
        else:
            self._show(fuzzy.describe(), valid=True)

    def _show(self, message: str, valid: bool) -> None:
        self.feedback.setText(message)
        self.feedback.setStyleSheet(HINT_STYLE if valid else message_css("error"))
        self.feedback.setVisible(bool(message))
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
