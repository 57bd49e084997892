"""The charts follow the light or dark palette; exported charts stay light."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from db.store import Store
from ui.app import make_application
from ui.document import Document
from ui.export.charts import render_chart
from ui.graph import GraphPanel
from ui.theme import DARK, LIGHT, chart_theme, dark_palette, message_css, printing_theme
from ui.timeline import TimelinePanel


@pytest.fixture
def dark(qtbot):
    """The application palette of a dark desktop, for one test."""
    app = make_application()
    before = QGuiApplication.palette()
    app.setPalette(dark_palette())
    yield
    app.setPalette(before)


def _lightness(image: QImage) -> float:
    """Mean lightness (0–255) of an image."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(height, -1)[:, :width * 4]
    rgb = pixels.reshape(height, width, 4)[:, :, :3].astype(float)
    return float(rgb.mean())


def _panels(store: Store, qtbot) -> tuple[TimelinePanel, GraphPanel]:
    document = Document(store)
    timeline, graph = TimelinePanel(document), GraphPanel(document)
    for panel in (timeline, graph):
        qtbot.addWidget(panel)
        panel.resize(900, 500)
        panel.show()
        qtbot.waitExposed(panel)
    graph.wait_for_layout()
    return timeline, graph


def test_the_theme_follows_the_application_palette(dark) -> None:
    assert chart_theme() is DARK
    with printing_theme():
        assert chart_theme() is LIGHT
    assert chart_theme() is DARK
    assert QColor(message_css("error").split(":")[1].strip(" ;")).lightness() > 128


def test_light_palette_gives_light_charts(filled: Store, qtbot) -> None:
    make_application()
    assert chart_theme() is LIGHT
    timeline, graph = _panels(filled, qtbot)
    assert _lightness(timeline.plot_widget.grab().toImage()) > 200
    assert _lightness(graph.plot_widget.grab().toImage()) > 200


def test_dark_palette_gives_dark_charts_with_light_text(filled: Store, qtbot, dark) -> None:
    timeline, graph = _panels(filled, qtbot)
    assert _lightness(timeline.plot_widget.grab().toImage()) < 80
    assert _lightness(graph.plot_widget.grab().toImage()) < 80
    assert _lightness(timeline.overview.widget.grab().toImage()) < 80
    assert QColor(timeline.day_axis.textPen().color()).lightness() > 180


def test_switching_the_palette_redraws_open_panels(filled: Store, qtbot) -> None:
    app = make_application()
    timeline, graph = _panels(filled, qtbot)
    before = QGuiApplication.palette()
    try:
        app.setPalette(dark_palette())
        QApplication.processEvents()
        assert _lightness(timeline.plot_widget.grab().toImage()) < 80
        assert _lightness(graph.plot_widget.grab().toImage()) < 80
    finally:
        app.setPalette(before)
    QApplication.processEvents()
    assert _lightness(timeline.plot_widget.grab().toImage()) > 200


def test_exported_charts_are_light_under_a_dark_palette(filled: Store, qtbot, dark,
                                                        tmp_path: Path) -> None:
    timeline, graph = _panels(filled, qtbot)
    for name, panel in (("timeline", timeline), ("graph", graph)):
        out = render_chart(panel, tmp_path / f"{name}.png")
        image = QImage(str(out))
        assert not image.isNull()
        assert _lightness(image) > 200, name
    assert chart_theme() is DARK  # the screen keeps its palette


def test_dark_charts_lighten_the_darkest_category_colours(dark) -> None:
    from ui.timeline.style import PALETTE, colour_of, solid_brush

    indigo = PALETTE.index("#332288")
    on_dark = solid_brush(indigo).color()
    with printing_theme():
        on_paper = solid_brush(indigo).color()
        assert on_paper.name().upper() == "#332288"
    assert on_dark.lightness() > on_paper.lightness() + 40
    sand = PALETTE.index("#DDCC77")  # already light: the same in both
    assert colour_of(sand).name().upper() == "#DDCC77"
