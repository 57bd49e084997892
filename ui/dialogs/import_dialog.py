"""File ▸ Import events from CSV…: see what will be read, then import (JSON: ``json_import``).

The same dialog reads the "events" sheet of an .xlsx or .ods workbook (``db.sheets``),
with the same mapping, preview, per-row problems and all-or-nothing.

``ImportCsvDialog`` shows the file's columns and which event field each one fills (the
combos start from ``db.csvio``'s default mapping), previews the first rows with what
each date is read as (or why it cannot be), and imports all or nothing as ONE undo step
(``document.apply``). Problems are listed by row in the dialog; nothing is written.

Why the import runs on the UI thread: SQLite connections belong to the thread that
opened them, and the undo journal records the writes of the document's own connection,
so the import cannot move to a worker thread. ``import_events_csv`` calls ``progress``
every 1,000 rows and ``cancelled`` as often (and between write batches); both process
pending events, so the dialog repaints, its bar moves and its Cancel button works while
100,000 rows are read. Cancel makes ``cancelled`` return true: the import raises
``ImportCancelled`` and its transaction rolls back. (Anything else that processing events
lets run writes inside the same transaction: the dialog is modal to keep that to timers.)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import ops
from db.csvio import (
    DEFAULT_COLUMNS,
    PROGRESS_EVERY,
    REQUIRED,
    ImportCancelled,
)
from db.csvsource import open_records
from db.errors import StoreError, ValidationError
from db.export.csvformat import Record
from db.sheets import is_sheet, read_sheet
from db.workbook import kinds_in
from models.dates import DateParseError, parse_span
from ui.document import Document

if TYPE_CHECKING:
    from db.store import Store
    from models.changes import Changes

PREVIEW_ROWS = 20
FIELD_TITLES = {"date": "Date", "end_date": "End date", "title": "Title",
                "summary": "Summary", "category": "Category", "location": "Location",
                "participants": "Participants", "tags": "Tags", "notes": "Notes",
                "source": "Source", "locator": "Locator", "excerpt": "Excerpt",
                "confidence": "Confidence"}
PREVIEW_FIELDS = ("title", "category", "participants", "source")
SKIP = "(not imported)"
ERROR_COLOUR = "#b00020"


def _norm(header: str) -> str:
    """As ``db.csvio`` matches headers: case, surrounding spaces and '_' ignored."""
    return " ".join(header.replace("_", " ").split()).casefold()


def default_mapping(header: list[str]) -> dict[str, str]:
    """Field -> the column it is read from by default ("" for none)."""
    by_name: dict[str, str] = {}
    for name in header:
        by_name.setdefault(_norm(name), name)
    return {field: next((by_name[_norm(d)] for d in defaults if _norm(d) in by_name), "")
            for field, defaults in DEFAULT_COLUMNS.items()}


def read_date(date: str, end: str) -> tuple[str, bool]:
    """What a row's date is read as, and whether that is an error."""
    if not date.strip():
        return "no date: every event needs one", True
    try:
        return parse_span(date, end).describe(), False
    except DateParseError as exc:
        return str(exc), True


