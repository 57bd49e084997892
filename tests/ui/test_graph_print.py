"""The network as a chart for a report, checked as its readers' programs see it: the sample
exported to PNG and SVG, the SVG drawn by librsvg and headless Chromium, every entity named
without overlaps, no selection fading unless asked, relationship kinds on request, lines
dark enough to print."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from db.store import Store
from tests.viewers import svg_to_png_with_chromium, svg_to_png_with_librsvg
from ui import theme as themes
from ui.document import Document
from ui.export import render_chart
from ui.export.graph_copy import GraphCopy
from ui.graph import GraphPanel, style
from ui.graph.labels import muted_label, overlaps
from ui.theme import DARK, LIGHT, ChartTheme

SVG = "{http://www.w3.org/2000/svg}"
SIZE = (1400, 1000)


@pytest.fixture
def sample_graph(qtbot, sample_path: Path) -> Iterator[GraphPanel]:
    """The sample's graph panel as the command line makes it: laid out, never shown."""
    store = Store.open(sample_path)
    panel = GraphPanel(Document(store))
    qtbot.addWidget(panel)
    assert panel.wait_for_layout()
    yield panel
    store.close()


@pytest.fixture
def copy(sample_graph: GraphPanel) -> Iterator[GraphCopy]:
    chart = GraphCopy(sample_graph)
    chart.show_at(1400, 900)
    chart.set_extent("all")
    yield chart
    chart.dispose()


