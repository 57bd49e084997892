"""File ▸ Export chart…: choose the chart, its format and size, see what it will make, save.

The dialog says what the file will be before anything is drawn ("3200 × 1800 px, about
0.6 MB, prints 27 × 15 cm at 300 dpi"; a PDF's page size) and refuses sizes the writer
would refuse. Saving asks for a file name (``choose_path``, which tests replace), then
draws with a progress dialog whose Cancel stops the export with nothing written.

``export_chart(window)`` and ``export_data(window)`` are the File menu's entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
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
    MAX_SIDE_PX,
    MIN_WIDTH_PX,
    ChartCancelled,
    ChartSize,
    Panel,
    default_size,
    render_chart,
)
from ui.export.data_dialog import export_data
from ui.theme import message_css

__all__ = ["ExportChartDialog", "export_chart", "export_data"]

CHARTS = (("timeline", "Timeline"), ("graph", "Relationship graph"))
FORMATS = (("png", "PNG image"), ("svg", "SVG drawing (vector)"), ("pdf", "PDF page (vector)"))
FILTERS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)", "pdf": "PDF (*.pdf)"}
PNG_BYTES_PER_PIXEL = 0.1  # charts are mostly flat colour: measured 0.04–0.14
PAPER_CM = {"A5": (14.8, 21.0), "A4": (21.0, 29.7), "A3": (29.7, 42.0),
            "Letter": (21.59, 27.94)}


def _panels(window_or_panels: object) -> dict[str, Panel]:
    if isinstance(window_or_panels, Mapping):
        return {k: v for k, v in window_or_panels.items() if k in dict(CHARTS)}
    return {key: getattr(window_or_panels, key) for key, _ in CHARTS
            if getattr(window_or_panels, key, None) is not None}


def paper_name(width_cm: float, height_cm: float) -> str:
    """ "A4 landscape"-like name of a page size within 3 % of a paper size, or ""."""
    for name, (short, long) in PAPER_CM.items():
        for a, b, turn in ((short, long, "portrait"), (long, short, "landscape")):
            if abs(width_cm - a) <= 0.03 * a and abs(height_cm - b) <= 0.03 * b:
                return f"{name} {turn}"
    return ""


def describe_output(fmt: str, size: ChartSize) -> str:
    """What the file will be, in words (the dialog's preview line)."""
    w, h = size.pixels
    cm_w, cm_h = size.centimetres
    prints = f"{cm_w:.1f} × {cm_h:.1f} cm at {size.dpi:g} dpi"
    if fmt == "svg":
        return f"SVG {w:,} × {h:,} px, vector: sharp at any size"
    if fmt == "pdf":
        paper = paper_name(cm_w, cm_h)
        return f"PDF page {cm_w:.1f} × {cm_h:.1f} cm" + (f" ({paper}-like)" if paper else "") \
            + f", vector, laid out for {size.dpi:g} dpi"
    estimate = w * h * PNG_BYTES_PER_PIXEL
    weight = f"{estimate / 1e6:.1f} MB" if estimate >= 1e5 else f"{estimate / 1e3:.0f} KB"
    text = f"{w:,} × {h:,} px, about {weight} · prints {prints}"
    problem = size.png_problem()
    return f"{text}\nToo large: {problem}." if problem else text


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
        self.view_radio = QRadioButton("What is in &view now")
        self.all_radio = QRadioButton("&Everything (fit all)")
        self.view_radio.setChecked(True)
        self._extent = QButtonGroup(self)
        extent_row = QHBoxLayout()
        for radio in (self.view_radio, self.all_radio):
            self._extent.addButton(radio)
            extent_row.addWidget(radio)
        extent_row.addStretch(1)
        form.addRow("Show:", extent_row)
        self.width_box = self._spin(MIN_WIDTH_PX, MAX_SIDE_PX, " px", "Width")
        self.height_box = self._spin(200, MAX_SIDE_PX, " px", "Height")
        self.screen_button = QPushButton("As on screen")
        self.screen_button.setToolTip("The plot as big as it is in the window")
        size_row = QHBoxLayout()
        size_row.addWidget(self.width_box)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height_box)
        size_row.addWidget(self.screen_button)
        size_row.addStretch(1)
        size_label = QLabel("&Size:")
        size_label.setBuddy(self.width_box)
        form.addRow(size_label, size_row)
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
                                "page, and the size a PNG says it prints at")
        form.addRow("&Print resolution:", self.dpi_box)
        self.background_box = self._combo([("white", "White"),
                                           ("transparent", "Transparent")], "Background")
        form.addRow("&Background:", self.background_box)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("No title")
        store = next(iter(self.panels.values())).document.store
        self.title_edit.setText(Path(store.path).stem)
        form.addRow("&Title:", self.title_edit)
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
        self.format_box.currentIndexChanged.connect(self._update)
        self.screen_button.clicked.connect(self._size_as_on_screen)
        self.dpi_box.valueChanged.connect(self._dpi_edited)  # before _update hears of it
        for box in (self.width_box, self.height_box, self.dpi_box):
            box.valueChanged.connect(self._update)
        self.scale_box.valueChanged.connect(self._update)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    # -- state -------------------------------------------------------------------------

    def chart(self) -> str:
        return str(self.chart_box.currentData())

    def format(self) -> str:
        return str(self.format_box.currentData())

    def panel(self) -> Panel:
        return self.panels[self.chart()]

    def set_choice(self, box: QComboBox, key: str) -> None:
        """Choose an entry of one of the combo boxes by its key ("svg", "graph" …)."""
        box.setCurrentIndex(box.findData(key))

    def chart_size(self) -> ChartSize:
        scale = self.scale_box.value() if self.format() == "png" else 1.0
        return ChartSize(self.width_box.value(), self.height_box.value(), scale,
                         self.dpi_box.value())

    def options(self) -> dict[str, object]:
        """The keyword arguments of ``render_chart`` that the dialog sets."""
        size = self.chart_size()
        return {"fmt": self.format(), "width": size.width, "height": size.height,
                "scale": size.scale, "dpi": size.dpi,
                "background": self.background_box.currentData(),
                "extent": "all" if self.all_radio.isChecked() else "view",
                "title": self.title_edit.text().strip() or None}

    def _chart_changed(self) -> None:
        self._size_as_on_screen()
        self._update()

    def _size_as_on_screen(self) -> None:
        width, height = default_size(self.panel(), self.title_edit.text().strip() or None)
        self.width_box.setValue(width)
        self.height_box.setValue(height)

    def _dpi_edited(self) -> None:
        if not self._following:
            self._dpi_chosen = True

    def _update(self) -> None:
        """Refresh the preview; an untouched dpi keeps the print size of the screen's
        (96 dpi a layout pixel), whatever the scale."""
        fmt = self.format()
        if not self._dpi_chosen:
            self._following = True
            self.dpi_box.setValue(round(96 * (self.scale_box.value() if fmt == "png" else 1)))
            self._following = False
        self.scale_box.setEnabled(fmt == "png")
        self.dpi_box.setEnabled(fmt != "svg")
        text = describe_output(fmt, self.chart_size())
        self.summary.setText(text)
        too_big = fmt == "png" and self.chart_size().png_problem() is not None
        self.summary.setStyleSheet(message_css("error") if too_big else "")
        self.save_button.setEnabled(not too_big)

    # -- saving ------------------------------------------------------------------------

    def suggested_path(self) -> Path:
        store = self.panel().document.store
        name = f"{Path(store.path).stem}-{self.chart()}.{self.format()}"
        return Path(store.path).parent / name

    def choose_path(self, suggested: Path) -> Path | None:
        """Ask where to save (replaced in tests); None if the user cancelled."""
        name, _ = QFileDialog.getSaveFileName(self, "Export chart", str(suggested),
                                              FILTERS[self.format()])
        return Path(name) if name else None

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Export chart", message)

    def save(self) -> None:
        path = self.choose_path(self.suggested_path())
        if path is None:
            return
        if path.suffix.lower() != f".{self.format()}":
            path = path.with_name(path.name + f".{self.format()}")
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
                                           cancelled=progress.wasCanceled,
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
