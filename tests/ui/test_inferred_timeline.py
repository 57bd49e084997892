"""Inferred dates are drawn apart from stated ones on the timeline: hollow markers, dotted
and pierced bars, keyed on screen and in charts, in the light and the dark palette."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QToolButton

from db.store import Store
from models.dates import parse_date
from models.records import Entity, Event, Relationship
from tests.ui.conftest import PanelMaker
from ui.theme import chart_theme
from ui.timeline import TimelinePanel
from ui.timeline.inferred import dotted_pen, pierced_brush


def _pixel(panel: TimelinePanel, event_id: int) -> QColor:
    """The colour drawn at the middle of an event's mark."""
    pos = panel.scene_pos_of_event(event_id)
    assert pos is not None
    image = panel.plot_widget.grab().toImage()
    point = panel.plot_widget.mapFromScene(pos)
    return QColor(image.pixel(point.x(), point.y()))


def _show_year(panel: TimelinePanel, year: str) -> None:
    panel.set_view_range(parse_date(year).earliest, parse_date(year).latest + 1)
    QGuiApplication.processEvents()


def test_an_inferred_day_is_drawn_hollow(store: Store, make_panel: PanelMaker,
                                         palette: str) -> None:
    stated = store.add_event(Event("Talks held", "3 March 2023", category="diplomatic"))
    guessed = store.add_event(Event("Summit", "18 August 2023", category="diplomatic",
                                    inferred=True, notes="Inferred: the article's month."))
    panel = make_panel(store)
    _show_year(panel, "2023")
    ground = QColor(chart_theme().background)
    assert _pixel(panel, guessed) == ground  # the ring's middle is empty
    assert _pixel(panel, stated) != ground
    assert panel.evidence.inferred_marks() == {guessed}


def test_the_samples_inferred_dates_differ_from_stated_ones(sample: Store,
                                                            make_panel: PanelMaker) -> None:
    """Camp David ('18 August 2023') and the survey ('August 2023') beside stated events
    of the same weeks; the relations 'from 1949' beside stated relationships."""
    titles = {e.id: e.title for e in sample.events()}
    camp = next(i for i, t in titles.items() if t.startswith("Camp David"))
    survey = next(i for i, t in titles.items() if t.startswith("Survey"))
    choi = next(i for i, t in titles.items() if t.startswith("Admiral (ret.) Choi"))
    panel = make_panel(sample, 1200, 900)
    _show_year(panel, "2023")
    assert panel.evidence.inferred_marks() == {camp, survey}
    assert _pixel(panel, camp) == QColor(chart_theme().background)
    assert _pixel(panel, survey) != _pixel(panel, choi)  # a hollow diamond, not a filled one
    korea = sample.find_entities("South Korea")[0].id
    panel.set_lane_mode("entity", [korea])
    panel.fit_all()
    relations = {r.id for r in sample.relationships_of(korea) if r.inferred}
    assert relations and relations <= panel.evidence.inferred_marks()
    assert panel.has_inferred_dates()


def test_inferred_bars_are_dotted_and_pierced(palette: str) -> None:
    assert dotted_pen(0).style() == Qt.PenStyle.DotLine
    brush = pierced_brush()
    assert brush.style() == Qt.BrushStyle.Dense6Pattern
    assert brush.color() == QColor(chart_theme().background)


def test_the_key_names_inferred_dates_on_screen_and_in_charts(
        store: Store, make_panel: PanelMaker, tmp_path: Path) -> None:
    from ui.export.charts import render_chart

    kim = store.add_entity(Entity(kind="person", name="Kim"))
    lee = store.add_entity(Entity(kind="person", name="Lee"))
    store.add_relationship(Relationship(kim, lee, "allied with", date="1949", end_date="1992",
                                        inferred=True))
    store.add_event(Event("Summit", "18 August 2023", inferred=True))
    panel = make_panel(store)
    names = [b.text() for b in panel.toolbar.legend.findChildren(QToolButton)]
    assert "inferred day" in names and "inferred span" in names
    out = tmp_path / "t.svg"
    render_chart(panel, out)
    svg = out.read_text(encoding="utf-8")
    assert "inferred day" in svg and "inferred span" in svg


def test_a_chart_of_stated_dates_keys_no_inferred_ones(store: Store, make_panel: PanelMaker,
                                                       tmp_path: Path) -> None:
    from ui.export.charts import render_chart

    store.add_event(Event("Summit", "18 August 2023"))
    panel = make_panel(store)
    assert panel.evidence.inferred_marks() == set()
    out = tmp_path / "t.svg"
    render_chart(panel, out)
    assert "inferred" not in out.read_text(encoding="utf-8")
