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


class LatestRead:
    """One worker thread and read-only connection that runs only the newest request.

    For reads a user starts again and again (search as you type): ``submit`` replaces a
    request still waiting and interrupts one running, so a slow query for "Q" never
    delays the answer for "Qu". ``take`` hands back the newest request's outcome once,
    as ``(value, error)``; outcomes of superseded requests are dropped.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._cond = threading.Condition()
        self._ticket = 0
        self._pending: tuple[int, Read] | None = None
        self._running: int | None = None
        self._outcome: tuple[int, Any, BaseException | None] | None = None
        self._conn: sqlite3.Connection | None = None
        self._stopped = False
        self._thread: threading.Thread | None = None

    def submit(self, read: Read) -> None:
        with self._cond:
            self._ticket += 1
            self._pending = (self._ticket, read)
            if self._running is not None and self._conn is not None:
                self._conn.interrupt()
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="threadline-latest",
                                                daemon=True)
                self._thread.start()
            self._cond.notify()

    def busy(self) -> bool:
        """Whether the newest request has not been answered (nor taken) yet."""
        with self._cond:
            return self._ticket > 0 and (self._outcome is None or
                                         self._outcome[0] != self._ticket)

    def take(self) -> tuple[Any, BaseException | None] | None:
        with self._cond:
            outcome = self._outcome
            if outcome is None or outcome[0] != self._ticket:
                return None
            self._outcome = None
            return outcome[1], outcome[2]

    def close(self) -> None:
        with self._cond:
            self._stopped = True
            if self._running is not None and self._conn is not None:
                self._conn.interrupt()
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _next(self) -> tuple[int, Read] | None:
        with self._cond:
            while self._pending is None and not self._stopped:
                self._cond.wait()
            if self._stopped:
                return None
            request, self._pending = self._pending, None
            self._running = request[0]
            return request

    def _loop(self) -> None:
        self._conn = connect(self.path, readonly=True)
        try:
            while (request := self._next()) is not None:
                ticket, read = request
                value, error = None, None
                try:
                    value = read(self._conn)
                except Exception as exc:  # handed to the asking thread
                    error = exc
                with self._cond:
                    self._running = None
                    if ticket == self._ticket:
                        self._outcome = (ticket, value, error)
        finally:
            with self._cond:
                conn, self._conn = self._conn, None
            conn.close()
