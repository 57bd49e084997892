"""Charts for reports: the timeline or the graph as PNG, SVG or PDF, with title and legend.

``render_chart`` lays the panel's plot out afresh at the chart's size in an offscreen copy
(``ui.export.copies``: the panel on screen never moves), puts a title, a line saying what
is shown and a legend above it (``ui.export.decor``) and paints both with ``QPainter``:

* PNG: a ``QImage`` whose device pixel ratio is ``scale``, so the chart is laid out at
  ``width`` × ``height`` and drawn at ``scale`` times the pixels (sharp text, same
  layout); ``dpi`` only goes into the file (the size it prints at).
* SVG: ``QSvgGenerator`` (SVG 1.1, which keeps the plot's clipping) rather than
  pyqtgraph's SVGExporter, which fails with PySide6 6.11 (a ValueError in
  ``correctCoordinates``). The root's size is the output size in pixels.
* PDF: ``QPdfWriter``, vector, one page the size of the chart at ``dpi``.

Every device is painted at the screen's logical DPI: fonts are in points, so a device of
another DPI would draw text bigger or smaller than the layout made room for. Scatter
points are drawn as shapes (pyqtgraph's export mode), not cached pixmaps.

A chart is written whole or not at all (``db.export.atomic``); a PNG larger than
``MAX_SIDE_PX`` a side or ``MAX_PNG_PIXELS`` in all is refused before anything is drawn.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator

from db.export.atomic import ExportError, atomic_file
from ui.export.copies import copy_of, legend_of
from ui.export.decor import Header
from ui.export.graph_copy import GraphCopy
from ui.export.timeline_copy import TimelineCopy
from ui.graph import GraphPanel
from ui.theme import printing_theme
from ui.timeline import TimelinePanel

CHART_FORMATS = ("png", "svg", "pdf")
EXTENTS = ("view", "all")
BACKGROUNDS = ("white", "transparent")
MAX_SIDE_PX = 20_000
MAX_PNG_PIXELS = 100_000_000  # 400 MB of pixels while drawing
MIN_WIDTH_PX, MIN_PLOT_PX = 240, 120
MIN_AUTO_PLOT_PX, MAX_AUTO_PLOT_PX = 180, 6_000  # a timeline as high as its lanes
DEFAULT_SIZES = {"timeline": (1600, 900), "graph": (1400, 1000)}
BAND_PX = 2048  # a large PNG is drawn in bands of this many rows, reporting each
MM_PER_INCH = 25.4

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
Panel = TimelinePanel | GraphPanel


class ChartError(ExportError):
    """A chart could not be made as asked; nothing was written."""


class ChartCancelled(ChartError):
    """The user stopped the export; nothing was written."""


@dataclass(frozen=True)
class ChartSize:
    """Layout size (what the plot is laid out for) and the output's pixels and print size."""

    width: int
    height: int
    scale: float = 1.0
    dpi: float = 96.0

    @property
    def pixels(self) -> tuple[int, int]:
        return round(self.width * self.scale), round(self.height * self.scale)

    @property
    def centimetres(self) -> tuple[float, float]:
        w, h = self.pixels
        return w / self.dpi * 2.54, h / self.dpi * 2.54

    def png_problem(self) -> str | None:
        """Why a PNG of this size is refused, or None."""
        w, h = self.pixels
        if max(w, h) <= MAX_SIDE_PX and w * h <= MAX_PNG_PIXELS:
            return None
        return (f"a {w:,} × {h:,} px PNG ({w * h / 1e6:,.0f} megapixels, "
                f"{w * h * 4 / 2**30:,.1f} GB while drawing) is more than Threadline draws "
                f"(at most {MAX_SIDE_PX:,} px a side and {MAX_PNG_PIXELS / 1e6:,.0f} "
                "megapixels); choose a smaller size or scale, or SVG or PDF, which stay "
                "sharp at any size")


def chart_format_of(out: Path) -> str | None:
    suffix = out.suffix.lower().lstrip(".")
    return suffix if suffix in CHART_FORMATS else None


def kind_of(panel: Panel) -> str:
    if isinstance(panel, TimelinePanel):
        return "timeline"
    if isinstance(panel, GraphPanel):
        return "graph"
    raise ChartError(f"cannot draw a chart of {type(panel).__name__}")


def default_size(panel: Panel, title: str | None = None) -> tuple[int, int]:
    """The plot as big as it is on screen, with room above for title and legend."""
    widget = panel.plot_widget
    if widget.isVisible() and widget.width() >= 300 and widget.height() >= 200:
        width, plot = widget.width(), widget.height()
    else:
        width, height = DEFAULT_SIZES[kind_of(panel)]
        return width, height
    return width, plot + round(Header(title, legend_of(panel), width).height)


