"""The chart's size and the three writers that paint it: PNG, SVG and PDF.

All three paint the same ``paint_chart`` (header, plot, credit) with ``QPainter``, so a
chart's formats differ only in the device: what one shows, the others show.

* PNG: a ``QImage`` whose device pixel ratio is ``scale``, so the chart is laid out at
  ``width`` × ``height`` and drawn at ``scale`` times the pixels (sharp text, same
  layout); ``dpi`` only goes into the file (the size it prints at).
* SVG: ``QSvgGenerator`` (SVG 1.1, which keeps the plot's clipping) rather than
  pyqtgraph's SVGExporter, which fails with PySide6 6.11 (a ValueError in
  ``correctCoordinates``). The root's size is the output size in pixels; text stays text.
* PDF: ``QPdfWriter``, vector with real (extractable) text, one page: the paper of a
  page preset (``ui.export.pages``), else the size of the chart at ``dpi``.

Every device is painted at the screen's logical DPI: fonts are in points, so a device of
another DPI would draw text bigger or smaller than the layout made room for.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

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

from db.export.atomic import ExportError
from ui.export.decor import Header
from ui.export.pages import MM_PER_INCH, Page

if TYPE_CHECKING:
    from ui.export.copies import PlotCopy

MAX_SIDE_PX = 20_000
MAX_PNG_PIXELS = 100_000_000  # 400 MB of pixels while drawing
BAND_PX = 2048  # a large PNG is drawn in bands of this many rows, reporting each

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class ChartError(ExportError):
    """A chart could not be made as asked; nothing was written."""


class ChartCancelled(ChartError):
    """The user stopped the export; nothing was written."""


@dataclass(frozen=True)
class ChartSize:
    """Layout size (what the chart is laid out for), output pixels and print size; on a
    ``page`` the layout is the paper at 96 px an inch, inside the page's margin, times
    ``zoom`` when a chart too big for the page is laid out larger and set smaller."""

    width: int
    height: int
    scale: float = 1.0
    dpi: float = 96.0
    page: Page | None = None
    zoom: float = 1.0

    @classmethod
    def on_page(cls, page: Page, dpi: float, zoom: float = 1.0) -> ChartSize:
        width, height = page.layout_pixels()
        width, height = round(width * zoom), round(height * zoom)
        return cls(width, height, page.pixels(dpi)[0] / width, dpi, page, zoom)

    @property
    def margin(self) -> float:
        return self.page.margin_px() * self.zoom if self.page else 0.0

    @property
    def inner_width(self) -> int:
        return round(self.width - 2 * self.margin)

    def plot_height(self, header: Header) -> int:
        """What is left for the plot under the header and above the credit."""
        return math.floor(self.height - 2 * self.margin - math.ceil(header.height)
                          - math.ceil(header.footer_height))

    @property
    def pixels(self) -> tuple[int, int]:
        if self.page is not None:
            return self.page.pixels(self.dpi)
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
                "megapixels); choose a smaller size, scale or dpi, or SVG or PDF, which "
                "stay sharp at any size")


class Reporter:
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


def paint_chart(painter: QPainter, copy: PlotCopy, header: Header, size: ChartSize,
                transparent: bool, scale: float = 1.0) -> None:
    """The chart in layout pixels; ``scale``: device units per layout pixel."""
    if not transparent:
        painter.fillRect(QRectF(0, 0, size.width, size.height), QColor("#FFFFFF"))
    painter.save()
    painter.translate(size.margin, size.margin)
    header.paint(painter)
    top = math.ceil(header.height)
    copy.render(painter, QRectF(0, top, size.inner_width, size.plot_height(header)), scale)
    header.paint_footer(painter, size.height - 2 * size.margin)
    painter.restore()


Writer = Callable[["PlotCopy", Header, ChartSize, bool, Reporter], bytes]


def write_png(copy: PlotCopy, header: Header, size: ChartSize, transparent: bool,
              report: Reporter) -> bytes:
    w, h = size.pixels
    try:
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    except MemoryError:
        image = QImage()
    if image.isNull():
        raise ChartError(f"not enough memory for a {w:,} × {h:,} px image; choose a smaller "
                         "size or SVG or PDF")
    _set_dpi(image, copy.plot_widget.logicalDpiX())
    scale = w / size.width
    image.setDevicePixelRatio(scale)
    image.fill(QColor(0, 0, 0, 0) if transparent else QColor("#FFFFFF"))
    bands = max(1, math.ceil(h / BAND_PX))
    report.add(bands)
    painter = QPainter(image)
    try:
        for band in range(bands):
            report.step(f"Drawing ({band + 1} of {bands})" if bands > 1 else "Drawing")
            painter.save()
            top = band * BAND_PX / scale
            painter.setClipRect(QRectF(0, top, size.width, BAND_PX / scale))
            paint_chart(painter, copy, header, size, transparent=True)
            painter.restore()
    finally:
        painter.end()
    _set_dpi(image, size.dpi)
    if header.title:
        image.setText("Title", header.title)
    if header.credit:
        image.setText("Source", header.credit)
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


def write_svg(copy: PlotCopy, header: Header, size: ChartSize, transparent: bool,
              report: Reporter) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(size.width, size.height))
    generator.setViewBox(QRectF(0, 0, size.width, size.height))
    generator.setResolution(copy.plot_widget.logicalDpiX())
    generator.setTitle(header.title or "Threadline chart")
    generator.setDescription(header.subtitle or "Made with Threadline")
    report.add(1)
    report.step("Drawing")
    painter = QPainter(generator)
    try:
        paint_chart(painter, copy, header, size, transparent)
    finally:
        painter.end()
    buffer.close()
    return _fix_svg(bytes(data.data()).decode("utf-8"), size).encode("utf-8")


_ROOT_SIZE = re.compile(r'(<svg\b[^>]*?)\swidth="[^"]*"\s+height="[^"]*"', re.DOTALL)
_FONT_FAMILY = re.compile(r'font-family="([^"]*)"')


_GROUP_MATRIX = re.compile(r'transform="matrix\(([^)]*)\)"')
_STROKE_WIDTH = re.compile(r'stroke-width="([\d.eE+-]+)"')
_DASHES = re.compile(r'stroke-dasharray="([^"]*)"')
NON_SCALING = 'vector-effect="non-scaling-stroke"'


def _fix_svg(text: str, size: ChartSize) -> str:
    """The root's size in output pixels (Qt writes millimetres at its own resolution),
    lines of a fixed width that librsvg draws right too, and font families a browser
    knows: Qt's generic "Sans Serif" is not CSS."""
    w, h = size.pixels
    text = _ROOT_SIZE.sub(lambda m: f'{m[1]} width="{w}" height="{h}"', text, count=1)
    text = "<g ".join(_unscale_strokes(part) for part in text.split("<g "))
    families: dict[str, str] = {}
    for family in set(_FONT_FAMILY.findall(text)):
        resolved = QFontInfo(QFont(family)).family()
        names = [resolved] + ([family] if family not in (resolved, "Sans Serif") else [])
        families[family] = ", ".join([*names, "sans-serif"]).replace('"', "")
    return _FONT_FAMILY.sub(lambda m: f'font-family="{families[m[1]]}"', text)


