"""Helper process for tests/test_attacks.py: Save a Copy that says how far it got.

    python slow_backup.py FILE.db TARGET.db

Copies one page at a time, printing ``copied N of M`` and pausing between pages, so the
parent can SIGKILL it in the middle of the backup.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.store import Store


class SlowConnection:
    """The Store's connection, whose ``backup`` goes one page at a time."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def backup(self, target: sqlite3.Connection) -> None:
        def progress(_status: int, remaining: int, total: int) -> None:
            print(f"copied {total - remaining} of {total}", flush=True)
            time.sleep(0.02)

        self._conn.backup(target, pages=1, progress=progress)


def main() -> None:
    with Store.open(sys.argv[1]) as store:
        store.conn = SlowConnection(store.conn)  # type: ignore[assignment]
        store.save_copy(Path(sys.argv[2]))
    print("done", flush=True)


if __name__ == "__main__":
    main()
