"""Paper sizes a chart can be made for: A4 and Letter, portrait and landscape.

A page preset fixes the chart's print size; pixels follow from the dpi. The chart is laid
out at the screen's 96 layout pixels an inch, so its text is the size it is on screen
(10 pt prints as 10 pt), inside a margin, and drawn at the chosen dpi:

* PDF: one page exactly the paper (595.28 × 841.89 pt for A4), vector;
* PNG and SVG: the paper's size in pixels at the dpi (2480 × 3508 px for A4 at 300 dpi).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize

LAYOUT_DPI = 96.0
POINTS_PER_INCH = 72.0
PAGE_MARGIN_MM = 12.0
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    size_id: QPageSize.PageSizeId
    landscape: bool

    @property
    def points(self) -> tuple[float, float]:
        """Width and height in PostScript points, turned for landscape."""
        size = QPageSize(self.size_id).definitionSize()
        unit = QPageSize(self.size_id).definitionUnits()
        per_unit = POINTS_PER_INCH / MM_PER_INCH if unit == QPageSize.Unit.Millimeter else (
            POINTS_PER_INCH if unit == QPageSize.Unit.Inch else 1.0)
        w, h = size.width() * per_unit, size.height() * per_unit
        return (h, w) if self.landscape else (w, h)

    def layout_pixels(self) -> tuple[int, int]:
        """The page in layout pixels (96 an inch)."""
        w, h = self.points
        return round(w / POINTS_PER_INCH * LAYOUT_DPI), round(h / POINTS_PER_INCH * LAYOUT_DPI)

    def pixels(self, dpi: float) -> tuple[int, int]:
        w, h = self.points
        return round(w / POINTS_PER_INCH * dpi), round(h / POINTS_PER_INCH * dpi)

    @staticmethod
    def margin_px() -> float:
        return round(PAGE_MARGIN_MM / MM_PER_INCH * LAYOUT_DPI)

    def page_layout(self) -> QPageLayout:
        turn = QPageLayout.Orientation.Landscape if self.landscape else (
            QPageLayout.Orientation.Portrait)
        return QPageLayout(QPageSize(self.size_id), turn, QMarginsF(0, 0, 0, 0))


_A4, _LETTER = QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter
PAGES: dict[str, Page] = {page.key: page for page in (
    Page("a4", "A4 portrait", _A4, False),
    Page("a4-landscape", "A4 landscape", _A4, True),
    Page("letter", "Letter portrait", _LETTER, False),
    Page("letter-landscape", "Letter landscape", _LETTER, True),
)}


def page_of(key: str | None) -> Page | None:
    """The preset named ``key`` ("a4", "letter-landscape" …), None for none; ValueError
    naming the choices for anything else."""
    if key is None:
        return None
    page = PAGES.get(key.strip().lower())
    if page is None:
        raise ValueError(f"page is {', '.join(PAGES)}, not {key!r}")
    return page
