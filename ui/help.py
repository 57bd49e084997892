"""Help texts: the keyboard shortcuts list and the About box."""

from __future__ import annotations

from html import escape

from db.store import Store

SHORTCUTS = [
    ("Ctrl+F", "Search everything"),
    ("Alt+Left / Alt+Right", "Back / Forward through what was shown"),
    ("Ctrl+1 / 2 / 3 / 4", "Go to the Browser / Timeline / Relationships / Detail panel"),
    ("Tab / Shift+Tab", "Next / previous control; arrows move within a table"),
    ("Home", "Timeline: fit all events"),
    ("+ / −  or  Ctrl+= / Ctrl+−", "Timeline: zoom in / out"),
    ("Left / Right", "Timeline: pan"),
    ("Mouse wheel, drag", "Zoom about the cursor, pan"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / Redo"),
    ("Ctrl+Shift+N", "New source (paste an article to find its events and names)"),
    ("Ctrl+E / Ctrl+R", "New event / New relationship"),
    ("Enter, double-click", "Edit the selected record"),
    ("Delete", "Delete the selected record (asks first; undoable)"),
    ("Ctrl+Q", "Quit"),
]


def shortcuts_html() -> str:
    rows = "".join(f"<tr><td><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>"
                   for keys, what in SHORTCUTS)
    return f"<table cellspacing='6'>{rows}</table>"


def about_text() -> str:
    """The app's version and those of the libraries it stands on."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    import igraph
    import numpy
    import pyqtgraph
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    try:
        own = version("threadline")
    except PackageNotFoundError:
        own = "development copy"
    sqlite = Store.sqlite_version()
    libraries = (f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 "
                 f"{pyside_version} · pyqtgraph {pyqtgraph.__version__} · igraph "
                 f"{igraph.__version__} · numpy {numpy.__version__} · SQLite {sqlite}")
    return ("<h3>Threadline</h3><p>Timelines and relationships of events, people and "
            "organizations, with the sources behind every fact. Works offline.</p>"
            f"<p>Version {own}</p><p>{libraries}</p>")
