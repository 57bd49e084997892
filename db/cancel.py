"""Stopping a long import: the error it raises, and a check heard inside long statements.

Imports (CSV, JSON) call ``check`` between rows; ``cancel_within_statements`` also calls
it while one long statement runs (filling the search index of a big import is one), via
SQLite's progress handler. Either way the transaction rolls back: nothing is written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from db.errors import StoreError
from db.store import Store

CANCEL_CHECK_STEPS = 5_000_000  # SQLite VM steps between cancel checks inside a statement

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class ImportCancelled(StoreError):
    """``cancelled()`` said stop; the database is as it was."""


def cancel_check(cancelled: CancelledFn | None) -> Callable[[], None]:
    """A function that raises ``ImportCancelled`` once ``cancelled()`` is true."""
    def check() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled("import cancelled; nothing was written")
    return check


@contextmanager
def cancel_within_statements(store: Store, check: Callable[[], None]) -> Iterator[None]:
    """``check`` also while one long statement runs: SQLite's progress handler stops the
    statement when it raises."""
    stopped: list[ImportCancelled] = []

    def handler() -> int:
        try:
            check()
        except ImportCancelled as exc:
            stopped.append(exc)
            return 1
        return 0

    store.conn.set_progress_handler(handler, CANCEL_CHECK_STEPS)
    try:
        yield
    except sqlite3.OperationalError:
        if stopped:
            raise stopped[0] from None
        raise
    finally:
        store.conn.set_progress_handler(None, 0)
