"""Charts for reports: the timeline or the graph as PNG, SVG or PDF, framed for print.

``render_chart`` lays the panel's plot out afresh at the chart's size in an offscreen copy
(``ui.export.copies``: the panel on screen never moves), frames it (``ui.export.decor``):
above it the title (the user's, else the database's own, never the file name), a line
saying what is shown (the data's range, from the copy's ``subtitle``) and the legend;
below it an optional credit line ("Source: …"). ``ui.export.writers`` paints the same
frame into each format, so a chart's PNG, SVG and PDF carry the same content.

The size is pixels (``width`` × ``height``) or a paper preset (``page``: A4 or Letter,
portrait or landscape, ``ui.export.pages``) at ``dpi``. A timeline given no height is made
as high as its rows. Scatter points are drawn as shapes (pyqtgraph's export mode), not
cached pixmaps. The selection's emphasis (the rest faded) is left out unless asked for
(``show_selection``), and the graph writes relationship kinds on its lines only when asked
(``relationship_kinds``).

A chart is written whole or not at all (``db.export.atomic``); a PNG larger than
``MAX_SIDE_PX`` a side or ``MAX_PNG_PIXELS`` in all is refused before anything is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from db.export.atomic import ExportError, atomic_file, guard_output
from ui.export.copies import PlotCopy, copy_of, legend_of
from ui.export.decor import Header
from ui.export.graph_copy import GraphCopy
from ui.export.pages import page_of
from ui.export.timeline_copy import TimelineCopy
from ui.export.writers import (
    MAX_PNG_PIXELS,
    MAX_SIDE_PX,
    WRITERS,
    Cancelled,
    ChartCancelled,
    ChartError,
    ChartSize,
    Progress,
    Reporter,
)
from ui.graph import GraphPanel
from ui.theme import printing_theme
from ui.timeline import TimelinePanel

__all__ = ["MAX_PAGE_ZOOM", "MAX_PNG_PIXELS", "MAX_SIDE_PX", "ChartCancelled", "ChartError",
           "ChartOptions", "ChartSize", "default_size", "render_chart", "rows_fit"]

CHART_FORMATS = ("png", "svg", "pdf")
EXTENTS = ("view", "all")
BACKGROUNDS = ("white", "transparent")
MIN_WIDTH_PX, MIN_PLOT_PX = 240, 120
MIN_AUTO_PLOT_PX, MAX_AUTO_PLOT_PX = 180, 18_000  # a timeline as high as its rows
MAX_PAGE_ZOOM = 1.6  # a timeline set at most this much smaller to fit its page (10 pt: 6 pt)
DEFAULT_SIZES = {"timeline": (1600, 900), "graph": (1400, 1000)}

Panel = TimelinePanel | GraphPanel


@dataclass(frozen=True)
class ChartOptions:
    """What a chart shows besides its size and format (see the module doc)."""

    title: str | None = None  # None: the database's title; "": no title
    credit: str | None = None
    extent: str = "view"
    show_selection: bool = False
    relationship_kinds: bool = False


def chart_format_of(out: Path) -> str | None:
    suffix = out.suffix.lower().lstrip(".")
    return suffix if suffix in CHART_FORMATS else None


def kind_of(panel: Panel) -> str:
    if isinstance(panel, TimelinePanel):
        return "timeline"
    if isinstance(panel, GraphPanel):
        return "graph"
    raise ChartError(f"cannot draw a chart of {type(panel).__name__}")


def title_of(panel: Panel, title: str | None) -> str:
    """The chart's title: the one given, else the database's own (``Store.title``)."""
    return panel.document.store.title() if title is None else title


def default_size(panel: Panel, title: str | None = None,
                 credit: str | None = None) -> tuple[int, int]:
    """The plot as big as it is on screen, with room for title, legend and credit."""
    widget = panel.plot_widget
    if widget.isVisible() and widget.width() >= 300 and widget.height() >= 200:
        header = Header(title_of(panel, title), legend_of(panel), widget.width(), credit)
        return widget.width(), widget.height() + round(header.chrome_height)
    return DEFAULT_SIZES[kind_of(panel)]


def render_chart(panel: Panel, out: str | Path, fmt: str | None = None,
                 width: int | None = None, height: int | None = None, scale: float = 1.0,
                 dpi: float = 96, background: str = "white", extent: str = "view",
                 title: str | None = None, progress: Progress | None = None,
                 cancelled: Cancelled | None = None, *, page: str | None = None,
                 credit: str | None = None, show_selection: bool = False,
                 relationship_kinds: bool = False,
                 warn: Callable[[str], None] | None = None, force: bool = False) -> Path:
    """Write ``panel``'s chart to ``out``; return ``out``. See the module doc.

    ``width`` × ``height`` is the layout size in pixels, frame included (default: the
    plot as on screen, see ``default_size``; a timeline without a given height, whole
    (``extent="all"``) or not on screen, is made as high as its rows); ``page`` replaces
    them, and a timeline whose rows need more than the page is set smaller to fit it (at
    most ``MAX_PAGE_ZOOM``; past that, ``warn`` hears that rows are cut).
    ``progress(done, total, what)`` is told of each step; ``cancelled()`` returning
    true stops the export with ``ChartCancelled``. Raises ``ChartError`` for anything
    the user can change; nothing is written then. ``out`` is never the database nor
    one of its sidecars, nor without ``force`` another Threadline database.
    """
    out = Path(out)
    fmt = (fmt or chart_format_of(out) or "").lower()
    options = ChartOptions(title, credit, extent, show_selection, relationship_kinds)
    _check_options(panel, out, fmt, scale, dpi, background, options)
    try:
        guard_output(out, Path(panel.document.store.path), force)
    except ExportError as exc:
        raise ChartError(str(exc)) from None
    with printing_theme():  # a page is light whatever the palette on screen
        report = Reporter(progress, cancelled)
        report.step("Reading the chart's data")
        size = _size(panel, width, height, scale, dpi, page, options)
        header = Header(title_of(panel, title), legend_of(panel), size.inner_width, credit)
        _check_size(size, header, fmt)
        copy = copy_of(panel)
        try:
            report.step("Laying out the chart")
            size = _lay_out(copy, panel, size, header, fmt, extent, auto=height is None)
            if size.page is not None:
                size, header = _fit_page(copy, size, header, options, panel)
                _warn_cut(copy, size, header, warn)
            _set_options(copy, options)
            header.subtitle = copy.subtitle()
            data = WRITERS[fmt](copy, header, size, background == "transparent", report)
            report.step(f"Writing {out.name}")
            with atomic_file(out, binary=True) as handle:
                handle.write(data)
        finally:
            copy.dispose()
        report.done()
    return out


def _size(panel: Panel, width: int | None, height: int | None, scale: float, dpi: float,
          page: str | None, options: ChartOptions) -> ChartSize:
    try:
        paper = page_of(page)
    except ValueError as exc:
        raise ChartError(str(exc)) from None
    if paper is not None:
        if width is not None or height is not None:
            raise ChartError("give a page or a width and height, not both")
        return ChartSize.on_page(paper, dpi)
    defaults = default_size(panel, options.title, options.credit)
    return ChartSize(int(width or defaults[0]), int(height or defaults[1]), scale, dpi)


def _lay_out(copy: PlotCopy, panel: Panel, size: ChartSize, header: Header, fmt: str,
             extent: str, auto: bool) -> ChartSize:
    """Lay the copy out for ``size``; a timeline not on a page grows to show every row
    (``copy.rows_height``), and one of no given height is made exactly as high as its
    rows. Returns the size it was laid out for."""
    plot_height = size.plot_height(header)
    copy.show_at(size.inner_width, plot_height)
    copy.set_extent(extent)
    if size.page is not None or not isinstance(copy, TimelineCopy):
        return size
    # as high as its rows when no height is given, and never cutting a row
    wanted = min(max(copy.rows_height(), MIN_AUTO_PLOT_PX), MAX_AUTO_PLOT_PX)
    auto = auto and (extent == "all" or not panel.plot_widget.isVisible())
    if not (wanted > plot_height or (auto and wanted != plot_height)):
        return size
    size = ChartSize(size.width, size.height + wanted - plot_height, size.scale, size.dpi)
    _check_size(size, header, fmt)
    copy.show_at(size.inner_width, wanted)
    copy.set_extent(extent)
    return size


def _fit_page(copy: PlotCopy, size: ChartSize, header: Header, options: ChartOptions,
              panel: Panel) -> tuple[ChartSize, Header]:
    """A timeline whose rows need more than its page: laid out larger (``zoom``) and so
    set smaller on the same paper, twice at most (a wider layout packs rows anew)."""
    for _ in range(2):
        wanted, room = copy.rows_height(), size.plot_height(header)
        if not isinstance(copy, TimelineCopy) or wanted <= room or (
                size.zoom >= MAX_PAGE_ZOOM or size.page is None):
            break
        inner = size.height / size.zoom - 2 * size.page.margin_px()
        zoom = min((wanted + header.chrome_height + 2) / inner, MAX_PAGE_ZOOM)
        size = ChartSize.on_page(size.page, size.dpi, max(zoom, size.zoom * 1.02))
        header = Header(header.title, legend_of(panel), size.inner_width, options.credit)
        copy.show_at(size.inner_width, size.plot_height(header))
        copy.set_extent(options.extent)
    return size, header


def _warn_cut(copy: PlotCopy, size: ChartSize, header: Header,
              warn: Callable[[str], None] | None) -> None:
    wanted, room = copy.rows_height(), size.plot_height(header)
    if warn is not None and isinstance(copy, TimelineCopy) and wanted > room:
        warn(f"the timeline's rows need a plot {wanted:,} px high and the page leaves "
             f"{room:,} px even with smaller text: the lowest rows are cut; choose a "
             "landscape page, fewer lanes or a size in pixels")


def _set_options(copy: PlotCopy, options: ChartOptions) -> None:
    """The chart's options, once the copy is laid out and before it is painted."""
    copy.set_emphasis(options.show_selection)
    if isinstance(copy, GraphCopy):
        copy.set_relationship_kinds(options.relationship_kinds)


