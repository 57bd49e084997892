"""How the timeline looks: sizes in pixels, the category palette and its shared brushes.

Brushes and pens are made once and shared: pyqtgraph's scatter caches its symbols by the
brush object, so one QBrush per colour (never one per point) keeps it fast.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGradient, QLinearGradient, QPen

from ui.theme import chart_theme

T = TypeVar("T")

ROW_PX = 26  # height of one sub-row
ENTITY_ROW_PX = 18  # in entity lanes, whose events repeat in each participant's lane
BAR_PX = 14  # height of an event's bar
RELATION_BAR_PX = 6  # height of a relationship's bar in an entity lane
RELATION_BAR_DROP_PX = 6  # a relationship's bar sits this far below its row's middle
RELATION_LABEL_RAISE_PX = 5  # and its label this far above it
MARKER_PX = 11  # diameter of a point event's marker
UNCITED_VEIL_ALPHA = 150  # how far an uncited mark fades toward the background
WEAK_VEIL_ALPHA = UNCITED_VEIL_ALPHA // 2  # a weakly graded one, half as far
MID_MARKER_PX = 10  # the marker at the middle of an uncertain date
MIN_BAR_PX = 3.0  # a bar is never drawn thinner than this
LABEL_GAP_PX = 5.0  # between an item and its label
ITEM_GAP_PX = 8.0  # between two items sharing a sub-row
LABEL_MAX_PX = 260.0  # longer titles are elided
LABEL_MIN_PX = 56.0  # an elided label narrower than this is not worth showing
LABEL_CAP = 300  # labels drawn at most at once
LABEL_POINT_SIZE = 9
GANTT_LIMIT = 150  # up to this many items in view, each gets a row of its own
DENSITY_LIMIT = 5000  # above this many items in view, draw density instead
DENSITY_ROWS = 2  # height of a lane in density view, in rows
DENSITY_BIN_PX = 3  # width of a density column
LANE_PAD = 0.3  # space above and below a lane's rows, in rows
LANE_AXIS_PX = 150  # width of the lane names column

# Paul Tol's "muted" scheme: nine colours told apart with any colour vision.
PALETTE = ("#332288", "#CC6677", "#44AA99", "#DDCC77", "#882255",
           "#88CCEE", "#117733", "#999933", "#AA4499")
UNCATEGORIZED = "#8C8C8C"
OPEN_ALPHA = 215  # strength of an open-ended date's colour at its known end
RELATION_COLOUR = "#7D8794"  # a mid grey that reads on light and dark grounds
DARK_LIGHTEN_BELOW = 0.4  # on a dark chart, palette colours darker than this are lightened
# Background, text, bands and highlights follow the light or dark palette: ``ui.theme``.


def colour_of(index: int) -> QColor:
    """Colour of palette entry ``index``: -1 is uncategorized, -2 a relationship.

    On a dark chart the darkest entries (Tol's indigo and wine) are lightened, so they
    stand out from the background as they do on a light one.
    """
    return _colour(index, chart_theme().dark)


def _colour(index: int, dark: bool) -> QColor:
    if index == -1:
        colour = QColor(UNCATEGORIZED)
    elif index == -2:
        colour = QColor(RELATION_COLOUR)
    else:
        colour = QColor(PALETTE[index % len(PALETTE)])
    if dark and colour.lightnessF() < DARK_LIGHTEN_BELOW:
        colour = colour.lighter(170)
    return colour


def category_colours(names: list[str]) -> np.ndarray:
    """Palette index of each category name; the empty name is uncategorized (-1)."""
    colours = np.empty(len(names), dtype=np.int16)
    n = 0
    for i, name in enumerate(names):
        colours[i] = -1 if not name.strip() else n % len(PALETTE)
        n += bool(name.strip())
    return colours


def category_label(name: str) -> str:
    return name if name.strip() else "Uncategorized"


def _per_theme(make: Callable[[QColor], T]) -> Callable[[int], T]:
    """``make(colour)`` for a palette index, made once per index and theme and shared."""
    @lru_cache(maxsize=128)
    def cached(index: int, dark: bool) -> T:
        return make(_colour(index, dark))

    @wraps(make)
    def get(index: int) -> T:
        return cached(index, chart_theme().dark)
    return get


@_per_theme
def solid_brush(colour: QColor) -> QBrush:
    return QBrush(colour)


@_per_theme
def outline_pen(colour: QColor) -> QPen:
    pen = QPen(colour.darker(150))
    pen.setWidthF(1.0)
    pen.setCosmetic(True)
    return pen


@_per_theme
def faded_brush(colour: QColor) -> QBrush:
    colour = QColor(colour)
    colour.setAlpha(70)
    return QBrush(colour)


@_per_theme
def hatch_brush(colour: QColor) -> QBrush:
    """Diagonal lines: the part of a bar the date does not pin down."""
    colour = colour.darker(125)
    colour.setAlpha(220)
    return QBrush(colour, Qt.BrushStyle.BDiagPattern)


@_per_theme
def faded_pen(colour: QColor) -> QPen:
    colour = QColor(colour)
    colour.setAlpha(150)
    pen = QPen(colour)
    pen.setStyle(Qt.PenStyle.DotLine)
    pen.setCosmetic(True)
    return pen


@_per_theme
def dark_brush(colour: QColor) -> QBrush:
    return QBrush(colour.darker(140))


def highlight_pen() -> QPen:
    pen = QPen(QColor(chart_theme().highlight))
    pen.setWidthF(2.0)
    pen.setCosmetic(True)
    return pen


def fade_brush(index: int, known: float, far: float) -> QBrush:
    """From the colour at x ``known`` to the chart's background at x ``far``, opaque: PDF
    writers drop a gradient's alpha, which would draw the fade as a solid bar."""
    gradient = QLinearGradient(known, 0, far, 0)
    gradient.setColorAt(0, _over_background(colour_of(index), OPEN_ALPHA))
    gradient.setColorAt(1, QColor(chart_theme().background))
    return QBrush(gradient)


def open_brush(index: int) -> QBrush:
    """A swatch of an open-ended date: the colour fading toward the left (earlier)."""
    brush = fade_brush(index, 1, 0)
    gradient = QLinearGradient(brush.gradient())
    gradient.setCoordinateMode(QGradient.CoordinateMode.ObjectBoundingMode)
    return QBrush(gradient)


def _over_background(colour: QColor, alpha: int) -> QColor:
    """``colour`` at ``alpha`` laid over the chart's background, as one opaque colour."""
    ground, share = QColor(chart_theme().background), alpha / 255
    return QColor.fromRgbF(*(share * a + (1 - share) * b for a, b in zip(
        (colour.redF(), colour.greenF(), colour.blueF()),
        (ground.redF(), ground.greenF(), ground.blueF()), strict=True)))


def single_source_pen() -> QPen:
    """The dashed outline of a mark resting on one source (i2 draws weak links dashed)."""
    pen = QPen(QColor(chart_theme().text))
    pen.setStyle(Qt.PenStyle.DashLine)
    pen.setWidthF(1.2)
    pen.setCosmetic(True)
    return pen


def uncited_veil() -> QBrush:
    """The chart's background, half opaque, laid over an uncited mark: it reads faint."""
    colour = QColor(chart_theme().background)
    colour.setAlpha(UNCITED_VEIL_ALPHA)
    return QBrush(colour)


def weak_veil() -> QBrush:
    """A lighter veil of the chart's background over a weakly graded mark: fainter than a
    well graded one, clearly less faint than an uncited one."""
    colour = QColor(chart_theme().background)
    colour.setAlpha(WEAK_VEIL_ALPHA)
    return QBrush(colour)
