"""How well each mark on the timeline is supported, drawn over bars and markers.

An event corroborated by two or more independent sources is left as drawn (solid); one
resting on a single source gets a dashed outline; an uncited one is veiled with the
chart's background, so it reads faint. The number of sources per event comes from the
``EventTable`` (``sources``, read in one GROUP BY beside the dates on the loader thread);
painting only indexes that array for the items in the frame. A file with no citation
at all is drawn as it is: fading every mark would say nothing about any of them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from ui.timeline.graphics import SceneLayer
from ui.timeline.items import RELATION, Items
from ui.timeline.style import BAR_PX, MARKER_PX, single_source_pen, uncited_veil


class EvidenceLayer(SceneLayer):
    """Support of the items in the frame: dashed for one source, faint for none."""

    def __init__(self, items: Callable[[], Items], sources: Callable[[], np.ndarray]) -> None:
        super().__init__()
        self._items = items
        self._sources = sources

    def _support(self) -> tuple[np.ndarray, np.ndarray]:
        """Frame positions of events and their number of sources (-1: not known)."""
        frame, items, sources = self.frame, self._items(), self._sources()
        if (frame is None or frame.density is not None or not len(frame.indices)
                or not sources.any()):
            return np.empty(0, np.int64), np.empty(0, np.int32)
        rows = items.row[frame.indices]
        known = (items.kind[frame.indices] != RELATION) & (rows >= 0) & (rows < len(sources))
        where = np.flatnonzero(known)
        return where, sources[rows[where]]

    def marks(self) -> dict[str, set[int]]:
        """Event ids in the frame by how they are drawn ('single', 'uncited')."""
        where, count = self._support()
        ident = self._items().ident[self.frame.indices[where]] if len(where) else where
        return {"single": set(ident[count == 1].tolist()),
                "uncited": set(ident[count == 0].tolist())}

    def paint(self, painter: QPainter, *args: object) -> None:
        where, count = self._support()
        if not len(where):
            return
        painter.save()
        self._to_scene(painter)
        frame = self.frame
        half = max(BAR_PX, MARKER_PX) / 2 + 1
        for which, k in ((count == 0, 0), (count == 1, 1)):
            chosen = where[which]
            painter.setPen(single_source_pen() if k else Qt.PenStyle.NoPen)
            painter.setBrush(uncited_veil() if not k else Qt.BrushStyle.NoBrush)
            for at in chosen.tolist():
                left = min(float(frame.left[at]), float(frame.right[at]) - MARKER_PX / 2)
                right = max(float(frame.right[at]), float(frame.left[at]) + MARKER_PX / 2)
                y = float(frame.y[at])
                painter.drawRect(QRectF(left - 1, y - half, right - left + 2, 2 * half))
        painter.restore()
