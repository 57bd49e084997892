"""Opening an article from a file in the source dialog: a saved web page, a PDF, a Word
file or plain text becomes the source's text (kept with the source), and the file's
title the source's title when none was typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from models.intake.reading import SUFFIXES, Article, ArticleError, read_article

FILTER = (f"Articles ({' '.join('*' + s for s in SUFFIXES)});;Web pages (*.html *.htm);;"
          "PDF (*.pdf);;Word (*.docx);;Text (*.txt *.md)")


def choose_article(parent: QWidget) -> Path | None:
    """Ask for an article file; None when the user cancels."""
    name, _ = QFileDialog.getOpenFileName(parent, "Open an article", "", FILTER)
    return Path(name) if name else None


def load(path: Path) -> tuple[Article | None, str]:
    """(the article, "") or (None, why it cannot be read)."""
    try:
        return read_article(path), ""
    except ArticleError as exc:
        return None, str(exc)