def render_chart(panel: Panel, out: str | Path, fmt: str | None = None,
                 width: int | None = None, height: int | None = None, scale: float = 1.0,
                 dpi: float = 96, background: str = "white", extent: str = "view",
                 title: str | None = None, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> Path:
    """Write ``panel``'s chart to ``out``; return ``out``. See the module doc.

    ``width`` × ``height`` is the layout size in pixels, title and legend included
    (default: the plot as on screen, see ``default_size``; a timeline without a given
    height, whole (``extent="all"``) or not on screen, is made as high as its lanes).
    ``progress(done, total, what)`` is told of each step; ``cancelled()`` returning true
    stops the export with ``ChartCancelled``. Raises ``ChartError`` for anything the user
    can change.
    """
    out = Path(out)
    fmt = (fmt or chart_format_of(out) or "").lower()
    _check_options(panel, out, fmt, scale, dpi, background, extent)
    with printing_theme():  # a page is light whatever the palette on screen
        report = _Reporter(progress, cancelled)
        report.step("Reading the chart's data")
        defaults = default_size(panel, title)
        size = ChartSize(int(width or defaults[0]), int(height or defaults[1]), scale, dpi)
        header = Header(title, legend_of(panel), size.width)
        _check_size(size, header, fmt)
        copy = copy_of(panel)
        try:
            report.step("Laying out the chart")
            plot_height = size.height - math.ceil(header.height)
            copy.show_at(size.width, plot_height)
            copy.set_extent(extent)
            if isinstance(copy, TimelineCopy):
                # as high as its rows when no height is given, and never cutting a row
                wanted = min(max(copy.rows_height(), MIN_AUTO_PLOT_PX), MAX_AUTO_PLOT_PX)
                auto = height is None and (extent == "all" or not panel.plot_widget.isVisible())
                if wanted > plot_height or (auto and wanted != plot_height):
                    size = ChartSize(size.width, size.height + wanted - plot_height, scale, dpi)
                    _check_size(size, header, fmt)
                    copy.show_at(size.width, wanted)
                    copy.set_extent(extent)
            header.subtitle = copy.subtitle()
            data = _WRITERS[fmt](copy, header, size, background == "transparent", title, report)
            report.step(f"Writing {out.name}")
            with atomic_file(out, binary=True) as handle:
                handle.write(data)
        finally:
            copy.dispose()
        report.done()
    return out


def _check_options(panel: Panel, out: Path, fmt: str, scale: float, dpi: float,
                   background: str, extent: str) -> None:
    kind_of(panel)
    if fmt not in CHART_FORMATS:
        raise ChartError(f"cannot tell the chart format of {out.name}; formats are "
                         f"{', '.join(CHART_FORMATS)}")
    if background not in BACKGROUNDS:
        raise ChartError(f"background is {' or '.join(BACKGROUNDS)}, not {background!r}")
    if extent not in EXTENTS:
        raise ChartError(f"extent is {' or '.join(EXTENTS)}, not {extent!r}")
    if not (0.25 <= scale <= 10 and math.isfinite(scale)):
        raise ChartError(f"scale must be between 0.25 and 10, not {scale:g}")
    if not (10 <= dpi <= 4800 and math.isfinite(dpi)):
        raise ChartError(f"dpi must be between 10 and 4800, not {dpi:g}")
    if not out.parent.is_dir():
        raise ChartError(f"no such folder: {out.parent}")
    if out.is_dir():
        raise ChartError(f"{out} is a folder; give a file name")
    store_path = Path(panel.document.store.path)
    with suppress(OSError):
        if out.resolve() == store_path.resolve():
            raise ChartError(f"{out} is the database itself; choose another output name")


def _check_size(size: ChartSize, header: Header, fmt: str) -> None:
    if size.width < MIN_WIDTH_PX or size.width > MAX_SIDE_PX or size.height > MAX_SIDE_PX:
        raise ChartError(f"a chart is {MIN_WIDTH_PX:,} to {MAX_SIDE_PX:,} px wide and at most "
                         f"{MAX_SIDE_PX:,} px high, not {size.width:,} × {size.height:,}")
    if size.height - header.height < MIN_PLOT_PX:
        raise ChartError(f"a chart {size.height:,} px high leaves no room for the plot under "
                         f"its title and legend ({math.ceil(header.height)} px); make it at "
                         f"least {math.ceil(header.height) + MIN_PLOT_PX} px high")
    problem = size.png_problem() if fmt == "png" else None
    if problem:
        raise ChartError(problem)


class _Reporter:
    """Counts steps for ``progress`` and asks ``cancelled`` at each."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self._progress, self._cancelled = progress, cancelled
        self.done_steps, self.total = 0, 3  # reading, laying out, writing

    def add(self, steps: int) -> None:
        self.total += steps

    def step(self, what: str) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ChartCancelled("export cancelled; nothing was written")
        if self._progress is not None:
            self._progress(self.done_steps, self.total, what)
        self.done_steps = min(self.done_steps + 1, self.total - 1)

    def done(self) -> None:
        if self._progress is not None:
            self._progress(self.total, self.total, "Done")


def _paint(painter: QPainter, copy: TimelineCopy | GraphCopy, header: Header,
           size: ChartSize, transparent: bool, scale: float = 1.0) -> None:
    """The chart in layout pixels; ``scale``: device units per layout pixel."""
    if not transparent:
        painter.fillRect(QRectF(0, 0, size.width, size.height), QColor("#FFFFFF"))
    header.paint(painter)
    top = math.ceil(header.height)
    copy.render(painter, QRectF(0, top, size.width, size.height - top), scale)


# -- formats ---------------------------------------------------------------------------

def _png(copy: TimelineCopy | GraphCopy, header: Header, size: ChartSize, transparent: bool,
         title: str | None, report: _Reporter) -> bytes:
    w, h = size.pixels
    try:
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    except MemoryError:
        image = QImage()
    if image.isNull():
        raise ChartError(f"not enough memory for a {w:,} × {h:,} px image; choose a smaller "
                         "size or SVG or PDF")
    _set_dpi(image, copy.plot_widget.logicalDpiX())
    image.setDevicePixelRatio(size.scale)
    image.fill(QColor(0, 0, 0, 0) if transparent else QColor("#FFFFFF"))
    bands = max(1, math.ceil(h / BAND_PX))
    report.add(bands)
    painter = QPainter(image)
    try:
        for band in range(bands):
            report.step(f"Drawing ({band + 1} of {bands})" if bands > 1 else "Drawing")
            painter.save()
            top = band * BAND_PX / size.scale
            painter.setClipRect(QRectF(0, top, size.width, BAND_PX / size.scale))
            _paint(painter, copy, header, size, transparent=True)
            painter.restore()
    finally:
        painter.end()
    _set_dpi(image, size.dpi)
    if title:
        image.setText("Title", title)
    image.setText("Software", "Threadline")
    return _encode(image)


def _set_dpi(image: QImage, dpi: float) -> None:
    dots_per_metre = round(dpi * 1000 / MM_PER_INCH)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)


def _encode(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ChartError("the PNG could not be encoded")
    buffer.close()
    return bytes(data.data())


def _svg(copy: TimelineCopy | GraphCopy, header: Header, size: ChartSize, transparent: bool,
         title: str | None, report: _Reporter) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(size.width, size.height))
    generator.setViewBox(QRectF(0, 0, size.width, size.height))
    generator.setResolution(copy.plot_widget.logicalDpiX())
    generator.setTitle(title or "Threadline chart")
    generator.setDescription(header.subtitle or "Made with Threadline")
    report.add(1)
    report.step("Drawing")
    painter = QPainter(generator)
    try:
        _paint(painter, copy, header, size, transparent)
    finally:
        painter.end()
    buffer.close()
    return _fix_svg(bytes(data.data()).decode("utf-8"), size).encode("utf-8")


_ROOT_SIZE = re.compile(r'(<svg\b[^>]*?)\swidth="[^"]*"\s+height="[^"]*"', re.DOTALL)
_FONT_FAMILY = re.compile(r'font-family="([^"]*)"')


def _fix_svg(text: str, size: ChartSize) -> str:
    """The root's size in output pixels (Qt writes millimetres at its own resolution),
    and font families a browser knows: Qt's generic "Sans Serif" is not CSS."""
    w, h = size.pixels
    text = _ROOT_SIZE.sub(lambda m: f'{m[1]} width="{w}" height="{h}"', text, count=1)
    families: dict[str, str] = {}
    for family in set(_FONT_FAMILY.findall(text)):
        resolved = QFontInfo(QFont(family)).family()
        names = [resolved] + ([family] if family not in (resolved, "Sans Serif") else [])
        families[family] = ", ".join([*names, "sans-serif"]).replace('"', "")
    return _FONT_FAMILY.sub(lambda m: f'font-family="{families[m[1]]}"', text)


def _pdf(copy: TimelineCopy | GraphCopy, header: Header, size: ChartSize, transparent: bool,
         title: str | None, report: _Reporter) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    resolution = copy.plot_widget.logicalDpiX()
    writer.setResolution(resolution)
    w, h = size.pixels
    points = QSizeF(w / size.dpi * 72, h / size.dpi * 72)
    page = QPageSize(points, QPageSize.Unit.Point, "Threadline chart",
                     QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title or "Threadline chart")
    writer.setCreator("Threadline")
    report.add(1)
    report.step("Drawing")
    painter = QPainter(writer)
    try:
        factor = resolution / size.dpi * size.scale  # device units per layout pixel
        painter.scale(factor, factor)
        _paint(painter, copy, header, size, transparent, factor)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


_WRITERS = {"png": _png, "svg": _svg, "pdf": _pdf}
