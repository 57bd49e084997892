"""``python main.py export FILE.db OUT.png --chart timeline|graph``: a chart without a window.

The panel is built on the file opened read-only, never shown, and handed to
``render_chart`` as the window would hand its own. Without a display (a server, CI) Qt
is told to draw offscreen before the application starts.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from db.errors import StoreError
from db.lookup import find_record
from db.store import Store

if TYPE_CHECKING:
    from ui.document import Document
    from ui.graph import GraphPanel
    from ui.timeline import TimelinePanel

CHARTS = ("timeline", "graph")
LAYOUT_TIMEOUT_MS = 300_000


class ChartCommandError(StoreError):
    """The chart command cannot do what was asked (printed as one ``error:`` line)."""


@dataclass(frozen=True)
class ChartRequest:
    chart: str
    first_day: float | None = None  # plot range [first, last) in day numbers
    last_day: float | None = None
    width: int | None = None
    height: int | None = None
    scale: float = 1.0
    dpi: float = 96
    transparent: bool = False
    lanes: str | None = None
    title: str | None = None  # None: the database's own title
    credit: str | None = None
    page: str | None = None
    show_selection: bool = False
    relationship_kinds: bool = False
    select: str | None = None  # KIND:NAME-OR-ID, as ``db.lookup`` reads it


def use_offscreen_if_headless() -> None:
    """Ask Qt to draw offscreen when there is no display to connect to (before the app)."""
    if "QT_QPA_PLATFORM" in os.environ or not sys.platform.startswith("linux"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def export_chart_file(db_path: Path, out: Path, fmt: str, request: ChartRequest,
                      force: bool = False) -> Path:
    """Open ``db_path`` read-only, build the chart's panel offscreen and write ``out``
    (onto another Threadline database only with ``force``)."""
    if request.chart not in CHARTS:
        raise ChartCommandError(f"--chart is {' or '.join(CHARTS)}, not {request.chart!r}")
    if request.relationship_kinds and request.chart != "graph":
        raise ChartCommandError("--relationship-kinds is for the graph chart")
    if request.show_selection and not request.select:
        raise ChartCommandError("--show-selection needs a record to show: add --select "
                                "KIND:NAME-OR-ID")
    if request.page is not None and (request.width or request.height):
        raise ChartCommandError("--page sets the size: give it or --width/--height, not both")
    if request.page is not None and request.scale != 1.0:
        raise ChartCommandError("--scale is for sizes in pixels; a page's pixels follow "
                                "from --dpi")
    use_offscreen_if_headless()
    from ui.app import make_application

    make_application()
    with Store.open(db_path, readonly=True) as store:
        return _render(store, out, fmt, request, force)


def _render(store: Store, out: Path, fmt: str, request: ChartRequest,
            force: bool = False) -> Path:
    from ui.document import Document
    from ui.export.charts import render_chart
    from ui.export.copies import settle

    document = Document(store)
    if request.select:
        document.selection.select(*find_record(store, request.select))
    panel = _timeline(document, request) if request.chart == "timeline" else _graph(
        document, request)
    try:
        extent = "view" if request.chart == "timeline" and _has_range(request) else "all"
        return render_chart(panel, out, fmt, request.width, request.height, request.scale,
                            request.dpi, "transparent" if request.transparent else "white",
                            extent, request.title, page=request.page, credit=request.credit,
                            show_selection=request.show_selection,
                            relationship_kinds=request.relationship_kinds, warn=_warn,
                            force=force)
    finally:
        panel.close()
        panel.deleteLater()
        document.deleteLater()
        settle()


def _warn(message: str) -> None:
    """Something the user may want to change, though the chart was made."""
    print(f"warning: {message}", file=sys.stderr)


def _has_range(request: ChartRequest) -> bool:
    return request.first_day is not None or request.last_day is not None


def _timeline(document: Document, request: ChartRequest) -> TimelinePanel:
    from ui.timeline import TimelinePanel

    panel = TimelinePanel(document)
    if request.lanes:
        panel.set_lane_mode(request.lanes)
    if _has_range(request):
        panel.fit_all()
        first, last = panel.view_range()
        first = request.first_day if request.first_day is not None else first
        last = request.last_day if request.last_day is not None else last
        if last <= first:
            raise ChartCommandError("--from is after --to: nothing to show")
        panel.set_view_range(first, last)
    return panel


def _graph(document: Document, request: ChartRequest) -> GraphPanel:
    from ui.graph import GraphPanel

    if request.lanes:
        raise ChartCommandError("--lanes is for the timeline chart")
    panel = GraphPanel(document)
    if _has_range(request):
        table = document.store.event_table()
        low = int(table.earliest.min()) if len(table) else 0
        high = int(table.latest.max()) if len(table) else 0
        first, last = request.first_day, request.last_day
        first_day = int(first) if first is not None else low
        last_day = int(last) - 1 if last is not None else high
        if last_day < first_day:
            raise ChartCommandError("--from is after --to: nothing to show")
        document.selection.set_window(first_day, last_day)
        panel.set_window_filter(True)
    if not panel.wait_for_layout(LAYOUT_TIMEOUT_MS):
        raise ChartCommandError(f"the graph layout did not finish in "
                                f"{LAYOUT_TIMEOUT_MS // 1000} s")
    return panel
