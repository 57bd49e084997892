"""Charts of the timeline and the graph, read back from the files written: PNG pixels,
SVG parsed as XML, PDF pages; 20,000 events; the export dialogs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtGui import QColor, QImage

from db.csvio import import_events_csv
from db.jsonio import dumps, export_data
from db.store import Store
from models.dates import iso_from_jdn, jdn_from_ymd, parse_date
from models.records import Event
from ui.document import Document
from ui.export import ChartCancelled, ChartError, ChartSize, render_chart
from ui.export.data_dialog import ExportDataDialog
from ui.export.dialog import ExportChartDialog, describe_output, export_chart
from ui.graph import GraphPanel
from ui.timeline import TimelinePanel

SVG = "{http://www.w3.org/2000/svg}"
BIG_EVENTS = 20_000


# -------------------------------------------------------------------------- helpers


@pytest.fixture
def panels(qtbot):
    """Shown timeline and graph panels over a store, as the window has them."""
    def make(store: Store, width: int = 1200, height: int = 520):
        document = Document(store)
        timeline, graph = TimelinePanel(document), GraphPanel(document)
        for panel in (timeline, graph):
            qtbot.addWidget(panel)
            panel.resize(width, height)
            panel.show()
            qtbot.waitExposed(panel)
        assert graph.wait_for_layout()
        return timeline, graph
    return make


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where the charts go: a folder of their own (the test's database is in tmp_path)."""
    path = tmp_path / "charts"
    path.mkdir()
    return path


