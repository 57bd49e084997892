"""What one write did, as a value every front end can read (the ``Changes`` of an op).

A write (``db.ops``), its undo and its redo each produce one ``Changes``: which records
of which kind were added, updated or deleted, and by which action, so a panel refreshes
only what it shows and can recognise its own echo (``origin``). ``record_id`` is the
record the action was about (the one a dialog saved, to select it); ``counts`` what an
import added, by collection; ``undo`` the statements that reverse the write
(``db.journal``), which the undo stack keeps and a command line ignores. The per-kind sets
(``events``, ``entities``, ...) are every record touched in any way, which is what most
panels need; ``everything`` means "re-read it all" (a file was opened or imported).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from models.kinds import RecordKind

Ids = frozenset[int]
NONE: Ids = frozenset()


@dataclass(frozen=True)
class Changes:
    """Records a write touched, by kind; see the module's docstring."""

    events: Ids = NONE
    entities: Ids = NONE
    relationships: Ids = NONE
    sources: Ids = NONE
    citations: Ids = NONE
    everything: bool = False
    added: Mapping[RecordKind, Ids] = field(default_factory=dict)
    updated: Mapping[RecordKind, Ids] = field(default_factory=dict)
    deleted: Mapping[RecordKind, Ids] = field(default_factory=dict)
    action: str = ""
    origin: object = None
    record_id: int | None = None
    counts: Mapping[str, int] = field(default_factory=dict)
    undo: Sequence[str] = ()

    @classmethod
    def all(cls, action: str = "") -> Changes:
        return cls(everything=True, action=action)

    @classmethod
    def of(cls, added: Mapping[RecordKind, Ids], updated: Mapping[RecordKind, Ids],
           deleted: Mapping[RecordKind, Ids], action: str = "",
           origin: object = None) -> Changes:
        """Changes from what was added, updated and deleted; the per-kind sets follow."""
        touched = {kind.table: added.get(kind, NONE) | updated.get(kind, NONE)
                   | deleted.get(kind, NONE) for kind in RecordKind}
        return cls(**touched, added=dict(added), updated=dict(updated),
                   deleted=dict(deleted), action=action, origin=origin)

    def touched(self, kind: RecordKind | str) -> Ids:
        """Every record of ``kind`` this write touched."""
        return getattr(self, RecordKind(kind).table)
