"""File ▸ Import Threadline JSON…: every record of a file, all or nothing, as one undo step.

The import runs on the UI thread (the undo journal records the window's own connection),
so it reports progress and asks whether it was cancelled every ``PROGRESS_EVERY``
records, and while its long statements run; both process pending events, so the
progress dialog repaints and its Cancel button works. Cancel rolls everything back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from db.cancel import ImportCancelled
from db.errors import StoreError, ValidationError
from ui.document import Document
from ui.opening import dismiss

SHOW_AFTER_MS = 300


def ask_json_path(parent: QWidget | None) -> Path | None:
    """Ask for a Threadline JSON file (replaced in tests); None if cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, "Import Threadline JSON", "",
                                          "Threadline JSON (*.json);;All files (*)")
    return Path(name) if name else None


def show_problems(parent: QWidget | None, text: str, problems: list[str]) -> None:
    """Tell the user why nothing was imported, every problem in the details."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Import", text, QMessageBox.StandardButton.Ok,
                      parent)
    if problems:
        box.setDetailedText("\n".join(problems))
    box.exec()


def import_json(window: object, path: Path | None = None) -> dict[str, int] | None:
    """The counts added, or None if nothing was (cancelled, refused, or no file chosen)."""
    parent = window if isinstance(window, QWidget) else None
    document: Document = window.document  # type: ignore[attr-defined]
    path = path or ask_json_path(parent)
    if path is None:
        return None
    dialog = _progress_dialog(parent, path)
    try:
        return _run(document, path, dialog)
    except ImportCancelled:
        return None
    except StoreError as exc:
        failure = exc
    finally:
        dismiss(dialog)
    if isinstance(failure, ValidationError) and len(failure.problems) > 1:
        show_problems(parent, f"Nothing was imported from {path.name}: "
                      f"{len(failure.problems)} problems.", failure.problems)
    else:
        show_problems(parent, f"Nothing was imported from {path.name}: {failure}", [])
    return None


def _run(document: Document, path: Path, dialog: QProgressDialog) -> dict[str, int]:
    from db import ops

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        dialog.setLabelText(f"Checked {done:,} of {total:,} records of {path.name}…"
                            if done < total else f"Writing {total:,} records…")
        QApplication.processEvents()

    def cancelled() -> bool:
        QApplication.processEvents()
        return dialog.wasCanceled()

    changes = document.apply(lambda store: ops.import_json(store, path, path.name, progress,
                                                           cancelled))
    return dict(changes.counts)


def _progress_dialog(parent: QWidget | None, path: Path) -> QProgressDialog:
    dialog = QProgressDialog(f"Reading {path.name}…", "Cancel", 0, 1, parent)
    dialog.setWindowTitle("Import Threadline JSON")
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName("Import progress")
    return dialog
