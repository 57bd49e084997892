"""Where every entity sits in the graph: kept, laid out off the UI thread, saved.

One map for all entities loaded (not only those shown), so filtering the graph never moves
a node. Saved positions come with what the panel reads (``db.network``); nodes without one
are placed by a layout job that holds every placed node still; results are written back with
the named operation ``db.ops.set_positions`` unless the file is read-only. Positions are
view state: the write is not an undo step and no panel is told of it (its ``Changes`` are
dropped), and a failed save is reported, never raised.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QObject, QThreadPool, Signal

from db import ops
from db.errors import StoreError
from models.graph import NetworkData
from ui.document import Document
from ui.graph.layout_job import PROCESS_FROM, LayoutJob, LayoutSignals

log = logging.getLogger(__name__)


class PositionKeeper(QObject):
    """Positions and pins of all entities, and the one layout job that may be running."""

    placed = Signal()  # a layout's positions were taken in (and saved)
    failed = Signal(str)
    save_failed = Signal(str)

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.positions: dict[int, tuple[float, float]] = {}
        self.pinned: set[int] = set()
        self._known: set[int] = set()
        self.process_from = PROCESS_FROM
        self._generation = 0
        self._job: LayoutJob | None = None
        self._relayouts = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = LayoutSignals(self)
        self._signals.finished.connect(self._done)
        self._signals.failed.connect(self._failed)

    def load(self, entity_ids: set[int], saved: dict[int, tuple[float, float, bool]]) -> None:
        """Take the saved positions of ``entity_ids`` (as the Store read them); keep unsaved
        ones of those still there."""
        self._known = set(entity_ids)
        kept = {n: xy for n, xy in self.positions.items() if n not in saved}
        self.positions = {n: xy for n, xy in (
            kept | {n: (x, y) for n, (x, y, _) in saved.items()}).items() if n in entity_ids}
        self.pinned = ({n for n, (_, _, p) in saved.items() if p} | (self.pinned - set(saved))
                       ) & entity_ids

    def running(self) -> bool:
        return self._job is not None

    def place_missing(self, network: NetworkData) -> bool:
        """Start placing the nodes without a position, all others held; False if none."""
        if all(n in self.positions for n in network.ids):
            return False
        seeds = {n: self.positions[n] for n in network.ids if n in self.positions}
        self._start(network, seeds, frozenset(seeds), seed=0)
        return True

    def relayout(self, network: NetworkData) -> None:
        """Lay ``network`` out afresh (a new seed each time); its pinned nodes stay."""
        self._relayouts += 1
        pinned = frozenset(n for n in network.ids if n in self.pinned and n in self.positions)
        self._start(network, {n: self.positions[n] for n in pinned}, pinned, self._relayouts)

    def move(self, node: int, x: float, y: float) -> None:
        """A node dragged by hand: it moves, is pinned and saved."""
        self.positions[node] = (x, y)
        self.pinned.add(node)
        self.save([node])

    def save(self, nodes: list[int]) -> None:
        if self.document.readonly or not nodes:
            return
        rows = {n: (*self.positions[n], n in self.pinned) for n in nodes}
        try:
            ops.set_positions(self.document.store, rows)
        except StoreError as exc:
            self.save_failed.emit(f"Positions not saved: {exc}")
        except Exception:  # e.g. the window closed the file before a layout finished
            log.warning("graph positions not saved", exc_info=True)

    def wait(self, timeout_ms: int) -> bool:
        """Process events until no layout job is running; False on timeout."""
        clock = QElapsedTimer()
        clock.start()
        while self._job is not None and clock.elapsed() < timeout_ms:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return self._job is None

    def shutdown(self) -> None:
        """Forget any running job's result and wait for its thread."""
        self._generation += 1
        self._job = None
        self._pool.clear()
        self._pool.waitForDone(10_000)

    def _start(self, network: NetworkData, seeds: dict[int, tuple[float, float]],
               pinned: frozenset[int], seed: int) -> None:
        self._generation += 1
        self._pool.clear()
        self._job = LayoutJob(self._generation, network, seeds, pinned, seed, self._signals,
                              self.process_from)
        self._pool.start(self._job)

    def _done(self, generation: int, positions: dict[int, tuple[float, float]]) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self._job = None
        placed = {n: xy for n, xy in positions.items() if n in self._known}
        self.positions.update(placed)
        self.save(list(placed))
        self.placed.emit()

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._job = None
            self.failed.emit(message)
