"""Page presets, the chart's title and credit, and the options asked of the copies.

A PDF on a page preset is exactly that paper (A4: 595 × 842 pt, as pdfinfo reads it), a
PNG or SVG is that paper in pixels at the dpi, and the chart keeps inside the page's
margin. The title is the user's, else the database's own; never the file's name.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

import main
from db.sample import SAMPLE_TITLE, build_sample
from db.store import Store
from models.records import Event
from tests.ui.test_chart_frame import dark, pixels
from tests.viewers import viewer
from ui.document import Document
from ui.export import render_chart
from ui.export.copies import PlotCopy
from ui.export.graph_copy import GraphCopy
from ui.export.timeline_copy import TimelineCopy
from ui.graph import GraphPanel
from ui.timeline import TimelinePanel

PAGES = {"a4": (595, 842), "a4-landscape": (842, 595), "letter": (612, 792),
         "letter-landscape": (792, 612)}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "threadline.db"
    build_sample(path)
    return path


def export(*args: object) -> int:
    return main.run(["export", *map(str, args)])


def page_points(pdf: Path) -> tuple[int, int]:
    info = subprocess.run([viewer("pdfinfo"), str(pdf)], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert found, info
    return round(float(found[1])), round(float(found[2]))


@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_preset_is_that_paper(sample: Path, tmp_path: Path, page: str) -> None:
    pdf = tmp_path / "chart.pdf"
    assert export(sample, pdf, "--chart", "graph", "--page", page) == 0
    assert page_points(pdf) == PAGES[page]
    assert len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes())) == 1


def test_png_and_svg_on_a_page_are_its_pixels_at_the_dpi(sample: Path, tmp_path: Path) -> None:
    png, svg = tmp_path / "a4.png", tmp_path / "a4.svg"
    assert export(sample, png, "--chart", "timeline", "--page", "A4", "--dpi", 300) == 0
    image = QImage(str(png))
    assert (image.width(), image.height()) == (2480, 3508)
    assert round(image.dotsPerMeterX() * 0.0254) == 300
    assert export(sample, svg, "--chart", "timeline", "--page", "letter-landscape",
                  "--dpi", 150) == 0
    root = svg.read_text(encoding="utf-8")
    assert re.search(r'<svg\b[^>]*\swidth="1650"\s+height="1275"', root)


def test_the_chart_keeps_inside_the_page_margin(sample: Path, tmp_path: Path) -> None:
    png = tmp_path / "margin.png"
    assert export(sample, png, "--chart", "graph", "--page", "a4-landscape") == 0
    picture = pixels(png)  # 96 dpi: 12 mm is 45 px
    ink = picture.mean(axis=2) < 250
    assert not ink[:40].any() and not ink[-40:].any()
    assert not ink[:, :40].any() and not ink[:, -40:].any()
    assert ink[45:90].any()  # the title starts at the margin


def test_the_title_is_the_databases_never_the_file_name(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    assert export(sample, out, "--chart", "timeline") == 0
    text = out.read_text(encoding="utf-8").replace("&#8211;", "–")
    assert f">{SAMPLE_TITLE}<" in text and "<title>" + SAMPLE_TITLE in text
    assert ">threadline<" not in text.lower()
    with Store.open(sample) as store:
        store.set_title("Seoul and Taipei, 1974–2025")
    assert export(sample, out, "--chart", "graph", "--format", "svg") == 0
    assert ">Seoul and Taipei, 1974" in out.read_text(encoding="utf-8")
    assert export(sample, out, "--chart", "graph", "--title", "") == 0
    assert ">Seoul and Taipei" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["--chart", "timeline", "--page", "a4", "--width", "900"], "--page sets the size"),
    (["--chart", "graph", "--page", "letter", "--scale", "2"], "a page's pixels follow"),
    (["--chart", "timeline", "--relationship-kinds"], "--relationship-kinds is for the graph"),
    (["--chart", "graph", "--page", "a3"], "invalid choice: 'a3'"),
    (["--page", "a4"], "--page is for charts"),
    (["--credit", "x"], "--credit is for charts"),
    (["--select", "event:1"], "--select is for charts"),
    (["--chart", "graph", "--show-selection"], "--show-selection needs a record"),
    (["--chart", "graph", "--select", "entity:Nobody"], "no entity is named 'Nobody'"),
])
def test_wrong_page_or_option_is_one_error_and_no_file(
        sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
        message: str) -> None:
    out = tmp_path / ("chart.pdf" if "--chart" in args else "data.json")
    assert export(sample, out, *args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and message in err[0], err
    assert not out.exists()


def test_options_are_asked_of_the_copy_after_layout_before_painting(
        filled: Store, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, object, tuple[int, int]]] = []

    def record(name: str) -> Callable[..., None]:
        def method(self: PlotCopy, value: object = None) -> None:
            size = self.plot_widget.size()
            calls.append((name, value, (size.width(), size.height())))
        return method

    for copy_class in (PlotCopy, GraphCopy, TimelineCopy):  # the copies override it
        monkeypatch.setattr(copy_class, "set_emphasis", record("emphasis"))
    monkeypatch.setattr(GraphCopy, "set_relationship_kinds", record("kinds"))
    painted = PlotCopy.render

    def render(self: PlotCopy, *args: object) -> None:
        record("render")(self)
        painted(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(PlotCopy, "render", render)
    document = Document(filled)
    graph, timeline = GraphPanel(document), TimelinePanel(document)
    for panel in (graph, timeline):
        qtbot.addWidget(panel)
    assert graph.wait_for_layout()
    render_chart(graph, tmp_path / "g.png", width=800, height=600)
    render_chart(graph, tmp_path / "g.svg", width=800, height=600, show_selection=True,
                 relationship_kinds=True)
    render_chart(timeline, tmp_path / "t.png", width=800, height=600, show_selection=True)
    assert [c[:2] for c in calls] == [
        ("emphasis", False), ("kinds", False), ("render", None),
        ("emphasis", True), ("kinds", True), ("render", None),
        ("emphasis", True), ("render", None)]
    assert all(c[2][0] == 800 for c in calls)  # laid out at the chart's width already
    with pytest.raises(Exception, match="relationship kinds"):
        render_chart(timeline, tmp_path / "x.png", relationship_kinds=True)
    assert not (tmp_path / "x.png").exists()


def test_page_pixels_and_png_are_the_same_picture_at_two_dpis(sample: Path,
                                                             tmp_path: Path) -> None:
    """The dpi changes the pixels, not the layout: 192 dpi is 96 dpi drawn twice as fine."""
    low, high = tmp_path / "96.png", tmp_path / "192.png"
    assert export(sample, low, "--chart", "timeline", "--page", "letter", "--dpi", 96) == 0
    assert export(sample, high, "--chart", "timeline", "--page", "letter", "--dpi", 192) == 0
    a, b = pixels(low), pixels(high)
    assert b.shape[0] == 2 * a.shape[0] and b.shape[1] == 2 * a.shape[1]
    halved = b.reshape(a.shape[0], 2, a.shape[1], 2, 3).mean(axis=(1, 3))
    assert np.abs(halved - a).mean() < 6
    assert dark(a, slice(45, 80)) > 100  # the title


def test_a_timeline_too_tall_for_its_page_is_set_smaller_or_said_to_be_cut(
        sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Seven category lanes need more than A4 landscape at print size: the chart is set
    smaller and every row kept; 140 events, each on a row of its own, would need
    unreadable text on one Letter page: a warning."""
    capsys.readouterr()
    assert export(sample, tmp_path / "lanes.png", "--chart", "timeline", "--lanes", "category",
                  "--page", "a4-landscape") == 0
    assert "warning" not in capsys.readouterr().err
    picture = pixels(tmp_path / "lanes.png")
    assert (picture.shape[1], picture.shape[0]) == (1123, 794)  # still the page
    many = Store.create(tmp_path / "many.db")
    for n in range(140):
        many.add_event(Event(title=f"Event number {n}", date=str(1900 + n)))
    many.close()
    assert export(tmp_path / "many.db", tmp_path / "many.pdf", "--chart", "timeline",
                  "--page", "letter-landscape") == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("warning: ") and "rows are cut" in err[0]
