"""Moving the timeline's view: fit, zoom, pan, and following the shared selection.

A mixin of ``TimelinePanel`` (kept apart so each file reads at once). Ranges given to
the public methods are in day numbers (JDN); the view box works in plot x = JDN - origin.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from db.evidence import supported_by
from models.dates import today_jdn

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QScrollBar

    from db.tables import EventTable
    from ui.document import Document
    from ui.timeline.axes import TimelineViewBox
    from ui.timeline.graphics import BarsLayer, LabelsLayer
    from ui.timeline.items import Items
    from ui.timeline.layout import Layout

DAYS_PER_YEAR = 365.2425
MIN_SPAN_DAYS = 1.0  # zoomed in: one day across
MAX_SPAN_DAYS = 20_000 * DAYS_PER_YEAR  # zoomed out: twenty thousand years across
MIN_FIT_DAYS = 14.0
PAN_MARGIN_DAYS = 10_000 * DAYS_PER_YEAR  # how far beyond the data the view may go
FIT_MARGIN = 0.025  # share of the data's extent shown beyond each end when fitting
SCROLL_STEPS_PER_ROW = 10
SPREAD_FRACTION = 0.8  # wider than this share of the view: fit instead of centring


def fit_range(first: float, last: float) -> tuple[float, float]:
    """The range that shows [first, last) with ``FIT_MARGIN`` either side (at least
    ``MIN_FIT_DAYS`` across): what Fit all shows, and the overview strip always."""
    if last - first < MIN_FIT_DAYS:
        mid = (first + last) / 2
        first, last = mid - MIN_FIT_DAYS / 2, mid + MIN_FIT_DAYS / 2
    margin = FIT_MARGIN * (last - first)
    return first - margin, last + margin


def clamp_range(x0: float, x1: float, low: float, high: float) -> tuple[float, float]:
    """[x0, x1) slid, keeping its width, to lie within [low, high); [low, high) itself if
    it is wider than that."""
    if x1 - x0 >= high - low:
        return low, high
    shift = max(low - x0, 0.0) + min(high - x1, 0.0)
    return x0 + shift, x1 + shift


class Navigation:
    """Fit, zoom, pan and follow the selection (needs the attributes below)."""

    document: Document
    view_box: TimelineViewBox
    bars: BarsLayer
    labels: LabelsLayer
    _origin: int
    _table: EventTable
    _items: Items
    _layout: Layout
    _highlight_ids: set[int]
    _own_selection: bool
    _auto_fit: bool
    _fitting: bool
    _publish_timer: QTimer
    lane_scroll: QScrollBar

    # -- range -----------------------------------------------------------------------

    def view_range(self) -> tuple[float, float]:
        """First and last day number of the view (fractional: the edges fall mid-day)."""
        x0, x1 = self.view_box.viewRange()[0]
        return x0 + self._origin, x1 + self._origin

    def set_view_range(self, first_jdn: float, last_jdn: float) -> None:
        self._show_plot_range(first_jdn - self._origin, last_jdn - self._origin)

    def data_extent(self) -> tuple[float, float]:
        """[first, last) of every item in plot x (or of every event, or the year around
        today if there are none): what Fit all and the overview strip show."""
        if len(self._items):  # an open end's reach to today is not data: known ends only
            return float(self._items.start.min()), float(self._items.known_end.max())
        if len(self._table):
            return (float(self._table.earliest.min() - self._origin),
                    float(self._table.latest.max() + 1 - self._origin))
        today = today_jdn() - self._origin
        return today - DAYS_PER_YEAR / 2, today + DAYS_PER_YEAR / 2

    def fit_all(self) -> None:
        """Show every item with a small margin (see ``fit_range``)."""
        first, last = self.data_extent()
        self._fitting = True
        try:
            self._fit(first, last)
            y0, y1 = self.view_box.viewRange()[1]
            self.view_box.setYRange(0, y1 - y0, padding=0)
        finally:
            self._fitting = False
        self._auto_fit = True
        self._publish_timer.start()

    def shown_extent(self) -> tuple[int, int, int] | None:
        """First and last day (JDN, inclusive) of the events in view, clipped to the view,
        and how many they are; None if none. What a chart's subtitle states: the data's
        range, not the view's margins. One bisection and masks over the items (no sort)."""
        x0, x1 = self.view_box.viewRange()[0]
        items = self._items
        end = int(np.searchsorted(items.start, x1, side="left"))
        shown = np.flatnonzero((items.end[:end] > x0) & (items.row[:end] >= 0))
        if not len(shown):
            return None
        first = max(float(items.start[shown].min()), x0)
        last = min(float(items.end[shown].max()), x1)
        seen = np.zeros(len(self._table), dtype=bool)  # an event may be in several lanes
        seen[items.row[shown]] = True
        count = int(np.count_nonzero(seen))
        return (math.floor(first) + self._origin, math.ceil(last) - 1 + self._origin, count)

    def emphasise_selection(self, on: bool) -> None:
        """Highlight the selection's events (as the panel does when it is chosen), or none:
        a chart draws every record alike unless asked."""
        self._apply_highlight(self._highlight_from_selection() if on else set())

    def zoom_by(self, factor: float, centre: float | None = None) -> None:
        """Scale the visible span by ``factor`` (< 1 zooms in) about plot x ``centre``."""
        x0, x1 = self.view_box.viewRange()[0]
        mid = (x0 + x1) / 2 if centre is None else centre
        width = min(max((x1 - x0) * factor, MIN_SPAN_DAYS), MAX_SPAN_DAYS)
        share = (mid - x0) / (x1 - x0) if x1 > x0 else 0.5
        self._show_plot_range(mid - width * share, mid + width * (1 - share))

    def pan_by(self, fraction: float) -> None:
        """Move the view by ``fraction`` of its width (negative: to earlier dates)."""
        x0, x1 = self.view_box.viewRange()[0]
        self.view_box.translateBy(x=(x1 - x0) * fraction)

    def _show_plot_range(self, x0: float, x1: float) -> None:
        x0, x1 = min(x0, x1), max(x0, x1)
        if x1 - x0 < MIN_SPAN_DAYS:
            mid = (x0 + x1) / 2
            x0, x1 = mid - MIN_SPAN_DAYS / 2, mid + MIN_SPAN_DAYS / 2
        self.view_box.setXRange(x0, x1, padding=0)

    def _centre_plot_x(self, x: float) -> None:
        x0, x1 = self.view_box.viewRange()[0]
        self._show_plot_range(x - (x1 - x0) / 2, x + (x1 - x0) / 2)

    def _centre_within_data(self, first: float, last: float) -> None:
        """Centre on [first, last) at the current zoom, but slide the view back inside
        what Fit all shows (and the chosen events), so that choosing the latest events
        does not show empty years after them, nor the earliest years before them; a view
        wider than that is fitted to it."""
        x0, x1 = self.view_box.viewRange()[0]
        low, high = fit_range(*self.data_extent())
        low, high = min(low, first), max(high, last)  # events outside the lanes shown
        half, mid = (x1 - x0) / 2, (first + last) / 2
        self._show_plot_range(*clamp_range(mid - half, mid + half, low, high))

    def _fit(self, first: float, last: float) -> None:
        """Show [first, last) (plot x) with a small margin: the axis ends near the data.
        Labels need no room kept for them: one with no room right of its item goes left
        of it (see ``frame.row_labels``)."""
        self._show_plot_range(*fit_range(first, last))

    def _set_x_limits(self) -> None:
        if len(self._table):
            low = float(self._table.earliest.min() - self._origin) - PAN_MARGIN_DAYS
            high = float(self._table.latest.max() + 1 - self._origin) + PAN_MARGIN_DAYS
        else:
            low, high = -MAX_SPAN_DAYS, MAX_SPAN_DAYS
        self.view_box.setLimits(xMin=low, xMax=high, minXRange=MIN_SPAN_DAYS,
                                maxXRange=MAX_SPAN_DAYS)

    # -- lanes scroll bar ------------------------------------------------------------

    def _sync_lane_scroll(self, total_rows: float, rows_in_view: float) -> None:
        """Show the scroll bar while the lanes are taller than the view, at the view's place."""
        bar = self.lane_scroll
        steps = max(0, round((total_rows - rows_in_view) * SCROLL_STEPS_PER_ROW))
        bar.blockSignals(True)
        bar.setRange(0, steps)
        bar.setPageStep(max(1, round(rows_in_view * SCROLL_STEPS_PER_ROW)))
        bar.setSingleStep(SCROLL_STEPS_PER_ROW)
        bar.setValue(round(self.view_box.viewRange()[1][0] * SCROLL_STEPS_PER_ROW))
        bar.blockSignals(False)
        bar.setVisible(steps > 0)

    def _scroll_lanes_to(self, value: int) -> None:
        y0, y1 = self.view_box.viewRange()[1]
        top = value / SCROLL_STEPS_PER_ROW
        self.view_box.setYRange(top, top + (y1 - y0), padding=0)

    # -- selection -------------------------------------------------------------------

    def _on_current_changed(self, kind: str, record_id: int) -> None:
        """Highlight what was chosen and bring it into view (or, going Back or Forward,
        show the view it was left with); never select anything back."""
        ids = self._highlight_for(kind, record_id)
        self._apply_highlight(ids)
        window = self.document.selection.restored_window()
        if window is not None:  # Back or Forward: the view as it was left
            self.set_view_range(window[0], window[1] + 1)
        elif ids and not self._own_selection:
            self._bring_into_view(ids)

    def _highlight_from_selection(self) -> set[int]:
        current = self.document.selection.current()
        return self._highlight_for(*current) if current else set()

    def _highlight_for(self, kind: str, record_id: int) -> set[int]:
        if kind == "event":
            return {record_id} if self._table.row_of(record_id) is not None else set()
        if kind == "entity":
            return set(self.document.store.event_ids_of_entity(record_id))
        if kind == "source":  # a source as a lens: the events it is cited for
            return set(supported_by(self.document.store, record_id)["event"])
        return set()

    def _apply_highlight(self, event_ids: set[int]) -> None:
        self._highlight_ids = set(event_ids)
        chosen = set(self._items_of_events(self._highlight_ids).tolist())
        self.bars.highlighted = chosen
        self.labels.emphasised = chosen
        current = self.document.selection.current()
        lens = bool(event_ids) and current is not None and current[0] == "source"
        self.evidence.lens = set(event_ids) if lens else None  # a source's lens fades the rest
        self.evidence.update()
        self._update_rings()
        self.bars.update()
        self.labels.update()

    def _bring_into_view(self, event_ids: set[int]) -> None:
        rows = np.flatnonzero(np.isin(self._table.ids, list(event_ids)))
        if not len(rows):
            return
        first = float(self._table.earliest[rows].min() - self._origin)
        last = float(self._table.latest[rows].max() + 1 - self._origin)
        x0, x1 = self.view_box.viewRange()[0]
        if last - first > SPREAD_FRACTION * (x1 - x0):
            self._fit(first, last)
        else:
            self._centre_within_data(first, last)
        self._auto_fit = False  # shown as chosen: a refit on resize would lose the rows
        self._reveal_rows(event_ids)

    def _reveal_rows(self, event_ids: set[int]) -> None:
        """Scroll the lanes so that the first of these events is in view, if it is not."""
        if self._layout.packed is None:  # not packed yet: the view did not move (clamped)
            self._refresh_frame()
        packed = self._layout.packed
        if packed is None:
            return
        mask = np.isin(self._items.ident[packed.indices], list(event_ids)) & (
            self._items.row[packed.indices] >= 0)
        if not mask.any():
            return
        y = float(packed.y[mask].min())
        y0, y1 = self.view_box.viewRange()[1]
        if not y0 + 0.5 <= y <= y1 - 0.5:
            self.view_box.translateBy(y=y - (y0 + y1) / 2)

    # -- keys ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and self._handle_key(event):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        actions = {Qt.Key.Key_Plus: lambda: self.zoom_by(0.5),
                   Qt.Key.Key_Equal: lambda: self.zoom_by(0.5),
                   Qt.Key.Key_Minus: lambda: self.zoom_by(2.0),
                   Qt.Key.Key_Underscore: lambda: self.zoom_by(2.0),
                   Qt.Key.Key_Left: lambda: self.pan_by(-0.25),
                   Qt.Key.Key_Right: lambda: self.pan_by(0.25),
                   Qt.Key.Key_Home: self.fit_all}
        action = actions.get(key)
        if action is None:
            return False
        action()
        event.accept()
        return True

    # provided by the panel
    def _items_of_events(self, event_ids: set[int]) -> np.ndarray:
        raise NotImplementedError

    def _update_rings(self) -> None:
        raise NotImplementedError

    def _refresh_frame(self) -> None:
        raise NotImplementedError
