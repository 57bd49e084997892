"""The graph's offscreen copy for a chart (see ``ui.export.copies``) and its legend."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QColor, QPen

from models.dates import format_day
from models.graph import CO_PARTICIPATION_KIND, is_undated
from ui.export.copies import PlotCopy, settle
from ui.export.decor import LegendEntry, Swatch
from ui.graph import GraphPanel
from ui.graph import style as graph_style
from ui.graph.filters import GraphOptions
from ui.graph.labels import CHART_RINGS_PX
from ui.graph.picture import picture_legend
from ui.graph.view import NetworkView

MAX_CHART_LABELS = 2000
CHART_PADDING = 0.06  # labels stay inside the plot by themselves: less air than on screen


class GraphCopy(PlotCopy):
    def __init__(self, live: GraphPanel) -> None:
        self.live = live
        network = live.network()
        picture = live.view.picture
        self.picture = replace(picture, xy=picture.xy.copy(), pinned=set(picture.pinned))
        self.network = network
        # a chart names every node it draws (up to a bound for huge pictures)
        self.view = NetworkView(None, label_limit=max(live.max_labels, min(
            len(self.picture.ids), MAX_CHART_LABELS)))
        self.view.labels.rings = CHART_RINGS_PX
        self.view.detach_legend()  # the chart's legend is drawn above the plot
        self.view.undated_style = live.view.undated_style
        self.view.support = live.view.support  # lines styled by their support, as on screen
        self.view.inferred = live.view.inferred  # and inferred ones dash-dotted
        self.view.weak = live.view.weak  # and weakly graded ones lighter
        current = live.document.selection.current()
        self._selected = current[1] if current and current[0] == "entity" else None
        self._highlight = live.highlighted_ids()
        self.view.show(self.picture, set(), None)  # no record singled out unless asked
        super().__init__(self.view.plot_widget)

    def set_emphasis(self, show_selection: bool) -> None:
        """Fade what is outside the selection as the screen does, or (the default for a
        chart) draw every node and edge at full strength, no record singled out."""
        if show_selection:
            self.view.show(self.picture, self._highlight, self._selected)
        else:
            self.view.show(self.picture, set(), None)

    def set_extent(self, extent: str) -> None:
        if extent == "all" or not self.live.plot_widget.isVisible():
            self.view.fit(padding=CHART_PADDING)
        else:
            self.view.view_box.setRange(self.live.view.view_rect(), padding=0)
        settle()

    def rows_height(self) -> int:
        return self.plot_widget.height()

    def subtitle(self) -> str:
        options = self.live.options()
        nodes, edges = len(self.picture.ids), len(self.picture.edges)
        if not nodes:
            return "No entities to show"
        parts = [f"{nodes:,} entit{'ies' if nodes != 1 else 'y'}",
                 f"{edges:,} link{'s' if edges != 1 else ''}"]
        window = self.live.document.selection.window()
        if options.window_filter and window is not None:
            parts.append(f"active {format_day(window[0])} – {format_day(window[1])}")
            undated = sum(is_undated(e) for e in self.picture.edges)
            if undated:
                parts.append(f"{undated:,} without a date (dashed)")
        if options.ego:
            parts.append(f"ego network, depth {options.depth}")
        if options.co_participation:
            parts.append("with shared events")
        if options.communities:
            parts.append("coloured by community")
        parts += _filter_parts(options)
        return " · ".join(parts)

    def set_relationship_kinds(self, shown: bool) -> None:
        """Write each relationship's kind on its line (off by default), where it has room
        clear of the names and nodes."""
        self.view.kinds_shown = shown
        self.view.relabel()

    def label_boxes(self) -> dict[int, tuple[float, float, float, float]]:
        """Node id -> its name's box, in the copy's plot pixels (for checks of a chart)."""
        return self.view.labels.boxes()

    def plot_box(self) -> tuple[float, float, float, float]:
        """The drawing's box in the same pixels as ``label_boxes``."""
        return self.view.plot_box()

    def dispose(self) -> None:
        self.view.deleteLater()  # first: its timer places labels in the plot
        super().dispose()


def graph_legend(live: GraphPanel) -> list[LegendEntry]:
    """Node colours (kinds or communities), then the kinds of line drawn."""
    picture = live.view.picture
    rim = QPen(QColor("#FFFFFF"))
    rim.setWidthF(1.0)
    by_community = live.options().communities
    entries = [LegendEntry(text, Swatch("dot", (graph_style.brush(colour),), rim))
               for colour, text in picture_legend(live.network(), picture, by_community)]
    shared = [e.kind == CO_PARTICIPATION_KIND and e.relationship_id is None
              for e in picture.edges]
    undated = live.view.undated_style and any(is_undated(e) for e in picture.edges)
    if not all(shared) and live.view.support is not None:  # how well each is supported
        entries += [LegendEntry(f"relationship: {text}", Swatch("line", pen=_support_pen(
            family))) for family, text in graph_style.SUPPORT_LEGEND]
    elif not all(shared):
        entries.append(LegendEntry("relationship", Swatch(
            "line", pen=_solid(graph_style.edge_pen("relationship", 0, "normal")))))
    if live.view.inferred_drawn():
        family, text = graph_style.INFERRED_LEGEND
        entries.append(LegendEntry(f"relationship: {text}", Swatch("line", pen=_support_pen(
            family))))
    if live.view.support is not None and live.view.weak_drawn():
        family, text = graph_style.WEAK_LEGEND
        entries.append(LegendEntry(f"relationship: {text}", Swatch("line", pen=_support_pen(
            family))))
    if undated:
        entries.append(LegendEntry("relationship without a date", Swatch(
            "line", pen=_solid(graph_style.edge_pen("undated", 0, "normal")))))
    if any(shared):
        entries.append(LegendEntry("shared events (thicker: more)", Swatch(
            "line", pen=_solid(graph_style.edge_pen("shared", 1, "normal")))))
    return entries


def _filter_parts(options: GraphOptions) -> list[str]:
    """What the filters leave out, for the subtitle: a chart says what it does not show."""
    parts = []
    if options.main_actors:
        parts.append("main actors only")
    if options.hidden_kinds:
        parts.append("without " + ", ".join(sorted(options.hidden_kinds)))
    if options.hide_places:
        parts.append("without places")
    if options.min_links:
        parts.append(f"entities with at least {options.min_links} links")
    return parts


def _support_pen(family: str) -> QPen:
    """A legend line as drawn, only more opaque, except the faint ones of uncited and of
    a weak grade."""
    pen = graph_style.edge_pen(family, 0, "normal")
    if family != "uncited" and not family.endswith(graph_style.WEAK_SUFFIX):
        return _solid(pen)
    copy = QPen(pen)
    copy.setCosmetic(False)
    return copy


def _solid(pen: QPen) -> QPen:
    copy = QPen(pen)
    colour = QColor(copy.color())
    colour.setAlpha(max(colour.alpha(), 200))
    copy.setColor(colour)
    copy.setCosmetic(False)
    return copy