def rows_fit(panel: Panel, size: ChartSize, extent: str, title: str | None = None,
             credit: str | None = None) -> tuple[int, int]:
    """(plot height the timeline's rows need, plot height ``size`` gives) — so the
    export dialog can say when rows would be cut, or how high an automatic height is."""
    with printing_theme():
        header = Header(title_of(panel, title), legend_of(panel), size.inner_width, credit)
        copy = copy_of(panel)
        try:
            copy.show_at(size.inner_width, max(size.plot_height(header), MIN_PLOT_PX))
            copy.set_extent(extent)
            return copy.rows_height(), size.plot_height(header)
        finally:
            copy.dispose()


def _check_options(panel: Panel, out: Path, fmt: str, scale: float, dpi: float,
                   background: str, options: ChartOptions) -> None:
    if options.relationship_kinds and kind_of(panel) != "graph":
        raise ChartError("relationship kinds are written on the graph's lines; the "
                         "timeline has none")
    if fmt not in CHART_FORMATS:
        raise ChartError(f"cannot tell the chart format of {out.name}; formats are "
                         f"{', '.join(CHART_FORMATS)}")
    if background not in BACKGROUNDS:
        raise ChartError(f"background is {' or '.join(BACKGROUNDS)}, not {background!r}")
    if options.extent not in EXTENTS:
        raise ChartError(f"extent is {' or '.join(EXTENTS)}, not {options.extent!r}")
    if not (0.25 <= scale <= 10 and math.isfinite(scale)):
        raise ChartError(f"scale must be between 0.25 and 10, not {scale:g}")
    if not (10 <= dpi <= 4800 and math.isfinite(dpi)):
        raise ChartError(f"dpi must be between 10 and 4800, not {dpi:g}")
    if not out.parent.is_dir():
        raise ChartError(f"no such folder: {out.parent}")
    if out.is_dir():
        raise ChartError(f"{out} is a folder; give a file name")


def _check_size(size: ChartSize, header: Header, fmt: str) -> None:
    if size.width < MIN_WIDTH_PX or size.width > MAX_SIDE_PX or size.height > MAX_SIDE_PX:
        raise ChartError(f"a chart is {MIN_WIDTH_PX:,} to {MAX_SIDE_PX:,} px wide and at most "
                         f"{MAX_SIDE_PX:,} px high, not {size.width:,} × {size.height:,}")
    chrome = math.ceil(header.chrome_height + 2 * size.margin)
    if size.plot_height(header) < MIN_PLOT_PX:
        raise ChartError(f"a chart {size.height:,} px high leaves no room for the plot "
                         f"between its title, legend and credit ({chrome} px); make it at "
                         f"least {chrome + MIN_PLOT_PX} px high")
    problem = size.png_problem() if fmt == "png" else None
    if problem:
        raise ChartError(problem)
