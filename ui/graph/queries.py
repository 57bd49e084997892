"""Questions asked of the graph panel: what is drawn where, what a point shows, tooltips.

A mixin of ``GraphPanel`` (which provides ``view``, ``loaded``, ``positions``, ``_shown``,
``_highlight`` and ``_flush``), kept apart so the panel's own module is about what it shows
and when; tests and the hover tooltip use these.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QToolTip

from db.evidence import support_of
from models.graph import degrees
from ui.graph.style import edge_tooltip, node_tooltip


class GraphQueries:
    """Read-only questions of a ``GraphPanel``."""

    def node_positions(self) -> dict[int, tuple[float, float]]:
        """Positions of the nodes shown."""
        self._flush()
        known = self.positions.positions
        return {n: known[n] for n in self._shown.ids if n in known}

    def highlighted_ids(self) -> set[int]:
        self._flush()
        return set(self._highlight)

    def pinned_ids(self) -> set[int]:
        return set(self.positions.pinned)

    def node_at(self, view_point: QPoint | QPointF) -> int | None:
        """The node under a point of ``plot_widget``'s viewport, or None."""
        return self.view.node_at(view_point.x(), view_point.y())

    def node_view_point(self, node: int) -> QPoint:
        """Where a node is drawn, in ``plot_widget``'s viewport pixels."""
        self._flush()
        rows = [i for i, n in enumerate(self.view.picture.ids) if n == node]
        if not rows:
            raise KeyError(node)
        x, y = self.view.node_pixels()[rows[0]]
        return QPoint(round(x), round(y))

    def tooltip_at(self, view_point: QPoint | QPointF) -> str:
        """The tooltip (rich text, data escaped) for a viewport point; "" for none."""
        node = self.node_at(view_point)
        entity = self.loaded.record(node) if node is not None else None
        if node is not None and entity is not None:
            pinned = node in self.positions.pinned
            support = support_of(self.document.store, "entity", node)
            return node_tooltip(entity, self._degree(node), pinned, support)
        edges = self.view.edges_at(view_point.x(), view_point.y())
        return edge_tooltip(edges, self.loaded.names, self._link_evidence) if edges else ""

    def _link_evidence(self, relationship_id: int) -> str:
        """'2 sources · best B2', 'uncited', with '· inferred' where it is (read on hover,
        for the few lines under the pointer)."""
        said = support_of(self.document.store, "relationship", relationship_id).brief()
        return f"{said} · inferred" if relationship_id in self.view.inferred else said

    def labelled_ids(self) -> dict[int, str]:
        return self.view.labels.shown()

    def _degree(self, node: int) -> int:
        if self._degrees is None:
            self._degrees = degrees(self._shown)
        return self._degrees.get(node, 0)

    def _hover(self, scene_pos: QPointF) -> None:
        point = self.plot_widget.mapFromScene(scene_pos)
        text = self.tooltip_at(point)
        if text:
            QToolTip.showText(self.plot_widget.mapToGlobal(point), text, self.plot_widget)
        else:
            QToolTip.hideText()
