"""The timeline's offscreen copy for a chart (see ``ui.export.copies``) and its legend."""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPen

from models.timeaxis import range_text
from ui.document import Document
from ui.export.copies import PlotCopy, settle
from ui.export.decor import LegendEntry, Swatch
from ui.timeline import TimelinePanel, legend
from ui.timeline import style as timeline_style
from ui.timeline.alternatives import alternative_pen
from ui.timeline.inferred import dotted_pen, hollow_brush, pierced_brush

LANE_TITLES = {"category": "lanes by category", "entity": "lanes by person / organization"}
# rows of ROW_PX each: 600 rows stay within the chart's tallest automatic height
CHART_GANTT_LIMIT = 600


class ChartTimeline(TimelinePanel):
    """The timeline as a chart draws it: a page can grow (``render_chart``), so many more
    events than a screen holds each get their title whole on a row of their own."""

    gantt_limit = CHART_GANTT_LIMIT

    def _load_support_later(self) -> None:
        """A chart draws the support the live panel has read; it starts no read of its
        own, which would compete with the export for the CPU."""


class TimelineCopy(PlotCopy):
    """A second panel with the live one's lanes, hidden categories and view; it shows
    every row of what is in view (the chart grows to ``rows_height``), and by default no
    emphasis of the selection (``set_emphasis``)."""

    def __init__(self, live: TimelinePanel) -> None:
        document = Document(live.document.store)
        current = live.document.selection.current()
        if current:
            # known to the copy for set_emphasis; selected before the panel exists, so
            # nothing is highlighted or brought into view yet
            document.selection.select(*current)
        self.live = live
        self.panel = ChartTimeline(document, table=live.table)  # same Store: no second read
        document.setParent(self.panel)
        self.panel.emphasise_selection(False)
        if live.hidden_categories():
            self.panel.set_hidden_categories(live.hidden_categories())
        mode = live.lane_mode()
        if mode != "none":
            # the chosen entity lanes have no public getter; read the live panel's list
            entities = list(getattr(live, "_entity_ids", [])) if mode == "entity" else None
            self.panel.set_lane_mode(mode, entities)
        super().__init__(self.panel.plot_widget)

    def set_extent(self, extent: str) -> None:
        """The live view's time range, or all of it; always from the first row, since the
        chart is made as high as its rows."""
        panel = self.panel
        if extent == "all":
            panel.fit_all()
        else:
            panel.set_view_range(*self.live.view_range())
        panel.view_box.translateBy(y=-panel.view_box.viewRange()[1][0])
        settle()

    def set_emphasis(self, show_selection: bool) -> None:
        self.panel.emphasise_selection(show_selection)
        settle()

    def rows_height(self) -> int:
        """Plot height that shows every lane's rows (as laid out for the current view)."""
        lanes = self.panel.lane_axis.lanes
        rows = lanes[-1][1] + timeline_style.LANE_PAD if lanes else 1.0
        chrome = self.plot_widget.height() - self.panel.view_box.height()
        return math.ceil(rows * self.panel.row_px + chrome + 2)

    def before_render(self) -> None:
        """The density view's note says "zoom in", which a printed chart cannot: the
        subtitle says what the columns count instead."""
        labels = self.panel.labels
        if labels.frame is not None and self.panel.is_density_view():
            labels.frame = replace(labels.frame, notes=[])

    def subtitle(self) -> str:
        """The range of the events shown (not of the view, which has margins), how many,
        and the lanes."""
        panel = self.panel
        shown = panel.shown_extent()
        if shown is None:
            first, last = panel.view_range()
            parts = [range_text(math.floor(first), math.ceil(last) - 1), "no events"]
        else:
            first_day, last_day, count = shown
            parts = [range_text(first_day, last_day),
                     f"{count:,} event{'s' if count != 1 else ''}"]
        if panel.is_density_view():
            parts[-1] += " (too many to draw one by one: counted per column)"
        if panel.lane_mode() in LANE_TITLES:
            parts.append(LANE_TITLES[panel.lane_mode()])
        if panel.hidden_categories():
            parts.append("not shown: " + ", ".join(sorted(panel.hidden_categories())))
        return " · ".join(parts)

    def label_boxes(self) -> list[tuple[str, tuple[float, float, float, float]]]:
        """Each label's text and rectangle (x, y, width, height) in the plot's pixels, as
        drawn: for checks that no title is cut, overlapped or outside the chart."""
        return [(text, (r.x(), r.y(), r.width(), r.height()))
                for text, r in self.panel.visible_labels()]

    def dispose(self) -> None:
        self.panel.deleteLater()
        super().dispose()


def timeline_legend(live: TimelinePanel) -> list[LegendEntry]:
    """How dates are drawn, then the colours of the categories shown (as the panel's
    own key)."""
    s = timeline_style
    key = [LegendEntry("exact day", Swatch("dot", (s.solid_brush(-1),), _rim(-1))),
           LegendEntry("sure", Swatch("box", (s.solid_brush(-2),), _rim(-2))),
           LegendEntry("uncertain", Swatch("box", (s.faded_brush(-2), s.hatch_brush(-2)),
                                           _rim(-2)))]
    if live.has_open_dates():
        key.append(LegendEntry("open-ended (before / after)",
                               Swatch("box", (s.open_brush(-2),), _rim(-2))))
    if live.has_inferred_dates():
        key += inferred_key()
    if live.alternatives.marks:
        key.append(alternative_key())
    dashed = QPen(s.single_source_pen())
    dashed.setCosmetic(False)
    key += [LegendEntry("2+ sources", Swatch("box", (s.solid_brush(-2),), _rim(-2))),
            LegendEntry("1 source", Swatch("box", (s.solid_brush(-2),), dashed)),
            LegendEntry("uncited", Swatch("box", (s.solid_brush(-2), s.uncited_veil()),
                                          _rim(-2)))]
    if live.evidence.weak_laid_out():  # named only where a weakly graded mark is drawn
        key.append(LegendEntry(legend.WEAK_KEY[0], Swatch(
            "box", (s.solid_brush(-2), s.weak_veil()), _rim(-2))))
    categories = [LegendEntry(name, Swatch("box", (s.solid_brush(colour),), _rim(colour)))
                  for name, colour in live.toolbar.legend.shown_entries()]
    return key + categories


def inferred_key() -> list[LegendEntry]:
    """The hollow dot and the dotted, pierced bar of inferred dates."""
    ring = QPen(timeline_style.colour_of(-1), 2.5)
    dotted = QPen(dotted_pen(-2))
    dotted.setCosmetic(False)
    return [LegendEntry("inferred day", Swatch("dot", (hollow_brush(),), ring)),
            LegendEntry("inferred span", Swatch("box", (timeline_style.solid_brush(-2),
                                                        pierced_brush()), dotted))]


def alternative_key() -> LegendEntry:
    """The hollow, faint outline of another date a source gives."""
    pen = QPen(alternative_pen())
    pen.setCosmetic(False)
    return LegendEntry("alternative date",
                       Swatch("box", (QBrush(Qt.BrushStyle.NoBrush),), pen))


def _rim(colour: int) -> QPen:
    pen = QPen(timeline_style.colour_of(colour).darker(140))
    pen.setWidthF(1.0)
    return pen
