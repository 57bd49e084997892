"""Start the Qt application: pick the file, open it, show (or screenshot) the main window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStandardPaths, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

APP_NAME = "Threadline"
ORG_NAME = "Threadline"
ORG_DOMAIN = "threadline.app"
DESKTOP_ID = "app.threadline.Threadline"
SCREENSHOT_SIZE = (1600, 1000)
GC_INTERVAL_MS = 1000


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the names QSettings and QStandardPaths are keyed on."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(DESKTOP_ID)
    collect_on_gui_thread(app)
    return app


class GuiThreadCollector(QObject):
    """Python's cyclic garbage collector, run only here, on the GUI thread.

    Automatic collection runs on whichever thread happens to allocate: a graph layout or
    a loader thread could then free Qt objects left in cycles, holding the GIL while Qt
    holds its own lock on the GUI thread, and the app hangs or crashes. So automatic
    collection is off and a timer collects, generation by generation, when the counts
    pass the usual thresholds; pyqtgraph's ``GarbageCollector`` does the same.
    """

    def __init__(self, parent: QObject, interval_ms: int = GC_INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(interval_ms)

    def collect_due(self) -> None:
        collect_due(self.thresholds)


def collect_due(thresholds: tuple[int, int, int]) -> None:
    """Collect the generations whose counts passed their thresholds, as the automatic
    collector would (a younger one first; an older one only if the younger was due)."""
    counts = gc.get_count()
    for generation in range(3):
        if counts[generation] <= thresholds[generation]:
            return
        gc.collect(generation)


def delete_closed_objects() -> None:
    """Delete now what ``deleteLater`` scheduled, then collect, here on the GUI thread.

    Outside a running event loop (after ``exec`` returns, between tests) deferred
    deletions wait for the next loop; run them before the application itself goes, so
    no Qt object outlives it to be freed by the interpreter's last collections.
    """
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def collect_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """Install the one collector of ``app`` (again: the one already there)."""
    found = app.findChild(GuiThreadCollector)
    return found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)


def default_database_path() -> Path:
    """The user's own copy of the sample, in the platform's app data folder."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    return folder / "threadline.db"


def verified_files_path() -> Path:
    """Where the files this machine has checked through are remembered (``db.verified``)."""
    return default_database_path().with_name("verified-files.json")


def ensure_default_database() -> Path:
    """Build the sample into the app data folder unless a copy is already there."""
    from db.sample import build_sample

    path = default_database_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_sample(path)
    return path


def run_gui(path: Path | None, screenshot: Path | None = None,
            select: str | None = None) -> int:
    """Open ``path`` (or the last file, or the default database); the app's exit code.

    ``screenshot``: picture the window in OUT.png and quit, with the record ``select``
    names (``KIND:NAME-OR-ID``, ``db.lookup``) selected, as the README's picture is made.
    """
    from db import verified
    from db.lookup import find_record
    from db.store import Store
    from ui.files import Workspace, last_file
    from ui.main_window import MainWindow

    app = make_application()
    verified.use_registry(verified_files_path())
    icon = Path(__file__).resolve().parent.parent / "resources" / "icons" / "threadline.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    if screenshot is not None:
        store = Store.open(path or ensure_default_database())
        record = find_record(store, select) if select else None
        window = MainWindow(store, remember_layout=False)
        if record is not None:
            window.document.selection.select(*record)
        return _screenshot(app, window, screenshot)
    workspace = Workspace()
    if path is None:
        last = last_file()
        path = last if last is not None and last.exists() else ensure_default_database()
    if path != default_database_path():  # refused only after it showed: stay usable
        workspace.fallback = lambda: workspace.open_path(ensure_default_database())
    if workspace.open_path(path) is None:
        if path == default_database_path():
            return 2
        workspace.open_path(ensure_default_database())  # the app stays usable
        if not workspace.windows:
            return 2
    app.setQuitOnLastWindowClosed(True)
    status = app.exec()
    delete_closed_objects()
    return status


def _screenshot(app: QApplication, window: object, out: Path) -> int:
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    result = {"ok": False}

    def grab() -> None:
        result["ok"] = _save_png(window, out)
        app.quit()

    QTimer.singleShot(300, grab)
    app.exec()
    if not result["ok"]:
        QMessageBox.critical(None, APP_NAME, f"Could not write {out}")
        return 1
    return 0


def _save_png(window: object, out: Path) -> bool:
    """The window's picture written whole under a temporary name, then renamed into
    place, as every other output is (``db.export.atomic``)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtWidgets import QWidget

    from db.export.atomic import ExportError, atomic_file

    assert isinstance(window, QWidget)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not window.grab().save(buffer, "PNG"):
        return False
    try:
        with atomic_file(out, binary=True) as handle:
            handle.write(bytes(data))
    except ExportError:
        return False
    return True