@pytest.fixture(scope="module")
def big_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,000 events over 120 years in five categories (written by the CSV import)."""
    path = tmp_path_factory.mktemp("big") / "big.db"
    first, days = jdn_from_ymd(1900, 1, 1), 120 * 365
    rows = ["date,title,category"] + [
        f"{iso_from_jdn(first + i * days // BIG_EVENTS)},Event number {i},c{i % 5}"
        for i in range(BIG_EVENTS)]
    with Store.create(path) as store:
        import_events_csv(store, "\n".join(rows) + "\n")
    return path


def colours(image: QImage, step: int = 3) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)}


def dark_pixels(image: QImage, x0: int, y0: int, x1: int, y1: int) -> int:
    return sum(QColor(image.pixel(x, y)).lightness() < 100
               for x in range(x0, x1) for y in range(y0, y1))


def svg_root(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    return root


def svg_texts(path: Path) -> list[str]:
    return ["".join(t.itertext()) for t in svg_root(path).iter(f"{SVG}text")]


def two_eras(store: Store) -> None:
    """Events in the 1970s and in the 2020s, far apart on the timeline."""
    with store.transaction():
        for i in range(4):
            store.add_event(Event(f"Old treaty {i}", f"{1971 + i}", category="diplomatic"))
            store.add_event(Event(f"New summit {i}", f"March {2020 + i}", category="military"))


# ----------------------------------------------------------------------------- PNG


def test_timeline_png_has_size_colours_title_legend_and_dpi(filled: Store, panels,
                                                             folder: Path) -> None:
    timeline, _ = panels(filled)
    out = render_chart(timeline, folder / "timeline.png", width=1000, height=500,
                       dpi=150, title="Taiwan and Korea", extent="all")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 500)
    assert len(colours(image)) >= 8  # categories, hatching, text, grid
    assert dark_pixels(image, 10, 8, 200, 40) > 50  # the title
    assert QColor(image.pixel(999, 499)).name() == "#ffffff"
    assert image.dotsPerMeterX() == round(150 / 0.0254)
    assert image.text("Title") == "Taiwan and Korea"
    assert list(folder.iterdir()) == [out]  # no temporary file left behind


def test_scale_multiplies_pixels_and_transparent_has_no_background(filled: Store, panels,
                                                                   folder: Path) -> None:
    timeline, _ = panels(filled)
    out = render_chart(timeline, folder / "t.png", width=800, height=400, scale=2,
                       background="transparent", title="Scaled")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 800)
    assert image.hasAlphaChannel()
    assert QColor.fromRgba(image.pixel(1599, 799)).alpha() == 0
    assert dark_pixels(image, 20, 16, 300, 70) > 100  # title drawn at twice the pixels


def test_graph_png_and_svg_show_the_node_labels(filled: Store, panels, folder: Path) -> None:
    _, graph = panels(filled)
    png = render_chart(graph, folder / "g.png", width=900, height=700, title="Ties")
    image = QImage(str(png))
    assert (image.width(), image.height()) == (900, 700)
    assert len(colours(image)) >= 5
    svg = render_chart(graph, folder / "g.svg", width=900, height=700, title="Ties")
    texts = svg_texts(svg)
    for name in ("Kim Dong-myung", "Alishan Society", "Taipei", "Ties", "Person",
                 "Organization"):
        assert name in texts, name


# ----------------------------------------------------------------------------- SVG, PDF


def test_timeline_svg_has_the_labels_as_text_and_the_requested_size(
        filled: Store, panels, folder: Path) -> None:
    timeline, _ = panels(filled)
    timeline.set_lane_mode("category")
    out = render_chart(timeline, folder / "t.svg", width=1100, height=480,
                       title="A <title> & more", extent="all")
    root = svg_root(out)
    assert (root.get("width"), root.get("height")) == ("1100", "480")
    assert root.get("viewBox") == "0 0 1100 480"
    texts = svg_texts(out)
    for text in ("Delegation visits Taipei", "Exchange programme", "A <title> & more",
                 "parliamentary", "military", "exact day", "uncertain"):
        assert text in texts, text
    assert any(re.fullmatch(r"\d{4}", t) for t in texts)  # the axis
    assert "DejaVu" in out.read_text() or "sans-serif" in out.read_text()
    assert "clipPath" in out.read_text()  # the plot is clipped to its view


def test_pdf_is_one_vector_page_sized_to_the_chart(filled: Store, panels,
                                                   folder: Path) -> None:
    timeline, _ = panels(filled)
    out = render_chart(timeline, folder / "t.pdf", width=1200, height=600, dpi=300,
                       title="Printed")
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box and float(box[1]) == pytest.approx(1200 / 300 * 72, abs=1)
    assert float(box[2]) == pytest.approx(600 / 300 * 72, abs=1)


# ------------------------------------------------------------------------ view, all


def test_view_and_all_differ_and_the_panel_keeps_its_view(store: Store, panels,
                                                          folder: Path) -> None:
    two_eras(store)
    timeline, _ = panels(store)
    timeline.set_view_range(parse_date("2019").earliest, parse_date("2024").latest + 1)
    before = timeline.view_range()
    view = svg_texts(render_chart(timeline, folder / "view.svg", width=1000, height=400))
    whole = svg_texts(render_chart(timeline, folder / "all.svg", width=1000, height=400,
                                   extent="all"))
    assert "New summit 0" in view and "Old treaty 0" not in view
    assert "New summit 0" in whole and "Old treaty 0" in whole
    assert timeline.view_range() == pytest.approx(before)


# --------------------------------------------------------------------- big data


def test_twenty_thousand_events_export_in_density_and_zoomed(big_path: Path, panels,
                                                             folder: Path) -> None:
    with Store.open(big_path, readonly=True) as store:
        timeline, _ = panels(store)
        assert timeline.is_density_view()
        steps: list[tuple[int, int, str]] = []
        png = render_chart(timeline, folder / "all.png", extent="all", title="All",
                           progress=lambda *step: steps.append(step))
        image = QImage(str(png))
        assert image.width() == 1200 and len(colours(image)) >= 5
        assert steps[-1][0] == steps[-1][1] and [s[0] for s in steps] == sorted(
            s[0] for s in steps)
        svg = render_chart(timeline, folder / "all.svg", extent="all", title="All")
        assert "counted per column" in "".join(svg_root(svg).find(f"{SVG}desc").itertext())
        timeline.set_view_range(parse_date("1950").earliest, parse_date("1961").latest + 1)
        assert not timeline.is_density_view()
        zoomed = render_chart(timeline, folder / "zoom.svg", width=1600, height=1000)
        assert len(re.findall(r"<path", zoomed.read_text())) > 1000  # markers, one by one
        image = QImage(str(render_chart(timeline, folder / "zoom.png", width=1600,
                                        height=1000, scale=2)))
        assert (image.width(), image.height()) == (3200, 2000)
        assert len(colours(image, step=7)) >= 6
        timeline.set_view_range(parse_date("May 1950").earliest, parse_date("July 1950").latest)
        labels = [t for t in svg_texts(render_chart(timeline, folder / "labels.svg"))
                  if t.startswith("Event number")]
        assert len(labels) >= 20


def test_too_large_png_is_refused_before_drawing(filled: Store, panels,
                                                 folder: Path) -> None:
    timeline, _ = panels(filled)
    with pytest.raises(ChartError, match="megapixels"):
        render_chart(timeline, folder / "huge.png", width=20_000, height=9_000, scale=1)
    with pytest.raises(ChartError, match="px wide"):
        render_chart(timeline, folder / "wide.svg", width=30_000, height=900)
    assert not list(folder.iterdir())
    assert ChartSize(20_000, 20_000).png_problem() is not None
    assert ChartSize(10_000, 10_000).png_problem() is None


def test_cancel_leaves_the_old_file_alone(filled: Store, panels, folder: Path) -> None:
    timeline, _ = panels(filled)
    out = folder / "chart.png"
    out.write_bytes(b"old")
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(ChartCancelled):
        render_chart(timeline, out, cancelled=cancelled)
    assert out.read_bytes() == b"old"
    assert list(folder.iterdir()) == [out]
    with pytest.raises(ChartError, match="format"):
        render_chart(timeline, folder / "chart.gif")
    with pytest.raises(ChartError, match="database itself"):
        render_chart(timeline, filled.path, fmt="png")


# ------------------------------------------------------------------------ dialogs


def test_output_is_described_before_saving() -> None:
    assert describe_output("png", ChartSize(1600, 600, 2, 300)).startswith(
        "3,200 × 1,200 px, about 0.4 MB · prints 27.1 × 10.2 cm at 300 dpi")
    assert "A4 landscape-like" in describe_output("pdf", ChartSize(3508, 2480, 1, 300))
    assert "Too large" in describe_output("png", ChartSize(20_000, 20_000))
    assert describe_output("svg", ChartSize(800, 600)).startswith("SVG 800 × 600 px")


def test_export_chart_dialog_saves_what_was_chosen(filled: Store, panels, qtbot,
                                                   folder: Path, monkeypatch) -> None:
    timeline, graph = panels(filled)
    window = SimpleNamespace(timeline=timeline, graph=graph)
    asked: list[Path] = []

    def choose(self: ExportChartDialog, suggested: Path) -> Path:
        asked.append(suggested)
        return folder / "network"  # no extension: the format's is added

    monkeypatch.setattr(ExportChartDialog, "choose_path", choose)
    monkeypatch.setattr(ExportChartDialog, "exec", lambda self: self.save())
    original = ExportChartDialog.__init__

    def init(self: ExportChartDialog, *args: object) -> None:
        original(self, *args)
        qtbot.addWidget(self)
        self.set_choice(self.chart_box, "graph")
        self.set_choice(self.format_box, "svg")
        self.width_box.setValue(900)
        self.height_box.setValue(640)
        self.title_edit.setText("Network")
        assert self.summary.text().startswith("SVG 900 × 640 px")
        assert not self.scale_box.isEnabled()

    monkeypatch.setattr(ExportChartDialog, "__init__", init)
    saved = export_chart(window)
    assert saved == folder / "network.svg"
    assert asked[0].name == "test-graph.svg"
    assert "Network" in svg_texts(saved) and "Alishan Society" in svg_texts(saved)


def test_export_chart_dialog_refuses_a_png_too_large(filled: Store, panels, qtbot) -> None:
    timeline, graph = panels(filled)
    dialog = ExportChartDialog({"timeline": timeline, "graph": graph})
    qtbot.addWidget(dialog)
    assert dialog.width_box.value() == timeline.plot_widget.width()  # as on screen
    assert dialog.save_button.isEnabled()
    assert (dialog.scale_box.value(), dialog.dpi_box.value()) == (2, 192)  # screen's size
    dialog.dpi_box.setValue(300)
    dialog.scale_box.setValue(3)
    assert dialog.dpi_box.value() == 300 and "at 300 dpi" in dialog.summary.text()
    dialog.width_box.setValue(12_000)
    dialog.height_box.setValue(9_000)
    dialog.scale_box.setValue(2)
    assert "Too large" in dialog.summary.text()
    assert not dialog.save_button.isEnabled()
    dialog.set_choice(dialog.format_box, "pdf")
    assert dialog.save_button.isEnabled() and "PDF page" in dialog.summary.text()


def test_export_data_dialog_writes_the_chosen_format(filled: Store, qtbot, folder: Path,
                                                     monkeypatch) -> None:
    dialog = ExportDataDialog(Document(filled))
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "choose_path", lambda suggested: folder / "all")
    dialog.set_format("json")
    dialog.save()
    assert dialog.saved_path == folder / "all.json"
    assert dialog.saved_path.read_text(encoding="utf-8") == dumps(export_data(filled))
    errors: list[str] = []
    monkeypatch.setattr(dialog, "show_error", errors.append)
    monkeypatch.setattr(dialog, "choose_path", lambda s: folder / "missing" / "x")
    dialog.set_format("graphml")
    dialog.save()
    assert errors and "no such folder" in errors[0]
