"""Pointing at the timeline: tooltips on hover, selection on click.

A mixin of ``TimelinePanel``. Picking reads the same ``Frame`` that was painted (see
``frame.item_at``), so what is under the mouse is what is drawn there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QToolTip

from db.evidence import Support, rank_code
from ui.timeline.frame import Frame, item_at
from ui.timeline.style import category_label
from ui.timeline.tooltips import tooltip_html

if TYPE_CHECKING:
    import pyqtgraph as pg

    from db.tables import EventTable
    from ui.document import Document
    from ui.timeline.alternatives import AlternativesLayer
    from ui.timeline.items import Items


class Pointer:
    """Hover and click handling (needs the attributes below)."""

    document: Document
    plot_widget: pg.PlotWidget
    _table: EventTable
    _items: Items
    _origin: int
    _hover: int | None
    _tooltip: str
    _own_selection: bool
    alternatives: AlternativesLayer

    def _item_at(self, point: QPointF) -> int | None:
        frame = self._current_frame()
        if frame.density is not None:
            return None
        return item_at(frame, self._items, float(point.x()), float(point.y()))

    def _tooltip_of(self, item: int) -> str:
        row = int(self._items.row[item])
        category = evidence = ""
        if row >= 0:
            category = category_label(self._table.category_names[self._table.categories[row]])
            evidence = self._evidence_of(row)
            evidence = "\n".join(p for p in (evidence, self.alternatives.describe(
                int(self._items.ident[item]))) if p)
        return tooltip_html(self._items, item, self._origin, category, evidence)

    def _evidence_of(self, row: int) -> str:
        """'1 source, best B2', '2 independent sources, …', 'uncited' ('' if not read)."""
        table = self._table
        if row >= min(len(table.sources), len(table.best)):
            return ""
        count = int(table.sources[row])
        return Support(count, count, rank_code(int(table.best[row]))).describe()

    def _on_hover(self, point: QPointF) -> None:
        item = self._item_at(point)
        viewport = self.plot_widget.viewport()
        if item is None:
            self._tooltip = self.alternatives.tooltip_at(point)
            if self._tooltip:
                where = viewport.mapToGlobal(self.plot_widget.mapFromScene(point))
                QToolTip.showText(where, self._tooltip, viewport)
            elif self._hover is not None:
                QToolTip.hideText()
            viewport.unsetCursor()
        elif item != self._hover:
            self._tooltip = self._tooltip_of(item)
            where = viewport.mapToGlobal(self.plot_widget.mapFromScene(point))
            QToolTip.showText(where, self._tooltip, viewport)
            viewport.setCursor(Qt.CursorShape.PointingHandCursor)
        self._hover = item

    def _on_click(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        item = self._item_at(event.scenePos())
        if item is None:
            return
        kind = "event" if self._items.row[item] >= 0 else "relationship"
        self._own_selection = True
        try:
            self.document.selection.select(kind, int(self._items.ident[item]))
        finally:
            self._own_selection = False

    def _current_frame(self) -> Frame:
        raise NotImplementedError
