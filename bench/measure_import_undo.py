"""Undo and redo of an undoable JSON import, beside the import and the bare insert of
the same rows, in one fresh process: ``python -m bench.measure_import_undo DB SCRATCH``.

The import is ``ops.import_json`` as the window runs it (undoable); undo and redo are
``Store.replay`` of its recorded reversal, as the Edit menu runs them. The baseline is
the same rows inserted bare into a new file in the same run (``measure_data``).
Prints one JSON line: seconds of each step, the undo's statement count and peak RSS.
Runs against whichever checkout is first on ``sys.path``, so an older commit can be
measured with this same script.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import max_rss_mb


def measure(db: Path, scratch: Path) -> dict[str, Any]:
    from bench.measure_data import _baselines
    from db import ops
    from db.jsonio import export_data
    from db.store import Store

    with Store.open(db, readonly=True) as source:
        data = export_data(source)
    target = Store.create(scratch / "undo.db")
    found: dict[str, Any] = {}
    start = time.perf_counter()
    changes = ops.import_json(target, data, "bench.json")
    found["import_seconds"] = time.perf_counter() - start
    found["undo_statements"] = len(changes.undo)
    del data
    start = time.perf_counter()
    redo = target.replay(list(changes.undo))
    found["undo_seconds"] = time.perf_counter() - start
    start = time.perf_counter()
    target.replay(redo.statements)
    found["redo_seconds"] = time.perf_counter() - start
    found["events"] = target.counts()["events"]
    target.close()
    found["bare_insert"] = _baselines(scratch / "undo.db", scratch, "undo")
    found["peak_rss_mb"] = max_rss_mb()
    return found


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), Path(sys.argv[2]))))
