"""Starting the app: the default database on first start, and --screenshot."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtGui import QImage

from db.store import Store
from ui.app import (
    GuiThreadCollector,
    collect_on_gui_thread,
    default_database_path,
    ensure_default_database,
    make_application,
)

ROOT = Path(__file__).resolve().parent.parent.parent


def test_first_start_builds_the_sample_into_app_data_and_rebuilds_it(qapp) -> None:
    make_application()
    path = default_database_path()
    assert "Threadline" in str(path)
    path.unlink(missing_ok=True)
    assert ensure_default_database() == path
    with Store.open(path) as store:
        assert store.counts()["events"] >= 25
    path.unlink()
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    ensure_default_database()
    assert path.exists()


def test_an_existing_copy_is_kept(qapp) -> None:
    make_application()
    path = ensure_default_database()
    with Store.open(path) as store:
        sources = store.counts()["sources"]
        from models.records import Source

        store.add_source(Source(title="My own note"))
    ensure_default_database()
    with Store.open(path) as store:
        assert store.counts()["sources"] == sources + 1


def test_screenshot_writes_the_main_window_as_png(tmp_path: Path, sample_path: Path) -> None:
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", str(out),
                           str(sample_path)], capture_output=True, text=True, timeout=120,
                          env=env)
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    colours = {image.pixel(x, y) for x in range(0, 1600, 40) for y in range(0, 1000, 40)}
    assert len(colours) > 10  # a drawn window, not a blank canvas


def test_gui_refuses_a_bad_file_with_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 20)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot",
                           str(tmp_path / "x.png"), str(bad)], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "Traceback" not in done.stderr


def test_garbage_is_collected_on_the_gui_thread_only(qtbot) -> None:
    """An allocating worker thread (a graph layout, a loader) never runs the collector:
    objects in cycles, Qt wrappers among them, are freed by the GUI thread's timer."""
    app = make_application()
    assert collect_on_gui_thread(app) is collect_on_gui_thread(app)  # one per application
    gc.enable()  # as a process without the app's collector would be
    collector = GuiThreadCollector(app, interval_ms=10)
    freed_on: list[threading.Thread] = []
    try:
        assert not gc.isenabled()
        _garbage_in_a_cycle(freed_on)
        worker = threading.Thread(target=lambda: [[] for _ in range(100_000)])
        worker.start()
        worker.join()
        assert freed_on == []  # the worker allocated far past the threshold, collected nothing
        kept = [[] for _ in range(5_000)]  # a collection is due
        qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)
        assert freed_on == [threading.main_thread()] and kept
    finally:
        collector.timer.stop()
        collector.deleteLater()
        gc.disable()


def _garbage_in_a_cycle(freed_on: list[threading.Thread]) -> None:
    class Cycle:
        def __del__(self) -> None:
            freed_on.append(threading.current_thread())

    cycle = Cycle()
    cycle.itself = cycle
