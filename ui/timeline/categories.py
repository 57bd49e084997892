"""The timeline's categories: their colours in the key, and which are switched off.

A mixin of ``TimelinePanel``. Hiding a category rebuilds lanes and items from the same
``EventTable`` (no new read): the hidden events are simply left out of the lanes
(``lanes.without``), so nothing at draw time looks at them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ui.timeline.lanes import RELATION_ENTRY
from ui.timeline.style import category_colours, category_label

if TYPE_CHECKING:
    from db.tables import EventTable
    from ui.timeline.items import Lane
    from ui.timeline.layout import Layout


class Categories:
    """Show, hide and name categories (needs the attributes below)."""

    _table: EventTable
    _lanes: list[Lane]
    _layout: Layout
    _mode: str
    _hidden: set[str]

    def show_category(self, name: str, shown: bool) -> None:
        """Show or hide the events of a category (named as the key names it)."""
        hidden = self._hidden - {name} if shown else self._hidden | {name}
        self.set_hidden_categories(hidden)

    def set_hidden_categories(self, names: set[str]) -> None:
        self._hidden = set(names)
        self.apply_table(self._table, keep_view=True)  # the same events: no new read

    def has_open_dates(self) -> bool:
        """Whether an open-ended date ("before 2024") is drawn (or was, since a reload)."""
        self._current_frame()
        return self._layout.any_open()

    def has_inferred_dates(self) -> bool:
        """Whether an inferred event or relationship is among the items laid out."""
        return bool(self._layout.items.inferred.any())

    def hidden_categories(self) -> set[str]:
        return set(self._hidden)

    def _lane_colours(self) -> list[int] | None:
        """In category lanes, each lane's density is drawn in its category's colour."""
        if self._mode != "category":
            return None
        colours = category_colours(self._table.category_names)
        return [int(colours[self._table.categories[lane.rows[0]]]) if len(lane.rows) else -1
                for lane in self._lanes]

    def _legend_entries(self) -> list[tuple[str, int]]:
        colours = category_colours(self._table.category_names)
        used = set(np.flatnonzero(np.bincount(self._table.categories)).tolist())
        entries = [(category_label(name), int(colours[i]))
                   for i, name in enumerate(self._table.category_names) if i in used]
        entries.sort(key=lambda e: (e[1] < 0, e[0].lower()))
        if any(lane.relations for lane in self._lanes) or RELATION_ENTRY in self._hidden:
            entries.append((RELATION_ENTRY, -2))
        return entries

    # provided by the panel
    def apply_table(self, table: EventTable, keep_view: bool = True) -> None:
        raise NotImplementedError

    def _current_frame(self) -> object:
        raise NotImplementedError
