"""The timeline panel against a real database file: drawing, picking, lanes, labels, links."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QTextDocument, QWheelEvent
from PySide6.QtWidgets import QApplication

from db.store import Store
from models.dates import jdn_from_ymd, parse_date
from models.records import Entity, Event, Participant, Relationship, Source
from tests.ui.conftest import PanelMaker
from ui.document import Changes
from ui.timeline import TimelinePanel
from ui.timeline.items import POINT

YEAR = 365.2425


def entity_id(store: Store, name: str) -> int:
    return store.find_entities(name)[0].id


def event_id(store: Store, title: str) -> int:
    return next(e.id for e in store.events() if e.title == title)


def show_dates(panel: TimelinePanel, first: str, last: str) -> None:
    panel.set_view_range(parse_date(first).earliest, parse_date(last).latest + 1)


def viewport_point(panel: TimelinePanel, event: int) -> QPoint:
    pos = panel.scene_pos_of_event(event)
    assert pos is not None, f"event {event} is not drawn"
    return panel.plot_widget.mapFromScene(pos)  # a QPoint in the viewport


def click(qtbot, panel: TimelinePanel, event: int) -> None:
    qtbot.mouseClick(panel.plot_widget.viewport(), Qt.MouseButton.LeftButton,
                     pos=viewport_point(panel, event))


def hover(qtbot, panel: TimelinePanel, event: int) -> None:
    target = viewport_point(panel, event)
    viewport = panel.plot_widget.viewport()
    qtbot.mouseMove(viewport, target + QPoint(0, 40))  # Qt skips a move to where it already is
    qtbot.wait(20)  # and merges moves queued together
    qtbot.mouseMove(viewport, target)
    qtbot.wait(20)


def lightness(image: QImage, point: QPointF, radius: int = 2) -> float:
    values = [QColor(image.pixel(int(point.x()) + dx, int(point.y()) + dy)).lightnessF()
              for dx in range(-radius, radius + 1) for dy in range(-radius, radius + 1)]
    return sum(values) / len(values)


# ------------------------------------------------------------------------- drawing


def test_panel_is_named_for_assistive_technology(filled: Store, make_panel: PanelMaker) -> None:
    assert make_panel(filled).accessibleName() == "Timeline"


def test_points_uncertain_dates_and_spans_are_drawn_differently(
        store: Store, make_panel: PanelMaker) -> None:
    day = store.add_event(Event("Known day", "12 May 1995", category="a"))
    fuzzy = store.add_event(Event("Fuzzy", "1990s", category="a"))
    span = store.add_event(Event("S", "1980", end_date="1987", category="a"))
    panel = make_panel(store)
    show_dates(panel, "1975", "2002")
    assert panel.drawn_style(day) == "marker"
    assert panel.drawn_style(fuzzy) == "uncertain"
    assert panel.drawn_style(span) == "span"
    image = panel.plot_widget.grab().toImage()
    mapped = panel.plot_widget.mapFromScene
    assert lightness(image, mapped(panel.scene_pos_of_event(day)), 1) < 0.6  # its dot
    xs, _, _ = panel.markers.positions(POINT)
    assert len(xs) == 1  # only the known day is a plain marker
    y = panel.scene_pos_of_event(span).y()
    origin = panel.view_range()[0]
    sx = panel.view_box.width() / (panel.view_range()[1] - origin)
    left = panel.view_box.sceneBoundingRect().left()
    sure = mapped(QPointF(left + (jdn_from_ymd(1985, 6, 1) - origin) * sx, y))
    unsure = mapped(QPointF(left + (jdn_from_ymd(1987, 6, 1) - origin) * sx, y))
    background = mapped(QPointF(left + (jdn_from_ymd(1977, 6, 1) - origin) * sx, y))
    fuzzy_mid = mapped(panel.scene_pos_of_event(fuzzy) + QPointF(40, 0))
    assert lightness(image, sure) < 0.5  # solid colour
    assert lightness(image, sure) < lightness(image, unsure) < 0.97  # faded, not empty
    assert lightness(image, background) > 0.95
    assert lightness(image, sure) < lightness(image, fuzzy_mid) < 0.97


def test_bc_dates_are_drawn_and_labelled(store: Store, make_panel: PanelMaker) -> None:
    caesar = store.add_event(Event("Caesar assassinated", "15 March 44 BC", category="political"))
    panel = make_panel(store)
    show_dates(panel, "50 BC", "30 BC")
    assert panel.drawn_style(caesar) == "marker"
    assert "Caesar assassinated" in panel.visible_label_texts()
    x0, x1 = panel.view_box.viewRange()[0]
    levels = panel.day_axis.tickValues(x0, x1, panel.view_box.width())
    strings = panel.day_axis.tickStrings(levels[0][1], 1.0, levels[0][0])
    assert "44 BC" in strings or "45 BC" in strings
    assert all(s.endswith("BC") for s in strings)


# ------------------------------------------------------------------------ picking


def test_clicking_an_event_selects_it(filled: Store, make_panel: PanelMaker, qtbot) -> None:
    panel = make_panel(filled)
    visit = event_id(filled, "Delegation visits Taipei")
    before = panel.view_range()
    click(qtbot, panel, visit)
    assert panel.document.selection.current() == ("event", visit)
    assert panel.highlighted_ids() == {visit}
    assert panel.view_range() == pytest.approx(before)  # a click does not move the view


def test_hover_shows_title_and_date(filled: Store, make_panel: PanelMaker, qtbot) -> None:
    panel = make_panel(filled)
    visit = event_id(filled, "Delegation visits Taipei")
    hover(qtbot, panel, visit)
    tip = panel.current_tooltip()
    assert "Delegation visits Taipei" in tip
    assert "late December 2022" in tip
    assert "21 December 2022 – 31 December 2022" in tip
    assert panel.event_at(panel.scene_pos_of_event(visit)) == visit
    assert panel.event_at(QPointF(panel.view_box.sceneBoundingRect().left() + 2, 400)) is None


def test_html_in_a_title_shows_literally(store: Store, make_panel: PanelMaker, qtbot) -> None:
    raw = store.add_event(Event("<img src=x> <b>bold</b>", "1 April 2001"))
    panel = make_panel(store)
    hover(qtbot, panel, raw)
    tip = panel.current_tooltip()
    assert "<img" not in tip and "&lt;img src=x&gt;" in tip
    document = QTextDocument()
    document.setHtml(tip)
    assert "<img src=x> <b>bold</b>" in document.toPlainText()
    assert "<img src=x> <b>bold</b>" in panel.visible_label_texts()


# ---------------------------------------------------------------------- selection


def test_selecting_an_entity_highlights_its_events_and_fits_them(
        filled: Store, make_panel: PanelMaker) -> None:
    kim = entity_id(filled, "Kim Dong-myung")
    early = filled.add_event(Event("Kim's first posting", "1960",
                                   participants=[Participant(kim)]))
    panel = make_panel(filled)
    panel.document.notify(Changes(events=frozenset({early})))
    show_dates(panel, "1900", "1901")
    panel.document.selection.select("entity", kim)
    visit = event_id(filled, "Delegation visits Taipei")
    assert panel.highlighted_ids() == {visit, early}
    first, last = panel.view_range()
    assert first <= parse_date("1960").earliest and parse_date("2022").latest <= last
    panel.document.selection.select("source", filled.add_source(Source("Some article")))
    assert panel.highlighted_ids() == set()


def test_selecting_an_event_elsewhere_centres_it(filled: Store, make_panel: PanelMaker) -> None:
    middle_event = filled.add_event(Event("Talks resume", "June 1990"))
    panel = make_panel(filled)
    show_dates(panel, "1900", "1905")
    width = panel.view_range()[1] - panel.view_range()[0]
    panel.document.selection.select("event", middle_event)
    first, last = panel.view_range()
    assert last - first == pytest.approx(width)
    middle = (parse_date("June 1990").earliest + parse_date("June 1990").latest + 1) / 2
    assert (first + last) / 2 == pytest.approx(middle, abs=1)
    assert panel.highlighted_ids() == {middle_event}
    assert panel.scene_pos_of_event(middle_event) is not None


def test_choosing_the_latest_events_shows_no_empty_years_after_them(
        filled: Store, make_panel: PanelMaker) -> None:
    """Centring on the last event at the current zoom would show years with nothing in
    them: the view slides back to end where Fit all ends, keeping its zoom."""
    panel = make_panel(filled)
    panel.fit_all()
    fitted_end = panel.view_range()[1]
    show_dates(panel, "1900", "1905")
    width = panel.view_range()[1] - panel.view_range()[0]
    kim = entity_id(filled, "Kim Dong-myung")  # his one event is the file's last
    panel.document.selection.select("entity", kim)
    first, last = panel.view_range()
    assert last - first == pytest.approx(width)
    assert last == pytest.approx(fitted_end, abs=1)
    visit = event_id(filled, "Delegation visits Taipei")
    assert first <= filled.event(visit).earliest and filled.event(visit).latest < last
    show_dates(panel, "1600", "1700")  # wider than all the data: it is fitted instead
    panel.document.selection.select("event", visit)
    panel.document.selection.select("entity", kim)
    assert panel.view_range()[1] == pytest.approx(fitted_end, abs=1)


def test_reacting_to_the_selection_selects_nothing(filled: Store, make_panel: PanelMaker,
                                                   qtbot) -> None:
    """Highlighting what was chosen, bringing it into view and publishing the new range
    (the panel's last, delayed reaction) select nothing back: one change, the user's."""
    panel = make_panel(filled)
    selection = panel.document.selection
    with qtbot.waitSignal(selection.window_changed, timeout=5000):
        show_dates(panel, "1800", "1810")  # the society's events are out of view
    society = entity_id(filled, "Alishan Society")
    seen: list[tuple[str, int]] = []
    selection.current_changed.connect(lambda k, i: seen.append((k, i)))
    with qtbot.waitSignal(selection.window_changed, timeout=5000):
        selection.select("entity", society)
    QApplication.processEvents()
    assert seen == [("entity", society)]
    assert panel.highlighted_ids() == set(filled.event_ids_of_entity(society))
    first, last = panel.view_range()
    visit = event_id(filled, "Delegation visits Taipei")
    assert first <= filled.event(visit).earliest <= last


# -------------------------------------------------------------------------- lanes


def test_category_lanes(filled: Store, make_panel: PanelMaker) -> None:
    filled.add_event(Event("Loose end", "2001"))
    panel = make_panel(filled)
    panel.document.notify(Changes.all())
    assert panel.lane_names() == ["All events"]
    panel.set_lane_mode("category")
    assert panel.lane_mode() == "category"
    assert panel.lane_names() == ["military", "parliamentary", "Uncategorized"]
    assert panel.toolbar.mode_box.currentData() == "category"
    with pytest.raises(ValueError):
        panel.set_lane_mode("colour")


def test_entity_lanes_show_events_and_relationship_spans(filled: Store,
                                                         make_panel: PanelMaker) -> None:
    kim, society = entity_id(filled, "Kim Dong-myung"), entity_id(filled, "Alishan Society")
    panel = make_panel(filled)
    panel.set_lane_mode("entity", [kim, society])
    assert panel.lane_names() == ["Kim Dong-myung", "Alishan Society"]
    show_dates(panel, "1985", "1995")
    labels = panel.visible_label_texts()
    assert "member of Alishan Society" in labels
    assert "Kim Dong-myung (member of)" in labels
    assert "Exchange programme" not in labels  # nobody took part in it
    show_dates(panel, "2022", "2023")
    assert panel.visible_label_texts().count("Delegation visits Taipei") == 2  # both lanes


def test_entity_lanes_default_to_the_busiest(filled: Store, make_panel: PanelMaker,
                                             qtbot) -> None:
    panel = make_panel(filled)
    box = panel.toolbar.mode_box
    box.activated.emit(box.findData("entity"))
    assert panel.lane_mode() == "entity"
    assert set(panel.lane_names()) == {"Kim Dong-myung", "Alishan Society"}


# ------------------------------------------------------------------------- labels


def test_labels_never_overlap(store: Store, make_panel: PanelMaker) -> None:
    with store.transaction():
        for i in range(60):
            store.add_event(Event(f"A rather long event title number {i}",
                                  f"{1 + i % 28} March 2023", category=f"c{i % 3}"))
        for i in range(8):
            store.add_event(Event(f"Span {i}", f"{2000 + i}", end_date=f"{2020 + i}"))
    panel = make_panel(store, width=900, height=600)
    for first, last in (("March 2023", "March 2023"), ("2022", "2024"), ("1995", "2030")):
        show_dates(panel, first, last)
        labels = panel.visible_labels()
        assert labels
        for i, (_, a) in enumerate(labels):
            for _, b in labels[i + 1:]:
                assert not a.intersects(b), (a, b)
        positions = [panel.scene_pos_of_event(e) for e in panel.document.store.event_table().ids]
        for pos in filter(None, positions):
            covering = [r for _, r in labels if r.contains(pos)]
            assert len(covering) <= 1  # at most its own label (on its own bar)


def test_hidden_labels_still_have_tooltips(store: Store, make_panel: PanelMaker, qtbot) -> None:
    ids = [store.add_event(Event(f"Crowded {i}", "12 May 2023")) for i in range(80)]
    panel = make_panel(store, height=300)
    assert len(panel.visible_label_texts()) < 80
    drawn = [e for e in ids if panel.scene_pos_of_event(e) is not None]
    assert drawn
    assert "Crowded" in panel.tooltip_at(panel.scene_pos_of_event(drawn[-1]))


# ------------------------------------------------------------------- view, window


def test_window_is_published_after_fit_and_zoom(filled: Store, make_panel: PanelMaker,
                                                qtbot) -> None:
    panel = make_panel(filled)
    selection = panel.document.selection
    show_dates(panel, "1950", "1960")
    with qtbot.waitSignal(selection.window_changed, timeout=2000) as blocker:
        panel.fit_all()
    first, last = panel.view_range()
    assert blocker.args[0] == pytest.approx(first, abs=1)
    assert blocker.args[1] == pytest.approx(last, abs=1)
    assert blocker.args[0] <= parse_date("1974").earliest
    with qtbot.waitSignal(selection.window_changed, timeout=2000):
        panel.zoom_by(0.5)
    assert selection.window() == (pytest.approx(panel.view_range()[0], abs=1),
                                  pytest.approx(panel.view_range()[1], abs=1))


def test_zoom_is_limited_to_a_day_and_twenty_thousand_years(filled: Store,
                                                           make_panel: PanelMaker) -> None:
    panel = make_panel(filled)
    panel.zoom_by(1e-9)
    first, last = panel.view_range()
    assert last - first == pytest.approx(1.0, rel=1e-3)
    panel.zoom_by(1e12)
    first, last = panel.view_range()
    assert last - first == pytest.approx(20_000 * YEAR, rel=1e-3)


def test_keys_zoom_pan_and_fit(filled: Store, make_panel: PanelMaker, qtbot) -> None:
    panel = make_panel(filled)
    show_dates(panel, "2000", "2009")
    width = panel.view_range()[1] - panel.view_range()[0]
    qtbot.keyClick(panel.plot_widget, Qt.Key.Key_Plus)
    assert panel.view_range()[1] - panel.view_range()[0] == pytest.approx(width / 2)
    qtbot.keyClick(panel.plot_widget, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert panel.view_range()[1] - panel.view_range()[0] == pytest.approx(width)
    start = panel.view_range()[0]
    qtbot.keyClick(panel.plot_widget, Qt.Key.Key_Right)
    assert panel.view_range()[0] > start
    qtbot.keyClick(panel.plot_widget, Qt.Key.Key_Home)
    assert panel.view_range()[0] <= parse_date("1974").earliest


def wheel(panel: TimelinePanel, at: QPoint, steps: int,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    viewport = panel.plot_widget.viewport()
    event = QWheelEvent(QPointF(at), QPointF(viewport.mapToGlobal(at)), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, event)


def day_at(panel: TimelinePanel, x: float) -> float:
    first, last = panel.view_range()
    rect = panel.view_box.sceneBoundingRect()
    return first + (x - rect.left()) / rect.width() * (last - first)


def test_wheel_zooms_time_about_the_cursor(filled: Store, make_panel: PanelMaker) -> None:
    panel = make_panel(filled)
    at = QPoint(400, 100)
    before, width = day_at(panel, at.x()), panel.view_range()[1] - panel.view_range()[0]
    y_before = panel.view_box.viewRange()[1]
    wheel(panel, at, 2)
    assert panel.view_range()[1] - panel.view_range()[0] < width * 0.8
    assert day_at(panel, at.x()) == pytest.approx(before, abs=width * 1e-3)
    assert panel.view_box.viewRange()[1] == pytest.approx(y_before)  # rows never zoom


def test_drag_pans_time(filled: Store, make_panel: PanelMaker, qtbot) -> None:
    panel = make_panel(filled)
    viewport = panel.plot_widget.viewport()
    before = panel.view_range()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(600, 200))
    for step in range(1, 11):
        qtbot.mouseMove(viewport, QPoint(600 - 20 * step, 200))
        qtbot.wait(2)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(400, 200))
    after = panel.view_range()
    assert after[0] > before[0]
    assert after[1] - after[0] == pytest.approx(before[1] - before[0])
    assert panel.document.selection.current() is None  # a drag is not a click


def test_many_lanes_scroll_but_never_past_the_top(store: Store, make_panel: PanelMaker) -> None:
    with store.transaction():
        for i in range(30):
            store.add_event(Event(f"Event {i}", "2001", category=f"category {i:02d}"))
    panel = make_panel(store, height=400)
    panel.set_lane_mode("category")
    top, bottom = panel.view_box.viewRange()[1]
    assert top == pytest.approx(0)
    wheel(panel, QPoint(500, 200), -3, Qt.KeyboardModifier.ShiftModifier)
    assert panel.view_box.viewRange()[1][0] > 1
    assert panel.view_box.viewRange()[1][1] - panel.view_box.viewRange()[1][0] == (
        pytest.approx(bottom - top))
    wheel(panel, QPoint(500, 200), 30, Qt.KeyboardModifier.ShiftModifier)
    assert panel.view_box.viewRange()[1][0] == pytest.approx(0)
    bar = panel.lane_scroll
    assert bar.isVisible() and bar.value() == 0
    bar.setValue(bar.maximum())
    assert panel.view_box.viewRange()[1][1] == pytest.approx(panel.lane_axis.lanes[-1][1])
    assert panel.lane_names()[-1] in panel.lane_axis.tickStrings(
        panel.lane_axis.tickValues(*panel.view_box.viewRange()[1], 300)[0][1], 1, 1)
    panel.document.selection.select("event", event_id(store, "Event 29"))
    assert panel.scene_pos_of_event(event_id(store, "Event 29")) is not None  # scrolled to it


def test_overview_region_follows_the_view_and_moves_it(filled: Store,
                                                       make_panel: PanelMaker) -> None:
    panel = make_panel(filled)
    show_dates(panel, "1990", "2000")
    region = panel.overview.region.getRegion()
    assert region == pytest.approx(tuple(panel.view_box.viewRange()[0]))
    x0, x1 = panel.view_box.viewRange()[0]
    panel.overview.region.setRegion((x0 + 3650, x1 + 3650))
    assert panel.view_box.viewRange()[0] == pytest.approx([x0 + 3650, x1 + 3650])


def test_clicking_the_overview_centres_the_view_there(filled: Store, make_panel: PanelMaker,
                                                      qtbot) -> None:
    panel = make_panel(filled)
    show_dates(panel, "1990", "1991")
    strip = panel.overview
    target = strip.view.mapViewToScene(QPointF(parse_date("1980").earliest - panel.origin, 0))
    qtbot.mouseClick(strip.widget.viewport(), Qt.MouseButton.LeftButton,
                     pos=strip.widget.mapFromScene(target))
    first, last = panel.view_range()
    assert (first + last) / 2 == pytest.approx(parse_date("1980").earliest, abs=60)
    assert strip.region.getRegion() == pytest.approx(tuple(panel.view_box.viewRange()[0]))


def test_reload_keeps_view_and_highlight(filled: Store, make_panel: PanelMaker) -> None:
    panel = make_panel(filled)
    visit = event_id(filled, "Delegation visits Taipei")
    panel.document.selection.select("event", visit)
    show_dates(panel, "2020", "2024")
    before = panel.view_range()
    new = filled.add_event(Event("Follow-up visit", "March 2023", category="parliamentary"))
    panel.document.notify(Changes(events=frozenset({new})))
    assert panel.view_range() == pytest.approx(before)
    assert panel.highlighted_ids() == {visit}
    assert panel.drawn_style(new) == "uncertain"
    assert "Follow-up visit" in panel.visible_label_texts()


def test_many_events_in_view_draw_as_density(store: Store, make_panel: PanelMaker) -> None:
    with store.transaction():
        for i in range(6000):
            store.add_event(Event(f"e{i}", f"{1900 + i % 100}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                  category=f"c{i % 4}"))
    panel = make_panel(store)
    assert panel.is_density_view()
    assert panel.visible_label_texts() == []
    assert panel.event_at(QPointF(600, 100)) is None
    show_dates(panel, "March 1950", "March 1950")
    assert not panel.is_density_view()
    assert panel.visible_label_texts()
    panel.set_lane_mode("category")
    panel.fit_all()
    assert panel.is_density_view()
    assert panel.lane_names() == ["c0", "c1", "c2", "c3"]


def test_empty_database(store: Store, make_panel: PanelMaker) -> None:
    panel = make_panel(store)
    first, last = panel.view_range()
    assert 300 < last - first < 800
    assert panel.visible_label_texts() == []
    assert panel.event_at(QPointF(100, 100)) is None
    store.add_relationship(Relationship(store.add_entity(Entity("person", "A")),
                                        store.add_entity(Entity("person", "B")), "knows"))
    panel.set_lane_mode("entity")
    assert sorted(panel.lane_names()) == ["A", "B"]
    assert isinstance(panel.visible_labels(), list)
    assert all(isinstance(r, QRectF) for _, r in panel.visible_labels())


def test_the_lane_chooser_adds_and_removes_entity_lanes(filled: Store,
                                                       make_panel: PanelMaker) -> None:
    kim, society = entity_id(filled, "Kim Dong-myung"), entity_id(filled, "Alishan Society")
    panel = make_panel(filled)
    panel.set_lane_mode("entity", [kim])
    assert panel.toolbar.entity_button.isVisible()
    panel.toolbar.entity_menu.aboutToShow.emit()
    actions = {a.text(): a for a in panel.toolbar.entity_menu.actions()}
    assert actions["Kim Dong-myung"].isChecked() and not actions["Alishan Society"].isChecked()
    actions["Alishan Society"].setChecked(True)
    assert panel.lane_names() == ["Kim Dong-myung", "Alishan Society"]
    panel.toolbar.entity_menu.aboutToShow.emit()
    actions = {a.text(): a for a in panel.toolbar.entity_menu.actions()}
    actions["Kim Dong-myung"].setChecked(False)
    assert panel.lane_names() == ["Alishan Society"]
    filled.delete_entity(society)
    panel.document.notify(Changes(entities=frozenset({society})))
    assert panel.lane_names() == []


def test_zooming_back_out_shows_the_rows_it_showed_on_the_way_in(
        store: Store, make_panel: PanelMaker) -> None:
    with store.transaction():
        for i in range(400):
            store.add_event(Event(f"Meeting number {i}", f"{1950 + i % 40}-{1 + i % 12:02d}-"
                                  f"{1 + i % 28:02d}", category=f"c{i % 3}"))
    panel = make_panel(store)
    views = [("1950", "1990"), ("1960", "1975"), ("1965", "1969"), ("1966", "1967")]
    seen = []
    for first, last in views:
        show_dates(panel, first, last)
        seen.append((panel.visible_labels(), panel.scene_pos_of_event(event_id(
            store, "Meeting number 16"))))
    for (first, last), before in zip(reversed(views[:-1]), reversed(seen[:-1]), strict=True):
        show_dates(panel, first, last)
        assert (panel.visible_labels(), panel.scene_pos_of_event(event_id(
            store, "Meeting number 16"))) == before
    assert all(labels for labels, _ in seen[1:])


def test_label_width_estimates_are_near_the_measured_widths(qtbot) -> None:
    from PySide6.QtGui import QFont

    from ui.timeline.textwidths import TextWidths

    widths = TextWidths(QFont())
    texts = ["Delegation visits Taipei", "人民日報報道代表團訪問", "Kim Dong-myung 김동명 visits"]
    guessed, measured = widths.estimate(texts), widths.measure(texts)
    assert all(0.75 < g / m < 1.33 for g, m in zip(guessed, measured, strict=True))
    assert guessed[1] > 1.5 * widths.estimate(["abcdefghijk"])[0]  # CJK counted wide


def test_the_chosen_events_stay_in_view_when_the_panel_shrinks(sample: Store,
                                                               make_panel: PanelMaker) -> None:
    """Chosen while the panel was tall, Yoon's rows (near the bottom) were in view; the
    panel made short (the window laid out) scrolls its lanes to them."""
    panel = make_panel(sample, 1200, 900)
    yoon = entity_id(sample, "Yoon Suk Yeol")
    panel.document.selection.select("entity", yoon)
    panel.resize(1200, 300)
    QApplication.processEvents()
    chosen = set(sample.event_ids_of_entity(yoon))
    assert any(panel.scene_pos_of_event(e) is not None for e in chosen)
    shown = panel.view_range()
    assert shown[1] <= parse_date("2028").earliest  # within the data, not years beyond
