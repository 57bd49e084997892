"""Marks resting on weakly graded sources (best grade D–E or 4–5) read fainter than well
graded ones and clearly less faint than uncited ones, on the timeline and the network,
and both keys name the weak grade only when such a mark is drawn."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QToolButton

from db import ops
from db.store import Store
from models.records import Citation, Entity, Event, Relationship, Source
from tests.ui.helpers import show_graph_panel, show_timeline
from ui.theme import chart_theme, contrast_ratio
from ui.timeline import TimelinePanel

WEAK_KEY = "weak grade"


def _over(rgba: QColor, ground: str) -> QColor:
    """A translucent colour as it looks over a ground."""
    g, a = QColor(ground), rgba.alphaF()
    return QColor(round(rgba.red() * a + g.red() * (1 - a)),
                  round(rgba.green() * a + g.green() * (1 - a)),
                  round(rgba.blue() * a + g.blue() * (1 - a)))


def _graded(store: Store, reliability: str, credibility: int) -> dict[str, int]:
    """Spans of one category: corroborated B2, a single source graded ``reliability``
    ``credibility`` ("D", 4: D4) and uncited."""
    wire = store.add_source(Source(title="Wire report", reliability="B"))
    paper = store.add_source(Source(title="Paper", reliability="C"))
    blog = store.add_source(Source(title="Blog post", reliability=reliability))
    good = store.add_event(Event(title="Talks held", date="2001", end_date="2003",
                                 category="diplomatic"))
    weak = store.add_event(Event(title="Visit rumoured", date="2004", end_date="2006",
                                 category="diplomatic"))
    none = store.add_event(Event(title="Nothing behind it", date="2007", end_date="2009",
                                 category="diplomatic"))
    store.add_citation(Citation(wire, "event", good, "p. 3", confidence=2))
    store.add_citation(Citation(paper, "event", good, "p. 1", confidence=3))
    store.add_citation(Citation(blog, "event", weak, "p. 4", confidence=credibility))
    return {"good": good, "weak": weak, "none": none}


def _timeline(store: Store, qtbot) -> TimelinePanel:
    return show_timeline(qtbot, store)


def _key_names(panel) -> list[str]:
    """The entries of the timeline's key now shown (replaced ones are hidden first)."""
    return [b.text() for b in panel.toolbar.legend.findChildren(QToolButton)
            if not b.isHidden()]


def _painted(panel) -> dict[int, QColor]:
    """The colour painted in the middle of each event's bar, by event id."""
    image = panel.plot_widget.grab().toImage()
    frame = panel.evidence.frame
    colours = {}
    for k, index in enumerate(frame.indices.tolist()):
        x = (frame.left[k] + frame.right[k]) / 2
        pixel = panel.plot_widget.mapFromScene(QPointF(float(x), float(frame.y[k])))
        colours[int(panel._layout.items.ident[index])] = QColor(image.pixel(pixel))
    return colours


def test_a_weakly_graded_event_is_fainter_than_a_good_one_but_not_uncited(
        store: Store, qtbot, palette: str) -> None:
    ids = _graded(store, "D", 4)
    panel = _timeline(store, qtbot)
    marks = panel.evidence.marks()
    assert marks["weak"] == {ids["weak"]}
    assert marks["single"] == {ids["weak"]} and marks["uncited"] == {ids["none"]}
    painted = _painted(panel)
    ground = QColor(chart_theme().background)
    good, weak, none = (contrast_ratio(painted[ids[k]], ground)
                        for k in ("good", "weak", "none"))
    assert good > weak + 0.3 and weak > none + 0.3, (good, weak, none)


@pytest.mark.parametrize("doubtful", ["E", "C"])  # E1 is weak, C3 is not
def test_the_timeline_key_names_the_weak_grade_only_when_one_is_drawn(
        store: Store, qtbot, tmp_path: Path, doubtful: str) -> None:
    from ui.export.charts import render_chart

    ids = _graded(store, doubtful, 1 if doubtful == "E" else 3)
    panel = _timeline(store, qtbot)
    assert bool(panel.evidence.marks()["weak"]) == (doubtful == "E")
    assert any(WEAK_KEY in n for n in _key_names(panel)) == (doubtful == "E")
    out = tmp_path / "t.svg"
    render_chart(panel, out)
    assert (WEAK_KEY in out.read_text(encoding="utf-8")) == (doubtful == "E")
    if doubtful == "E":  # re-grading the source (E1 to B1) clears the mark and its key
        blog = next(s for s in store.sources() if s.title == "Blog post")
        ops.update_source(store, replace(blog, reliability="B"))
        panel.apply_table(store.event_table())
        assert panel.evidence.marks()["weak"] == set()
        assert not any(WEAK_KEY in n for n in _key_names(panel))
        assert ids["weak"] in panel.evidence.marks()["single"]


