"""Where an export from a window may land: asked before replacing, refused on the database.

The command line refuses a Threadline database as output unless ``--force`` is given
(``db.export.atomic.guard_output``); a window asks instead. The open database and its
``-wal``/``-shm``/``-journal`` (by any path: a link, ``..``) are refused outright; another
Threadline database, or one of its sidecars, is replaced only if the user says so, and
any other existing file only once the user agreed to replace it. The file dialogs are
told not to ask themselves (a suffix added afterwards names another file).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from db.export.atomic import ExportError, guard_output

NO_OVERWRITE_QUESTION = QFileDialog.Option.DontConfirmOverwrite


def confirm_output(parent: QWidget | None, path: Path, database: Path,
                   title: str) -> bool | None:
    """None: write nothing (refused, or the user said no). Otherwise the ``force`` to
    write with: True once the user agreed to replace another Threadline database."""
    try:
        guard_output(path, database, force=True)
    except ExportError as exc:
        QMessageBox.warning(parent, title, f"Nothing was exported: {exc}.")
        return None
    try:
        guard_output(path, database)
    except ExportError as exc:
        question = (f"{exc}.\n\nReplace it with this export? The records it holds would be "
                    "lost.")
        return True if _yes(parent, title, question) else None
    if path.exists() or path.is_symlink():
        if path.is_dir():
            QMessageBox.warning(parent, title, f"Nothing was exported: {path} is a folder.")
            return None
        return False if _yes(parent, title, f"{path.name} already exists. Replace it?") else None
    return False


def _yes(parent: QWidget | None, title: str, text: str) -> bool:
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
