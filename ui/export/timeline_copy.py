"""The timeline's offscreen copy for a chart (see ``ui.export.copies``) and its legend."""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtGui import QPen

from models.dates import format_day
from ui.document import Document
from ui.export.copies import PlotCopy, settle
from ui.export.decor import LegendEntry, Swatch
from ui.timeline import TimelinePanel
from ui.timeline import style as timeline_style

LANE_TITLES = {"category": "lanes by category", "entity": "lanes by person / organization"}


class TimelineCopy(PlotCopy):
    def __init__(self, live: TimelinePanel) -> None:
        document = Document(live.document.store)
        current = live.document.selection.current()
        if current:
            document.selection.select(*current)
        self.live = live
        self.panel = TimelinePanel(document, table=live.table)  # same Store: no second read
        document.setParent(self.panel)
        mode = live.lane_mode()
        if mode != "none":
            # the chosen entity lanes have no public getter; read the live panel's list
            entities = list(getattr(live, "_entity_ids", [])) if mode == "entity" else None
            self.panel.set_lane_mode(mode, entities)
        super().__init__(self.panel.plot_widget)

    def set_extent(self, extent: str) -> None:
        panel = self.panel
        if extent == "all":
            panel.fit_all()
            top = 0.0
        else:
            panel.set_view_range(*self.live.view_range())
            top = self.live.view_box.viewRange()[1][0]
        panel.view_box.translateBy(y=top - panel.view_box.viewRange()[1][0])
        settle()

    def rows_height(self) -> int:
        """Plot height that shows every lane's rows (as packed for the current view)."""
        lanes = self.panel.lane_axis.lanes
        rows = lanes[-1][1] + timeline_style.LANE_PAD if lanes else 1.0
        chrome = self.plot_widget.height() - self.panel.view_box.height()
        return math.ceil(rows * timeline_style.ROW_PX + chrome + 2)

    def before_render(self) -> None:
        """The density view's note says "zoom in", which a printed chart cannot: the
        subtitle says what the columns count instead."""
        labels = self.panel.labels
        if labels.frame is not None and self.panel.is_density_view():
            labels.frame = replace(labels.frame, notes=[])

    def subtitle(self) -> str:
        panel = self.panel
        first, last = panel.view_range()
        first_day, last_day = math.floor(first), max(math.ceil(last) - 1, math.floor(first))
        count = panel.document.store.count_events_between(first_day, last_day)
        parts = [f"{format_day(first_day)} – {format_day(last_day)}",
                 f"{count:,} event{'s' if count != 1 else ''}"]
        if panel.is_density_view():
            parts[-1] += " (too many to draw one by one: counted per column)"
        if panel.lane_mode() in LANE_TITLES:
            parts.append(LANE_TITLES[panel.lane_mode()])
        return " · ".join(parts)

    def dispose(self) -> None:
        self.panel.deleteLater()
        super().dispose()


def timeline_legend(live: TimelinePanel) -> list[LegendEntry]:
    """How dates are drawn, then the category colours (as the panel's own legend)."""
    s = timeline_style
    key = [LegendEntry("exact day", Swatch("dot", (s.solid_brush(-1),), _rim(-1))),
           LegendEntry("sure", Swatch("box", (s.solid_brush(-2),), _rim(-2))),
           LegendEntry("uncertain", Swatch("box", (s.faded_brush(-2), s.hatch_brush(-2)),
                                           _rim(-2)))]
    categories = [LegendEntry(name, Swatch("box", (s.solid_brush(colour),), _rim(colour)))
                  for name, colour in live.toolbar.legend.entries]
    return key + categories


def _rim(colour: int) -> QPen:
    pen = QPen(timeline_style.colour_of(colour).darker(140))
    pen.setWidthF(1.0)
    return pen
