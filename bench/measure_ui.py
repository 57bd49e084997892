"""Measurements that need Qt: opening the main window, timeline repaints.

Each function runs in a fresh worker process (``bench/worker.py``) under
``QT_QPA_PLATFORM=offscreen`` and returns a JSON-ready dict.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import PHASE, emit, max_rss_mb, read_event_arrays, summary

YEAR = 365.2425
REPAINT_SIZE = (1000, 600)  # the timeline panel while it is being zoomed and panned
PANELS = ("TimelinePanel", "GraphPanel", "BrowserPanel", "DetailPanel", "SearchField")


def _qt_start() -> tuple[Any, dict[str, float]]:
    """Import Qt, pyqtgraph and the app's UI, then create the QApplication; timed apart."""
    start = time.perf_counter()
    import pyqtgraph  # noqa: F401

    import ui.main_window  # noqa: F401
    from ui.app import make_application

    imported = time.perf_counter()
    app = make_application(["threadline-bench"])
    return app, {"imports": imported - start, "qapplication": time.perf_counter() - imported}


def _time_panels(timings: dict[str, float]) -> None:
    """Wrap the panel classes the main window builds, to time each constructor."""
    import ui.main_window as main_window

    for name in PANELS:
        original = getattr(main_window, name, None)
        if not isinstance(original, type):  # renamed meanwhile: not timed on its own
            continue

        def timed(*args: Any, _original: Any = original, _name: str = name, **kwargs: Any
                  ) -> Any:
            start = time.perf_counter()
            made = _original(*args, **kwargs)
            timings[_name] = time.perf_counter() - start
            emit(PHASE, {"name": f"built {_name}", "seconds": timings[_name]})
            return made

        setattr(main_window, name, timed)


def _paint_watch(widgets: list[Any]) -> Callable[[], bool]:
    """A function telling whether every widget has received a paint event."""
    from PySide6.QtCore import QEvent, QObject

    painted: set[int] = set()

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.add(id(watched))
            return False

    watch = Watch()
    for widget in widgets:
        widget.installEventFilter(watch)
    widgets.append(watch)  # keep it alive
    return lambda: all(id(w) in painted for w in widgets[:-1])


def _process_until(app: Any, done: Callable[[], bool], limit: float) -> bool:
    from PySide6.QtCore import QEventLoop

    start = time.perf_counter()
    while not done() and time.perf_counter() - start < limit:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return done()


def open_window(db: Path, scratch: Path) -> dict[str, Any]:
    """``MainWindow(Store.open(copy))``, shown until painted, then ``grab()``; peak RSS.

    A copy is opened, so positions the graph saves never change the cached database. The
    copy is first checked through once, untimed in ``open`` and reported on its own
    (``first check``): what the app does the first time it meets a file (``db.verified``);
    ``open`` is then what opening one's own file costs, day after day.
    """
    copy = scratch / "open.db"
    shutil.copyfile(db, copy)
    app, start = _qt_start()
    emit(PHASE, {"name": "Qt start", "seconds": sum(start.values()), "qt_start": start})
    from db import gate, verified
    from db.store import Store
    from ui.main_window import MainWindow

    verified.use_registry(scratch / "verified-files.json")
    c0 = time.perf_counter()
    gate.judge(copy)  # quick_check and foreign_key_check, remembered for this file
    first_check = time.perf_counter() - c0
    emit(PHASE, {"name": "first check", "seconds": first_check})

    panels: dict[str, float] = {}
    _time_panels(panels)
    t0 = time.perf_counter()
    store = Store.open(copy)
    t1 = time.perf_counter()
    emit(PHASE, {"name": "Store.open", "seconds": t1 - t0})
    window = MainWindow(store, remember_layout=False)
    t2 = time.perf_counter()
    emit(PHASE, {"name": "MainWindow()", "seconds": t2 - t1})
    painted = _paint_watch([window, window.timeline.plot_widget.viewport()])
    window.show()
    shown = _process_until(app, painted, 60.0)
    t3 = time.perf_counter()
    window.grab()
    t4 = time.perf_counter()
    return {"qt_start": start, "open": t4 - t0, "rss_mb": max_rss_mb(), "painted": shown,
            "phases": {"first check (once per file, not in open)": first_check,
                       "Store.open": t1 - t0, "MainWindow()": t2 - t1,
                       "show until painted": t3 - t2, "grab()": t4 - t3},
            "panels": panels}


def open_baseline(db: Path) -> dict[str, Any]:
    """QApplication, then the event columns read with bare sqlite3 into numpy arrays."""
    start = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    imported = time.perf_counter()
    app = QApplication(["threadline-bench-baseline"])
    created = time.perf_counter()
    arrays = read_event_arrays(db)
    done = time.perf_counter()
    app.quit()
    return {"qt_start": {"imports": imported - start, "qapplication": created - imported},
            "open": done - created, "rss_mb": max_rss_mb(), "rows": len(arrays["ids"])}


# -- repaint ---------------------------------------------------------------------------

