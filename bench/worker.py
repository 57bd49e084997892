"""One measurement in a fresh process: ``python bench/worker.py COMPONENT '{json args}'``.

Prints ``@@PHASE`` lines as it goes and one ``@@RESULT`` line at the end (see
``bench.common.emit``). With ``deadline`` (seconds) in the arguments, a watchdog prints
``@@TIMEOUT`` with the main thread's stack when the time is up, stops the processes this
one started (the app's layout process) and exits, so the harness can say where it was.
Exits with ``os._exit``: the app's layout process pool would otherwise be waited for.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import RESULT, TIMEOUT, emit, max_rss_mb, stop_children  # noqa: E402

EXIT_TIMEOUT = 3


def _components() -> dict[str, Callable[[dict[str, Any]], dict[str, Any]]]:
    from bench import measure_data, measure_data_export, measure_export, measure_ui

    def db(args: dict[str, Any]) -> Path:
        return Path(args["db"])

    def scratch(args: dict[str, Any]) -> Path:
        return Path(args["scratch"])

    return {
        "open": lambda a: measure_ui.open_window(db(a), scratch(a)),
        "open-baseline": lambda a: measure_ui.open_baseline(db(a)),
        "open-new": lambda a: measure_ui.open_new_file(db(a), scratch(a)),
        "repaint": lambda a: measure_ui.repaint(db(a), scratch(a)),
        "export": lambda a: measure_export.export(db(a), scratch(a)),
        "export-baseline": lambda a: measure_export.export_baseline(db(a), scratch(a)),
        "search": lambda a: measure_data.search(db(a), int(a.get("repeats", 15))),
        "import-json": lambda a: measure_data.import_json(db(a), scratch(a)),
        "import-csv": lambda a: measure_data.import_csv(db(a), scratch(a)),
        "data-export": lambda a: measure_data_export.measure_all(
            db(a), scratch(a), list(a.get("formats") or measure_data_export.DEFAULT_FORMATS),
            float(a.get("format_timeout", 900))),
        "layout": lambda a: measure_data.graph_layout(int(a["nodes"]), int(a["nx_max"])),
    }


def _watchdog(seconds: float) -> None:
    main = threading.main_thread().ident

    def fire() -> None:
        time.sleep(seconds)
        frame = sys._current_frames().get(main or 0)
        stack = traceback.format_stack(frame)[-12:] if frame is not None else []
        emit(TIMEOUT, {"after": seconds, "stack": [line.rstrip() for line in stack],
                       "rss_mb": max_rss_mb()})
        stop_children()
        os._exit(EXIT_TIMEOUT)

    threading.Thread(target=fire, daemon=True, name="bench-watchdog").start()


def main(argv: list[str]) -> None:
    component, args = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    if args.get("deadline"):
        _watchdog(float(args["deadline"]))
    code = 0
    try:
        emit(RESULT, _components()[component](args))
    except Exception as exc:  # reported as this component's result
        emit(RESULT, {"error": f"{type(exc).__name__}: {exc}"[:500],
                      "trace": traceback.format_exc().splitlines()[-8:]})
        code = 1
    sys.stdout.flush()
    stop_children()
    os._exit(code)


if __name__ == "__main__":  # the app's layout process is spawned: it imports this module
    main(sys.argv[1:])
