"""Running a named operation of ``db.ops``: one journaled transaction, one ``Changes``.

``run`` is what every operation goes through; ``write_citations`` makes a record's (or a
claim's) citations a given list with the fewest writes. ``db.ops`` re-exports both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from db.journal import Journal
from db.store import Store
from models.changes import Changes
from models.edits import CitationDraft
from models.kinds import RecordKind
from models.records import Citation

Op = Callable[[Store], Changes]


def changes_of(journal: Journal, action: str = "", record_id: int | None = None,
               counts: Mapping[str, int] | None = None) -> Changes:
    """The Changes a journaled write (or its undo, or its redo) made."""

    def by_kind(tables: dict[str, set[int]]) -> dict[RecordKind, frozenset[int]]:
        return {kind: frozenset(tables[kind.table]) for kind in RecordKind
                if tables.get(kind.table)}

    changes = Changes.of(by_kind(journal.added), by_kind(journal.updated),
                         by_kind(journal.deleted), action=action)
    return replace(changes, record_id=record_id, counts=dict(counts or {}),
                   undo=journal.statements, everything=journal.everything)


def run(store: Store, action: str, write: Callable[[], int | None],
        counts: Callable[[], Mapping[str, int]] | None = None) -> Changes:
    """Run ``write`` in one journaled transaction; it returns the record it was about."""
    with store.journaled() as journal:
        record_id = write()
    return changes_of(journal, action, record_id, counts() if counts else None)


def write_citations(store: Store, kind: RecordKind | str, record_id: int,
                    wanted: Sequence[CitationDraft] | None) -> None:
    """Make the record's citations those of ``wanted`` with the fewest writes: delete the
    ones no longer listed, update the changed ones, add the new ones (so unchanged
    citations keep their ids and leave no undo history). None leaves them as they are."""
    if wanted is None:
        return
    existing = {c.id: c for c in store.citations_for(kind, record_id)}
    kept = {draft.id for draft in wanted if draft.id in existing}
    for citation_id in existing:
        if citation_id not in kept:
            store.delete_citation(citation_id)
    for draft in wanted:
        citation = Citation(draft.source_id, str(kind), record_id,  # type: ignore[arg-type]
                            draft.locator, draft.excerpt, draft.confidence,
                            id=draft.id if draft.id in existing else None)
        if citation.id is None:
            store.add_citation(citation)
        elif citation != existing[citation.id]:
            store.update_citation(citation)
