"""Files: New, Open (dialog, recent list, drop, command line), Save a Copy, Close.

One window per open file. The ``Workspace`` opens each file once: a file another
Threadline window or process has open (an advisory lock on the file) is offered
read-only instead; a file that cannot be written opens read-only with a banner; a file
that is not a Threadline database, is newer than this app or is locked gets a clear
dialog and is left untouched (``db.gate`` judges it through a read-only connection
before anything opens it for writing). A file is known by device and inode, not by path.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from db import gate
from db.connection import hold_app_lock, is_writable
from db.errors import ReadOnlyError, StoreError, one_line
from db.locking import FileClaim, identity
from db.store import Store
from ui.checking import Later, check_later
from ui.export.target import NO_OVERWRITE_QUESTION, confirm_output
from ui.opening import Step, read_in_background

if TYPE_CHECKING:
    from ui.main_window import MainWindow

RECENT_KEY = "files/recent"
LAST_KEY = "files/last"
RECENT_LIMIT = 10
BACKGROUND_FROM_BYTES = 32 * 1024 * 1024  # about 25,000 events: read with a progress dialog
FILE_FILTER = "Threadline databases (*.threadline *.db *.sqlite);;All files (*)"


def recent_files() -> list[Path]:
    value = QSettings().value(RECENT_KEY, [])
    names = [value] if isinstance(value, str) else list(value or [])
    return [Path(n) for n in names if n]


def remember(path: Path) -> None:
    """Put a file first in the recent list and make it the one reopened on start."""
    path = path.resolve()
    names = [str(path)] + [str(p) for p in recent_files() if p != path]
    settings = QSettings()
    settings.setValue(RECENT_KEY, names[:RECENT_LIMIT])
    settings.setValue(LAST_KEY, str(path))


def last_file() -> Path | None:
    value = QSettings().value(LAST_KEY, "")
    return Path(value) if value else None


class Workspace(QObject):
    """The open files and their windows."""

    def __init__(self, remember_layout: bool = True) -> None:
        super().__init__()
        self.windows: list[MainWindow] = []
        self._locks: dict[int, FileClaim | None] = {}
        self.remember_layout = remember_layout
        # Opens a file the app can stay on when a file refused after its window showed
        # (``ui.checking``) was the only one open; used once (run_gui sets it).
        self.fallback: Callable[[], object] | None = None

    def refusing(self, window: MainWindow) -> None:
        """``window``'s file was refused after it showed and the window is about to close:
        if it is the last one, open the fallback first, so the app does not quit."""
        if self.windows == [window] and self.fallback is not None:
            fallback, self.fallback = self.fallback, None
            fallback()

    # -- opening -----------------------------------------------------------------------

    def ask(self, parent: QWidget | None, title: str, text: str) -> bool:
        """A yes/no question; tests replace this."""
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def tell(self, parent: QWidget | None, title: str, text: str) -> None:
        """An error the user must see (and a terminal, if any); tests replace this."""
        print(f"error: {one_line(text)}", file=sys.stderr)
        QMessageBox.critical(parent, title, text)

    def window_of(self, path: Path) -> MainWindow | None:
        """The window that has this file, known by device and inode: a symlink, a hard
        link or a ``..`` path to an open file finds its window."""
        wanted = identity(path)
        for window in self.windows:
            if wanted is not None and window.document.store.identity == wanted:
                return window
        return None

    def open_path(self, path: Path, parent: QWidget | None = None) -> MainWindow | None:
        """Open a file in a new window (or raise the window that has it)."""
        path = Path(path)
        existing = self.window_of(path)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        try:
            store, lock, later = self._open_store(path, parent)
        except StoreError as exc:
            self.tell(parent, "Cannot open", str(exc))
            return None
        if store is None:
            return None
        try:
            first = self._first_reads(store, parent)
        except Exception as exc:  # SQLite opened it but cannot read it through
            self._release(store, lock, later)
            self.tell(parent, "Cannot open", f"{path.name} could not be read: {exc}")
            return None
        if first is None:  # the user cancelled: nothing was written
            self._release(store, lock, later)
            return None
        window = self._show(store, lock, first)
        if later is not None:
            check_later(self, window, later)
        return window

    def _first_reads(self, store: Store, parent: QWidget | None) -> dict[str, Any] | None:
        """The panels' first reads, on a loader thread with a progress dialog for a big
        file; an empty dict (the panels read for themselves) for a small one."""
        if store.path.stat().st_size < BACKGROUND_FROM_BYTES:
            return {}
        from ui.main_window import first_reads

        return read_in_background(store.path, first_reads(), parent)

    @staticmethod
    def _release(store: Store, lock: FileClaim | None, later: Later | None = None) -> None:
        store.close()
        if lock:
            lock.close()
        if later is not None:
            gate.remove_created(later.absent)

    def _open_store(self, path: Path, parent: QWidget | None
                    ) -> tuple[Store | None, FileClaim | None, Later | None]:
        """The Store, the app lock, and for a big file met for the first time what its
        checks after painting need (``ui.checking``); a Store of None: cancelled."""
        from db.connection import check_header

        version = check_header(path)  # not ours, newer, missing: refused before all else
        later = self._later(path, version)
        checked = True if later else self._checked_in_background(path, parent)
        if checked is None:  # cancelled: nothing was opened
            return None, None, None
        readonly = not is_writable(path)
        lock = None if readonly else hold_app_lock(path)
        if not readonly and lock is None:
            if not self.ask(parent, "File in use", f"{path.name} is open in another "
                            "Threadline window. Open it read-only?"):
                return None, None, None
            readonly = True
        if later is not None:
            later.writable = not readonly
            return self._open_read_only(path, lock, later), lock, later
        try:
            return Store.open(path, readonly=readonly, checked=checked), lock, None
        except ReadOnlyError:
            if lock:
                lock.close()
            return Store.open(path, readonly=True, checked=checked), None, None
        except BaseException:
            if lock:
                lock.close()
            raise

    @staticmethod
    def _later(path: Path, version: int) -> Later | None:
        """A big file not checked through yet is opened read-only, painted, then checked."""
        if path.stat().st_size < BACKGROUND_FROM_BYTES or not gate.can_check_later(path,
                                                                                    version):
            return None
        gate.check_sidecars(path)  # before any connection, even a read-only one
        return Later(gate.absent_sidecars(path))

    @staticmethod
    def _open_read_only(path: Path, lock: FileClaim | None, later: Later) -> Store:
        try:
            return Store.open(path, readonly=True, checked=True)
        except BaseException:
            if lock:
                lock.close()
            gate.remove_created(later.absent)
            raise

    @staticmethod
    def _checked_in_background(path: Path, parent: QWidget | None) -> bool | None:
        """Run a big file's integrity checks (seconds at a million events) on the loader
        thread, before anything opens it for writing; None if the user cancelled.

        True: checked here (``Store.open`` skips them); False: a small file, which
        ``Store.open`` checks itself.
        """
        if path.stat().st_size < BACKGROUND_FROM_BYTES:
            return False
        gate.check_sidecars(path)  # before any connection, even a read-only one
        step = Step("gate", "Checking the file", lambda conn: gate.check_read(conn, path))
        return read_in_background(path, [step], parent, title="Checking") is not None

    def _show(self, store: Store, lock: FileClaim | None,
              first: dict[str, Any] | None = None) -> MainWindow:
        from ui.main_window import MainWindow

        window = MainWindow(store, remember_layout=self.remember_layout, workspace=self,
                            first=first)
        self.windows.append(window)
        self._locks[id(window)] = lock
        add_file_actions(window, self)
        window.closed.connect(self._closed)  # no lambda holding the window alive
        window.installEventFilter(FileWatch(window, self))
        remember(store.path)
        window.show()
        return window

    def _closed(self, window: MainWindow) -> None:
        """Release the file at once; close the connection once the window is gone.

        The window is deleted by the event loop, on the GUI thread, rather than whenever
        the last reference to it happens to go (maybe on a worker thread's collection).

        Panels may still have a timer or a layout result queued; they are children of
        the window, so they are destroyed with it, before the connection closes.
        """
        if window in self.windows:
            self.windows.remove(window)
        lock = self._locks.pop(id(window), None)
        if lock:
            lock.close()
        store = window.document.store
        refused = window.refused_sidecars  # a refused file's: made by a read-only look
        window.destroyed.connect(lambda *_: (store.close(), gate.remove_created(refused)))
        window.deleteLater()

    def check_file(self, window: MainWindow) -> None:
        """Once, when a window finds its path now names another file or none: say that it
        no longer writes there and offer Save a Copy of what it shows."""
        store = window.document.store
        if getattr(window, "file_lost", False) or store.readonly:
            return
        try:
            store.check_same_file()
        except StoreError as exc:
            window.file_lost = True
            if self.ask(window, "File replaced or deleted", f"{exc}.\n\nSave a copy of "
                        "what this window shows?"):
                self.save_copy(window)

    # -- the File menu -------------------------------------------------------------------

    def choose_open(self, parent: QWidget | None = None) -> MainWindow | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Open database", _start_folder(),
                                              FILE_FILTER)
        return self.open_path(Path(name), parent) if name else None

    def new_file(self, parent: QWidget | None = None) -> MainWindow | None:
        name, _ = QFileDialog.getSaveFileName(parent, "New database", _start_folder(),
                                              FILE_FILTER)
        if not name:
            return None
        path = Path(name)
        if path.suffix == "":
            path = path.with_suffix(".threadline")
        try:
            Store.create(path).close()
        except StoreError as exc:
            self.tell(parent, "Cannot create", str(exc))
            return None
        return self.open_path(path, parent)

    def save_copy(self, window: MainWindow) -> Path | None:
        store = window.document.store
        name, _ = QFileDialog.getSaveFileName(window, "Save a copy as",
                                              str(store.path.with_name(
                                                  f"{store.path.stem} copy{store.path.suffix}")),
                                              FILE_FILTER, options=NO_OVERWRITE_QUESTION)
        if not name or confirm_output(window, Path(name), store.path, "Save a copy") is None:
            return None
        try:
            store.save_copy(Path(name))
        except StoreError as exc:
            self.tell(window, "Save a copy", str(exc))
            return None
        window.statusBar().showMessage(f"Saved a copy as {name}", 5000)
        return Path(name)


class FileWatch(QObject):
    """Checks a window's file each time the window is activated (``Workspace.check_file``):
    a sync tool may have replaced it, or someone deleted it, meanwhile."""

    def __init__(self, window: MainWindow, workspace: Workspace) -> None:
        super().__init__(window)
        self.workspace = workspace

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self.workspace.check_file(watched)  # type: ignore[arg-type]
        return False


def _start_folder() -> str:
    last = last_file()
    return str(last.parent) if last else str(Path.home())


def add_file_actions(window: MainWindow, workspace: Workspace) -> None:
    """New, Open, Open Recent, Save a Copy As and Close, at the top of the File menu."""
    from PySide6.QtGui import QAction, QKeySequence

    menu = window.file_menu
    first = menu.actions()[0] if menu.actions() else None

    def action(text: str, slot, key: QKeySequence.StandardKey | None, tip: str) -> QAction:
        item = QAction(text, window)
        if key is not None:
            item.setShortcut(QKeySequence(key))
        item.setToolTip(tip)
        item.setStatusTip(tip)
        item.triggered.connect(slot)
        menu.insertAction(first, item)
        return item

    keys = QKeySequence.StandardKey
    window.new_file_action = action("&New database…", lambda: workspace.new_file(window),
                                    keys.New, "Create an empty database in a new window")
    window.open_action = action("&Open…", lambda: workspace.choose_open(window), keys.Open,
                                "Open a database in a new window")
    recent = menu.insertMenu(first, window.recent_menu).menu()
    recent.aboutToShow.connect(lambda: _fill_recent(window, workspace))
    window.save_copy_action = action("Save a &Copy As…", lambda: workspace.save_copy(window),
                                     keys.SaveAs, "Write a copy of this database "
                                     "(consistent even while it is open)")
    window.close_action = action("&Close", window.close, keys.Close, "Close this database")
    menu.insertSeparator(first)


def _fill_recent(window: MainWindow, workspace: Workspace) -> None:
    menu = window.recent_menu
    menu.clear()
    files = [p for p in recent_files() if p.exists()]
    for path in files:
        item = menu.addAction(path.name)
        item.setToolTip(str(path))
        item.setStatusTip(str(path))
        item.triggered.connect(lambda _checked=False, p=path: workspace.open_path(p, window))
    if not files:
        menu.addAction("No recent files").setEnabled(False)
