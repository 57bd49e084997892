"""What supports each event, read after the first paint when the file is big.

The support of every event (distinct sources, best grade: ``db.evidence``) is one GROUP BY
over the citations: a few milliseconds for the sample, seconds at a million events. A
big file's table comes without it (``db.tables.SUPPORT_INLINE_LIMIT``), the timeline is
painted, and the support is read here on a worker thread with its own read-only
connection; the marks take their evidence styles when it arrives. Until then they are
drawn plain, as in a file that cites nothing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from db.evidence import read_support_arrays
from db.tables import SUPPORT_INLINE_LIMIT
from ui.opening import BackgroundRead, Step


class SupportLoader:
    """Mixin of ``TimelinePanel``: ``_load_support_later`` after a table is applied."""

    _support_job: BackgroundRead | None = None
    _support_again = False  # citations changed while the worker read: read once more

    def reread_support(self) -> None:
        """Citations or sources changed (one added, a source graded again or deleted):
        read what supports every event again, at once for a small file, on the worker
        thread for a big one (the marks keep their old styles until it arrives)."""
        table = self._table  # type: ignore[attr-defined]
        if not len(table):
            return
        if len(table) > SUPPORT_INLINE_LIMIT:
            self._load_support_later(again=True)
            return
        support = self.document.store.read(  # type: ignore[attr-defined]
            lambda conn: read_support_arrays(conn, "event"))
        sources, best = support.for_ids(table.ids)
        self._table = replace(table, sources=sources, best=best)  # type: ignore[attr-defined]
        self.support_arrived()

    def _load_support_later(self, again: bool = False) -> None:
        table = self._table  # type: ignore[attr-defined]
        if self._support_job:
            self._support_again = self._support_again or again
            return
        if not len(table) or (len(table.sources) == len(table) and not again):
            return
        job = BackgroundRead(Path(self.document.store.path),  # type: ignore[attr-defined]
                             [Step("support", "Reading what supports each event",
                                   lambda conn: read_support_arrays(conn, "event"))])
        job.setParent(self)  # type: ignore[arg-type]
        job.finished.connect(lambda: self._support_read(job))
        self.destroyed.connect(job.job.cancel)  # type: ignore[attr-defined]
        self._support_job = job
        job.start()

    def _support_read(self, job: BackgroundRead) -> None:
        self._support_job = None
        job.deleteLater()
        if job.job.cancelled or job.job.error is not None:
            return  # drawn plain, as before; the next full read tries again
        sources, best = job.job.results["support"].for_ids(self._table.ids)  # type: ignore[attr-defined]
        self._table = replace(self._table, sources=sources, best=best)  # type: ignore[attr-defined]
        self.support_arrived()
        if self._support_again:
            self._support_again = False
            self._load_support_later(again=True)

    def support_arrived(self) -> None:
        """Draw the marks again with their evidence (the panel's frame), and name the weak
        grade in the key if one is drawn."""
        self.toolbar.legend.show_weak(self.evidence.weak_laid_out())  # type: ignore[attr-defined]
        self._refresh_frame()  # type: ignore[attr-defined]