class ImportCsvDialog(QDialog):
    """Map, preview and import one CSV file; ``imported`` holds the counts once done."""

    progressed = Signal(int, int)  # rows checked, rows in all

    def __init__(self, document: Document, path: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import events from CSV")
        self.setModal(True)
        self.document = document
        self.path: Path | None = None
        self.header: list[str] = []
        self.records: list[Record] = []  # the first PREVIEW_ROWS, for the preview
        self.total = 0  # data rows in the file (it is read again, a row at a time, to import)
        self.other_sheets: list[str] = []  # a workbook's sheets of other kinds, imported too
        self.imported: dict[str, int] | None = None
        self._running = False
        self._cancel = False
        self.date_errors = 0  # in the preview's rows
        self._checked = 0  # rows checked by the running import
        self._build()
        if path is not None:
            self.load(Path(path))
        self._update()

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.file_edit = QLineEdit(readOnly=True, placeholderText="No file chosen")
        self.file_edit.setAccessibleName("CSV file")
        self.choose_button = QPushButton("&Choose…")
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        self.info = QLabel(wordWrap=True)
        self.combos: dict[str, QComboBox] = {}
        mapping = QGroupBox("Columns")
        grid = QGridLayout(mapping)
        for i, field in enumerate(DEFAULT_COLUMNS):
            title = FIELD_TITLES.get(field, field) + (" *" if field in REQUIRED else "")
            combo = QComboBox()
            combo.setAccessibleName(f"Column for {FIELD_TITLES.get(field, field)}")
            combo.currentIndexChanged.connect(self._mapping_changed)
            label = QLabel(f"{title}:")
            label.setBuddy(combo)
            grid.addWidget(label, i // 2, (i % 2) * 2)
            grid.addWidget(combo, i // 2, (i % 2) * 2 + 1)
            self.combos[field] = combo
        self.preview = QTableWidget(0, 0)
        self.preview.setAccessibleName("Preview of the first rows")
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().hide()
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems")
        self.problems.hide()
        self.status = QLabel(wordWrap=True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.info)
        layout.addWidget(mapping)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(900, 680)

    # -- the file ----------------------------------------------------------------------

    def ask_file_name(self) -> Path | None:
        """Ask for a CSV file (replaced in tests); None if the user cancelled."""
        name, _ = QFileDialog.getOpenFileName(
            self, "Import events from CSV", "",
            "CSV and spreadsheets (*.csv *.txt *.xlsx *.ods);;CSV files (*.csv *.txt);;"
            "Spreadsheets (*.xlsx *.ods);;All files (*)")
        return Path(name) if name else None

    def choose_file(self) -> bool:
        path = self.ask_file_name()
        if path is None:
            return False
        self.load(path)
        return True

    def load(self, path: Path) -> None:
        """Read the file's header and rows (nothing is written) and fill the combos."""
        self.path, self.header, self.records, self.total = path, [], [], 0
        self.other_sheets = []
        self.file_edit.setText(str(path))
        self._show_problems([])
        try:
            if is_sheet(path):
                self.header, records = read_sheet(path)
                self.records, self.total = records[:PREVIEW_ROWS], len(records)
                self.other_sheets = [k for k in kinds_in(path) if k != "events"]
            else:
                self._read_csv(path)
        except StoreError as exc:
            self.info.setText("")
            self._show_problems([str(exc)], "This file cannot be read:")
        defaults = default_mapping(self.header)
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(SKIP, "")
            for name in self.header:
                combo.addItem(name or "(blank header)", name)
            combo.setCurrentIndex(max(0, combo.findData(defaults[field])))
            combo.blockSignals(False)
        if self.header:
            n = self.total
            self.info.setText(f"{n:,} row{'s' if n != 1 else ''} of events and "
                              f"{len(self.header)} columns. Choose the column each field "
                              "is read from; * fields are required." + self._sheets_note())
        self._mapping_changed()

    def _sheets_note(self) -> str:
        if "events" in self.other_sheets or not self.other_sheets:
            return ""
        return (f" The sheets {', '.join(self.other_sheets)} are imported too, as they are "
                "(records and references by id), all with the events or none.")

    def _read_csv(self, path: Path) -> None:
        """Header, the preview's rows and how many there are; the file is read a record
        at a time and not kept (a CSV of a million rows is read again to import)."""
        with open_records(path) as (header, records):
            for record in records:
                if len(self.records) < PREVIEW_ROWS:
                    self.records.append(record)
                self.total += 1
        self.header = header

    # -- mapping and preview -----------------------------------------------------------

    def mapping(self) -> dict[str, str]:
        """Event field -> column header, "" for a field left out (``import_events_csv``)."""
        return {field: str(combo.currentData() or "") for field, combo in self.combos.items()}

    def set_mapping(self, field: str, column: str) -> None:
        combo = self.combos[field]
        combo.setCurrentIndex(max(0, combo.findData(column)))

    def _mapping_changed(self) -> None:
        self._fill_preview()
        self._update()

    def _cells(self, record: Record) -> dict[str, str]:
        index = {name: i for i, name in reversed(list(enumerate(self.header)))}
        return {field: (record.cells[index[column]] if column in index
                        and index[column] < len(record.cells) else "")
                for field, column in self.mapping().items()}

    def _fill_preview(self) -> None:
        titles = ["Row", "Date", "End date", "Read as",
                  *[FIELD_TITLES[f] for f in PREVIEW_FIELDS]]
        rows = self.records[:PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(len(titles))
        self.preview.setHorizontalHeaderLabels(titles)
        self.preview.setRowCount(len(rows))
        self.date_errors = 0
        for r, record in enumerate(rows):
            cells = self._cells(record)
            reading, bad = read_date(cells["date"], cells["end_date"])
            self.date_errors += bad
            values = [str(record.row), cells["date"], cells["end_date"], reading,
                      *[cells[f] for f in PREVIEW_FIELDS]]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if c == 3 and bad:
                    item.setForeground(QBrush(QColor(ERROR_COLOUR)))
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()
        for c in range(self.preview.columnCount()):
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c), 260))

    def preview_row(self, row: int) -> dict[str, str]:
        """The preview's cells of one row, by column title (for tests and checks)."""
        titles = [self.preview.horizontalHeaderItem(c).text()
                  for c in range(self.preview.columnCount())]
        return {t: self.preview.item(row, c).text() for c, t in enumerate(titles)}

    def _update(self) -> None:
        missing = [FIELD_TITLES[f] for f in REQUIRED if not self.mapping()[f]]
        problems = []
        if self.document.readonly:
            problems.append("This file is open read-only: nothing can be imported.")
        elif self.path is not None and self.header and missing:
            problems.append(f"Choose the column for {' and '.join(missing)}.")
        elif self.header and not self.records:
            problems.append("The file has a header but no rows.")
        if not problems and self.date_errors:
            problems.append(f"{self.date_errors} of the first {min(self.total, 20)} "
                            "rows have a date that cannot be read: fix them in the file, "
                            "or map another column.")
        if not self._running:
            self.status.setText(" ".join(problems))
        self.import_button.setEnabled(not self._running and self.total > 0
                                      and not missing and not self.document.readonly)

    def _show_problems(self, problems: list[str], heading: str = "") -> None:
        self.problems.clear()
        self.problems.addItems(problems)
        self.problems.setVisible(bool(problems))
        if heading:
            self.status.setText(heading)

    # -- importing ---------------------------------------------------------------------

    def undo_text(self) -> str:
        n = self.total
        name = self.path.name if self.path else "CSV"
        return f"Import {n:,} event{'s' if n != 1 else ''} from {name}"

    def _import(self, store: Store, mapping: dict[str, str]) -> Changes:
        if self.path is not None and is_sheet(self.path):
            return ops.import_sheet(store, self.path, mapping, self.undo_text(),
                                    self._on_progress, self._is_cancelled)
        return ops.import_csv(store, self.path, mapping, self.undo_text(),
                              self._on_progress, self._is_cancelled)

    def run_import(self) -> bool:
        """Import the whole file as one undo step; False if nothing was written."""
        if self._running or not self.total:
            return False
        mapping = self.mapping()
        self._set_running(True)
        problems: list[str] = []
        try:
            counts = self.document.apply(lambda store: self._import(store, mapping)).counts
        except ImportCancelled:
            outcome = "Import cancelled: nothing was written."
        except ValidationError as exc:
            problems = exc.problems
            outcome = (f"Nothing was imported: {len(problems)} problem"
                       f"{'s' if len(problems) != 1 else ''} to fix in the file (row N is "
                       "the N-th row under the header; line L the line of the file, or "
                       "sheet row L the row the spreadsheet shows):")
        except StoreError as exc:
            problems, outcome = [str(exc)], "Nothing was imported:"
        else:
            self.imported = counts
            self.accept()
            return True
        finally:
            self._set_running(False)
        self._show_problems(problems, outcome)
        return False

    def cancel_import(self) -> None:
        """Stop a running import at its next check; the database stays as it was."""
        self._cancel = True
        self.status.setText("Cancelling…")

    def _set_running(self, running: bool) -> None:
        self._running, self._cancel, self._checked = running, False, 0
        for widget in (self.choose_button, *self.combos.values()):
            widget.setEnabled(not running)
        self.progress.setVisible(running)
        self.progress.setRange(0, max(1, self.total))
        self.progress.setValue(0)
        if running:
            self._show_problems([])
            self.status.setText(f"Reading and checking {self.total:,} rows…")
        self._update()

    def _on_progress(self, done: int, total: int) -> None:
        self._checked = done
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        if done < total:
            self.status.setText(f"Checked {done:,} of {total:,} rows…")
        self.progressed.emit(done, total)
        QApplication.processEvents()

    def _is_cancelled(self) -> bool:
        """Also called between the write's batches, after the last row was checked."""
        total = self.total
        if not self._cancel and self._checked + PROGRESS_EVERY >= total:
            self.progress.setValue(total)
            self.status.setText(f"Writing {total:,} events…")
        QApplication.processEvents()
        return self._cancel

    def reject(self) -> None:
        if self._running:
            self.cancel_import()  # Escape or Cancel while importing stops the import
        else:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            self.cancel_import()
            event.ignore()
        else:
            super().closeEvent(event)


def import_csv(window: object) -> int | None:
    """File ▸ Import events from CSV…: how many events were imported, or None."""
    parent = window if isinstance(window, QWidget) else None
    dialog = ImportCsvDialog(window.document, None, parent)  # type: ignore[attr-defined]
    try:
        if not dialog.choose_file():
            return None
        dialog.exec()
        return dialog.imported["events"] if dialog.imported else None
    finally:
        dialog.deleteLater()  # by the event loop, not kept under the window
