"""GraphPanel: the network of entities, following the shared selection and timeline window.

What is shown is rebuilt from records the panel keeps (entities, relationships, shared
events) through ``models.graph``: filter by the timeline window, cut to the ego network,
cut to a readable size. Positions (``ui.graph.positions``) are one map for all entities,
so filtering never moves a node: panning the timeline replays the network in place.
"Re-layout" lays out what is shown afresh, keeping pinned nodes; dragging a node pins it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QTimer, Signal
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from db.errors import NotFoundError
from models.graph import (
    NetworkData,
    build_network,
    co_participation_of,
    degrees,
    ego,
    readable_subset,
)
from models.records import Entity, Relationship
from ui.document import Changes, Document
from ui.graph.picture import make_picture, picture_legend
from ui.graph.positions import PositionKeeper
from ui.graph.style import edge_tooltip, node_tooltip
from ui.graph.toolbar import GraphToolbar
from ui.graph.view import NetworkView


class GraphPanel(QWidget):
    """Entities as nodes, relationships (and shared events) as edges."""

    layout_finished = Signal()
    relationship_requested = Signal(int, int)  # Shift+drag from one node to another
    max_nodes = 2000  # drawn at most; beyond, a readable subset
    max_labels = 150

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Relationship graph")
        self.document = document
        self._entities: dict[int, Entity] = {}
        self._relationships: list[Relationship] = []
        self._shared: list[tuple[int, int, int]] | None = None  # read when first needed
        self.positions = PositionKeeper(document, self)
        self._shown = NetworkData()
        self._degrees: dict[int, int] | None = None
        self._networks: dict[bool, NetworkData] = {}
        self._highlight: set[int] = set()
        self._selected: int | None = None
        self._ego_centre: int | None = None
        self._notes: dict[str, str] = {}
        self._fitted = False
        self._fit_next = False
        self._ego_was_on = False
        self._own_click = False
        self._rebuild_timer = QTimer(self, singleShot=True, interval=30)
        self._rebuild_timer.timeout.connect(self._rebuild)
        self._build_ui()
        self._connect()
        self.reload()

    # -- construction -----------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.toolbar = GraphToolbar(self)
        self.view = NetworkView(self, label_limit=self.max_labels)
        self.plot_widget = self.view.plot_widget
        self.plot_widget.setMouseTracking(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.plot_widget, 1)
        self.overlay = self.toolbar.make_overlay(self.plot_widget)
        self.view.label_blockers.append(self.overlay)

    def _connect(self) -> None:
        t = self.toolbar
        t.co_participation.toggled.connect(lambda on: self._option_changed())
        t.window_filter.toggled.connect(lambda on: self._option_changed())
        t.ego.toggled.connect(lambda on: self._option_changed())
        t.depth.valueChanged.connect(lambda depth: self._option_changed())
        t.communities.toggled.connect(lambda on: self._option_changed())
        t.relayout_action.triggered.connect(self.relayout)
        selection = self.document.selection
        selection.current_changed.connect(self._current_changed)
        selection.window_changed.connect(self._window_changed)
        self.document.changed.connect(self._document_changed)
        self.view.node_clicked.connect(self._node_clicked)
        self.view.node_moved.connect(self._node_moved)
        self.view.link_requested.connect(self.relationship_requested)
        self.plot_widget.scene().sigMouseMoved.connect(self._hover)
        self.positions.placed.connect(self._layout_done)
        self.positions.failed.connect(self._layout_failed)
        self.positions.save_failed.connect(lambda message: self._note("save", message))

    # -- public API -------------------------------------------------------------------------

    def network(self) -> NetworkData:
        """What is shown now."""
        self._flush()
        return self._shown

    def set_co_participation(self, on: bool) -> None:
        self.toolbar.co_participation.setChecked(on)

    def set_window_filter(self, on: bool) -> None:
        self.toolbar.window_filter.setChecked(on)

    def set_ego(self, on: bool, depth: int = 1) -> None:
        self.toolbar.depth.setValue(depth)
        self.toolbar.ego.setChecked(on)

    def set_communities(self, on: bool) -> None:
        self.toolbar.communities.setChecked(on)

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
        if node is not None and node in self._entities:
            pinned = node in self.positions.pinned
            return node_tooltip(self._entities[node], self._degree(node), pinned)
        edges = self.view.edges_at(view_point.x(), view_point.y())
        names = {n: e.name for n, e in self._entities.items()}
        return edge_tooltip(edges, names) if edges else ""

    def labelled_ids(self) -> dict[int, str]:
        return self.view.labels.shown()

    def relayout(self) -> None:
        """Lay out what is shown afresh; pinned nodes stay where they are."""
        self._flush()
        self.positions.relayout(self._shown)
        self.toolbar.set_busy(True)

    def layout_running(self) -> bool:
        return self.positions.running()

    def wait_for_layout(self, timeout_ms: int = 10_000) -> bool:
        """Process events until no layout job is running; False on timeout."""
        done = self.positions.wait(timeout_ms)
        self._flush()
        return done

    # -- reading the Store --------------------------------------------------------------------

    def reload(self) -> None:
        """Read everything the graph shows again; positions and the view are kept."""
        store = self.document.store
        self._entities = {e.id: e for e in store.entities() if e.id is not None}
        self._relationships = store.relationships()
        self._shared = None  # co-participation is costly (12 s at 1M events): read on demand
        self._networks.clear()
        self.positions.load(set(self._entities))
        self._rebuild()
        self._place_missing()

    def _document_changed(self, changes: Changes) -> None:
        if changes.everything or changes.entities or changes.relationships or changes.events:
            self.reload()

    def _shared_pairs(self, window: tuple[int, int] | None) -> list[tuple[int, int, int]]:
        if window is None:
            if self._shared is None:
                self._shared = self.document.store.co_participation()
            return self._shared
        events = self.document.store.events_between(*window)
        return co_participation_of([p.entity_id for p in e.participants] for e in events)

    # -- what is shown ----------------------------------------------------------------------

    def _window(self) -> tuple[int, int] | None:
        if not self.toolbar.window_filter.isChecked():
            return None
        return self.document.selection.window()

    def _full_network(self, window: tuple[int, int] | None) -> NetworkData:
        """Every entity and edge (in the window, if given); the unfiltered one is cached."""
        co = self.toolbar.co_participation.isChecked()
        if window is None and co in self._networks:
            return self._networks[co]
        shared = self._shared_pairs(window) if co else None
        network = build_network(self._entities.values(), self._relationships, shared, window)
        if window is None:
            self._networks[co] = network
        return network

    def _flush(self) -> None:
        if self._rebuild_timer.isActive():
            self._rebuild_timer.stop()
            self._rebuild()

    def _rebuild(self) -> None:
        window = self._window()
        shown = self._full_network(window)
        self._note("window", "No timeline window yet: showing all dates." if (
            self.toolbar.window_filter.isChecked() and window is None) else "")
        shown = self._cut_to_ego(shown)
        total = len(shown)
        keep = [self._selected] if self._selected is not None else []
        shown = readable_subset(shown, self.max_nodes, keep=keep)
        self._note("size", f"Showing the {len(shown):,} best connected of {total:,} entities; "
                   "turn on Ego to explore the rest." if len(shown) < total else "")
        self._shown = shown
        self._degrees = None
        self._highlight = self._highlight_for(self.document.selection.current())
        self._redraw()

    def _cut_to_ego(self, network: NetworkData) -> NetworkData:
        if not self.toolbar.ego.isChecked():
            self._note("ego", "")
            return network
        centre = self._ego_centre
        if centre is None or centre not in network.index():
            self._note("ego", "Ego: select an entity shown here to see its neighbourhood."
                       if centre is None else "Ego: the selected entity is not shown here.")
            return network if centre is None else NetworkData()
        self._note("ego", "")
        return ego(network, centre, self.toolbar.depth.value())

    def _redraw(self) -> None:
        communities = self.toolbar.communities.isChecked()
        keeper = self.positions
        picture = make_picture(self._shown, keeper.positions, keeper.pinned, communities)
        self.view.show(picture, self._highlight, self._selected)
        self.view.set_legend(picture_legend(self._shown, picture, communities))
        self._note("empty", "No entities to show." if not self._shown.ids else "")
        if self._fit_next and len(picture.ids):
            self._fit_next = False
            self.view.fit()

    def _degree(self, node: int) -> int:
        if self._degrees is None:
            self._degrees = degrees(self._shown)
        return self._degrees.get(node, 0)

    def _note(self, key: str, text: str) -> None:
        self._notes[key] = text
        shown = [t for t in self._notes.values() if t]
        self.overlay.setText("\n".join(shown))
        self.overlay.setVisible(bool(shown))
        self.overlay.adjustSize()

    def _option_changed(self) -> None:
        ego_on = self.toolbar.ego.isChecked()
        self._fit_next = ego_on != self._ego_was_on or ego_on
        self._ego_was_on = ego_on
        self._rebuild()
        self._place_missing()

    def _window_changed(self, first: int, last: int) -> None:
        if self.toolbar.window_filter.isChecked():
            self._rebuild_timer.start()

    # -- selection ---------------------------------------------------------------------------

    def _highlight_for(self, current: tuple[str, int] | None) -> set[int]:
        kind, record = current if current else ("", 0)
        shown = set(self._shown.ids)
        try:
            if kind == "entity" and record in shown:
                return {record} | self._shown.neighbours()[record]
            if kind == "event":
                return {p.entity_id for p in self.document.store.event(record).participants
                        } & shown
            if kind == "relationship":
                rel = self.document.store.relationship(record)
                return {rel.from_id, rel.to_id} & shown
        except NotFoundError:
            pass
        return set()

    def _current_changed(self, kind: str, record: int) -> None:
        self._selected = record if kind == "entity" else None
        recentre = kind == "entity" and record != self._ego_centre
        if kind == "entity":
            self._ego_centre = record  # the ego network follows the last entity chosen
        if recentre and self.toolbar.ego.isChecked():
            self._fit_next = True
            self._rebuild()
            self._place_missing()
        else:
            self._highlight = self._highlight_for((kind, record) if kind else None)
            self.view.set_highlight(self._highlight, self._selected)
        if kind == "entity" and not self._own_click:
            self.view.centre_on(record)

    def _node_clicked(self, node: int) -> None:
        self._own_click = True
        try:
            self.document.selection.select("entity", node)
        finally:
            self._own_click = False

    def _node_moved(self, node: int, x: float, y: float) -> None:
        self.positions.move(node, x, y)
        self.view.picture.pinned.add(node)
        self.view.set_highlight(self._highlight, self._selected)

    def _hover(self, scene_pos: QPointF) -> None:
        point = self.plot_widget.mapFromScene(scene_pos)
        text = self.tooltip_at(point)
        if text:
            QToolTip.showText(self.plot_widget.mapToGlobal(point), text, self.plot_widget)
        else:
            QToolTip.hideText()

    # -- layout ------------------------------------------------------------------------------

    def _place_missing(self) -> None:
        """Place entities that have no position yet, holding every placed one still."""
        if self.positions.place_missing(self._full_network(None)):
            self.toolbar.set_busy(True)

    def _layout_done(self) -> None:
        self.toolbar.set_busy(False)
        self._note("layout", "")
        self._redraw()
        if not self._fitted:
            self._fitted = True
            self.view.fit()
        self._place_missing()  # entities added while this job ran, or left out of it
        if not self.positions.running():
            self.layout_finished.emit()

    def _layout_failed(self, message: str) -> None:
        self.toolbar.set_busy(False)
        self._note("layout", f"Layout failed: {message}")
        self.layout_finished.emit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fitted and self.positions.positions and not self.positions.running():
            self._fitted = True
            QTimer.singleShot(0, self.view.fit)

    def closeEvent(self, event) -> None:
        self.positions.shutdown()
        self.toolbar.set_busy(False)
        super().closeEvent(event)
