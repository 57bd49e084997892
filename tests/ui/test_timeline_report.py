"""The timeline as a report shows it: every title whole, an axis that ends near the data,
an overview on the same years, open-ended dates without a middle, a key that lists and
switches every category, Back and Forward that bring the view back, and entity lanes that
fit more than two to a screen. Charts are read back from the files written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from db.store import Store
from models.dates import jdn_from_ymd, parse_date
from models.records import Event
from tests.ui.conftest import PanelMaker
from tests.ui.test_chart_export import svg_root, svg_texts
from tests.viewers import pdf_to_png_with_pdftoppm, svg_to_png_with_librsvg
from ui.export import charts, render_chart
from ui.export.timeline_copy import TimelineCopy
from ui.timeline import TimelinePanel
from ui.timeline.items import UNCERTAIN

SVG = "{http://www.w3.org/2000/svg}"


def record_export(monkeypatch: pytest.MonkeyPatch) -> dict:
    """What the export's copy drew, taken just before it is thrown away: its label boxes,
    its plot's size and its view."""
    seen: dict = {}
    real = charts.copy_of

    def spy(panel: TimelinePanel) -> TimelineCopy:
        copy = real(panel)
        dispose = copy.dispose

        def record() -> None:
            seen["labels"] = copy.label_boxes()
            seen["plot"] = (copy.plot_widget.width(), copy.plot_widget.height())
            seen["view"] = copy.panel.view_range()
            seen["bars"] = {e: copy.panel.drawn_rect(e) for e in seen.get("events", ())}
            dispose()
        copy.dispose = record
        return copy
    monkeypatch.setattr(charts, "copy_of", spy)
    return seen


def overlapping(boxes: list[tuple[str, tuple[float, float, float, float]]]
                ) -> list[tuple[str, str]]:
    rects = [(text, QRectF(*box).adjusted(0.5, 0.5, -0.5, -0.5)) for text, box in boxes]
    return [(a, b) for i, (a, ra) in enumerate(rects) for b, rb in rects[i + 1:]
            if ra.intersects(rb)]


def outside(boxes: list[tuple[str, tuple[float, float, float, float]]],
            size: tuple[int, int]) -> list[str]:
    frame = QRectF(0, 0, *size)
    return [text for text, box in boxes if not frame.contains(QRectF(*box))]


def year_range(first: int, last: int) -> tuple[int, int]:
    """First day of ``first`` and the day after the end of ``last`` (plot range ends)."""
    return jdn_from_ymd(first, 1, 1), jdn_from_ymd(last + 1, 1, 1)


# ---------------------------------------------------------------- labels in a chart


