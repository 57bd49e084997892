"""What the benchmark workers share: statistics, the bare-sqlite3 read, reporting lines."""

from __future__ import annotations

import json
import multiprocessing
import resource
import sqlite3
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULT, PHASE, TIMEOUT = "@@RESULT", "@@PHASE", "@@TIMEOUT"
EVENT_COLUMNS_SQL = "SELECT id, earliest, latest, category FROM events"


def emit(tag: str, payload: dict[str, Any]) -> None:
    """One line the harness reads back from a worker's standard output."""
    print(f"{tag} {json.dumps(payload)}", flush=True)


def summary(samples: list[float]) -> dict[str, float]:
    """Median, 95th percentile (linear interpolation) and count of timings in seconds."""
    values = np.asarray(samples, dtype=float)
    return {"median": float(np.median(values)), "p95": float(np.percentile(values, 95)),
            "n": len(values)}


def max_rss_mb() -> float:
    """Peak resident set size of this process so far, MiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def read_event_arrays(path: Path) -> dict[str, np.ndarray]:
    """The baseline read: id, earliest, latest, category with bare sqlite3 into numpy.

    A table scan, then numpy puts the rows in the timeline's order (earliest, latest, id):
    walking the ``events_by_day`` index instead costs a random row lookup per event.
    """
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(EVENT_COLUMNS_SQL).fetchall()
    finally:
        conn.close()
    ids, earliest, latest, categories = zip(*rows, strict=True) if rows else ((),) * 4
    codes: dict[str, int] = {}
    columns = {"ids": np.array(ids, dtype=np.int64), "earliest": np.array(earliest, np.int64),
               "latest": np.array(latest, np.int64),
               "category": np.fromiter((codes.setdefault(c, len(codes)) for c in categories),
                                       dtype=np.int32, count=len(categories))}
    order = np.lexsort((columns["ids"], columns["latest"], columns["earliest"]))
    return {name: column[order] for name, column in columns.items()}


def stop_children() -> None:
    """Terminate the processes this process started (the app's layout process, say)."""
    for child in multiprocessing.active_children():
        child.terminate()
    for child in multiprocessing.active_children():
        child.join(timeout=5)
        if child.is_alive():
            child.kill()