def view_script(full: tuple[float, float], centre: float) -> list[tuple[str, float, float]]:
    """Fit; zoom in ×2 about ``centre`` down to a year; pan; zoom out ×2; fit (day numbers)."""
    first, last = full
    width = last - first
    steps = [("fit", first, last)]
    while width > YEAR:
        width /= 2
        steps.append(("zoom in", centre - width / 2, centre + width / 2))
    for direction in (1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1, 1, 1, 1, 1):
        centre += direction * width / 2
        steps.append(("pan", centre - width / 2, centre + width / 2))
    while width * 2 < last - first:
        width *= 2
        steps.append(("zoom out", centre - width / 2, centre + width / 2))
    steps.append(("fit", first, last))
    return steps


def _bare_plot(db: Path, origin: int, size: tuple[int, int]) -> Any:
    """A plain PlotWidget with one ScatterPlotItem of every event (x = earliest - origin)."""
    import numpy as np
    import pyqtgraph as pg

    arrays = read_event_arrays(db)
    lanes = np.random.default_rng(0).integers(0, 8, len(arrays["ids"])) + 0.5
    plot = pg.PlotWidget(background="w")
    plot.addItem(pg.ScatterPlotItem(x=(arrays["earliest"] - origin).astype(float), y=lanes,
                                    size=11, symbol="o", pen=pg.mkPen("w"),
                                    brush=pg.mkBrush("#332288")))
    plot.setYRange(0, 8, padding=0)
    plot.resize(*size)
    return plot


def _timed_step(app: Any, move: Callable[[], None], viewport: Any) -> float:
    start = time.perf_counter()
    move()
    app.processEvents()
    viewport.repaint()
    took = time.perf_counter() - start
    # pyqtgraph may leave a paint queued (items it moves late); drain it untimed here so
    # it is not charged to the other plot's next step
    app.processEvents()
    app.processEvents()
    return took


def timeline_panel(db: Path, size: tuple[int, int]) -> Any:
    """A TimelinePanel of ``db`` (opened read-only) at ``size``, shown."""
    from db.store import Store
    from ui.document import Document
    from ui.timeline import TimelinePanel

    panel = TimelinePanel(Document(Store.open(db, readonly=True)))
    panel.resize(*size)
    panel.show()
    return panel


def repaint(db: Path, scratch: Path) -> dict[str, Any]:
    """The scripted zooms and pans, each timed on the timeline and on the bare scatter."""
    app, _ = _qt_start()
    panel = timeline_panel(db, REPAINT_SIZE)
    _process_until(app, _paint_watch([panel.plot_widget.viewport()]), 30.0)
    emit(PHASE, {"name": "timeline shown", "seconds": 0})
    bare = _bare_plot(db, panel.origin, (panel.plot_widget.width(), panel.plot_widget.height()))
    bare.show()
    _process_until(app, _paint_watch([bare.viewport()]), 30.0)
    steps = view_script(panel.view_range(), float(panel.origin))
    origin = panel.origin
    timeline, baseline, dense = [], [], 0
    for index, (_, first, last) in enumerate(steps):
        took = _timed_step(app, lambda a=first, b=last: panel.set_view_range(a, b),
                           panel.plot_widget.viewport())
        dense += panel.is_density_view()
        plain = _timed_step(app, lambda a=first, b=last: bare.setXRange(a - origin, b - origin,
                                                                        padding=0),
                            bare.viewport())
        if index:  # the first fit only warms both up
            timeline.append(took)
            baseline.append(plain)
    result = {"timeline": summary(timeline), "baseline": summary(baseline),
              "steps": len(timeline), "density_steps": dense,
              "script": [s[0] for s in steps[1:]]}
    return result


def open_new_file(db: Path, scratch: Path) -> dict[str, Any]:
    """Opening a file this machine has never checked, through the window's own path
    (``Workspace.open_path``), before and after the checks moved behind the first paint.

    ``before``: the slow checks (``gate.judge``), then the open and the first paint, one
    after the other, as the app did when it checked a new file before showing it.
    ``after``: ``open_path`` on another fresh copy; ``painted`` is the first paint
    (read-only, "Checking file…"), ``writable`` the moment the checks passed and the
    file was opened for writing.
    """
    app, _start = _qt_start()
    from db import gate, verified
    from ui.files import Workspace

    verified.use_registry(scratch / "verified-files.json")
    workspace = Workspace(remember_layout=False)
    results: dict[str, Any] = {}
    for name in ("before", "after"):
        copy = scratch / f"{name}.db"
        shutil.copyfile(db, copy)
        t0 = time.perf_counter()
        if name == "before":
            gate.judge(copy)
        window = workspace.open_path(copy)
        assert window is not None
        painted = _paint_watch([window, window.timeline.plot_widget.viewport()])
        _process_until(app, painted, 60.0)
        t1 = time.perf_counter()
        _process_until(app, lambda w=window: not w.checking, 120.0)
        t2 = time.perf_counter()
        results[name] = {"painted": t1 - t0, "writable": t2 - t0}
        emit(PHASE, {"name": f"new file {name}", "seconds": t2 - t0})
        window.close()
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # closes it
        for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            leftover.unlink(missing_ok=True)
    return {**results, "rss_mb": max_rss_mb()}
