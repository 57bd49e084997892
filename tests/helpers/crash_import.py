"""Helper process for tests/test_crash_safety.py: a CSV import that says where it is.

    python crash_import.py FILE.db IN.csv

Prints ``planning N`` every 1000 checked rows and ``writing TABLE`` (a batch of the
shared bulk path, ``db.bulkload``) / ``batch`` (a cancel check) as the write phase
goes, flushing each line, so the parent can kill it at a known moment.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db import bulkload, csvio
from db.store import Store

_flush = bulkload.BulkLoad.flush


def _spy(load: bulkload.BulkLoad) -> None:
    for name, table in load.tables.items():
        if table.pending and not load.paused:
            print(f"writing {name}", flush=True)
    _flush(load)


def main() -> None:
    bulkload.BulkLoad.flush = _spy  # type: ignore[method-assign]
    with Store.open(sys.argv[1]) as store:
        counts = csvio.import_events_csv(
            store, Path(sys.argv[2]),
            progress=lambda done, _total: print(f"planning {done}", flush=True),
            cancelled=lambda: print("batch", flush=True) and False)
    print(f"done {counts['events']}", flush=True)


if __name__ == "__main__":
    main()
