"""Running ``models.graph.layout`` off the UI thread.

The job is a ``QRunnable`` on the panel's own one-thread pool, so the UI never waits for
it. python-igraph holds the GIL for a whole layout call, though, so a thread alone would
still stall the UI for as long as igraph computes: about 0.2 s for 2,000 nodes, 1 s for
10,000. Networks from ``PROCESS_FROM`` nodes up are therefore laid out in a separate
process (spawned once, then reused), while the worker thread just waits for the answer.
If that process cannot be used, the layout runs in the thread after all. The process
watches its parent and leaves as soon as the app is gone, however the app ended (a
killed app leaves no layout process behind).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from PySide6.QtCore import QObject, QRunnable, Signal, SignalInstance

from models.graph import NetworkData, layout

log = logging.getLogger(__name__)
PROCESS_FROM = 1500
PARENT_CHECK_S = 1.0
_executor: ProcessPoolExecutor | None = None


class LayoutSignals(QObject):
    """Emitted from the worker thread; connected slots run on the UI thread."""

    finished = Signal(int, object)  # generation, {id: (x, y)}
    failed = Signal(int, str)


class LayoutJob(QRunnable):
    """One layout request, tagged with the generation it was asked for."""

    def __init__(self, generation: int, network: NetworkData,
                 seeds: dict[int, tuple[float, float]], pinned: frozenset[int], seed: int,
                 signals: LayoutSignals, process_from: int = PROCESS_FROM) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the panel keeps it until it reports
        self.generation = generation
        self.signals = signals
        self._args = (network, seeds, pinned, seed)
        self._process_from = process_from

    def run(self) -> None:
        try:
            if len(self._args[0]) >= self._process_from:
                positions = _in_process(*self._args)
            else:
                positions = layout(*self._args)
        except Exception as exc:  # reported to the panel, which shows it
            log.exception("graph layout failed")
            self._report(self.signals.failed, str(exc))
            return
        self._report(self.signals.finished, positions)

    def _report(self, signal: SignalInstance, payload: object) -> None:
        try:
            signal.emit(self.generation, payload)
        except RuntimeError:  # the panel was deleted meanwhile: nobody to tell
            log.debug("graph layout finished after its panel was gone")


def _in_process(network: NetworkData, seeds: dict[int, tuple[float, float]],
                pinned: frozenset[int], seed: int) -> dict[int, tuple[float, float]]:
    global _executor
    try:
        if _executor is None:
            context = multiprocessing.get_context("spawn")  # forking a Qt process is unsafe
            _executor = ProcessPoolExecutor(max_workers=1, mp_context=context,
                                            initializer=leave_with_parent,
                                            initargs=(os.getpid(),))
        return _executor.submit(layout, network, seeds, pinned, seed).result()
    except (BrokenProcessPool, OSError, RuntimeError):
        log.warning("layout process unavailable; laying out in a thread", exc_info=True)
        _executor = None
        return layout(network, seeds, pinned, seed)


def leave_with_parent(parent: int) -> None:
    """In the layout process: exit once ``parent`` is no longer this process's parent."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="leave-with-parent", daemon=True).start()
