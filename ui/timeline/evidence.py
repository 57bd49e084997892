"""How well each mark on the timeline is supported, drawn over bars and markers (and
which are inferred rather than stated: ``ui.timeline.inferred``).

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
from ui.timeline.inferred import inferred_positions, paint_inferred
from ui.timeline.items import RELATION, Items
from ui.timeline.style import BAR_PX, MARKER_PX, single_source_pen, uncited_veil


class EvidenceLayer(SceneLayer):
    """Support of the items in the frame: dashed for one source, faint for none."""

    def __init__(self, items: Callable[[], Items], sources: Callable[[], np.ndarray]) -> None:
        super().__init__()
        self._items = items
        self._sources = sources
        self.lens: set[int] | None = None  # events a chosen source supports; the rest fade

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
        faded = self._outside_lens()
        return {"single": set(ident[count == 1].tolist()),
                "uncited": set(ident[count == 0].tolist()),
                "faded": set(self._items().ident[self.frame.indices[faded]].tolist())
                if len(faded) else set()}

    def _outside_lens(self) -> np.ndarray:
        """Frame positions of the events a chosen source does not support."""
        frame, items = self.frame, self._items()
        if self.lens is None or frame is None or frame.density is not None:
            return np.empty(0, np.int64)
        lens = np.fromiter(self.lens, np.int64, len(self.lens))
        events = items.kind[frame.indices] != RELATION
        return np.flatnonzero(events & ~np.isin(items.ident[frame.indices], lens))

    def inferred_marks(self) -> set[int]:
        """Ids of the events and relationships in the frame drawn as inferred."""
        items = self._items()
        where = inferred_positions(self.frame, items)
        return set(items.ident[self.frame.indices[where]].tolist()) if len(where) else set()

    def paint(self, painter: QPainter, *args: object) -> None:
        where, count = self._support()
        faded = self._outside_lens()
        inferred = len(inferred_positions(self.frame, self._items()))
        if not len(where) and not len(faded) and not inferred:
            return
        painter.save()
        self._to_scene(painter)
        if inferred:  # under the support's marks: a veil fades an inferred mark as well
            paint_inferred(painter, self.frame, self._items())
        veil, dashed, none = uncited_veil(), single_source_pen(), Qt.PenStyle.NoPen
        for chosen, pen, brush in ((where[count == 0], none, veil), (faded, none, veil),
                                   (where[count == 1], dashed, Qt.BrushStyle.NoBrush)):
            painter.setPen(pen)
            painter.setBrush(brush)
            for at in chosen.tolist():
                painter.drawRect(self._box(at))
        painter.restore()

    def _box(self, at: int) -> QRectF:
        """The rectangle around the mark at frame position ``at`` (a bar or a marker)."""
        frame, half = self.frame, max(BAR_PX, MARKER_PX) / 2 + 1
        left = min(float(frame.left[at]), float(frame.right[at]) - MARKER_PX / 2)
        right = max(float(frame.right[at]), float(frame.left[at]) + MARKER_PX / 2)
        return QRectF(left - 1, float(frame.y[at]) - half, right - left + 2, 2 * half)
