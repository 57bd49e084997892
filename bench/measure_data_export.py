"""Data exports of a whole database, each in a fresh process for its own peak memory:
``python -m bench.measure_data_export DB SCRATCH FORMAT [FORMAT ...]``.

Each format runs ``db.export.export_to`` as the command line does, in a child process
of its own (``resource`` peak RSS is per process), and prints one JSON line per format:
seconds, bytes written, peak RSS in MB. The baseline in the same run is a bare read of
every event row through a cursor (``SELECT * FROM events``), which any export pays.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import PHASE, ROOT, emit, max_rss_mb

DEFAULT_FORMATS = ("json", "csv", "graphml", "gexf", "xlsx", "html", "md")
NAMES = {"json": "out.json", "csv": "out.zip", "csv-events": "events.csv",
         "graphml": "out.graphml", "gexf": "out.gexf", "timelinejs": "out.timeline.json",
         "html": "out.html", "md": "out.md", "xlsx": "out.xlsx"}


def one(db: Path, scratch: Path, fmt: str) -> dict[str, Any]:
    from db.export import export_to
    from db.store import Store

    out = scratch / NAMES.get(fmt, "bare")
    start = time.perf_counter()
    with Store.open(db, readonly=True) as store:
        if fmt == "bare":
            rows = sum(1 for _ in store.conn.execute("SELECT * FROM events"))
            return {"format": fmt, "rows": rows, "seconds": time.perf_counter() - start,
                    "peak_rss_mb": max_rss_mb()}
        export_to(store, out, fmt, title="Benchmark")
    seconds = time.perf_counter() - start
    size = out.stat().st_size
    out.unlink()
    return {"format": fmt, "seconds": seconds, "mb": size / 2**20, "peak_rss_mb": max_rss_mb()}


def child(db: Path, scratch: Path, fmt: str, timeout: float | None = None) -> dict[str, Any]:
    """``one`` in a process of its own (its peak RSS is the export's alone)."""
    try:
        done = subprocess.run([sys.executable, "-m", "bench.measure_data_export", "--one",
                               str(db), str(scratch), fmt], capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        (scratch / NAMES.get(fmt, "bare")).unlink(missing_ok=True)
        return {"format": fmt, "error": f"timed out (> {timeout:.0f} s)"}
    if done.stdout.strip():
        return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]
    return {"format": fmt, "error": done.stderr.strip()[-400:] or f"exit {done.returncode}"}


def measure_all(db: Path, scratch: Path, formats: list[str], timeout: float
                ) -> dict[str, Any]:
    """The bare read and each format, one process each; the bench harness's component."""
    found: dict[str, Any] = {}
    for fmt in ["bare", *formats]:
        found[fmt] = child(db, scratch, fmt, timeout)
        emit(PHASE, {"name": f"data export {fmt}", "seconds": found[fmt].get("seconds")})
    return {"formats": found}


def main(argv: list[str]) -> None:
    if argv[0] == "--one":
        print(json.dumps(one(Path(argv[1]), Path(argv[2]), argv[3])), flush=True)
        return
    db, scratch = Path(argv[0]), Path(argv[1])
    for fmt in ["bare", *argv[2:]]:
        print(json.dumps(child(db, scratch, fmt)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
