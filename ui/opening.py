"""Reading a database's panel data off the UI thread, with a progress dialog and Cancel.

Opening a file of a million events means seconds of SQL and numpy work. The panels
split their first read into a pure function of a ``sqlite3.Connection`` (no Qt objects)
and a method that applies its result; ``read_in_background`` runs those functions (through
``db.reading.ReadJob``, on a worker thread with its own read-only connection) while the
window keeps repainting and a progress dialog offers Cancel. SQLite and numpy release the
GIL for their long loops, so the UI thread gets its turns.

Cancel interrupts the running query (``Connection.interrupt`` is safe from another
thread); nothing is written, so cancelling an open leaves the file as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from db.reading import Read, ReadJob

POLL_MS = 30
SHOW_AFTER_MS = 250


@dataclass(frozen=True)
class Step:
    """One read: ``key`` names its result, ``label`` is what the dialog says meanwhile."""

    key: str
    label: str
    read: Read


class BackgroundRead(QObject):
    """A ``ReadJob`` watched from the UI thread; ``finished`` fires there."""

    finished = Signal()

    def __init__(self, path: Path, steps: Sequence[Step]) -> None:
        super().__init__()
        self.path = Path(path)
        self.steps = list(steps)
        self.job = ReadJob(path, [(step.key, step.read) for step in steps])
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._check)

    def start(self) -> None:
        self.job.start()
        self._poll.start()

    def cancel(self) -> None:
        self.job.cancel()

    def current_label(self) -> str:
        index = min(self.job.done, len(self.steps) - 1)
        return self.steps[index].label if self.steps else ""

    def _check(self) -> None:
        if self.job.finished:
            self._poll.stop()
            self.job.join()
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
    _show_progress(dialog, job)  # the first step's label is there before the dialog shows
    job.start()
    update.start()
    loop.exec()
    update.stop()
    dismiss(dialog)
    if job.job.cancelled:
        return None
    if job.job.error is not None:
        raise job.job.error
    return job.job.results


def dismiss(dialog: QProgressDialog) -> None:
    """Hide a progress dialog for good and let it go.

    ``reset`` stops the timer that shows the dialog once its minimum duration is over:
    without it a dialog hidden early would still pop up (modal, holding the keyboard).
    """
    dialog.reset()
    dialog.hide()
    dialog.deleteLater()


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
    dialog.setValue(job.job.done)
    dialog.setLabelText(f"Opening {job.path.name}…\n{job.current_label()}")
