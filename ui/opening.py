"""Reading a database's panel data off the UI thread, with a progress dialog and Cancel.

Opening a file of a million events means seconds of SQL and numpy work. The panels
split their first read into a pure function of a ``sqlite3.Connection`` (no Qt objects)
and a method that applies its result; ``read_in_background`` runs those functions on a
worker thread with its own read-only connection while the window keeps repainting and a
progress dialog offers Cancel. SQLite and numpy release the GIL for their long loops, so
the UI thread gets its turns.

Cancel interrupts the running query (``Connection.interrupt`` is safe from another
thread); nothing is written, so cancelling an open leaves the file as it was.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from db.connection import connect

Reader = Callable[[sqlite3.Connection], Any]
SHOW_AFTER_MS = 250
POLL_MS = 30


@dataclass(frozen=True)
class Step:
    """One read: ``key`` names its result, ``label`` is what the dialog says meanwhile."""

    key: str
    label: str
    read: Reader


@dataclass
class _Shared:
    """What the worker thread and the UI thread share (guarded by the GIL's atomicity)."""

    done: int = 0
    results: dict[str, Any] = field(default_factory=dict)
    error: BaseException | None = None
    finished: bool = False
    cancelled: bool = False
    conn: sqlite3.Connection | None = None


class BackgroundRead(QObject):
    """Runs the steps on a worker thread; ``finished`` fires on the UI thread."""

    finished = Signal()

    def __init__(self, path: Path, steps: Sequence[Step]) -> None:
        super().__init__()
        self.path = Path(path)
        self.steps = list(steps)
        self.state = _Shared()
        self._thread = threading.Thread(target=self._work, name="threadline-open",
                                        daemon=True)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._check)

    def start(self) -> None:
        self._thread.start()
        self._poll.start()

    def cancel(self) -> None:
        self.state.cancelled = True
        conn = self.state.conn
        if conn is not None:
            conn.interrupt()

    def current_label(self) -> str:
        index = min(self.state.done, len(self.steps) - 1)
        return self.steps[index].label if self.steps else ""

    def _work(self) -> None:
        state = self.state
        try:
            state.conn = connect(self.path, readonly=True)
            try:
                for step in self.steps:
                    if state.cancelled:
                        break
                    state.results[step.key] = step.read(state.conn)
                    state.done += 1
            finally:
                state.conn.close()
                state.conn = None
        except BaseException as exc:  # handed to the UI thread, which decides
            state.error = exc
        finally:
            state.finished = True

    def _check(self) -> None:
        if self.state.finished:
            self._poll.stop()
            self._thread.join()
            self.finished.emit()


def read_in_background(path: Path, steps: Sequence[Step], parent: QWidget | None = None,
                       title: str = "Opening") -> dict[str, Any] | None:
    """Run ``steps`` off the UI thread; their results by key, or None if cancelled.

    A dialog with a progress bar and Cancel appears if the reading takes longer than
    ``SHOW_AFTER_MS``. An error raised by a step is raised here, on the UI thread.
    """
    job = BackgroundRead(path, steps)
    dialog = _progress_dialog(parent, title, len(steps), Path(path).name)
    dialog.canceled.connect(job.cancel)
    loop = QEventLoop()
    job.finished.connect(loop.quit)
    update = QTimer(interval=100)
    update.timeout.connect(lambda: _show_progress(dialog, job))
    job.start()
    update.start()
    loop.exec()
    update.stop()
    dialog.hide()
    dialog.deleteLater()
    if job.state.cancelled:
        return None
    if job.state.error is not None:
        raise job.state.error
    return job.state.results


def _progress_dialog(parent: QWidget | None, title: str, steps: int,
                     name: str) -> QProgressDialog:
    dialog = QProgressDialog(f"Opening {name}…", "Cancel", 0, steps, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(SHOW_AFTER_MS)  # a quick open shows no dialog at all
    dialog.setAccessibleName("Opening progress")
    return dialog


def _show_progress(dialog: QProgressDialog, job: BackgroundRead) -> None:
    dialog.setValue(job.state.done)
    dialog.setLabelText(f"Opening {job.path.name}…\n{job.current_label()}")
