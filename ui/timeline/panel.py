"""TimelinePanel: events on a zoomable time axis, in lanes, following the shared selection.

It owns a pyqtgraph ``PlotWidget`` and draws, for what is in view only: markers for
events known to the day (``markers``), bars for intervals (solid where sure, hatched where
uncertain, fading toward the open side of "before"/"after" dates; ``graphics``), and
titles: whole, in rows where each has room (``wholelabels``), while up to ``GANTT_LIMIT``
items are in view, else where they fit (``frame``); or a density histogram when more
than ``DENSITY_LIMIT`` items are in view. Plot x is days since ``origin`` (a day
number near the data) so coordinates stay small; ``DayAxis`` labels it with dates.

Its data is an ``EventTable`` (``db.tables.read_event_table``, a pure function of a
connection that a loader thread may run) given to the constructor or ``apply_table``;
titles and dates as written are read from the Store only for what shows.

It listens to ``document.changed`` (patching the events an edit touched, keeping view
and highlight; re-reading all only after an import or a big change) and
``selection.current_changed`` (highlight and centre, emitting nothing back), and
publishes its visible range with ``selection.set_window``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QScrollBar, QVBoxLayout, QWidget

from db.tables import EventTable
from ui.document import Changes, Document
from ui.theme import FollowsPalette, chart_theme
from ui.timeline.alternatives import AlternativesLayer
from ui.timeline.axes import DayAxis, LaneAxis, TimelineViewBox
from ui.timeline.categories import Categories
from ui.timeline.controls import Toolbar
from ui.timeline.evidence import EvidenceLayer
from ui.timeline.frame import Frame, ViewMap, density_frame, detail_frame
from ui.timeline.graphics import BarsLayer, LabelsLayer
from ui.timeline.inspection import Inspection
from ui.timeline.items import POINT, build_items
from ui.timeline.lanes import (
    LANE_MODES,
    build_lanes,
    default_entities,
    entity_choices,
    without,
)
from ui.timeline.layout import Layout
from ui.timeline.markers import MarkersLayer
from ui.timeline.navigation import Navigation
from ui.timeline.overview import Overview
from ui.timeline.pointer import Pointer
from ui.timeline.style import (
    ENTITY_ROW_PX,
    GANTT_LIMIT,
    LABEL_POINT_SIZE,
    LANE_PAD,
    MARKER_PX,
    ROW_PX,
    highlight_pen,
)
from ui.timeline.support import SupportLoader
from ui.timeline.textwidths import TextWidths

DEFAULT_ORIGIN = 2451545  # 1 January 2000
PUBLISH_DELAY_MS = 50
PATCH_LIMIT = 1000  # events an edit may touch and still be patched in, not re-read


class TimelinePanel(Navigation, Pointer, Inspection, Categories, SupportLoader, FollowsPalette,
                    QWidget):
    """The timeline of a Document's events (see module doc); ``plot_widget`` is the plot."""

    gantt_limit = GANTT_LIMIT  # up to this many items in view, each title whole on a row

    def __init__(self, document: Document, parent: QWidget | None = None,
                 table: EventTable | None = None) -> None:
        """``table``: the events as ``db.tables.read_event_table`` read them (perhaps on
        another thread); read from the document's Store when not given."""
        super().__init__(parent)
        self.document = document
        self.setAccessibleName("Timeline")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._origin = DEFAULT_ORIGIN
        self._mode, self._entity_ids = "none", []
        self._highlight_ids: set[int] = set()
        self._hidden: set[str] = set()  # categories switched off in the key
        self._frame: Frame | None = None
        self._tops = np.zeros(2)
        self._hover: int | None = None
        self._tooltip = ""
        self._own_selection = False
        self._refreshing = self._again = False
        self._auto_fit = True  # refit on resize and reload until the user moves the view
        self._fitting = False
        self._label_font = QFont(self.font())
        self._label_font.setPointSize(LABEL_POINT_SIZE)
        self._widths = TextWidths(self._label_font)
        self._metrics = self._widths.metrics
        self._build()
        self._publish_timer = QTimer(self, singleShot=True, interval=PUBLISH_DELAY_MS)
        self._publish_timer.timeout.connect(self._publish_window)
        self._connect()
        self.apply_table(table if table is not None else document.store.event_table(),
                         keep_view=False)

    # -- building --------------------------------------------------------------------

    def _build(self) -> None:
        self.toolbar = Toolbar(self)
        self.view_box = TimelineViewBox()
        self.day_axis = DayAxis(lambda: self._origin)
        self.lane_axis = LaneAxis()
        self.plot_widget = pg.PlotWidget(viewBox=self.view_box,
                                         background=chart_theme().background,
                                         axisItems={"bottom": self.day_axis,
                                                    "left": self.lane_axis})
        self.plot_widget.setAccessibleName("Timeline plot")
        plot = self.plot_widget.getPlotItem()
        plot.hideButtons()
        plot.setMenuEnabled(False)
        self.bars = BarsLayer(lambda: self._layout.items, lambda: self._tops)
        self.labels = LabelsLayer(self._label_font)
        self.markers = MarkersLayer(lambda: self._layout.items)
        self.evidence = EvidenceLayer(lambda: self._layout.items, lambda: self._table.sources,
                                      lambda: self._table.best)
        self.alternatives = AlternativesLayer(lambda: self._layout.items, lambda: self._origin,
                                              lambda: self.row_px)
        self._rings = pg.ScatterPlotItem(symbol="o", size=MARKER_PX + 7, pen=highlight_pen(),
                                         brush=None)
        for z, item in enumerate((self.bars, self.markers, self.evidence, self._rings,
                                  self.labels, self.alternatives)):
            item.setZValue(z)
            self.view_box.addItem(item, ignoreBounds=True)
        self.overview = Overview(lambda: self._origin, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        middle = QHBoxLayout()
        middle.setSpacing(0)
        middle.addWidget(self.plot_widget, 1)
        self.lane_scroll = QScrollBar(Qt.Orientation.Vertical)
        self.lane_scroll.setAccessibleName("Scroll lanes")
        self.lane_scroll.setVisible(False)
        middle.addWidget(self.lane_scroll)
        layout.addLayout(middle, 1)
        layout.addWidget(self.overview.widget)

    def apply_theme(self) -> None:
        """Colours from ``ui.theme``: the light or dark palette (see ``changeEvent``)."""
        self.plot_widget.setBackground(chart_theme().background)
        self.day_axis.apply_theme()
        self.lane_axis.apply_theme()
        self.overview.apply_theme()
        self._rings.setPen(highlight_pen())
        self.toolbar.legend.apply_theme()
        for layer in (self.bars, self.alternatives, self.markers, self.evidence, self.labels):
            layer.update()

    def themed_parts_built(self) -> bool:
        return hasattr(self, "overview")

    def _connect(self) -> None:
        self.view_box.sigRangeChanged.connect(self._on_range_changed)
        self.view_box.sigResized.connect(self._on_resized)
        scene = self.plot_widget.scene()
        scene.sigMouseMoved.connect(self._on_hover)
        scene.sigMouseClicked.connect(self._on_click)
        self.overview.range_requested.connect(self._show_plot_range)
        self.overview.centre_requested.connect(self._centre_plot_x)
        self.toolbar.mode_chosen.connect(lambda mode: self.set_lane_mode(mode))
        self.toolbar.fit_clicked.connect(self.fit_all)
        self.toolbar.legend.category_toggled.connect(self.show_category)
        self.toolbar.zoom_clicked.connect(self.zoom_by)
        self.toolbar.entity_menu.aboutToShow.connect(self._fill_entity_menu)
        self.lane_scroll.valueChanged.connect(self._scroll_lanes_to)
        self.document.changed.connect(self._on_document_changed)
        self.document.selection.current_changed.connect(self._on_current_changed)
        self.plot_widget.installEventFilter(self)
        self.overview.widget.installEventFilter(self)

    # -- public API ------------------------------------------------------------------

    @property
    def table(self) -> EventTable:
        """The events shown (as ``db.tables.read_event_table`` read them)."""
        return self._table

    def count_between(self, first_day: int, last_day: int) -> int:
        """Events that meet the days [first_day, last_day] (from the arrays, not SQL)."""
        return self._table.count_between(first_day, last_day)

    @property
    def origin(self) -> int:
        """The day number at plot x = 0 (plot x is days since it)."""
        return self._origin

    def lane_mode(self) -> str:
        return self._mode

    @property
    def row_px(self) -> int:
        """Height of a row: entity lanes, where events repeat, set theirs closer."""
        return ENTITY_ROW_PX if self._mode == "entity" else ROW_PX

    def set_lane_mode(self, mode: str, entity_ids: list[int] | None = None) -> None:
        """Lanes "none" (one), "category" or "entity" (``entity_ids``, or the busiest)."""
        if mode not in LANE_MODES:
            raise ValueError(f"unknown lane mode {mode!r}; expected one of {LANE_MODES}")
        if mode == "entity":
            self._entity_ids = list(entity_ids) if entity_ids is not None else (
                self._entity_ids or self._default_entities())
        self._mode = mode
        self.toolbar.show_mode(mode)
        self._reload(keep_view=True)

    def lane_names(self) -> list[str]:
        return [lane.name for lane in self._lanes]

    def highlighted_ids(self) -> set[int]:
        return set(self._highlight_ids)

    # -- data ------------------------------------------------------------------------

    def _reload(self, keep_view: bool) -> None:
        """Read the events again and rebuild lanes and items; keep the view if asked."""
        self.apply_table(self.document.store.event_table(), keep_view)

    def apply_table(self, table: EventTable, keep_view: bool = True) -> None:
        """Show ``table`` (see ``db.tables.read_event_table``): lanes, items, overview."""
        previous = self.view_range() if keep_view and not self._auto_fit else None
        store = self.document.store
        self._table = table
        if len(self._table):
            self._origin = int(np.median(self._table.earliest))
        self._lanes = without(build_lanes(store, self._table, self._mode, self._entity_ids),
                              self._table, self._hidden)
        self._items = build_items(self._table, self._lanes, self._origin, store.event_labels)
        self._layout = Layout(self._items, len(self._lanes), self._widths.measure,
                              self._widths.estimate, tight=self._mode == "entity",
                              gantt_limit=self.gantt_limit)
        self._show_lane_names()
        self.overview.set_data(self._items.start, self._items.known_end, self.data_extent())
        self._set_x_limits()
        self.toolbar.legend.set_entries(self._legend_entries(), self._hidden)
        self.bars.lane_colours = self._lane_colours()
        self._apply_highlight(self._highlight_from_selection())
        self._read_alternatives()
        self.toolbar.legend.show_weak(self.evidence.weak_laid_out())
        if previous is None:
            self.fit_all()
        else:
            self.set_view_range(*previous)
        self._refresh_frame()
        self._load_support_later()

    def _read_alternatives(self) -> None:
        """Alternative dates of events: one query over the claims, whatever the events."""
        self.alternatives.set_marks(self.document.store.alternative_marks())
        self.toolbar.legend.show_alternatives(bool(self.alternatives.marks))

    def _default_entities(self) -> list[int]:
        chosen = default_entities(self.document.store)
        current = self.document.selection.current()
        if current and current[0] == "entity" and current[1] not in chosen:
            chosen = [current[1], *chosen[:-1]]
        return chosen

    def _fill_entity_menu(self) -> None:
        menu = self.toolbar.entity_menu
        menu.clear()
        current = self.document.selection.current()
        selected = current[1] if current and current[0] == "entity" else None
        for entity_id, name in entity_choices(self.document.store, self._entity_ids, selected):
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(entity_id in self._entity_ids)
            action.toggled.connect(lambda on, e=entity_id: self._toggle_entity_lane(e, on))

    def _toggle_entity_lane(self, entity_id: int, on: bool) -> None:
        chosen = [e for e in self._entity_ids if e != entity_id] + ([entity_id] if on else [])
        self.set_lane_mode("entity", chosen)

    def _show_lane_names(self) -> None:
        """Lane names whole where the width allows (a third of the plot at most)."""
        self.plot_widget.getPlotItem().showAxis("left", self._mode != "none")
        self.lane_axis.fit_names(self.lane_names(), max(self.plot_widget.width() / 3, 150))

    def _on_document_changed(self, changes: Changes) -> None:
        """Patch what an edit touched; read every event again only for an import, a new
        file or an edit of more than ``PATCH_LIMIT`` events. Citations and sources show
        in the marks' evidence styles (read again); entities and relationships only in
        entity lanes."""
        if changes.everything or len(changes.events) > PATCH_LIMIT:
            self._reload(keep_view=True)
            return
        if changes.events:
            self._read_alternatives()
            self._patch(changes.events)
        elif self._mode == "entity" and (changes.entities or changes.relationships):
            self.apply_table(self._table)
        if changes.citations or changes.sources:
            self.reread_support()

    def _patch(self, event_ids: frozenset[int]) -> None:
        """Re-read only these events' rows; where their days and category are as shown
        (a title edited, say), only their labels are read again."""
        fresh = self.document.store.event_rows(event_ids)
        if self._mode != "entity" and self._table.holds_as(fresh, event_ids):
            self._layout.forget(np.fromiter(event_ids, dtype=np.int64))
            self._frame = None
            self._refresh_frame()
        else:
            self.apply_table(self._table.patched(event_ids, fresh))

    # -- frame -----------------------------------------------------------------------

    def _view_map(self) -> ViewMap:
        (x0, x1), (y0, y1) = self.view_box.viewRange()
        rect = self.view_box.sceneBoundingRect()
        return ViewMap(x0, x1, y0, y1, rect.left(), rect.top(), rect.width(), rect.height())

    def _current_frame(self) -> Frame:
        if self._frame is None:
            self._refresh_frame()
        return self._frame if self._frame is not None else Frame(self._view_map())

    def _refresh_frame(self) -> None:
        """Recompute what is drawn; re-entrant calls (limits moving the view) rerun it."""
        if self._refreshing:
            self._again = True
            return
        self._refreshing = True
        try:
            self._again = True
            while self._again:
                self._again = False
                self._compute_frame()
        finally:
            self._refreshing = False

    def _compute_frame(self) -> None:
        view = self._view_map()
        if view.width <= 0 or view.height <= 0:
            return
        dense = self._layout.is_dense(view.x0, view.x1)
        if dense:
            self._frame = density_frame(self._layout, view, self._metrics)
            self._tops = self._layout.density_tops
        else:
            if self._layout.ensure_packed(view.x0, view.x1, view.sx):
                self._update_rings()
            self._tops = self._layout.detail_tops
            self._frame = detail_frame(self._layout, view, self._metrics)
        majors, minors = self.day_axis.grid_lines(view.x0, view.x1, view.width)
        self._frame.grid = (np.asarray(view.px(np.asarray(majors, dtype=np.float64))),
                            np.asarray(view.px(np.asarray(minors, dtype=np.float64))))
        self._rings.setVisible(not dense)
        self._update_lanes_and_limits()
        self._align_overview()
        bounds = self.view_box.viewRect()
        for layer in (self.bars, self.alternatives, self.markers, self.evidence, self.labels):
            layer.set_bounds(bounds)
            layer.frame = self._frame
            layer.update()

    def _update_lanes_and_limits(self) -> None:
        self.lane_axis.lanes = [(float(self._tops[i] + LANE_PAD), float(self._tops[i + 1]),
                                 lane.name) for i, lane in enumerate(self._lanes)]
        self.lane_axis.picture = None
        self.lane_axis.update()
        rows = max(self.view_box.height() / self.row_px, 1.0)
        total = float(self._tops[-1])
        self.view_box.setLimits(yMin=0.0, yMax=max(total, rows), minYRange=rows,
                                maxYRange=rows)
        self._sync_lane_scroll(total, rows)

    def _align_overview(self) -> None:
        rect = self.view_box.sceneBoundingRect()
        scroll = self.lane_scroll.width() if self.lane_scroll.isVisible() else 0
        self.overview.align(rect.left(), self.plot_widget.width() - rect.right() + scroll)

    def _update_rings(self) -> None:
        packed, items = self._layout.packed, self._items
        if packed is None:
            self._rings.setData([], [])
            return
        mask = (items.kind[packed.indices] == POINT) & np.isin(
            items.ident[packed.indices], list(self._highlight_ids)) & (
            items.row[packed.indices] >= 0)
        self._rings.setData(x=items.centre[packed.indices[mask]], y=packed.y[mask])

    # -- view range ------------------------------------------------------------------

    def _on_range_changed(self, _box: object, ranges: list, changed: list[bool]) -> None:
        # pyqtgraph moves the items to the new range lazily, when the view is next painted;
        # items moved in the middle of a paint are painted a second time, so move them now
        self.view_box.updateMatrix()
        if changed[0]:
            self._auto_fit = self._auto_fit and self._fitting
        self._refresh_frame()
        if changed[0]:
            self.overview.show_range(*ranges[0])
            self._publish_timer.start()

    def _on_resized(self) -> None:
        self._show_lane_names()
        if self._auto_fit:
            self.fit_all()
        self._refresh_frame()
        if self._highlight_ids and not self._auto_fit:  # keep what was chosen in view
            self._reveal_rows(self._highlight_ids)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._publish_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        """A hidden timeline has no visible range: nothing is published until it shows."""
        self._publish_timer.stop()
        super().hideEvent(event)

    def _publish_window(self) -> None:
        first, last = self.view_range()
        self.document.selection.set_window(int(np.floor(first)),
                                           int(np.ceil(last - 1e-9)) - 1)

    # used by Navigation
    def _items_of_events(self, event_ids: set[int]) -> np.ndarray:
        return np.flatnonzero(np.isin(self._items.ident, list(event_ids))
                              & (self._items.row >= 0))
