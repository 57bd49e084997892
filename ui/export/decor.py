"""What an exported chart has around its plot: a title, a line saying what is shown, a
legend above it, and an optional credit line ("Source: …") below it.

On screen the legend is a toolbar widget (timeline) or an item floating over the nodes
(graph); neither belongs in a figure for a report. ``Header`` lays these out around the
plot for a given width, wrapping the legend over a few rows, and paints them with plain
``QPainter`` calls so they stay text and vectors in SVG and PDF, and so the PNG, SVG and
PDF of one chart carry the same words in the same places.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QApplication

MARGIN_PX = 14.0
SWATCH_PX = 11.0
SWATCH_GAP_PX = 5.0
ENTRY_GAP_PX = 16.0
LINE_SWATCH_PX = 22.0
MAX_LEGEND_ROWS = 4
TITLE_SCALE = 1.55
TEXT_COLOUR = "#1F2328"
NOTE_COLOUR = "#59636E"


@dataclass(frozen=True)
class Swatch:
    """How an entry is drawn: a "dot", a "box" (each brush in turn, e.g. a fill then a
    hatch) or a "line" in ``pen``."""

    shape: str
    brushes: tuple[QBrush, ...] = ()
    pen: QPen | None = None


@dataclass(frozen=True)
class LegendEntry:
    text: str
    swatch: Swatch


def base_font() -> QFont:
    return QFont(QApplication.font())


class Header:
    """Title, subtitle and legend rows laid out for ``width`` pixels (see module doc)."""

    def __init__(self, title: str | None, entries: list[LegendEntry], width: float,
                 credit: str | None = None) -> None:
        self.title = " ".join((title or "").split())
        self.credit = " ".join((credit or "").split())
        self.subtitle = ""
        self.width = float(width)
        self.title_font = base_font()
        self.title_font.setPointSizeF(self.title_font.pointSizeF() * TITLE_SCALE)
        self.title_font.setBold(True)
        self.text_font = base_font()
        self._title_metrics = QFontMetricsF(self.title_font)
        self._metrics = QFontMetricsF(self.text_font)
        self.rows = self._flow(entries)

    # -- layout ----------------------------------------------------------------------

    @property
    def _line(self) -> float:
        return self._metrics.height() + 4

    def _entry_width(self, entry: LegendEntry) -> float:
        swatch = LINE_SWATCH_PX if entry.swatch.shape == "line" else SWATCH_PX
        return swatch + SWATCH_GAP_PX + self._metrics.horizontalAdvance(entry.text)

    def _flow(self, entries: list[LegendEntry]) -> list[list[LegendEntry]]:
        """Entries in rows that fit the width; past ``MAX_LEGEND_ROWS``, a "+ N more"."""
        room = self.width - 2 * MARGIN_PX
        rows: list[list[LegendEntry]] = []
        used = room + 1
        for entry in entries:
            need = self._entry_width(entry)
            if used + ENTRY_GAP_PX + need > room:
                rows.append([])
                used = -ENTRY_GAP_PX
            rows[-1].append(entry)
            used += ENTRY_GAP_PX + need
        if len(rows) <= MAX_LEGEND_ROWS:
            return rows
        rows = rows[:MAX_LEGEND_ROWS]
        last = rows[-1]
        while True:
            shown = sum(len(row) for row in rows)
            more = LegendEntry(f"+ {len(entries) - shown} more", Swatch("none"))
            width = sum(self._entry_width(e) + ENTRY_GAP_PX for e in [*last, more])
            if width - ENTRY_GAP_PX <= room or len(last) <= 1:
                last.append(more)
                return rows
            last.pop()

    @property
    def height(self) -> float:
        """Pixels above the plot; the subtitle's line is kept even while it is empty."""
        height = MARGIN_PX
        if self.title:
            height += self._title_metrics.height() + 2
        height += self._line
        if self.rows:
            height += 4 + self._line * len(self.rows)
        return float(int(height + MARGIN_PX * 0.6 + 0.999))

    @property
    def footer_height(self) -> float:
        """Pixels below the plot: the credit's line, or nothing without one."""
        return float(int(self._line + MARGIN_PX + 4.999)) if self.credit else 0.0

    @property
    def chrome_height(self) -> float:
        """All the pixels the plot does not get."""
        return float(int(self.height + self.footer_height))

    # -- painting --------------------------------------------------------------------

    def paint(self, painter: QPainter) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        room = self.width - 2 * MARGIN_PX
        y = MARGIN_PX
        if self.title:
            self._text(painter, self.title_font, self._title_metrics, self.title,
                       QRectF(MARGIN_PX, y, room, self._title_metrics.height()), TEXT_COLOUR)
            y += self._title_metrics.height() + 2
        self._text(painter, self.text_font, self._metrics, self.subtitle,
                   QRectF(MARGIN_PX, y, room, self._line), NOTE_COLOUR)
        y += self._line
        if self.rows:
            y += 4
        painter.setFont(self.text_font)
        for row in self.rows:
            x = MARGIN_PX
            for entry in row:
                x = self._entry(painter, entry, x, y) + ENTRY_GAP_PX
            y += self._line
        painter.restore()

    def paint_footer(self, painter: QPainter, bottom: float) -> None:
        """The credit line, its baseline box ending ``MARGIN_PX`` above ``bottom``."""
        if not self.credit:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        rect = QRectF(MARGIN_PX, bottom - MARGIN_PX - self._line, self.width - 2 * MARGIN_PX,
                      self._line)
        self._text(painter, self.text_font, self._metrics, self.credit, rect, NOTE_COLOUR)
        painter.restore()

    @staticmethod
    def _text(painter: QPainter, font: QFont, metrics: QFontMetricsF, text: str, rect: QRectF,
              colour: str) -> None:
        """One line, elided to the width rather than clipped or wrapped."""
        if text:
            painter.setFont(font)
            painter.setPen(QColor(colour))
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             shown)

    def _entry(self, painter: QPainter, entry: LegendEntry, x: float, y: float) -> float:
        mid = y + self._line / 2
        swatch = entry.swatch
        if swatch.shape == "line":
            painter.setPen(swatch.pen or QPen(QColor(TEXT_COLOUR)))
            painter.drawLine(QPointF(x + 1, mid), QPointF(x + LINE_SWATCH_PX - 1, mid))
            x += LINE_SWATCH_PX
        elif swatch.shape in ("dot", "box"):
            rect = QRectF(x, mid - SWATCH_PX / 2, SWATCH_PX, SWATCH_PX)
            painter.setPen(swatch.pen if swatch.pen is not None else Qt.PenStyle.NoPen)
            for brush in swatch.brushes or (QBrush(QColor(TEXT_COLOUR)),):
                painter.setBrush(brush)
                if swatch.shape == "dot":
                    painter.drawEllipse(rect)
                else:
                    painter.drawRect(rect)
            x += SWATCH_PX
        else:
            x -= SWATCH_GAP_PX
        x += SWATCH_GAP_PX
        painter.setPen(QColor(TEXT_COLOUR))
        width = self._metrics.horizontalAdvance(entry.text)
        painter.drawText(QRectF(x, y, width + 2, self._line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, entry.text)
        return x + width
