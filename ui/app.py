"""Start the Qt application: pick the file, open it, show (or screenshot) the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

APP_NAME = "Threadline"
ORG_NAME = "Threadline"
ORG_DOMAIN = "threadline.app"
DESKTOP_ID = "app.threadline.Threadline"
SCREENSHOT_SIZE = (1600, 1000)


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
    return app


def default_database_path() -> Path:
    """The user's own copy of the sample, in the platform's app data folder."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    return folder / "threadline.db"


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
    from db.lookup import find_record
    from db.store import Store
    from ui.files import Workspace, last_file
    from ui.main_window import MainWindow

    app = make_application()
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
    if workspace.open_path(path) is None:
        if path == default_database_path():
            return 2
        workspace.open_path(ensure_default_database())  # the app stays usable
        if not workspace.windows:
            return 2
    app.setQuitOnLastWindowClosed(True)
    return app.exec()


def _screenshot(app: QApplication, window: object, out: Path) -> int:
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    result = {"ok": False}

    def grab() -> None:
        result["ok"] = window.grab().save(str(out), "PNG")
        app.quit()

    QTimer.singleShot(300, grab)
    app.exec()
    if not result["ok"]:
        QMessageBox.critical(None, APP_NAME, f"Could not write {out}")
        return 1
    return 0
