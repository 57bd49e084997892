"""The kinds of record a Threadline file holds, as one enum.

A ``StrEnum``: each member equals, hashes and is stored as its plain string ("event",
"entity", ...), so values already in files, signals and dictionaries keyed by those
strings keep working while new code names the kind instead of spelling it.
"""

from __future__ import annotations

from enum import StrEnum


class RecordKind(StrEnum):
    """What a record is; ``table`` is where the Store keeps records of that kind."""

    EVENT = "event"
    ENTITY = "entity"
    RELATIONSHIP = "relationship"
    SOURCE = "source"
    CITATION = "citation"

    @property
    def table(self) -> str:
        return _TABLES[self]

    @classmethod
    def of_table(cls, table: str) -> RecordKind:
        """The kind whose records live in ``table`` (ValueError for any other table)."""
        for kind, name in _TABLES.items():
            if name == table:
                return kind
        raise ValueError(f"no kind of record is kept in {table!r}")


_TABLES: dict[RecordKind, str] = {
    RecordKind.EVENT: "events", RecordKind.ENTITY: "entities",
    RecordKind.RELATIONSHIP: "relationships", RecordKind.SOURCE: "sources",
    RecordKind.CITATION: "citations",
}