def _unscale_strokes(group: str) -> str:
    """A group of cosmetic lines (a fixed width whatever the zoom, as the graph's edges)
    is written by Qt as ``vector-effect="non-scaling-stroke"`` under the plot's scaling
    transform. librsvg ignores that effect and draws them the transform's times too
    thick; so where the scale is uniform the width is divided by it instead, which every
    viewer draws alike."""
    tag, _, body = group.partition(">")
    matrix = _GROUP_MATRIX.search(tag)
    if NON_SCALING not in body or matrix is None:
        return group
    try:
        a, b, c, d = (float(v) for v in matrix[1].split(",")[:4])
    except ValueError:
        return group
    scale = math.sqrt(abs(a * d - b * c))
    if scale <= 0 or abs(abs(a) - abs(d)) > 1e-6 * scale or abs(b) + abs(c) > 1e-6 * scale:
        return group  # sheared or stretched: leave it to the viewer
    tag = _STROKE_WIDTH.sub(lambda m: f'stroke-width="{float(m[1]) / scale:.6g}"', tag)
    tag = _DASHES.sub(lambda m: f'stroke-dasharray="{_divide(m[1], scale)}"', tag)
    return tag + ">" + body.replace(NON_SCALING, 'vector-effect="none"')


def _divide(dashes: str, scale: float) -> str:
    """A dash pattern (``none`` or numbers) divided by ``scale``."""
    parts = [v for v in re.split(r"[ ,]+", dashes.strip()) if v]
    try:
        return ",".join(f"{float(v) / scale:.6g}" for v in parts)
    except ValueError:
        return dashes


def write_pdf(copy: PlotCopy, header: Header, size: ChartSize, transparent: bool,
              report: Reporter) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    resolution = copy.plot_widget.logicalDpiX()
    writer.setResolution(resolution)
    writer.setPageLayout(_page_layout(size))
    writer.setTitle(header.title or "Threadline chart")
    writer.setCreator("Threadline")
    report.add(1)
    report.step("Drawing")
    painter = QPainter(writer)
    try:
        factor = resolution / size.dpi * size.pixels[0] / size.width  # units per layout px
        painter.scale(factor, factor)
        paint_chart(painter, copy, header, size, transparent, factor)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def _page_layout(size: ChartSize) -> QPageLayout:
    """The preset's paper exactly, else a page the chart's size at its dpi."""
    if size.page is not None:
        return size.page.page_layout()
    w, h = size.pixels
    points = QSizeF(w / size.dpi * 72, h / size.dpi * 72)
    page = QPageSize(points, QPageSize.Unit.Point, "Threadline chart",
                     QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


WRITERS: dict[str, Writer] = {"png": write_png, "svg": write_svg, "pdf": write_pdf}
