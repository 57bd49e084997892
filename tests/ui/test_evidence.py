"""Evidence on screen: readable in light and dark palettes, graded, grouped by source.

Contrast is measured on what Qt shows: every text fragment of the Detail panel's document
with its own colour (or the palette's text or link colour) against its own background (or
the panel's base), and the banner's rendered pixels.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QTextBrowser, QToolButton

from db.store import Store
from models.records import Citation, Event, Source
from tests.ui.helpers import show_graph_panel, show_timeline
from ui.app import make_application
from ui.banner import Banner
from ui.detail import DetailPanel
from ui.document import Document
from ui.table_models import EventTableModel, SourceTableModel
from ui.theme import chart_theme, contrast_ratio, dark_palette
from ui.timeline import TimelinePanel

AA = 4.5


def fragments(view: QTextBrowser) -> Iterator[tuple[str, QColor, QColor]]:
    """Every piece of text shown, with the colour it is drawn in and what it is drawn on."""
    colours = view.palette()
    base = colours.color(QPalette.ColorRole.Base)
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            default = QPalette.ColorRole.Link if fmt.isAnchor() else QPalette.ColorRole.Text
            fg = fmt.foreground()
            bg = fmt.background()
            yield (fragment.text(),
                   fg.color() if fg.style() != fg.style().NoBrush else colours.color(default),
                   bg.color() if bg.style() != bg.style().NoBrush else base)
            it += 1
        block = block.next()


def unreadable(view: QTextBrowser) -> list[tuple[str, float]]:
    return [(text, round(contrast_ratio(fg, bg), 2)) for text, fg, bg in fragments(view)
            if text.strip() and contrast_ratio(fg, bg) < AA]


def _detail(store: Store, qtbot) -> DetailPanel:
    detail = DetailPanel(Document(store))
    qtbot.addWidget(detail)
    detail.resize(500, 700)
    detail.show()
    return detail


@pytest.mark.parametrize("kind, record", [("", 0), ("event", 1), ("entity", 1),
                                          ("relationship", 1), ("source", 1)])
def test_every_text_of_the_detail_panel_is_readable(sample_path: Path, qtbot, palette,
                                                    kind, record) -> None:
    store = Store.open(sample_path)
    detail = _detail(store, qtbot)
    detail.document.selection.select(kind, record) if kind else detail.show_record("", 0)
    assert list(fragments(detail.view))
    assert unreadable(detail.view) == []
    store.close()


def test_detail_follows_a_palette_switch(filled: Store, qtbot) -> None:
    app = make_application()
    before = QGuiApplication.palette()
    detail = _detail(filled, qtbot)
    detail.document.selection.select("event", 1)
    try:
        app.setPalette(dark_palette())
        assert unreadable(detail.view) == []
    finally:
        app.setPalette(before)
    assert unreadable(detail.view) == []


def test_the_hint_banner_is_readable(qtbot, palette) -> None:
    banner = Banner("New here? Choose an event on the timeline.", "hint", dismiss="Got it")
    qtbot.addWidget(banner)
    banner.resize(600, 40)
    banner.show()
    qtbot.waitExposed(banner)
    image = banner.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    label = banner.label.geometry()
    rgb = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)[
        label.top():label.bottom(), label.left() * 4:label.right() * 4].reshape(-1, 4)[:, :3]
    colours, counts = np.unique(rgb, axis=0, return_counts=True)
    ground = colours[counts.argmax()]
    ink = colours[np.abs(colours.astype(int) - ground).sum(axis=1).argmax()]
    ratio = contrast_ratio(QColor(*ground[::-1]), QColor(*ink[::-1]))
    assert ratio >= AA
    assert (QColor(*ground[::-1]).lightness() < 128) == (palette == "dark")


def test_citations_show_a_grade_badge_and_one_line_per_source(store: Store, qtbot) -> None:
    wire = store.add_source(Source(title="Wire report", reliability="B"))
    blog = store.add_source(Source(title="Blog post"))
    event = store.add_event(Event(title="Talks held", date="2020"))
    store.add_citation(Citation(wire, "event", event, "p. 3", confidence=2))
    store.add_citation(Citation(wire, "event", event, "p. 7", confidence=3))
    store.add_citation(Citation(blog, "event", event, "para. 1"))
    detail = _detail(store, qtbot)
    detail.document.selection.select("event", event)
    text = detail.text()
    assert text.count("Wire report") == 1
    assert "p. 3" in text and "p. 7" in text
    assert "B2" in text and "B3" in text
    assert "2 independent sources, best B2" in text
    detail.document.selection.select("source", wire)
    assert detail.text().count("Talks held") == 1
    assert "p. 3" in detail.text() and "p. 7" in detail.text()


def test_two_excerpts_of_one_paragraph_name_the_paragraph_once(store: Store, qtbot) -> None:
    wire = store.add_source(Source(title="Wire report", reliability="B"))
    event = store.add_event(Event(title="Talks held", date="2020"))
    store.add_citation(Citation(wire, "event", event, "para. 4", "talks began", 2))
    store.add_citation(Citation(wire, "event", event, "para. 4", "talks ended", 2))
    detail = _detail(store, qtbot)
    detail.document.selection.select("event", event)
    text = detail.text()
    assert text.count("para. 4") == 1 and text.count("B2") == 2  # summary + the line
    assert "talks began" in text and "talks ended" in text


def test_an_uncited_record_is_flagged(store: Store, qtbot) -> None:
    event = store.add_event(Event(title="Rumoured meeting", date="2021"))
    detail = _detail(store, qtbot)
    detail.document.selection.select("event", event)
    assert "Uncited" in detail.text()


def _cells(model, column: int) -> dict[str, str]:
    return {model.index(r, 1 if model.kind == "event" else 0).data():
            model.index(r, column).data() for r in range(model.rowCount())}


def test_the_browser_shows_support_and_grade_of_every_row(store: Store, qtbot) -> None:
    wire = store.add_source(Source(title="Wire report", reliability="B"))
    blog = store.add_source(Source(title="Blog post", reliability="D"))
    both = store.add_event(Event(title="Talks held", date="2020"))
    once = store.add_event(Event(title="Visit rumoured", date="2021"))
    store.add_event(Event(title="Nothing behind it", date="2022"))
    store.add_citation(Citation(wire, "event", both, "p. 3", confidence=2))
    store.add_citation(Citation(blog, "event", both, "p. 1", confidence=1))
    store.add_citation(Citation(blog, "event", once, "p. 4", confidence=3))
    store.add_citation(Citation(blog, "event", once, "p. 5", confidence=3))
    events = EventTableModel(store)
    column = events.titles.index("Evidence")
    assert _cells(events, column) == {"Talks held": "2 sources",
                                      "Visit rumoured": "1 source",
                                      "Nothing behind it": "uncited"}
    grade = events.titles.index("Grade")  # the best grade in a column of its own
    assert _cells(events, grade) == {"Talks held": "B2", "Visit rumoured": "D3",
                                     "Nothing behind it": ""}
    events.sort(grade)  # best first, uncited last
    assert [events.index(r, 1).data() for r in range(3)] == [
        "Talks held", "Visit rumoured", "Nothing behind it"]
    events.sort(grade, Qt.SortOrder.DescendingOrder)
    assert events.index(0, 1).data() == "Nothing behind it"
    sources = SourceTableModel(store)
    assert sources.titles[sources.titles.index("Grade")] == "Grade"
    assert _cells(sources, sources.titles.index("Grade")) == {"Wire report": "B",
                                                              "Blog post": "D"}
    events.set_filter("uncited")  # the evidence column is not searched text
    qtbot.waitUntil(lambda: not events.is_busy())
    assert events.rowCount() == 0


def test_a_citation_row_shows_its_grade_as_it_is_edited(qtbot) -> None:
    from ui.dialogs.citations import CitationRow

    sources = [Source(title="Wire report", reliability="B", id=1), Source(title="Blog", id=2)]
    row = CitationRow(sources)
    qtbot.addWidget(row)
    row.set_citation(Citation(1, "event", 1, "p. 3", confidence=2))
    assert row.grade.text() == "B2"
    assert "usually reliable" in row.grade.toolTip()
    row.credibility.setCurrentIndex(row.credibility.findData(4))
    assert row.grade.text() == "B4"
    row.source.setCurrentIndex(row.source.findData(2))
    assert row.grade.text() == "?4"


def _cited(store: Store, source_id: int, column: str) -> set[int]:
    return {c.target_id for c in store.citations_of_source(source_id)
            if c.target_type == column}


def test_a_chosen_source_lights_up_what_it_supports(sample_path: Path, qtbot) -> None:
    from ui.timeline import TimelinePanel

    store = Store.open(sample_path)
    graph = show_graph_panel(qtbot, store)
    timeline = TimelinePanel(graph.document)
    qtbot.addWidget(timeline)
    events = _cited(store, 2, "event")
    assert events and len(events) < len(store.events())
    graph.document.selection.select("source", 2)
    assert timeline.highlighted_ids() == events
    ends = {end for r in _cited(store, 2, "relationship")
            for end in (store.relationship(r).from_id, store.relationship(r).to_id)}
    expected = (_cited(store, 2, "entity") | ends) & {int(i) for i in graph._shown.ids}
    assert expected and graph.highlighted_ids() == expected
    timeline.resize(900, 1300)  # tall enough for a row per event
    timeline.show()
    qtbot.waitExposed(timeline)
    timeline.fit_all()
    marks = timeline.evidence.marks()
    assert marks["faded"] and not marks["faded"] & events  # the others fade
    graph.document.selection.select("source", 1)
    assert timeline.highlighted_ids() == _cited(store, 1, "event")
    graph.document.selection.select("event", min(events))
    assert timeline.evidence.marks()["faded"] == set()  # only a source is a lens
    store.close()


def _titles(tab) -> set[str]:
    model = tab.model
    return {model.index(r, 1).data() for r in range(model.rowCount())}


def test_browser_evidence_filters(store: Store, qtbot) -> None:
    from ui.browser import BrowserPanel

    wire = store.add_source(Source(title="Wire report", reliability="B"))
    blog = store.add_source(Source(title="Blog post", reliability="D"))
    both = store.add_event(Event(title="Talks held", date="2020"))
    once = store.add_event(Event(title="Visit rumoured", date="2021"))
    store.add_event(Event(title="Nothing behind it", date="2022"))
    store.add_citation(Citation(wire, "event", both, "p. 3", confidence=2))
    store.add_citation(Citation(blog, "event", both, "p. 1", confidence=1))
    store.add_citation(Citation(blog, "event", once, "p. 4", confidence=3))
    panel = BrowserPanel(Document(store))
    qtbot.addWidget(panel)
    tab = panel.events
    every = _titles(tab)
    assert tab.set_evidence("corroborated") and _titles(tab) == {"Talks held"}
    assert tab.set_evidence("uncited") and _titles(tab) == {"Nothing behind it"}
    assert tab.set_evidence("graded:B2") and _titles(tab) == {"Talks held"}
    assert tab.set_evidence("graded:D3") and _titles(tab) == {"Talks held", "Visit rumoured"}
    panel.document.selection.select("source", blog)
    assert tab.set_evidence("source") and _titles(tab) == {"Talks held", "Visit rumoured"}
    panel.document.selection.select("source", wire)  # the lens follows the chosen source
    assert _titles(tab) == {"Talks held"}
    tab.filter.setText("talks")
    tab.apply_filter()
    qtbot.waitUntil(lambda: not tab.model.is_busy())
    assert _titles(tab) == {"Talks held"}
    tab.filter.setText("")
    tab.apply_filter()
    qtbot.waitUntil(lambda: not tab.model.is_busy())
    assert tab.set_evidence("") and _titles(tab) == every


@pytest.fixture
def three_supports(store: Store) -> Store:
    """Spans of one category: one corroborated, one from a single source, one uncited;
    none weakly graded (``test_evidence_grades`` has those)."""
    wire = store.add_source(Source(title="Wire report", reliability="B"))
    blog = store.add_source(Source(title="Blog post", reliability="C"))
    both = store.add_event(Event(title="Talks held", date="2001", end_date="2003",
                                 category="diplomatic"))
    once = store.add_event(Event(title="Visit rumoured", date="2004", end_date="2006",
                                 category="diplomatic"))
    store.add_event(Event(title="Nothing behind it", date="2007", end_date="2009",
                          category="diplomatic"))
    store.add_citation(Citation(wire, "event", both, "p. 3", confidence=2))
    store.add_citation(Citation(blog, "event", both, "p. 1", confidence=1))
    store.add_citation(Citation(blog, "event", once, "p. 4", confidence=3))
    store.add_citation(Citation(blog, "event", once, "p. 9", confidence=3))
    return store


def _timeline(store: Store, qtbot) -> TimelinePanel:
    return show_timeline(qtbot, store)


def test_timeline_marks_show_their_support(three_supports: Store, qtbot) -> None:
    from db.tables import read_event_table

    assert sorted(read_event_table(three_supports.conn).sources.tolist()) == [0, 1, 2]
    panel = _timeline(three_supports, qtbot)
    marks = panel.evidence.marks()
    titles = {e.id: e.title for e in three_supports.events()}
    assert {titles[i] for i in marks["single"]} == {"Visit rumoured"}
    assert {titles[i] for i in marks["uncited"]} == {"Nothing behind it"}
    image = panel.plot_widget.grab().toImage()
    frame = panel.evidence.frame
    colours = {}
    for k, index in enumerate(frame.indices.tolist()):
        x = int((frame.left[k] + frame.right[k]) / 2)
        ident = int(panel._layout.items.ident[index])
        pixel = panel.plot_widget.mapFromScene(QPointF(x, float(frame.y[k])))
        colours[titles[ident]] = QColor(image.pixel(pixel.x(), pixel.y()))
    ground = QColor(chart_theme().background)
    # the uncited bar is paler (nearer the ground) than the two cited ones
    assert contrast_ratio(colours["Nothing behind it"], ground) < contrast_ratio(
        colours["Talks held"], ground) - 0.3
    assert colours["Talks held"] == colours["Visit rumoured"]


def test_the_legend_names_the_support_styles_on_screen_and_in_exports(
        three_supports: Store, qtbot, tmp_path: Path) -> None:
    from ui.export.charts import render_chart

    panel = _timeline(three_supports, qtbot)
    names = [b.text() for b in panel.toolbar.legend.findChildren(QToolButton)]
    for entry in ("2+ sources", "1 source", "uncited"):
        assert entry in names
    out = tmp_path / "t.svg"
    render_chart(panel, out)
    svg = out.read_text(encoding="utf-8")
    for entry in ("2+ sources", "1 source", "uncited"):
        assert entry in svg


def test_network_edges_show_their_support_with_a_legend(store: Store, qtbot,
                                                        tmp_path: Path) -> None:
    from models.records import Entity, Relationship
    from ui.export.charts import render_chart

    wire = store.add_source(Source(title="Wire report", reliability="B"))
    blog = store.add_source(Source(title="Blog post", reliability="C"))  # none weak
    ann, bob, cal, dee = (store.add_entity(Entity(kind="person", name=n))
                          for n in ("Ann", "Bob", "Cal", "Dee"))
    sure = store.add_relationship(Relationship(ann, bob, "advises"))
    once = store.add_relationship(Relationship(bob, cal, "advises"))
    none = store.add_relationship(Relationship(cal, dee, "advises"))
    store.add_citation(Citation(wire, "relationship", sure, "p. 1", confidence=2))
    store.add_citation(Citation(blog, "relationship", sure, "p. 2", confidence=2))
    store.add_citation(Citation(blog, "relationship", once, "p. 3", confidence=2))
    panel = show_graph_panel(qtbot, store)
    families = {e.relationship_id: panel.view._edge_key(e)[0] for e in panel.view.picture.edges}
    assert families == {sure: "relationship", once: "single", none: "uncited"}
    pens = {f: panel.view._curves[(f, 0, "normal")].opts["pen"] for f in families.values()}
    assert pens["single"].style() != Qt.PenStyle.SolidLine
    assert pens["relationship"].style() == Qt.PenStyle.SolidLine
    assert pens["uncited"].color().alpha() < pens["relationship"].color().alpha()
    shown = [panel.view.legend.layout.itemAt(r, 1).text for r in range(
        panel.view.legend.layout.rowCount()) if panel.view.legend.layout.itemAt(r, 1)]
    for entry in ("2+ sources", "1 source", "uncited"):
        assert any(entry in text for text in shown)
    out = tmp_path / "g.svg"
    render_chart(panel, out)
    svg = out.read_text(encoding="utf-8")
    for entry in ("2+ sources", "1 source", "uncited"):
        assert entry in svg
    assert svg.count("stroke-dasharray") == 2  # the legend's dashed line and the chart's


def test_a_file_without_citations_is_drawn_unveiled(store: Store, qtbot) -> None:
    store.add_event(Event(title="Nothing cited anywhere", date="2001", end_date="2003"))
    panel = _timeline(store, qtbot)
    assert panel.evidence.marks() == {"single": set(), "uncited": set(), "weak": set(),
                                      "faded": set()}


def test_a_network_without_citations_is_drawn_plain(store: Store, qtbot) -> None:
    from models.records import Entity, Relationship

    ann, bob = (store.add_entity(Entity(kind="person", name=n)) for n in ("Ann", "Bob"))
    store.add_relationship(Relationship(ann, bob, "advises"))
    panel = show_graph_panel(qtbot, store)
    assert {panel.view._edge_key(e)[0] for e in panel.view.picture.edges} == {"relationship"}
    assert len(panel.view.legend.items) == 1


def test_timeline_tooltips_say_the_support(three_supports: Store, qtbot) -> None:
    panel = _timeline(three_supports, qtbot)
    items = panel._layout.items
    tips = {items.title(k): panel._tooltip_of(k) for k in range(len(items))}
    assert "2 independent sources, best B2" in tips["Talks held"]
    assert "1 source, best C3" in tips["Visit rumoured"]
    assert "uncited" in tips["Nothing behind it"]
