"""The cost of one edit with a big file open: ``python -m bench.measure_edit DB [--edits N]``.

Renames one event and times it three ways: the write alone on a bare Store, through a
``Document`` no panel listens to, and in an open main window, where the Document's
``changed`` signal runs every panel's refresh before ``apply`` returns (and then until
the timeline has repainted). A copy of DB is edited. The script speaks to whichever
write API the tree has (named operations in ``db.ops``, or the older
``Document.apply(text, write)``), so the same script measures before and after.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _rename(store: Any, event_id: int, title: str) -> Callable[[], Any]:
    """A function making the rename through ``document`` or the store (either API)."""
    event = store.event(event_id)
    event.title = title
    try:
        from db import ops
        from models.edits import EventEdit
    except ImportError:
        return lambda document=None: (document.apply(f"Edit {title}",
                                                     lambda s: s.update_event(event))
                                      if document else _journaled(store, event))
    return lambda document=None: (document.apply(lambda s: ops.update_event(s, EventEdit(event)))
                                  if document else ops.update_event(store, EventEdit(event)))


def _journaled(store: Any, event: Any) -> None:
    with store.journaled():
        store.update_event(event)


def _median(samples: list[float]) -> float:
    return sorted(samples)[len(samples) // 2]


def measure(db: Path, edits: int) -> dict[str, Any]:
    from PySide6.QtCore import QEvent, QEventLoop, QObject

    from db.store import Store
    from ui.app import make_application
    from ui.document import Document
    from ui.main_window import MainWindow

    scratch = Path(tempfile.mkdtemp(prefix="edit-bench-"))
    copy = scratch / "edit.db"
    shutil.copyfile(db, copy)
    app = make_application(["threadline-bench"])
    store = Store.open(copy)
    event_id = store.conn.execute("SELECT min(id) FROM events").fetchone()[0]
    results: dict[str, list[float]] = {"store": [], "document": [], "window": [],
                                       "window until repainted": []}
    for n in range(edits):
        rename = _rename(store, event_id, f"Bare {n}")
        start = time.perf_counter()
        rename()
        results["store"].append(time.perf_counter() - start)
    document = Document(store)
    for n in range(edits):
        rename = _rename(store, event_id, f"Document {n}")
        start = time.perf_counter()
        rename(document)
        results["document"].append(time.perf_counter() - start)
    window = MainWindow(store, remember_layout=False)
    window.show()
    _settle(app, 5.0)
    painted: list[float] = []

    class Watch(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(time.perf_counter())
            return False

    watch = Watch()
    window.timeline.plot_widget.viewport().installEventFilter(watch)
    for n in range(edits):
        rename = _rename(store, event_id, f"Window {n}")
        painted.clear()
        start = time.perf_counter()
        rename(window.document)
        results["window"].append(time.perf_counter() - start)
        limit = time.perf_counter() + 30
        while not painted and time.perf_counter() < limit:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        results["window until repainted"].append((painted[0] if painted else limit) - start)
        _settle(app, 0.5)
    events = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    window.close()
    store.close()
    shutil.rmtree(scratch, ignore_errors=True)
    return {"events": events, "edits": edits,
            "median_ms": {k: round(_median(v) * 1000, 2) for k, v in results.items()}}


def _settle(app: Any, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.db, args.edits)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
