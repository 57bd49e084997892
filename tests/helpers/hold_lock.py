"""Helper process: hold a file the way another program would, until killed.

    python hold_lock.py app FILE.db        Threadline's advisory lock (hold_app_lock)
    python hold_lock.py exclusive FILE.db  an SQLite connection inside BEGIN EXCLUSIVE

Prints ``held`` once the lock is taken, then sleeps.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.connection import hold_app_lock


def main() -> None:
    how, path = sys.argv[1], Path(sys.argv[2])
    if how == "app":
        handle = hold_app_lock(path)
        if handle is None:
            print("refused", flush=True)
            return
    else:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
    print("held", flush=True)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
