"""Reads on a worker thread with their own read-only connection, and a way to stop them.

The UI opens big files by running the panels' pure read functions (each a function of
an ``sqlite3.Connection``) here while its own thread keeps painting; ``ui.opening``
shows the progress. SQLite and numpy release the GIL in their long loops.
``cancel`` interrupts the running query (``Connection.interrupt`` may be called from
any thread); nothing is ever written through this connection.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from db.connection import connect

Read = Callable[[sqlite3.Connection], Any]


class ReadJob:
    """Runs ``(key, read)`` pairs in order on one thread; results by key.

    ``done`` counts finished reads; ``finished`` turns true once the thread is over,
    whether it completed, was cancelled (``cancelled``) or failed (``error``).
    """

    def __init__(self, path: Path, reads: Sequence[tuple[str, Read]]) -> None:
        self.path = Path(path)
        self.reads = list(reads)
        self.results: dict[str, Any] = {}
        self.done = 0
        self.error: BaseException | None = None
        self.cancelled = False
        self.finished = False
        self._conn: sqlite3.Connection | None = None
        self._thread = threading.Thread(target=self._work, name="threadline-read",
                                        daemon=True)

    def start(self) -> None:
        self._thread.start()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def cancel(self) -> None:
        self.cancelled = True
        conn = self._conn
        if conn is not None:
            conn.interrupt()

    def _work(self) -> None:
        try:
            self._conn = connect(self.path, readonly=True)
            try:
                for key, read in self.reads:
                    if self.cancelled:
                        break
                    self.results[key] = read(self._conn)
                    self.done += 1
            finally:
                conn, self._conn = self._conn, None
                conn.close()
        except BaseException as exc:  # handed to the caller's thread, which decides
            self.error = exc
        finally:
            self.finished = True