def test_the_timeline_keys_weak_swatch_paints_between_good_and_uncited(
        qtbot, palette: str) -> None:
    from ui.timeline.legend import CHIP_PX, chip_icon

    ground = QColor(chart_theme().background)

    def middle(shape: str) -> float:
        image = chip_icon(-2, shape).pixmap(CHIP_PX, CHIP_PX).toImage()
        return contrast_ratio(_over(image.pixelColor(CHIP_PX // 2, CHIP_PX // 2), ground.name()),
                              ground)

    good, weak, none = middle("solid"), middle("weak"), middle("uncited")
    assert good > weak + 0.2 and weak > none + 0.2, (good, weak, none)


def _network(store: Store, doubtful: str) -> dict[str, int]:
    """Relationships: two good sources, one weak source, two weak sources, an inferred one
    from a weak source, and one uncited."""
    wire = store.add_source(Source(title="Wire report", reliability="B"))
    paper = store.add_source(Source(title="Paper", reliability="C"))
    blog = store.add_source(Source(title="Blog post", reliability=doubtful))
    forum = store.add_source(Source(title="Forum", reliability="E"))
    ann, bob, cal, dee, eve, fay = (store.add_entity(Entity(kind="person", name=n))
                                    for n in ("Ann", "Bob", "Cal", "Dee", "Eve", "Fay"))
    ids = {"good": store.add_relationship(Relationship(ann, bob, "advises")),
           "single": store.add_relationship(Relationship(bob, cal, "advises")),
           "both": store.add_relationship(Relationship(cal, dee, "advises")),
           "inferred": store.add_relationship(Relationship(dee, eve, "knows",
                                                           inferred=True)),
           "none": store.add_relationship(Relationship(eve, fay, "advises"))}
    for source, target, grade in ((wire, "good", 2), (paper, "good", 3),
                                  (blog, "single", 4), (blog, "both", 2),
                                  (forum if doubtful == "D" else paper, "both", 3),
                                  (blog, "inferred", 2)):
        store.add_citation(Citation(source, "relationship", ids[target], "p. 1",
                                    confidence=grade if doubtful == "D" else 2))
    return ids


def _legend_texts(panel) -> list[str]:
    layout = panel.view.legend.layout
    return [layout.itemAt(r, 1).text for r in range(layout.rowCount())
            if layout.itemAt(r, 1)]


def test_a_weakly_graded_relationship_is_lighter_keeping_its_dashes(
        store: Store, qtbot, palette: str) -> None:
    from ui.graph import style

    ids = _network(store, "D")
    panel = show_graph_panel(qtbot, store)
    families = {e.relationship_id: panel.view._edge_key(e)[0] for e in panel.view.picture.edges}
    assert families == {ids["good"]: "relationship", ids["single"]: "single weak",
                        ids["both"]: "relationship weak", ids["inferred"]: "inferred weak",
                        ids["none"]: "uncited"}
    pens = {f: panel.view._curves[(f, 0, "normal")].opts["pen"] for f in families.values()}
    alpha = {f: pen.color().alpha() for f, pen in pens.items()}
    assert alpha["uncited"] < alpha["single weak"] == alpha["relationship weak"]
    assert alpha["relationship weak"] < alpha["relationship"]
    assert pens["relationship weak"].style() == Qt.PenStyle.SolidLine
    for family, dashes in (("single weak", "single"), ("inferred weak", "inferred")):
        assert pens[family].style() == Qt.PenStyle.CustomDashLine
        assert pens[family].dashPattern() == style.edge_pen(dashes, 0, "normal").dashPattern()
    ground = chart_theme().background
    good, weak, none = (contrast_ratio(_over(pens[f].color(), ground), ground)
                        for f in ("relationship", "relationship weak", "uncited"))
    assert good > weak + 0.5 and weak > none + 0.5, (good, weak, none)  # midway


@pytest.mark.parametrize("doubtful", ["D", "C"])
def test_the_network_keys_name_the_weak_grade_only_when_one_is_drawn(
        store: Store, qtbot, tmp_path: Path, doubtful: str) -> None:
    from ui.export.charts import render_chart

    _network(store, doubtful)
    panel = show_graph_panel(qtbot, store)
    assert panel.view.weak_drawn() == (doubtful == "D")
    assert any(WEAK_KEY in t for t in _legend_texts(panel)) == (doubtful == "D")
    out = tmp_path / "g.svg"
    render_chart(panel, out)
    assert (WEAK_KEY in out.read_text(encoding="utf-8")) == (doubtful == "D")
