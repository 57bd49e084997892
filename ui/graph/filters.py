"""What the graph shows of what it loaded: ``GraphOptions`` and the filter controls for it.

The options are one small frozen value, so the panel, its export copy and tests read one
thing rather than a row of check states. The controls (a checkable menu of relationship
kinds, a minimum number of links, "Hide places", "Main actors") live on the graph toolbar;
``FilterControls.options()`` reads them and ``set_options`` writes them, quietly, then
announces one change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSignalBlocker, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSpinBox, QToolBar, QToolButton

from models.graph import NetworkData, filter_network, main_actors

MAIN_ACTORS = 6  # the first view: this many most connected people and organizations …
MAIN_ACTORS_FROM = 40  # … and their neighbours, in a network of more entities than this


@dataclass(frozen=True)
class GraphOptions:
    """What the graph shows of what it loaded: the filters (what is left out) and the view
    options of its toolbar. The panel owns it (``GraphPanel.options``); settings and the
    export copy read it rather than the toolbar's check states."""

    hidden_kinds: frozenset[str] = frozenset()  # relationship kinds not drawn
    min_links: int = 0  # entities with fewer links (after the kinds are cut) not drawn
    hide_places: bool = False
    main_actors: bool = False  # the most connected people and organizations, neighbours
    co_participation: bool = False  # entities that shared events joined too
    window_filter: bool = False  # only what is active in the timeline's window
    ego: bool = False  # only the selected entity and its neighbours ...
    depth: int = 1  # ... this many steps out
    communities: bool = False  # nodes coloured by community rather than kind

    def filters(self) -> GraphOptions:
        """These options' filters alone (the view options as by default)."""
        return GraphOptions(self.hidden_kinds, self.min_links, self.hide_places,
                            self.main_actors)

    def apply(self, network: NetworkData, keep: Iterable[int] = ()) -> NetworkData:
        """``network`` cut by these options; ``keep`` stays in the main actors' view."""
        cut = filter_network(network, self.hidden_kinds, self.min_links,
                             ("place",) if self.hide_places else ())
        if self.main_actors and len(cut) > MAIN_ACTORS_FROM:
            return main_actors(cut, MAIN_ACTORS, keep)
        return cut

    def describe(self, shown: int, loaded: int) -> str:
        """The note saying what is left out; "" when nothing is."""
        parts = []
        if self.hidden_kinds:
            count = len(self.hidden_kinds)
            parts.append(f"{count} relationship kind{'s' if count != 1 else ''} hidden")
        if self.hide_places:
            parts.append("places hidden")
        if self.min_links:
            parts.append(f"at least {self.min_links} link{'s' if self.min_links != 1 else ''}")
        if not parts and shown == loaded:
            return ""
        if self.main_actors and shown < loaded:
            parts.insert(0, f"main actors: the {MAIN_ACTORS} most connected people and "
                         "organizations, and their links")
        return (f"Showing {shown:,} of {loaded:,} entities: {'; '.join(parts)}.\n"
                "Show all (above) shows every one.")


class FilterControls(QObject):
    """The filter controls on the graph toolbar."""

    changed = Signal()

    def __init__(self, toolbar: QToolBar) -> None:
        super().__init__(toolbar)
        self.kinds_menu = QMenu("Relationship kinds", toolbar)
        self.kinds_button = QToolButton(toolbar)
        self.kinds_button.setText("Kinds")
        self.kinds_button.setToolTip("Show or hide relationships of each kind")
        self.kinds_button.setAccessibleName("Relationship kinds")
        self.kinds_button.setMenu(self.kinds_menu)
        self.kinds_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addWidget(self.kinds_button)
        self.min_links = QSpinBox(toolbar)
        self.min_links.setRange(0, 50)
        self.min_links.setPrefix("≥ ")
        self.min_links.setSuffix(" links")
        self.min_links.setToolTip("Hide entities with fewer links than this")
        self.min_links.setAccessibleName("Minimum number of links")
        toolbar.addWidget(self.min_links)
        self.hide_places = self._toggle(toolbar, "Hide places", "Leave places out of the graph")
        self.main_actors = self._toggle(
            toolbar, "Main actors", "Only the most connected people and organizations and "
            "those they link to")
        self.show_all = QAction("Show all", toolbar)
        self.show_all.setToolTip("Clear every filter and show all entities loaded")
        self.show_all.triggered.connect(lambda: self.set_options(GraphOptions()))
        toolbar.addAction(self.show_all)
        self.min_links.valueChanged.connect(lambda value: self.changed.emit())
        self._kinds: dict[str, QAction] = {}

    def _toggle(self, toolbar: QToolBar, text: str, tip: str) -> QAction:
        action = QAction(text, toolbar)
        action.setCheckable(True)
        action.setToolTip(tip)
        action.toggled.connect(lambda on: self.changed.emit())
        toolbar.addAction(action)
        toolbar.widgetForAction(action).setAccessibleName(text)
        return action

    def set_kinds(self, kinds: Iterable[str]) -> None:
        """The relationship kinds loaded; ones already hidden stay hidden."""
        hidden = self.options().hidden_kinds
        self.kinds_menu.clear()
        self._kinds = {}
        for kind in sorted(set(kinds), key=str.casefold):
            action = self.kinds_menu.addAction(kind)
            action.setCheckable(True)
            action.setChecked(kind not in hidden)
            action.toggled.connect(lambda on: self.changed.emit())
            self._kinds[kind] = action
        self.kinds_button.setEnabled(bool(self._kinds))

    def kind_actions(self) -> dict[str, QAction]:
        return dict(self._kinds)

    def options(self) -> GraphOptions:
        return GraphOptions(
            frozenset(k for k, a in self._kinds.items() if not a.isChecked()),
            self.min_links.value(), self.hide_places.isChecked(), self.main_actors.isChecked())

    def set_options(self, options: GraphOptions) -> None:
        """The filters of ``options`` (its view options are the toolbar's: see
        ``GraphToolbar.set_options``)."""
        blockers = [QSignalBlocker(w) for w in (self.min_links, self.hide_places,
                                                self.main_actors, *self._kinds.values())]
        for kind, action in self._kinds.items():
            action.setChecked(kind not in options.hidden_kinds)
        self.min_links.setValue(options.min_links)
        self.hide_places.setChecked(options.hide_places)
        self.main_actors.setChecked(options.main_actors)
        del blockers
        self.changed.emit()
