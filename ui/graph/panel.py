"""GraphPanel: the network of entities, following the shared selection and timeline window.

What the panel loads is a ``NetworkSlice`` (``db.network``): the whole file when it has at
most ``max_nodes`` entities; else the ``subset_nodes`` most connected, or the neighbourhood
of the entity chosen (when it is not among those, or Ego is on). A note says which.
What is shown is rebuilt from the slice through ``models.graph``: filter by the timeline
window, add shared events, apply the filters (``GraphOptions``: kinds, links, places, main
actors; a note says what they leave out), cut to the ego network. A network of more than
``MAIN_ACTORS_FROM`` entities first shows its main actors, once, when the panel is first
shown (an export made without a window draws everything). Positions (``ui.graph.positions``) are
one map for all entities loaded, so filtering never moves a node: panning the timeline
replays the network in place. "Re-layout" lays out what is shown afresh, keeping pinned
nodes; dragging a node pins it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from db.evidence import inferred_among, relationship_support
from db.network import NetworkSlice, read_network
from db.reading import Read
from models.graph import NetworkData
from ui.document import Changes, Document
from ui.graph.cuts import cut_to_ego, highlight_for
from ui.graph.filters import MAIN_ACTORS_FROM, GraphOptions
from ui.graph.loaded import LoadedNetwork
from ui.graph.notes import size_note, undated_note
from ui.graph.picture import make_picture, picture_legend
from ui.graph.positions import PositionKeeper
from ui.graph.queries import GraphQueries
from ui.graph.toolbar import GraphToolbar
from ui.graph.view import NetworkView
from ui.theme import FollowsPalette, chart_theme


class GraphPanel(GraphQueries, FollowsPalette, QWidget):
    """Entities as nodes, relationships (and shared events) as edges."""

    layout_finished = Signal()
    relationship_requested = Signal(int, int)  # Shift+drag from one node to another
    max_nodes = 2000  # a file with more entities is too big to draw whole
    subset_nodes = 500  # then the most connected are drawn, or one neighbourhood
    max_labels = 150

    def __init__(self, document: Document, parent: QWidget | None = None,
                 first: NetworkSlice | None = None) -> None:
        """``first``: what ``first_read()`` returned, read on another thread; else the
        panel reads it now."""
        super().__init__(parent)
        self.setAccessibleName("Relationship graph")
        self.document = document
        self.loaded = LoadedNetwork(document)
        self._focus: int | None = None  # the entity last chosen; a big file reads around it
        self.positions = PositionKeeper(document, self)
        self._shown = NetworkData()
        self._degrees: dict[int, int] | None = None
        self._highlight: set[int] = set()
        self._selected: int | None = None
        self._ego_centre: int | None = None
        self._notes: dict[str, str] = {}
        self._fitted = False
        self._fit_next = False
        self._ego_was_on = False
        self._own_click = False
        self._first_view = False  # a big network first shows its main actors
        self._rebuild_timer = QTimer(self, singleShot=True, interval=30)
        self._rebuild_timer.timeout.connect(self._rebuild)
        self._build_ui()
        self._connect()
        if first is None:
            self.reload()
        else:
            self.apply_slice(first)

    @classmethod
    def first_read(cls) -> Read:
        """The panel's first read as a function of a connection (for ``db.reading``)."""
        return partial(read_network, limit=cls.max_nodes, top=cls.subset_nodes)

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
        layout.addWidget(self.toolbar.filter_bar)
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
        t.filters.changed.connect(self._filters_changed)
        t.relayout_action.triggered.connect(self.relayout)
        t.most_connected.triggered.connect(self.show_most_connected)
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

    def options(self) -> GraphOptions:
        """What the graph shows: its filters and view options (see ``GraphOptions``)."""
        return self.toolbar.options()

    def set_options(self, options: GraphOptions) -> None:
        """Show what ``options`` says: filters and view options alike."""
        self._first_view = True  # the user's choice from now on
        self.toolbar.set_options(options)

    def relayout(self) -> None:
        """Lay out what is shown afresh; pinned nodes stay where they are."""
        self._flush()
        self.positions.relayout(self._shown)
        self.toolbar.set_busy(True)

    def layout_running(self) -> bool:
        return self.positions.running()

    def show_most_connected(self) -> None:
        """In a file too big to draw whole, go back from a neighbourhood to the most connected."""
        self._focus = None
        if self.toolbar.ego.isChecked():
            self.toolbar.ego.setChecked(False)  # reads them through _option_changed
        elif self._needs_read():
            self._fit_next = True
            self.reload(unchanged=True)

    def wait_for_layout(self, timeout_ms: int = 10_000) -> bool:
        """Process events until no layout job is running; False on timeout."""
        done = self.positions.wait(timeout_ms)
        self._flush()
        return done

    # -- reading the Store --------------------------------------------------------------------

    def reload(self, unchanged: bool = False) -> None:
        """Read what the graph shows again; positions and the view are kept.

        ``unchanged``: the file is as it was, only another part of it is wanted.
        """
        centre, depth = self._wanted()
        known = self.loaded.slice if unchanged else None
        loaded = self.document.store.network_slice(self.max_nodes, self.subset_nodes, centre,
                                                   depth, known)
        if centre is not None and loaded.centre is None:  # it is gone
            self._focus = self._ego_centre = None
        self.apply_slice(loaded)

    def apply_slice(self, loaded: NetworkSlice) -> None:
        """Show what ``db.network.read_network`` read (here or on a loader thread)."""
        self.loaded.take(loaded)
        self.positions.load(set(self.loaded.names), loaded.saved)
        self.toolbar.most_connected.setVisible(loaded.centre is not None)
        self.toolbar.filters.set_kinds(link.kind for link in loaded.links)
        self._rebuild()
        self._place_missing()

    def _wanted(self) -> tuple[int | None, int]:
        """The neighbourhood a big file is read around, (None, 0) for the most connected."""
        depth = self.toolbar.depth.value()
        if self.toolbar.ego.isChecked():
            centre = self._ego_centre
        else:
            centre = self._focus if self._focus not in self.loaded.slice.top else None
        return (None, 0) if centre is None or self.loaded.slice.whole else (centre, depth)

    def _needs_read(self) -> bool:
        """Whether the selection or the options ask for another part of a big file."""
        now = self.loaded.slice
        return not now.whole and self._wanted() != (now.centre, now.depth)

    def _document_changed(self, changes: Changes) -> None:
        if changes.everything or changes.entities or changes.relationships:
            self.reload()
        elif changes.events:
            self.loaded.events_changed()
            if self._events_show(changes.events):
                self._rebuild()
                self._place_missing()
        if not changes.everything and (changes.citations or changes.sources):
            self._redraw()  # the lines' evidence styles: support read again

    def _events_show(self, event_ids: frozenset[int]) -> bool:
        """Whether edited events change the picture: only through shared events (when
        drawn) or the highlight of the event selected; a retitled event leaves it as is."""
        current = self.document.selection.current()
        return self.toolbar.co_participation.isChecked() or (
            current is not None and current[0] == "event" and current[1] in event_ids)

    # -- what is shown ----------------------------------------------------------------------

    def _window(self) -> tuple[int, int] | None:
        if not self.toolbar.window_filter.isChecked():
            return None
        return self.document.selection.window()

    def _full_network(self, window: tuple[int, int] | None) -> NetworkData:
        return self.loaded.network(window, self.toolbar.co_participation.isChecked())

    def _flush(self) -> None:
        if self._rebuild_timer.isActive():
            self._rebuild_timer.stop()
            self._rebuild()

    def _rebuild(self) -> None:
        window = self._window()
        shown = self._full_network(window)
        timed = self.toolbar.window_filter.isChecked()
        self._note("window", "No timeline window yet: showing all dates." if (
            timed and window is None) else "")
        self._note("undated", undated_note(shown) if timed else "")
        self.view.undated_style = timed
        options = self.options()
        if self.toolbar.ego.isChecked():  # the ego network is itself the narrower view
            options = replace(options, main_actors=False)
        keep = [self._selected] if self._selected is not None else []
        cut = options.apply(shown, keep)
        self._note("filters", options.describe(len(cut), len(shown)))
        t = self.toolbar
        self._shown, note = cut_to_ego(cut, t.ego.isChecked(), self._ego_centre,
                                       t.depth.value())
        self._note("ego", note)
        self._note("size", size_note(self.loaded.slice, self.loaded.names))
        self._degrees = None
        self._highlight = self._highlight_for(self.document.selection.current())
        self._redraw()

    def apply_theme(self) -> None:
        """Colours from ``ui.theme``: the light or dark palette (see ``changeEvent``)."""
        self.overlay.setStyleSheet(chart_theme().note_css)
        self.view.apply_theme()
        self._redraw()

    def themed_parts_built(self) -> bool:
        return hasattr(self, "overlay")

    def _redraw(self) -> None:
        communities = self.toolbar.communities.isChecked()
        keeper = self.positions
        picture = make_picture(self._shown, keeper.positions, keeper.pinned, communities)
        support = relationship_support(self.document.store)
        self.view.support, self.view.weak = support if support is not None else (
            None, frozenset())
        self.view.inferred = inferred_among(self.document.store, "relationship", [
            e.relationship_id for e in self._shown.edges if e.relationship_id is not None])
        self.view.show(picture, self._highlight, self._selected)
        self.view.set_legend(picture_legend(self._shown, picture, communities))
        self._note("empty", "No entities to show." if not self._shown.ids else "")
        if self._fit_next and len(picture.ids):
            self._fit_next = False
            self.view.fit()

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
        if self._needs_read():
            self.reload(unchanged=True)
        else:
            self._rebuild()
            self._place_missing()

    def _filters_changed(self) -> None:
        self._fit_next = True
        self._rebuild()
        self._place_missing()

    def _window_changed(self, first: int, last: int) -> None:
        if self.toolbar.window_filter.isChecked():
            self._rebuild_timer.start()

    # -- selection ---------------------------------------------------------------------------

    def _highlight_for(self, current: tuple[str, int] | None) -> set[int]:
        return highlight_for(self.document.store, self._shown, current)

    def _current_changed(self, kind: str, record: int) -> None:
        self._selected = record if kind == "entity" else None
        recentre = kind == "entity" and record != self._ego_centre
        if kind == "entity":
            self._ego_centre = record  # the ego network follows the last entity chosen
            self._focus = record
        if kind == "entity" and self._needs_read():
            self._fit_next = True
            self.reload(unchanged=True)
        elif recentre and self.toolbar.ego.isChecked():
            self._fit_next = True
            self._rebuild()
            self._place_missing()
        elif kind == "entity" and record not in self._shown.index():
            self._rebuild()  # the main actors' view takes the selection in
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
        if not self._first_view:
            self._first_view = True
            if len(self._full_network(None)) > MAIN_ACTORS_FROM:
                self.toolbar.filters.set_options(replace(self.options(), main_actors=True))
        if not self._fitted and self.positions.positions and not self.positions.running():
            self._fitted = True
            QTimer.singleShot(0, self.view, self.view.fit)  # not after a close

    def closeEvent(self, event) -> None:
        self.positions.shutdown()
        self.toolbar.set_busy(False)
        super().closeEvent(event)