@pytest.mark.parametrize("mode", ["none", "category"])
def test_every_title_is_whole_apart_and_inside_the_exported_chart(
        mode: str, sample: Store, make_panel: PanelMaker, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    panel = make_panel(sample)
    panel.set_lane_mode(mode)
    seen = record_export(monkeypatch)
    out = render_chart(panel, tmp_path / "t.png", width=1400, height=420, extent="all")
    titles = {event.title for event in sample.events()}
    texts = [text for text, _ in seen["labels"]]
    assert sorted(texts) == sorted(titles)  # each event once, each title whole
    assert not [t for t in texts if "…" in t]
    assert overlapping(seen["labels"]) == []
    assert outside(seen["labels"], seen["plot"]) == []
    image = QImage(str(out))
    assert image.height() > 420  # grown to show every row rather than cut any
    assert image.height() >= seen["plot"][1]


def test_a_chart_of_hundreds_of_events_gives_each_its_whole_title(
        store: Store, make_panel: PanelMaker, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """More events than the screen gives a row each (400): the chart still does, growing
    to show them all, rather than cut titles with "…" or leave some out."""
    for n in range(400):
        store.add_event(Event(title=f"Delegation {n} meets the committee on trade and energy",
                              date=f"{1800 + n // 2}-{1 + n % 12:02d}"))
    panel = make_panel(store)
    seen = record_export(monkeypatch)
    out = render_chart(panel, tmp_path / "t.png", width=1200, extent="all")
    texts = [text for text, _ in seen["labels"]]
    assert sorted(texts) == sorted(e.title for e in store.events())
    assert overlapping(seen["labels"]) == []
    assert outside(seen["labels"], seen["plot"]) == []
    assert QImage(str(out)).height() > 400 * 20


def test_entity_lanes_export_whole_titles_that_do_not_overlap(
        sample: Store, make_panel: PanelMaker, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    panel = make_panel(sample)
    panel.set_lane_mode("entity")
    seen = record_export(monkeypatch)
    render_chart(panel, tmp_path / "t.png", width=1400, extent="all")
    titles = {event.title for event in sample.events()}
    texts = [text for text, _ in seen["labels"]]
    assert len([t for t in texts if t in titles]) >= 20
    assert not [t for t in texts if "…" in t]
    assert overlapping(seen["labels"]) == []
    assert outside(seen["labels"], seen["plot"]) == []


def test_the_svg_holds_every_title_whole_and_states_the_datas_range(
        sample: Store, make_panel: PanelMaker, tmp_path: Path) -> None:
    panel = make_panel(sample)
    out = render_chart(panel, tmp_path / "t.svg", extent="all")
    texts = svg_texts(out)
    assert {event.title for event in sample.events()} <= set(texts)
    assert not [t for t in texts if "…" in t]
    desc = "".join(svg_root(out).find(f"{SVG}desc").itertext())
    assert desc.startswith("1974 – 2025 · 32 events"), desc  # the data's, not the view's


def test_cjk_titles_are_drawn_whole_in_the_chart(store: Store, make_panel: PanelMaker,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cjk = ["立法院代表團訪問首爾", "대만 국회 대표단 서울 방문", "Delegation 訪問 Seoul"]
    with store.transaction():
        for year, title in enumerate(cjk, start=2020):
            store.add_event(Event(title, str(year)))
    panel = make_panel(store)
    seen = record_export(monkeypatch)
    out = render_chart(panel, tmp_path / "t.png", width=1200, extent="all")
    boxes = dict(seen["labels"])
    image = QImage(str(out))
    top = image.height() - seen["plot"][1]  # the plot is drawn under the header
    for title in cjk:
        x, y, w, h = boxes[title]
        ink = sum(QColor(image.pixel(int(x + i), int(top + y + j))).lightness() < 110
                  for i in range(int(w)) for j in range(int(h)))
        assert ink > 3 * len(title), title  # glyphs, not an empty box
    # Qt writes a run of text per font, so a title of two scripts is several <text>s
    drawn = "".join(svg_texts(render_chart(panel, tmp_path / "t.svg", extent="all")))
    assert all(title in drawn for title in cjk)


def test_a_chart_shows_the_selection_only_when_asked(sample: Store,
                                                      make_panel: PanelMaker) -> None:
    panel = make_panel(sample)
    chosen = next(e.id for e in sample.events() if e.title.startswith("Yoon Suk Yeol"))
    panel.document.selection.select("event", chosen)
    assert panel.highlighted_ids() == {chosen}
    copy = TimelineCopy(panel)
    try:
        copy.show_at(1200, 600)
        copy.set_extent("all")
        assert copy.panel.highlighted_ids() == set()
        copy.set_emphasis(True)
        assert copy.panel.highlighted_ids() == {chosen}
    finally:
        copy.dispose()


# ---------------------------------------------------------------- axis and overview


def test_fit_all_ends_near_the_data_on_screen_and_in_the_chart(
        sample: Store, make_panel: PanelMaker, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first, last = year_range(1974, 2025)
    span = last - first
    panel = make_panel(sample)
    panel.fit_all()
    seen = record_export(monkeypatch)
    render_chart(panel, tmp_path / "t.png", extent="all")
    for x0, x1 in (panel.view_range(), seen["view"]):
        assert 0 <= first - x0 <= 0.05 * span
        assert 0 <= x1 - last <= 0.05 * span


def _panel_x(widget: QWidget, scene_x: float, panel: TimelinePanel) -> int:
    point = widget.mapFromScene(QPointF(scene_x, 0))
    return widget.viewport().mapTo(panel, point).x()


def test_the_overview_puts_the_same_years_under_the_same_data(
        sample: Store, make_panel: PanelMaker, qtbot) -> None:
    panel = make_panel(sample)
    panel.set_lane_mode("category")  # a lane names column shifts the main plot right
    panel.fit_all()
    qtbot.wait(10)  # let the layouts settle
    main, strip = panel.view_box, panel.overview.view
    (x0, x1), (o0, o1) = main.viewRange()[0], strip.viewRange()[0]
    main_ticks = panel.day_axis.labelled_ticks(x0, x1, main.width())
    strip_ticks = panel.overview.axis.labelled_ticks(o0, o1, strip.width())
    common = set(main_ticks.values()) & set(strip_ticks.values())
    assert len(common) >= 4
    at_main = {t: _panel_x(panel.plot_widget, main.mapViewToScene(QPointF(x, 0)).x(), panel)
               for x, t in main_ticks.items()}
    at_strip = {t: _panel_x(panel.overview.widget, strip.mapViewToScene(QPointF(x, 0)).x(),
                            panel) for x, t in strip_ticks.items()}
    assert all(abs(at_main[t] - at_strip[t]) <= 2 for t in common), (at_main, at_strip)


# ------------------------------------------------------------------ open-ended dates


@pytest.fixture
def open_dates(store: Store) -> Store:
    with store.transaction():
        for title, date in (("Closed before", "before 2024"), ("Opened after", "after 2008"),
                            ("Some time in 2018", "2018")):
            store.add_event(Event(title, date, category="statement"))
    return store


def _lightness_at(image: QImage, x: float, y: float) -> float:
    return sum(QColor(image.pixel(int(x) + dx, int(y) + dy)).lightnessF()
               for dx in (-1, 0, 1) for dy in (-2, 0, 2)) / 9


def test_open_ended_dates_fade_toward_the_open_side_with_no_middle_mark(
        open_dates: Store, make_panel: PanelMaker) -> None:
    panel = make_panel(open_dates)
    panel.set_view_range(*year_range(1995, 2030))
    ids = {e.title: e.id for e in open_dates.events()}
    xs, _, _ = panel.markers.positions(UNCERTAIN)
    assert len(xs) == 1  # the diamond of "2018", none for the open-ended two
    middle = panel.scene_pos_of_event(ids["Some time in 2018"])
    assert abs(xs[0] - middle.x()) < 1
    image = panel.plot_widget.grab().toImage()
    ratio = image.width() / panel.plot_widget.width()
    for title, open_left in (("Closed before", True), ("Opened after", False)):
        rect = panel.drawn_rect(ids[title])
        near = [_lightness_at(image, (rect.left() + f * rect.width()) * ratio,
                              rect.center().y() * ratio) for f in (0.1, 0.5, 0.9)]
        faint, strong = (near[0], near[2]) if open_left else (near[2], near[0])
        assert faint > near[1] > strong, (title, near)  # a fade, darkest at the known end
        assert faint > 0.9  # the open end all but gone


@pytest.mark.parametrize("fmt", ["pdf", "svg", "png"])
def test_open_ended_dates_fade_in_every_exported_format(
        fmt: str, open_dates: Store, make_panel: PanelMaker, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    panel = make_panel(open_dates)
    ids = {e.title: e.id for e in open_dates.events()}
    seen = record_export(monkeypatch)
    seen["events"] = [ids["Closed before"]]
    out = render_chart(panel, tmp_path / f"t.{fmt}", width=1000, extent="all")
    if fmt == "pdf":  # as poppler draws it
        out = pdf_to_png_with_pdftoppm(out, tmp_path / "page")[0]
    elif fmt == "svg":  # as librsvg draws it
        out = svg_to_png_with_librsvg(out, tmp_path / "svg.png")
    image = QImage(str(out))
    top = image.height() - seen["plot"][1]
    rect = seen["bars"][ids["Closed before"]]
    near = [_lightness_at(image, rect.left() + f * rect.width(), top + rect.center().y())
            for f in (0.1, 0.5, 0.9)]
    assert near[0] > near[1] > near[2], near  # fading toward the open, earlier side
    assert near[0] > 0.85


# ---------------------------------------------------------------------------- key


def test_the_key_shows_every_category_and_a_click_hides_and_shows_it(
        store: Store, make_panel: PanelMaker, qtbot) -> None:
    names = [f"category number {i}" for i in range(9)]
    with store.transaction():
        for i, name in enumerate(names):
            store.add_event(Event(f"Event {i}", f"{2000 + i}", category=name))
    panel = make_panel(store, width=520)
    legend = panel.toolbar.legend
    assert set(legend.buttons) == set(names)
    boxes = []
    for button in legend.buttons.values():
        assert button.isVisible()
        box = QRectF(button.geometry()).translated(QPointF(legend.mapTo(panel, QPoint(0, 0))))
        assert QRectF(panel.rect()).contains(box), button.text()  # never clipped
        boxes.append(box)
    assert not [1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a.adjusted(1, 1, -1, -1).intersects(b)]
    event_4 = next(e.id for e in store.events() if e.title == "Event 4")
    qtbot.mouseClick(legend.buttons["category number 4"], Qt.MouseButton.LeftButton)
    assert panel.drawn_style(event_4) is None
    assert "Event 4" not in panel.visible_label_texts()
    assert panel.drawn_style(next(e.id for e in store.events() if e.title == "Event 5"))
    qtbot.mouseClick(legend.buttons["category number 4"], Qt.MouseButton.LeftButton)
    assert panel.drawn_style(event_4) is not None
    assert "Event 4" in panel.visible_label_texts()


# ------------------------------------------------------------------ history, lanes


def test_back_and_forward_bring_back_the_view(sample: Store, make_panel: PanelMaker,
                                              qtbot) -> None:
    panel = make_panel(sample)
    selection = panel.document.selection
    events = {e.title: e.id for e in sample.events()}
    old = events["South Korea severs diplomatic relations with Taiwan"]
    new = events["Yushan Forum 2025 (8th edition)"]

    def shown_window(first: float, last: float) -> tuple[int, int]:
        panel.set_view_range(first, last)
        x0, x1 = panel.view_range()
        window = (int(x0 // 1), int(-(-x1 // 1)) - 1)
        qtbot.waitUntil(lambda: selection.window() == window)
        return window

    selection.select("event", old)
    first_view = shown_window(*year_range(1985, 1999))
    selection.select("event", new)
    second_view = shown_window(*year_range(2020, 2026))
    selection.back()
    assert selection.current() == ("event", old)
    assert panel.view_range() == pytest.approx((first_view[0], first_view[1] + 1), abs=1)
    selection.forward()
    assert selection.current() == ("event", new)
    assert panel.view_range() == pytest.approx((second_view[0], second_view[1] + 1), abs=1)


def test_more_than_two_entity_lanes_fit_on_screen(sample: Store,
                                                  make_panel: PanelMaker) -> None:
    panel = make_panel(sample, height=560)
    panel.set_lane_mode("entity")
    panel.fit_all()
    y1 = panel.view_box.viewRange()[1][1]
    named = [name for top, _bottom, name in panel.lane_axis.lanes if top < y1 - 1]
    assert len(panel.lane_names()) > 3
    assert len(named) >= 3, panel.lane_axis.lanes


def test_a_long_title_on_screen_is_whole_where_it_fits(store: Store,
                                                      make_panel: PanelMaker) -> None:
    title = "A delegation of legislators travels to the capital for talks on trade " * 2
    with store.transaction():
        store.add_event(Event(title.strip(), "May 2022"))
        store.add_event(Event("Later", "2023"))
    panel = make_panel(store, width=1400)
    assert title.strip() in panel.visible_label_texts()
    panel.set_view_range(parse_date("2020").earliest, parse_date("2025").latest + 1)
    assert title.strip() in panel.visible_label_texts()


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_key_and_overview_text_meet_wcag_aa_in_either_palette(
        palette: str, store: Store, make_panel: PanelMaker) -> None:
    from PySide6.QtGui import QGuiApplication

    from ui.app import make_application
    from ui.theme import chart_theme, dark_palette

    app = make_application()
    before = QGuiApplication.palette()
    if palette == "dark":
        app.setPalette(dark_palette())
    try:
        with store.transaction():
            store.add_event(Event("Talks", "2020", category="diplomatic"))
        panel = make_panel(store)
        theme = chart_theme()
        assert theme.dark == (palette == "dark")
        button = panel.toolbar.legend.buttons["diplomatic"]
        text = QColor(theme.text)
        assert theme.text in button.styleSheet()
        assert contrast(text, button.palette().window().color()) >= 4.5
        axis = panel.overview.axis.textPen().color()
        assert contrast(axis, QColor(theme.overview_background)) >= 4.5
    finally:
        app.setPalette(before)
