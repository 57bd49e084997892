"""What the timeline draws, asked from outside: the event at a point, where an event or a
label is, how an event is drawn. Pickers, the export's label checks and the tests read
these, all from the same ``Frame`` that was painted.

A mixin of ``TimelinePanel``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF

from ui.timeline.items import STYLE_NAMES
from ui.timeline.style import BAR_PX

if TYPE_CHECKING:
    from ui.timeline.frame import Frame
    from ui.timeline.items import Items


class Inspection:
    """Read-only questions about the current picture (needs the attributes below)."""

    _items: Items
    _tooltip: str

    def event_at(self, point: QPointF) -> int | None:
        """The event drawn at a scene (= plot viewport) point, or None."""
        item = self._item_at(point)
        return None if item is None or self._items.row[item] < 0 else int(self._items.ident[item])

    def scene_pos_of_event(self, event_id: int) -> QPointF | None:
        """Where event ``event_id`` is drawn (middle of its visible part), if it is."""
        frame = self._current_frame()
        found = np.flatnonzero((self._items.ident[frame.indices] == event_id)
                               & (self._items.row[frame.indices] >= 0))
        if not len(found):
            return None
        j, view = int(found[0]), frame.view
        left = max(frame.left[j], view.left)
        right = min(frame.right[j], view.left + view.width)
        return QPointF((left + right) / 2, frame.y[j])

    def visible_labels(self) -> list[tuple[str, QRectF]]:
        return [(label.text, QRectF(label.rect)) for label in self._current_frame().labels]

    def visible_label_texts(self) -> list[str]:
        return [text for text, _ in self.visible_labels()]

    def drawn_style(self, event_id: int) -> str | None:
        """How an event is drawn: "marker", "uncertain" (faded bar) or "span"; None if not."""
        found = np.flatnonzero((self._items.ident == event_id) & (self._items.row >= 0))
        return STYLE_NAMES[int(self._items.kind[found[0]])] if len(found) else None

    def is_density_view(self) -> bool:
        return self._current_frame().density is not None

    def tooltip_at(self, point: QPointF) -> str:
        """The tooltip (rich text, data escaped) for what is at a scene point; "" if nothing."""
        item = self._item_at(point)
        return "" if item is None else self._tooltip_of(item)

    def current_tooltip(self) -> str:
        return self._tooltip

    def drawn_rect(self, event_id: int) -> QRectF | None:
        """The scene rectangle of an event's bar or marker as drawn (bar height), if it is."""
        frame = self._current_frame()
        found = np.flatnonzero((self._items.ident[frame.indices] == event_id)
                               & (self._items.row[frame.indices] >= 0))
        if not len(found):
            return None
        j = int(found[0])
        half = BAR_PX / 2
        return QRectF(QPointF(frame.left[j], frame.y[j] - half),
                      QPointF(frame.right[j], frame.y[j] + half))

    # provided by the panel and the pointer
    def _current_frame(self) -> Frame:
        raise NotImplementedError

    def _item_at(self, point: QPointF) -> int | None:
        raise NotImplementedError

    def _tooltip_of(self, item: int) -> str:
        raise NotImplementedError
