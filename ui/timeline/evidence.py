"""How well each mark on the timeline is supported, drawn over bars and markers (and
which are inferred rather than stated: ``ui.timeline.inferred``).

An event corroborated by two or more independent sources is left as drawn (solid); one
resting on a single source gets a dashed outline; an uncited one is veiled with the
chart's background, so it reads faint; a weakly graded one (best grade D–E or 4–5:
``db.evidence.weak_ranks``) gets a lighter veil, half as faint, with the dashed outline
as well if it rests on one source. The number of sources and the best grade per event
come from the ``EventTable`` (``sources`` and ``best``, read in one GROUP BY beside the
dates on the loader thread); painting only indexes those arrays for the items in the
frame. A file with no citation
at all is drawn as it is: fading every mark would say nothing about any of them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from db.evidence import weak_ranks
from ui.timeline.graphics import SceneLayer
from ui.timeline.inferred import inferred_positions, paint_inferred
from ui.timeline.items import RELATION, Items
from ui.timeline.style import BAR_PX, MARKER_PX, single_source_pen, uncited_veil, weak_veil


class EvidenceLayer(SceneLayer):
    """Support of the items in the frame: dashed for one source, faint for none, a
    lighter veil for a weak grade."""

    def __init__(self, items: Callable[[], Items], sources: Callable[[], np.ndarray],
                 best: Callable[[], np.ndarray] | None = None) -> None:
        super().__init__()
        self._items = items
        self._sources = sources
        self._best = best if best is not None else lambda: np.zeros(0, np.int16)
        self.lens: set[int] | None = None  # events a chosen source supports; the rest fade

    def _support(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Frame positions of events, their number of sources and whether they are cited
        but weakly graded."""
        frame, items, sources = self.frame, self._items(), self._sources()
        if (frame is None or frame.density is not None or not len(frame.indices)
                or not sources.any()):
            return np.empty(0, np.int64), np.empty(0, np.int32), np.empty(0, bool)
        rows = items.row[frame.indices]
        known = (items.kind[frame.indices] != RELATION) & (rows >= 0) & (rows < len(sources))
        where = np.flatnonzero(known)
        count, best = sources[rows[where]], self._best()
        weak = (count > 0) & weak_ranks(best[rows[where]]) if len(best) == len(sources) else (
            np.zeros(len(where), bool))
        return where, count, weak

    def marks(self) -> dict[str, set[int]]:
        """Event ids in the frame by how they are drawn ('single', 'uncited', 'weak')."""
        where, count, weak = self._support()
        ident = self._items().ident[self.frame.indices[where]] if len(where) else where
        faded = self._outside_lens()
        return {"single": set(ident[count == 1].tolist()),
                "uncited": set(ident[count == 0].tolist()),
                "weak": set(ident[weak].tolist()),
                "faded": set(self._items().ident[self.frame.indices[faded]].tolist())
                if len(faded) else set()}

    def weak_laid_out(self) -> bool:
        """Whether an event laid out (in any frame, not only this one) is cited but weakly
        graded: the key names the weak grade only then."""
        items, sources, best = self._items(), self._sources(), self._best()
        if not len(sources) or len(best) != len(sources):
            return False
        rows = items.row[(items.kind != RELATION) & (items.row >= 0)
                         & (items.row < len(sources))]
        return bool(np.any((sources[rows] > 0) & weak_ranks(best[rows])))

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
        where, count, weak = self._support()
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
                                   (where[weak], none, weak_veil()),
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
