"""Helper process for tests/test_crash_safety.py: a CSV import that says where it is.

    python crash_import.py FILE.db IN.csv

Prints ``planning N`` every 1000 checked rows and ``writing TABLE`` / ``batch`` as the
write phase goes, flushing each line, so the parent can kill it at a known moment.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db import csvio
from db.store import Store

_insert = csvio._insert


def _spy(store, table, *args, **kwargs):
    print(f"writing {table}", flush=True)
    return _insert(store, table, *args, **kwargs)


def main() -> None:
    csvio._insert = _spy
    with Store.open(sys.argv[1]) as store:
        counts = csvio.import_events_csv(
            store, Path(sys.argv[2]),
            progress=lambda done, _total: print(f"planning {done}", flush=True),
            cancelled=lambda: print("batch", flush=True) and False)
    print(f"done {counts['events']}", flush=True)


if __name__ == "__main__":
    main()
