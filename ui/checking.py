"""The slow checks of a big file met for the first time, run after its window has painted.

``quick_check`` and ``foreign_key_check`` read every page and reference: about 6 s at a
million events. Rather than keep the window from showing until they end, a file that
``db.verified`` does not know yet is opened read-only (nothing can be written, no edit,
import or undo is offered), painted, and checked on a loader thread (``FileCheck``) while
the status bar says "Checking file…". The workspace then opens it for writing
(``Store.start_writing``), or, if the checks fail, shows the refusal and closes it, not
one byte written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from db import gate
from db.errors import StoreError
from ui.opening import BackgroundRead, Step

CHECKING_TEXT = "Checking file… (editing starts once SQLite has read it through)"


class FileCheck(QObject):
    """``gate.check_read`` on a loader thread; ``passed`` or ``failed(message)`` follows
    on the UI thread, unless ``cancel`` was called first (the window closed)."""

    passed = Signal()
    failed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        step = Step("gate", "Checking the file", lambda conn: gate.check_read(conn, self.path))
        self.read = BackgroundRead(self.path, [step])
        self.read.setParent(self)
        self.read.finished.connect(self._finished)
        self.running = False

    def start(self) -> None:
        self.running = True
        self.read.start()

    def cancel(self) -> None:
        self.read.cancel()

    def _finished(self) -> None:
        self.running = False
        job = self.read.job
        if job.cancelled:
            return
        if job.error is None:
            self.passed.emit()
        elif isinstance(job.error, StoreError):
            self.failed.emit(str(job.error))
        else:
            self.failed.emit(f"{self.path} could not be read through ({job.error}); "
                             "it was left untouched")


@dataclass
class Later:
    """A file whose slow checks run after its window painted: the sidecars that were not
    beside it before it was opened (removed again if it is refused), and whether it is
    opened for writing once they pass."""

    absent: list[Path] = field(default_factory=list)
    writable: bool = True


class Tells(Protocol):
    """The workspace, as far as the check needs it: a message the user must see, and a
    window about to close on a refused file."""

    def tell(self, parent: QWidget | None, title: str, text: str) -> None: ...

    def refusing(self, window: Any) -> None: ...


def check_later(teller: Tells, window: Any, later: Later) -> FileCheck:
    """Check ``window``'s file on a loader thread now that it is shown (read-only and
    saying "Checking file…"); then let it write, or refuse and close it."""
    window.set_checking(True)
    check = FileCheck(window.document.store.path, window)
    check.passed.connect(lambda: _passed(teller, window, later))
    check.failed.connect(lambda message: _failed(teller, window, later, message))
    window.closed.connect(lambda *_: _closed(window, check, later))
    window.file_check = check
    AfterFirstPaint(window, check.start)  # the checks would compete with the first paint
    return check


class AfterFirstPaint(QObject):
    """Calls ``then`` once ``widget`` has been painted (and the rest of that pass with
    it), or after ``LATEST_MS`` if it never is (a window never exposed)."""

    LATEST_MS = 3000

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then = then
        self.done = False
        widget.installEventFilter(self)
        QTimer.singleShot(self.LATEST_MS, self, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._go)  # after the children of this pass
        return False

    def _go(self) -> None:
        if not self.done:
            self.done = True
            self.then()


def _passed(teller: Tells, window: Any, later: Later) -> None:
    if later.writable:
        try:
            window.document.store.start_writing()
        except StoreError as exc:
            teller.tell(window, "Opened read-only", f"{exc}; it stays open read-only")
    window.set_checking(False)


def _failed(teller: Tells, window: Any, later: Later, message: str) -> None:
    """The refusal the gate would have given before the window showed; the window closes
    and the sidecars its read-only look made go with its connection."""
    window.refused_sidecars[:] = later.absent
    teller.tell(window, "Cannot open", message)
    teller.refusing(window)  # the app stays open on another file if this was the last
    window.close()


def _closed(window: Any, check: FileCheck, later: Later) -> None:
    """Closed before the checks ended: stop them; the folder is left as it was found."""
    if window.checking:
        check.cancel()
        window.refused_sidecars[:] = later.absent