def pixels(path: Path) -> np.ndarray:
    """An image file as an (h, w, 3) array of RGB."""
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    assert not image.isNull(), path
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine())
    return rows[:, :image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def node_pixels(path: Path) -> int:
    """Pixels within a little of the three node colours (person, organization, place)."""
    rgb = pixels(path).astype(int)
    count = 0
    for colour in style.KIND_COLOURS.values():
        c = QColor(colour)
        distance = np.abs(rgb - (c.red(), c.green(), c.blue())).sum(axis=2)
        count += int((distance < 40).sum())
    return count


def svg_texts(path: Path) -> list[str]:
    return ["".join(t.itertext()) for t in ET.parse(path).getroot().iter(f"{SVG}text")]


def test_svg_draws_the_nodes_in_librsvg_and_chromium_as_the_png_does(
        sample_graph: GraphPanel, tmp_path: Path) -> None:
    png = render_chart(sample_graph, tmp_path / "g.png", width=SIZE[0], height=SIZE[1])
    svg = render_chart(sample_graph, tmp_path / "g.svg", width=SIZE[0], height=SIZE[1])
    in_png = node_pixels(png)
    assert in_png > 88 * 20  # 88 dots of 7–22 px
    rsvg = node_pixels(svg_to_png_with_librsvg(svg, tmp_path / "rsvg.png"))
    chromium = node_pixels(svg_to_png_with_chromium(svg, tmp_path / "chromium.png", *SIZE))
    for seen in (rsvg, chromium):
        assert 0.8 * in_png <= seen <= 1.25 * in_png, (in_png, rsvg, chromium)


def test_svg_has_no_clip_but_the_plot_s_own(sample_graph: GraphPanel, tmp_path: Path) -> None:
    """A label's clip left set in the SVG once hid every node drawn after it."""
    svg = render_chart(sample_graph, tmp_path / "g.svg", width=SIZE[0], height=SIZE[1])
    root = ET.parse(svg).getroot()
    clips = list(root.iter(f"{SVG}clipPath"))
    assert len(clips) <= 3, len(clips)


def test_every_node_is_named_once_without_overlaps_inside_the_plot(copy: GraphCopy) -> None:
    boxes = copy.label_boxes()
    names = dict(zip(map(int, copy.picture.ids), copy.picture.names, strict=True))
    assert len(names) == 88
    assert set(boxes) == set(names), sorted(names[n] for n in set(names) - set(boxes))
    rects = list(boxes.values())
    for i, a in enumerate(rects):
        assert not any(overlaps(a, b) for b in rects[i + 1:]), a
    x0, y0, x1, y1 = copy.plot_box()
    for box in rects:
        assert x0 <= box[0] and y0 <= box[1] and box[2] <= x1 and box[3] <= y1, box


def test_labels_keep_clear_of_the_nodes_they_do_not_name(copy: GraphCopy) -> None:
    pixels_of = copy.view.node_pixels()
    radius = copy.picture.sizes / 2
    covered = 0
    for x0, y0, x1, y1 in copy.label_boxes().values():
        inside = ((pixels_of[:, 0] + radius > x0) & (pixels_of[:, 0] - radius < x1)
                  & (pixels_of[:, 1] + radius > y0) & (pixels_of[:, 1] - radius < y1))
        covered += int(inside.sum())
    assert covered <= 6  # only the biggest hubs may sit on another node


def test_every_name_is_real_text_in_the_svg(sample_graph: GraphPanel, tmp_path: Path) -> None:
    svg = render_chart(sample_graph, tmp_path / "g.svg", width=SIZE[0], height=SIZE[1])
    texts = set(svg_texts(svg))
    missing = [name for name in sample_graph.loaded.names.values() if name not in texts]
    assert not missing


def test_a_selection_is_not_faded_in_a_chart_unless_asked(sample_graph: GraphPanel,
                                                           tmp_path: Path) -> None:
    plain = pixels(render_chart(sample_graph, tmp_path / "plain.png", width=900, height=700))
    taiwan = next(n for n, name in sample_graph.loaded.names.items() if name == "Taiwan")
    sample_graph.document.selection.select("entity", taiwan)
    assert sample_graph.highlighted_ids()
    chosen = pixels(render_chart(sample_graph, tmp_path / "chosen.png", width=900, height=700))
    assert np.array_equal(plain, chosen)
    chart = GraphCopy(sample_graph)
    try:
        assert not chart.view.highlight
        chart.set_emphasis(True)
        assert chart.view.highlight == sample_graph.highlighted_ids()
        assert chart.view.selected == taiwan
    finally:
        chart.dispose()


def test_relationship_kinds_are_written_on_their_lines_when_asked(copy: GraphCopy) -> None:
    assert copy.view.labels.kind_labels() == []
    copy.set_relationship_kinds(True)
    kinds = copy.view.labels.kind_labels()
    known = {e.kind for e in copy.picture.edges}
    assert len(kinds) >= 5
    for text, _ in kinds:
        assert set(text.split(", ")) <= known, text
    names = list(copy.label_boxes().values())
    for _, box in kinds:
        assert not any(overlaps(box, other) for other in names), box
    assert len(copy.label_boxes()) == 88  # kinds take only the room the names left


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast of two opaque colours."""
    def luminance(name: str) -> float:
        c = QColor(name)
        channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
        linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
                  for v in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _over(rgba: QColor, ground: str) -> str:
    """A translucent colour as it looks over the background."""
    g, a = QColor(ground), rgba.alphaF()
    return QColor(round(rgba.red() * a + g.red() * (1 - a)),
                  round(rgba.green() * a + g.green() * (1 - a)),
                  round(rgba.blue() * a + g.blue() * (1 - a))).name()


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_lines_print_and_names_read_in_both_palettes(theme: ChartTheme,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(themes, "_forced", [theme])  # as printing_theme() does
    for family in ("relationship", "shared", "undated"):
        pen = style.edge_pen(family, 0, "normal")
        seen = _over(pen.color(), theme.background)
        assert contrast_ratio(seen, theme.background) >= 3.0, (family, seen)
    chip = _over(QColor(*theme.chip[:3], 225), theme.background)
    for text in (theme.text, muted_label()):
        assert contrast_ratio(text, chip) >= 4.5, text


def _rim_gaps(copy: GraphCopy) -> dict[str, float]:
    """Name -> pixels from its node's rim to the nearest point of its label's box."""
    pixels_of = copy.view.node_pixels()
    radius = copy.picture.sizes / 2
    gaps = {}
    for row, (node, name) in enumerate(zip(map(int, copy.picture.ids), copy.picture.names,
                                           strict=True)):
        x0, y0, x1, y1 = copy.label_boxes()[node]
        x, y = pixels_of[row]
        gaps[name] = math.hypot(max(x0 - x, 0.0, x - x1), max(y0 - y, 0.0, y - y1)) - radius[row]
    return gaps


def test_every_name_sits_beside_its_own_node(copy: GraphCopy) -> None:
    """No name of the sample hangs far out on a leader line: the layout leaves each one
    room next to its node (once, a knot of hubs left a dozen 50–190 px away)."""
    far = {name: round(gap) for name, gap in _rim_gaps(copy).items() if gap > 24}
    assert not far, far


def test_no_name_covers_another_node_or_name(copy: GraphCopy) -> None:
    pixels_of = copy.view.node_pixels()
    radius = copy.picture.sizes / 2
    ids = [int(node) for node in copy.picture.ids]
    names = dict(zip(ids, copy.picture.names, strict=True))
    boxes = copy.label_boxes()
    covered = []
    for node, (x0, y0, x1, y1) in boxes.items():
        inside = ((pixels_of[:, 0] + radius > x0) & (pixels_of[:, 0] - radius < x1)
                  & (pixels_of[:, 1] + radius > y0) & (pixels_of[:, 1] - radius < y1))
        covered += [(names[node], names[ids[row]]) for row in np.flatnonzero(inside)
                    if ids[row] != node]
    assert not covered, covered
    rects = list(boxes.values())
    assert not any(overlaps(a, b) for i, a in enumerate(rects) for b in rects[i + 1:])


@pytest.mark.parametrize("hub", ["Taiwan", "South Korea"])
def test_the_story_s_hubs_stand_clear_of_their_neighbours(copy: GraphCopy, hub: str) -> None:
    """The two hubs of the engagement have air round them, not a knot of dots."""
    pixels_of = copy.view.node_pixels()
    radius = copy.picture.sizes / 2
    row = list(copy.picture.names).index(hub)
    clear = np.hypot(*(pixels_of - pixels_of[row]).T) - radius - radius[row]
    clear[row] = np.inf
    assert clear.min() >= 25, (hub, copy.picture.names[int(clear.argmin())], clear.min())
