"""File ▸ Export chart… on the main window: the title is the database's, the timeline's
height follows its rows, the options reach the writer, and its words stay readable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication

from db.sample import SAMPLE_TITLE
from ui.app import make_application
from ui.export import dialog as dialog_module
from ui.export.charts import rows_fit
from ui.export.decor import NOTE_COLOUR, TEXT_COLOUR
from ui.export.dialog import ExportChartDialog
from ui.main_window import MainWindow
from ui.theme import dark_palette


@pytest.fixture
def dialog(window: MainWindow, qtbot) -> ExportChartDialog:
    made = ExportChartDialog(window, window)
    qtbot.addWidget(made)
    return made


@pytest.fixture
def dark_palette_on(qtbot) -> Iterator[None]:
    app = make_application()
    before = QGuiApplication.palette()
    app.setPalette(dark_palette())
    yield
    app.setPalette(before)


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_title_starts_as_the_databases_own(dialog: ExportChartDialog) -> None:
    assert dialog.title_edit.text() == SAMPLE_TITLE
    assert dialog.options()["title"] == SAMPLE_TITLE
    assert dialog.options()["show_selection"] is False  # no fading unless asked
    assert not dialog.kinds_check.isEnabled()  # the timeline has no relationship lines


def test_everything_at_the_default_size_keeps_every_row(dialog: ExportChartDialog,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    dialog.all_radio.setChecked(True)
    assert dialog.auto_height.isChecked() and not dialog.height_box.isEnabled()
    size = dialog.chart_size()
    needed, room = rows_fit(dialog.panel(), size, "all", SAMPLE_TITLE)
    assert needed <= room
    described = re.search(r"([\d,]+) × ([\d,]+) px", dialog.summary.text())
    assert described and int(described[2].replace(",", "")) == round(size.height * size.scale)
    monkeypatch.setattr(dialog, "choose_path", lambda suggested: tmp_path / "all.png")
    dialog.save()
    image = QImage(str(tmp_path / "all.png"))
    assert image.height() == round(size.height * size.scale)


def test_a_height_too_short_for_the_rows_is_said(dialog: ExportChartDialog) -> None:
    dialog.all_radio.setChecked(True)
    assert "cut" not in dialog.summary.text()
    dialog.auto_height.setChecked(False)
    dialog.height_box.setValue(260)
    assert "the lowest rows will be cut" in dialog.summary.text()
    dialog.set_choice(dialog.page_box, "a4")
    assert dialog.summary.text().startswith("1,587 × 2,245 px")  # A4 at 192 dpi
    assert not dialog.width_box.isEnabled() and not dialog.scale_box.isEnabled()


def test_page_credit_and_options_reach_the_writer(dialog: ExportChartDialog,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    asked: dict[str, object] = {}

    def render(panel: object, path: Path, **options: object) -> Path:
        asked.update(options, panel=panel, path=path)
        return path

    monkeypatch.setattr(dialog_module, "render_chart", render)
    monkeypatch.setattr(dialog, "choose_path", lambda suggested: tmp_path / "net")
    dialog.set_choice(dialog.chart_box, "graph")
    dialog.set_choice(dialog.format_box, "pdf")
    dialog.set_choice(dialog.page_box, "letter-landscape")
    dialog.credit_edit.setText("Source: two articles; made with Threadline")
    dialog.selection_check.setChecked(True)
    dialog.kinds_check.setChecked(True)
    assert dialog.summary.text().startswith("PDF, one Letter landscape page (27.9 × 21.6 cm)")
    dialog.save()
    assert asked["path"] == tmp_path / "net.pdf" and asked["panel"] is dialog.panel()
    assert {k: asked[k] for k in ("page", "width", "height", "credit", "show_selection",
                                  "relationship_kinds", "title")} == {
        "page": "letter-landscape", "width": None, "height": None,
        "credit": "Source: two articles; made with Threadline", "show_selection": True,
        "relationship_kinds": True, "title": SAMPLE_TITLE}


def test_frame_and_dialog_words_meet_aa_contrast(dialog: ExportChartDialog,
                                                 dark_palette_on: None) -> None:
    """The chart's words on its white page, and the dialog's warning on either palette,
    even when the palette changes while the dialog is open."""
    white = QColor("#FFFFFF")  # a chart's page is white whatever the palette
    assert contrast(QColor(TEXT_COLOUR), white) >= 4.5
    assert contrast(QColor(NOTE_COLOUR), white) >= 4.5
    dialog.all_radio.setChecked(True)
    dialog.auto_height.setChecked(False)
    dialog.height_box.setValue(260)
    for palette in (dark_palette(), light_palette(), dark_palette()):
        make_application().setPalette(palette)
        QApplication.processEvents()
        background = dialog.palette().color(QPalette.ColorRole.Window)
        text = dialog.summary.palette().color(QPalette.ColorRole.WindowText)
        assert contrast(text, background) >= 4.5
        css = re.search(r"color: (#[0-9a-fA-F]{6})", dialog.summary.styleSheet())
        assert css and contrast(QColor(css[1]), background) >= 4.5, css[0]


def light_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#EFEFEF"),
                         (QPalette.ColorRole.WindowText, "#1F1F1F")):
        palette.setColor(role, QColor(colour))
    return palette


def test_properties_set_the_title_charts_start_with(window: MainWindow, qtbot,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.export.properties import PropertiesDialog

    assert window.properties_action in window.file_menu.actions()
    shown: list[PropertiesDialog] = []

    def run(self: PropertiesDialog) -> int:
        shown.append(self)
        self.title_edit.setText("Seoul and Taipei")
        self.save()
        return self.result()

    monkeypatch.setattr(PropertiesDialog, "exec", run)
    window.properties_action.trigger()
    assert shown and shown[0].title_edit.text() == "Seoul and Taipei"
    assert window.document.store.title() == "Seoul and Taipei"
    chart = ExportChartDialog(window, window)
    qtbot.addWidget(chart)
    assert chart.title_edit.text() == "Seoul and Taipei"
