"""File ▸ Export chart…: choose the chart, its format, size or page, title and credit, see
what it will make, save.

The dialog says what the file will be before anything is drawn ("3200 × 1800 px, about
0.6 MB, prints 27 × 15 cm at 300 dpi"; a PDF's page) and refuses sizes the writer would
refuse. The title starts as the database's own (``Store.title``). A timeline's height
follows its rows ("Auto height", on by default), so "Everything" never loses rows at the
dialog's default size; where a chosen height or page is too short for them, the dialog
says so. Saving asks for a file name (``choose_path``, which tests replace), then draws
with a progress dialog whose Cancel stops the export with nothing written.

``export_chart(window)`` and ``export_data(window)`` are the File menu's entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.errors import StoreError
from ui.export.charts import (
    MAX_PAGE_ZOOM,
    MAX_SIDE_PX,
    MIN_WIDTH_PX,
    ChartCancelled,
    ChartSize,
    Panel,
    default_size,
    render_chart,
    rows_fit,
)
from ui.export.data_dialog import export_data
from ui.export.dialog_text import describe_output, rows_note
from ui.export.pages import PAGES, page_of
from ui.export.target import NO_OVERWRITE_QUESTION, confirm_output
from ui.theme import message_css

__all__ = ["ExportChartDialog", "describe_output", "export_chart", "export_data"]

CHARTS = (("timeline", "Timeline"), ("graph", "Relationship graph"))
FORMATS = (("png", "PNG image"), ("svg", "SVG drawing (vector)"), ("pdf", "PDF page (vector)"))
FILTERS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)", "pdf": "PDF (*.pdf)"}
PIXELS = "pixels"


def _panels(window_or_panels: object) -> dict[str, Panel]:
    if isinstance(window_or_panels, Mapping):
        return {k: v for k, v in window_or_panels.items() if k in dict(CHARTS)}
    return {key: getattr(window_or_panels, key) for key, _ in CHARTS
            if getattr(window_or_panels, key, None) is not None}


class ExportChartDialog(QDialog):
    """Options of one chart export; ``saved_path`` is set once a file was written."""

    def __init__(self, window_or_panels: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export chart")
        self.panels = _panels(window_or_panels)
        if not self.panels:
            raise ValueError("no timeline or graph to export")
        self.saved_path: Path | None = None
        self._following = False
        self._rows: dict[tuple[object, ...], tuple[int, int]] = {}
        self._tone = ""  # the summary's: "", "warning" or "error"
        self._build()
        self._connect()
        self._chart_changed()

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        form = QFormLayout()
        self.chart_box = self._combo([c for c in CHARTS if c[0] in self.panels], "Chart")
        form.addRow("&Chart:", self.chart_box)
        self.format_box = self._combo(list(FORMATS), "Format")
        form.addRow("&Format:", self.format_box)
        form.addRow("Show:", self._extent_row())
        self.page_box = self._combo([(PIXELS, "Size in pixels")]
                                    + [(key, page.label) for key, page in PAGES.items()],
                                    "Page")
        form.addRow("Pa&ge:", self.page_box)
        size_label = QLabel("&Size:")
        form.addRow(size_label, self._size_row(size_label))
        self._add_print_rows(form)
        self._add_text_rows(form)
        self.selection_check = QCheckBox("Show the selection's &emphasis (the rest faded)")
        self.kinds_check = QCheckBox("Relationship &kinds on the lines")
        form.addRow("", self.selection_check)
        form.addRow("", self.kinds_check)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Output size")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save…")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def _extent_row(self) -> QHBoxLayout:
        self.view_radio = QRadioButton("What is in &view now")
        self.all_radio = QRadioButton("&Everything (fit all)")
        self.view_radio.setChecked(True)
        self._extent = QButtonGroup(self)
        row = QHBoxLayout()
        for radio in (self.view_radio, self.all_radio):
            self._extent.addButton(radio)
            row.addWidget(radio)
        row.addStretch(1)
        return row

    def _size_row(self, label: QLabel) -> QHBoxLayout:
        self.width_box = self._spin(MIN_WIDTH_PX, MAX_SIDE_PX, " px", "Width")
        self.height_box = self._spin(200, MAX_SIDE_PX, " px", "Height")
        self.auto_height = QCheckBox("&Auto height")
        self.auto_height.setToolTip("The timeline as high as its rows, so none is cut")
        self.screen_button = QPushButton("As on screen")
        self.screen_button.setToolTip("The plot as big as it is in the window")
        row = QHBoxLayout()
        for widget in (self.width_box, QLabel("×"), self.height_box, self.auto_height,
                       self.screen_button):
            row.addWidget(widget)
        row.addStretch(1)
        label.setBuddy(self.width_box)
        return row

    def _add_print_rows(self, form: QFormLayout) -> None:
        self.scale_box = QDoubleSpinBox(decimals=2, minimum=0.5, maximum=8.0, singleStep=0.5)
        self.scale_box.setValue(2.0)  # sharp in a document; the layout stays the same
        self.scale_box.setSuffix(" ×")
        self.scale_box.setAccessibleName("Scale")
        self.scale_box.setToolTip("Pixels per layout pixel: 2 × draws the same chart with "
                                  "twice the pixels (sharper text, a bigger file)")
        form.addRow("S&cale:", self.scale_box)
        self.dpi_box = self._spin(30, 2400, " dpi", "Print resolution")
        self.dpi_box.setValue(192)
        self._dpi_chosen = False  # until the user sets it, it follows the scale
        self.dpi_box.setToolTip("How many pixels make an inch in print: the size of a PDF "
                                "page, the pixels of a page, the size a PNG prints at")
        form.addRow("&Print resolution:", self.dpi_box)
        self.background_box = self._combo([("white", "White"),
                                           ("transparent", "Transparent")], "Background")
        form.addRow("&Background:", self.background_box)

    def _add_text_rows(self, form: QFormLayout) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("No title")
        self.title_edit.setText(next(iter(self.panels.values())).document.store.title())
        form.addRow("&Title:", self.title_edit)
        self.credit_edit = QLineEdit()
        self.credit_edit.setAccessibleName("Credit line")
        self.credit_edit.setPlaceholderText("Source: …; made with Threadline")
        self.credit_edit.setToolTip("A line under the chart: its sources, its author")
        form.addRow("C&redit line:", self.credit_edit)

    def _combo(self, items: list[tuple[str, str]], name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        for key, text in items:
            box.addItem(text, key)
        return box

    def _spin(self, low: int, high: int, suffix: str, name: str) -> QSpinBox:
        box = QSpinBox(minimum=low, maximum=high)
        box.setSuffix(suffix)
        box.setAccessibleName(name)
        box.setGroupSeparatorShown(True)
        return box

    def _connect(self) -> None:
        self.chart_box.currentIndexChanged.connect(self._chart_changed)
        self.screen_button.clicked.connect(self._size_as_on_screen)
        self.dpi_box.valueChanged.connect(self._dpi_edited)  # before _update hears of it
        for box in (self.width_box, self.height_box, self.dpi_box):
            box.valueChanged.connect(self._update)
        for combo in (self.format_box, self.page_box):
            combo.currentIndexChanged.connect(self._update)
        self.scale_box.valueChanged.connect(self._update)
        for check in (self.auto_height, self.all_radio):
            check.toggled.connect(self._update)
        for edit in (self.title_edit, self.credit_edit):
            edit.editingFinished.connect(self._update)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    # -- state -------------------------------------------------------------------------

    def chart(self) -> str:
        return str(self.chart_box.currentData())

    def format(self) -> str:
        return str(self.format_box.currentData())

    def page(self) -> str | None:
        key = str(self.page_box.currentData())
        return None if key == PIXELS else key

    def panel(self) -> Panel:
        return self.panels[self.chart()]

    def extent(self) -> str:
        return "all" if self.all_radio.isChecked() else "view"

    def set_choice(self, box: QComboBox, key: str) -> None:
        """Choose an entry of one of the combo boxes by its key ("svg", "graph", "a4" …)."""
        box.setCurrentIndex(box.findData(key))

    def chart_size(self) -> ChartSize:
        page = page_of(self.page())
        if page is not None:
            return ChartSize.on_page(page, self.dpi_box.value())
        scale = self.scale_box.value() if self.format() == "png" else 1.0
        return ChartSize(self.width_box.value(), self.height_box.value(), scale,
                         self.dpi_box.value())

    def options(self) -> dict[str, object]:
        """The keyword arguments of ``render_chart`` that the dialog sets."""
        size = self.chart_size()
        page = self.page()
        return {"fmt": self.format(), "width": None if page else size.width,
                "height": None if page else size.height, "scale": size.scale,
                "dpi": size.dpi, "page": page,
                "background": self.background_box.currentData(), "extent": self.extent(),
                "title": self.title_edit.text().strip(),
                "credit": self.credit_edit.text().strip() or None,
                "show_selection": self.selection_check.isChecked(),
                "relationship_kinds": self.chart() == "graph" and self.kinds_check.isChecked()}

    def _chart_changed(self) -> None:
        timeline = self.chart() == "timeline"
        self.auto_height.setEnabled(timeline)
        self.auto_height.setChecked(timeline)
        self.kinds_check.setEnabled(not timeline)
        self._size_as_on_screen()
        self._update()

    def _size_as_on_screen(self) -> None:
        width, height = default_size(self.panel(), self.title_edit.text().strip(),
                                     self.credit_edit.text().strip() or None)
        self.width_box.setValue(width)
        self.height_box.setValue(height)

    def _dpi_edited(self) -> None:
        if not self._following:
            self._dpi_chosen = True

    def _update(self) -> None:
        """Refresh the preview; an untouched dpi keeps the print size of the screen's
        (96 dpi a layout pixel), whatever the scale."""
        fmt, page = self.format(), self.page()
        if not self._dpi_chosen:
            self._following = True
            self.dpi_box.setValue(round(96 * (self.scale_box.value() if fmt == "png" else 1)))
            self._following = False
        self.scale_box.setEnabled(fmt == "png" and page is None)
        self.dpi_box.setEnabled(fmt != "svg" or page is not None)
        for widget in (self.width_box, self.screen_button):
            widget.setEnabled(page is None)
        self.auto_height.setEnabled(page is None and self.chart() == "timeline")
        note = self._follow_rows()
        self.height_box.setEnabled(page is None and not self._auto())
        size = self.chart_size()
        text = describe_output(fmt, size) + (f"\n{note}" if note else "")
        self.summary.setText(text)
        too_big = fmt == "png" and size.png_problem() is not None
        self._tone = "error" if too_big else ("warning" if note else "")
        self._apply_tone()
        self.save_button.setEnabled(not too_big)

    def _apply_tone(self) -> None:
        """The summary's colour for the palette of now: a warning chosen for a light
        palette is unreadable on a dark one."""
        self.summary.setStyleSheet(message_css(self._tone) if self._tone else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_tone()
        super().changeEvent(event)

    def _auto(self) -> bool:
        return self.auto_height.isEnabled() and self.auto_height.isChecked()

    def _follow_rows(self) -> str:
        """An auto height becomes what the timeline's rows need; otherwise, a word when
        the height chosen cuts rows."""
        if self.chart() != "timeline":
            return ""
        size = self.chart_size()
        key = (size.inner_width, size.page, self.extent(), self.title_edit.text().strip(),
               self.credit_edit.text().strip())
        if key not in self._rows:  # the rows' need and the frame's share, for any height
            needed, room = rows_fit(self.panel(), size, self.extent(),
                                    self.title_edit.text().strip(),
                                    self.credit_edit.text().strip() or None)
            self._rows[key] = (needed, size.height - room)
        needed, frame = self._rows[key]
        if self._auto():
            with QSignalBlocker(self.height_box):
                self.height_box.setValue(min(needed + frame, MAX_SIDE_PX))
            return ""
        room = size.height - frame
        if size.page is None:
            return rows_note(needed, room)
        return rows_note(needed, room, size.height - 2 * size.margin, MAX_PAGE_ZOOM)

    # -- saving ------------------------------------------------------------------------

    def suggested_path(self) -> Path:
        store = self.panel().document.store
        name = f"{Path(store.path).stem}-{self.chart()}.{self.format()}"
        return Path(store.path).parent / name

    def choose_path(self, suggested: Path) -> Path | None:
        """Ask where to save (replaced in tests); None if the user cancelled."""
        name, _ = QFileDialog.getSaveFileName(self, "Export chart", str(suggested),
                                              FILTERS[self.format()],
                                              options=NO_OVERWRITE_QUESTION)
        return Path(name) if name else None

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Export chart", message)

    def save(self) -> None:
        path = self.choose_path(self.suggested_path())
        if path is None:
            return
        if path.suffix.lower() != f".{self.format()}":
            path = path.with_name(path.name + f".{self.format()}")
        force = confirm_output(self, path, Path(self.panel().document.store.path),
                               "Export chart")
        if force is None:
            return
        progress = QProgressDialog("Preparing the chart…", "Cancel", 0, 100, self)
        progress.setWindowTitle("Export chart")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def report(done: int, total: int, what: str) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(f"{what}…")
            QApplication.processEvents()

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.saved_path = render_chart(self.panel(), path, progress=report,
                                           cancelled=progress.wasCanceled, force=force,
                                           **self.options())  # type: ignore[arg-type]
        except ChartCancelled:
            return
        except StoreError as exc:
            self.show_error(f"The chart was not saved: {exc}")
            return
        finally:
            QApplication.restoreOverrideCursor()
            progress.close()
        self.accept()


def export_chart(window: object) -> Path | None:
    """File ▸ Export chart…: the dialog over ``window`` (its ``timeline`` and ``graph``);
    the file written, or None if nothing was."""
    parent = window if isinstance(window, QWidget) else None
    dialog = ExportChartDialog(window, parent)
    dialog.exec()
    return dialog.saved_path
