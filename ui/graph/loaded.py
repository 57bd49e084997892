"""What the graph panel loaded from the file, and the reads that follow from it.

``LoadedNetwork`` keeps one ``NetworkSlice`` (``db.network``) and builds networks of it
(``models.graph.build_network``). Who took part in which events is read (for its entities
only) when shared events are first asked for, then counted in numpy for any window; entity
records are read one at a time, for tooltips.
"""

from __future__ import annotations

from db.errors import NotFoundError
from db.network import NetworkSlice, Participation
from models.graph import NetworkData, build_network, co_participation_arrays
from models.records import Entity
from ui.document import Document

Window = tuple[int, int]


class LoadedNetwork:
    """One slice of the file's network and what was built of it."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.slice = NetworkSlice()
        self.names: dict[int, str] = {}  # entity id -> name, of the entities loaded
        self._records: dict[int, Entity] = {}
        self._participation: Participation | None = None  # read when first needed
        self._shared: list[tuple[int, int, int]] | None = None
        self._networks: dict[bool, NetworkData] = {}

    def take(self, loaded: NetworkSlice) -> None:
        self.slice = loaded
        self.names = {node.id: node.name for node in loaded.nodes}
        self._records.clear()
        self.events_changed()

    def events_changed(self) -> None:
        """Participations are to be read again, when next asked for."""
        self._shared = None
        self._participation = None
        self._networks.clear()

    def network(self, window: Window | None, co_participation: bool) -> NetworkData:
        """Every entity and edge loaded (in the window, if given); the unfiltered ones are
        kept."""
        if window is None and co_participation in self._networks:
            return self._networks[co_participation]
        shared = self._shared_pairs(window) if co_participation else None
        network = build_network(self.slice.nodes, self.slice.links, shared, window)
        if window is None:
            self._networks[co_participation] = network
        return network

    def record(self, node: int) -> Entity | None:
        """The entity's record, if it is loaded and still there."""
        if node not in self._records and node in self.names:
            try:
                self._records[node] = self.document.store.entity(node)
            except NotFoundError:
                return None
        return self._records.get(node)

    def _shared_pairs(self, window: Window | None) -> list[tuple[int, int, int]]:
        if window is None and self._shared is not None:
            return self._shared
        if self._participation is None:
            ids = None if self.slice.whole else sorted(self.names)
            self._participation = self.document.store.participation(ids)
        if window is not None and self._participation.earliest is None:
            self._participation = self.document.store.participation_days(self._participation)
        pairs = co_participation_arrays(*self._participation.meeting(window))
        if window is None:
            self._shared = pairs
        return pairs
