"""File ▸ Export data…: the database in another program's format (``db.export.export_to``).

A small dialog: the format (each with what it is for), a title for the formats that
show one, then a file name. ``export_to`` reports no progress, so the dialog shows a
busy bar and cursor while it writes; it writes atomically, so a failure leaves nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from db.errors import StoreError
from db.export import export_to
from ui.document import Document
from ui.export.target import NO_OVERWRITE_QUESTION, confirm_output

# key: (menu text, export_to format, file extension, file dialog filter, what it is for)
DATA_FORMATS = {
    "json": ("Threadline JSON", "json", ".json", "JSON (*.json)",
             "Everything, to back up or to open in another Threadline."),
    "csv": ("CSV tables (zip)", "csv", ".zip", "Zip of CSV files (*.zip)",
            "One CSV file per table, for spreadsheets and R or pandas."),
    "csv-events": ("CSV events only", "csv-events", ".csv", "CSV (*.csv)",
                   "The events as one spreadsheet (the CSV import reads it back)."),
    "xlsx": ("Excel workbook", "xlsx", ".xlsx", "Excel workbook (*.xlsx)",
             "A sheet per kind of record; the spreadsheet import reads its events back."),
    "graphml": ("GraphML network", "graphml", ".graphml", "GraphML (*.graphml)",
                "People, organizations and relationships for yEd, Cytoscape, networkx."),
    "gexf": ("GEXF network (dynamic)", "gexf", ".gexf", "GEXF (*.gexf)",
             "The network with dates, for Gephi's timeline."),
    "timelinejs": ("TimelineJS", "timelinejs", ".timeline.json", "TimelineJS (*.json)",
                   "Events for a Knight Lab TimelineJS web page."),
    "html": ("HTML report", "html", ".html", "HTML (*.html)",
             "A chronology with sources, to read or print in a browser."),
    "md": ("Markdown report", "md", ".md", "Markdown (*.md)",
           "The chronology as Markdown, for notes and documents."),
}


class ExportDataDialog(QDialog):
    """Choose a data format and a title; ``saved_path`` is set once a file was written."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export data")
        self.setMinimumWidth(460)
        self.document = document
        self.saved_path: Path | None = None
        self.format_box = QComboBox()
        self.format_box.setAccessibleName("Format")
        for key, (text, *_rest) in DATA_FORMATS.items():
            self.format_box.addItem(text, key)
        self.about = QLabel(wordWrap=True)
        self.title_edit = QLineEdit(document.store.title())
        self.title_edit.setAccessibleName("Title")
        self.raw_box = QCheckBox("Keep formulas as raw text")
        self.raw_box.setAccessibleName("Keep formulas as raw text")
        self.raw_box.setToolTip(
            "Off (the default): a cell starting with =, +, -, @ gets a ' first, so a "
            "spreadsheet shows it as text instead of running it. On: cells are written as "
            "they are; only for files you trust.")
        self.busy = QProgressBar(maximum=0, textVisible=False)
        self.busy.setAccessibleName("Exporting")
        self.busy.hide()
        form = QFormLayout()
        form.addRow("&Format:", self.format_box)
        form.addRow("", self.about)
        form.addRow("&Title:", self.title_edit)
        form.addRow("", self.raw_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save…")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(buttons)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def key(self) -> str:
        return str(self.format_box.currentData())

    def set_format(self, key: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(key))

    def _format_changed(self) -> None:
        self.about.setText(DATA_FORMATS[self.key()][4])
        self.title_edit.setEnabled(self.key() in ("timelinejs", "html", "md"))
        self.raw_box.setEnabled(self.key() in ("csv", "csv-events"))

    def suggested_path(self) -> Path:
        path = Path(self.document.store.path)
        return path.parent / (path.stem + DATA_FORMATS[self.key()][2])

    def choose_path(self, suggested: Path) -> Path | None:
        """Ask where to save (replaced in tests); None if the user cancelled."""
        name, _ = QFileDialog.getSaveFileName(self, "Export data", str(suggested),
                                              DATA_FORMATS[self.key()][3],
                                              options=NO_OVERWRITE_QUESTION)
        return Path(name) if name else None

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Export data", message)

    def save(self) -> None:
        path = self.choose_path(self.suggested_path())
        if path is None:
            return
        _, fmt, suffix, _, _ = DATA_FORMATS[self.key()]
        if not path.name.lower().endswith(suffix):
            path = path.with_name(path.name + suffix)
        force = confirm_output(self, path, Path(self.document.store.path), "Export data")
        if force is None:
            return
        raw = self.raw_box.isEnabled() and self.raw_box.isChecked()
        self.busy.show()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()  # show the busy bar before the export blocks
        try:
            export_to(self.document.store, path, fmt, self.title_edit.text().strip() or None,
                      force=force, raw_csv=raw)
        except StoreError as exc:
            self.show_error(f"Nothing was exported: {exc}")
            return
        finally:
            QApplication.restoreOverrideCursor()
            self.busy.hide()
        self.saved_path = path
        self.accept()


def export_data(window: object) -> Path | None:
    """File ▸ Export data…: the dialog for ``window.document``; the file written or None."""
    parent = window if isinstance(window, QWidget) else None
    dialog = ExportDataDialog(window.document, parent)  # type: ignore[attr-defined]
    dialog.exec()
    return dialog.saved_path
