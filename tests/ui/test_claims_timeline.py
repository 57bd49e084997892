"""Alternative dates on the timeline: a faint hollow mark beside the preferred one."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QToolButton

from db import ops
from db.store import Store
from models.dates import parse_date
from models.edits import CitationDraft, ClaimEdit
from models.records import Claim, Entity, Event, Participant, Source
from tests.ui.conftest import PanelMaker
from ui.timeline import TimelinePanel
from ui.timeline.alternatives import ALTERNATIVE_ALPHA, BELOW_PX, alternative_pen


def _claimed(store: Store) -> int:
    """An event on 1 August 2023 that Source B dates 17 August 2023 (B2)."""
    source = store.add_source(Source(title="Source B", reliability="B"))
    event = store.add_event(Event(title="Visit", date="1 August 2023"))
    store.add_event(Event(title="Other", date="1 March 2023"))
    ops.add_claim(store, ClaimEdit(Claim("event", event, "17 August 2023"),
                                   (CitationDraft(source, confidence=2),)))
    ops.add_claim(store, ClaimEdit(Claim("event", event, "1 May 2023", status="rejected")))
    return event


def _show_2023(panel: TimelinePanel) -> None:
    panel.set_view_range(parse_date("1 February 2023").earliest,
                         parse_date("30 September 2023").latest + 1)
    panel.plot_widget.grab()  # paint


def test_an_alternative_date_is_drawn_faint_in_the_same_row(store: Store,
                                                            make_panel: PanelMaker) -> None:
    event = _claimed(store)
    panel = make_panel(store)
    _show_2023(panel)
    shapes = panel.alternatives.drawn
    assert len(shapes) == 1  # the rejected date is not drawn
    rect, centre, mark = shapes[0]
    assert mark.event_id == event and mark.date == "17 August 2023"
    row = panel.scene_pos_of_event(event).y()
    assert rect.center().y() - row == BELOW_PX and centre.y() == rect.center().y()
    day = parse_date("17 August 2023").earliest - panel.origin
    assert abs(rect.center().x() - panel._current_frame().view.px(day + 0.5)) < 1
    assert rect.center().x() > centre.x()  # later than 1 August
    pen = alternative_pen()
    assert pen.color().alpha() == ALTERNATIVE_ALPHA < 255


def test_the_alternative_mark_shows_on_screen_and_has_a_tooltip(store: Store,
                                                                make_panel: PanelMaker
                                                                ) -> None:
    _claimed(store)
    panel = make_panel(store)
    _show_2023(panel)
    rect, _, _ = panel.alternatives.drawn[0]
    assert panel.alternatives.tooltip_at(rect.center()) == (
        "alternative date: 17 August 2023 (Source B, B2)")
    image = panel.plot_widget.grab().toImage()
    top = panel.plot_widget.mapFromScene(rect.center()) - QPoint(0, round(rect.height() / 2))
    background = QColor(image.pixel(top + QPoint(0, -40))).lightness()
    assert any(QColor(image.pixel(top + QPoint(0, dy))).lightness() < background - 40
               for dy in range(-1, 2))  # its outline is drawn (the dotted link is lower)
    inside = top + QPoint(0, 2)
    assert QColor(image.pixel(inside)).lightness() >= background - 10  # hollow


def test_making_the_alternative_preferred_moves_both_marks(store: Store,
                                                           make_panel: PanelMaker) -> None:
    event = _claimed(store)
    panel = make_panel(store)
    _show_2023(panel)
    claim_id = panel.alternatives.drawn[0][2].claim_id
    panel.document.apply(lambda s: ops.set_preferred_claim(s, claim_id))
    panel.plot_widget.grab()
    (rect, centre, mark), = panel.alternatives.drawn
    assert (mark.date, mark.source) == ("1 August 2023", "")  # the old date, now uncited
    assert rect.center().x() < centre.x()
    assert panel.table.earliest[list(panel.table.ids).index(event)] == parse_date(
        "17 August 2023").earliest
    assert panel.alternatives.describe(event) == "alternative date: 1 August 2023"


def test_a_file_without_claims_draws_no_alternatives(unclaimed_sample: Store,
                                                     make_panel: PanelMaker) -> None:
    panel = make_panel(unclaimed_sample)
    panel.plot_widget.grab()
    assert panel.alternatives.marks == {} and panel.alternatives.drawn == []


def test_hovering_the_alternative_mark_tells_its_date_and_source(store: Store, qtbot,
                                                                 make_panel: PanelMaker
                                                                 ) -> None:
    _claimed(store)
    panel = make_panel(store)
    _show_2023(panel)
    rect, _, _ = panel.alternatives.drawn[0]
    target = panel.plot_widget.mapFromScene(rect.center())
    viewport = panel.plot_widget.viewport()
    qtbot.mouseMove(viewport, target + QPoint(0, 40))
    qtbot.wait(20)
    qtbot.mouseMove(viewport, target)
    qtbot.wait(20)
    assert panel.current_tooltip() == "alternative date: 17 August 2023 (Source B, B2)"


def _keys(panel: TimelinePanel) -> list[str]:
    QApplication.processEvents()  # a layout shows the widgets added to it queued
    return [b.text() for b in panel.toolbar.legend.findChildren(QToolButton)
            if not b.isHidden()]


def test_the_legend_keys_alternative_dates_only_when_there_are_some(
        store: Store, make_panel: PanelMaker) -> None:
    event = store.add_event(Event(title="Visit", date="1 August 2023"))
    panel = make_panel(store)
    assert "alternative date" not in _keys(panel) and "uncited" in _keys(panel)
    panel.document.apply(lambda s: ops.add_claim(s, ClaimEdit(
        Claim("event", event, "17 August 2023"))))
    assert "alternative date" in _keys(panel)
    panel.document.undo_stack.undo()
    assert "alternative date" not in _keys(panel)


def test_in_entity_lanes_the_alternative_sits_on_its_row_line(store: Store,
                                                              make_panel: PanelMaker) -> None:
    event = _claimed(store)
    person = store.add_entity(Entity(kind="person", name="Kim"))
    visit = store.event(event)
    visit.participants = [Participant(person)]
    store.update_event(visit)
    panel = make_panel(store)
    panel.set_lane_mode("entity", [person])
    _show_2023(panel)
    (rect, _, _), = panel.alternatives.drawn
    assert abs(rect.center().y() - panel.scene_pos_of_event(event).y()) < 0.5
    panel.set_lane_mode("none")
    _show_2023(panel)
    (rect, _, _), = panel.alternatives.drawn
    assert rect.center().y() - panel.scene_pos_of_event(event).y() == BELOW_PX


def test_a_chart_with_an_alternative_date_keys_it(store: Store, make_panel: PanelMaker,
                                                  tmp_path) -> None:
    from ui.export.charts import render_chart

    _claimed(store)
    panel = make_panel(store)
    render_chart(panel, tmp_path / "with.svg")
    assert "alternative date" in (tmp_path / "with.svg").read_text(encoding="utf-8")
    for claim in store.claims():
        ops.delete_claim(store, claim.id)
    plain = make_panel(store)
    render_chart(plain, tmp_path / "without.svg")
    assert "alternative date" not in (tmp_path / "without.svg").read_text(encoding="utf-8")
