"""Writes of the Store: add, update and delete each kind of record.

Each public method validates its record (``db.rows``), checks that the records it refers
to exist (so the message names them, rather than SQLite's bare "FOREIGN KEY constraint
failed") and runs in one transaction. A record given with an ``id`` is written with that
id, which is how undo puts a deleted record back exactly as it was.

What a delete takes with it is defined by the schema's ``ON DELETE CASCADE``:
participants, relationships, citations, tags and positions of the deleted record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from db import rows
from db.errors import NotFoundError, ValidationError
from db.storebase import StoreBase
from models.kinds import RecordKind
from models.records import Citation, Entity, Event, Relationship, Source


def _merged(keep: Entity, drop: Entity) -> Entity:
    """``keep`` with ``drop``'s names as aliases and its description if ``keep`` has none."""
    names = [*keep.aliases, drop.name, *drop.aliases]
    native = keep.native_name or drop.native_name
    if drop.native_name and drop.native_name != native:
        names.append(drop.native_name)
    taken = {keep.name.casefold(), native.casefold()}
    aliases = []
    for name in names:
        if name.strip() and name.casefold() not in taken:
            taken.add(name.casefold())
            aliases.append(name)
    note = f"Merged with ‘{drop.name}’."
    return Entity(
        kind=keep.kind, name=keep.name, native_name=native, aliases=aliases,
        description=keep.description or drop.description,
        date=keep.date or drop.date, end_date=keep.end_date if keep.date else drop.end_date,
        notes="\n".join(n for n in (keep.notes, drop.notes, note) if n.strip()),
        id=keep.id,
    )

if TYPE_CHECKING:
    pass


class StoreWrites(StoreBase):
    """Mixin of ``Store``: every method that changes the file."""

    # -- helpers -----------------------------------------------------------------------

    def _insert(self, table: str, row: dict[str, Any], record_id: int | None) -> int:
        if record_id is not None:
            row = {"id": record_id, **row}
        columns = ", ".join(row)
        marks = ", ".join("?" * len(row))
        cursor = self.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values())
        )
        return int(cursor.lastrowid if record_id is None else record_id)

    def _update(self, table: str, row: dict[str, Any], record_id: int | None) -> None:
        if record_id is None:
            raise ValidationError(f"cannot update a record of {table} without its id")
        sets = ", ".join(f"{column} = ?" for column in row)
        cursor = self.conn.execute(
            f"UPDATE {table} SET {sets} WHERE id = ?", [*row.values(), record_id]
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"no record {record_id} in {table}")

    def _delete(self, table: str, record_id: int) -> None:
        cursor = self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])
        if cursor.rowcount == 0:
            raise NotFoundError(f"no record {record_id} in {table}")

    def _require(self, kind: str, record_id: int, what: str) -> None:
        if not isinstance(record_id, int) or not self.exists(kind, record_id):
            raise ValidationError(f"{what} refers to {kind} {record_id!r}, which does not exist")

    # -- sources -----------------------------------------------------------------------

    def add_source(self, source: Source) -> int:
        row = rows.source_row(source)
        with self.transaction():
            return self._insert("sources", row, source.id)

    def update_source(self, source: Source) -> None:
        row = rows.source_row(source)
        with self.transaction():
            self._update("sources", row, source.id)

    def delete_source(self, source_id: int) -> None:
        """Delete a source and the citations of it."""
        with self.transaction():
            self._delete("sources", source_id)

    # -- entities ----------------------------------------------------------------------

    def add_entity(self, entity: Entity) -> int:
        row = rows.entity_row(entity)
        with self.transaction():
            return self._insert("entities", row, entity.id)

    def update_entity(self, entity: Entity) -> None:
        row = rows.entity_row(entity)
        with self.transaction():
            self._update("entities", row, entity.id)

    def delete_entity(self, entity_id: int) -> None:
        """Delete an entity, its participation in events, its relationships and citations."""
        with self.transaction():
            self._delete("entities", entity_id)

    # -- events ------------------------------------------------------------------------

    def add_event(self, event: Event) -> int:
        row = rows.event_row(event)
        with self.transaction():
            event_id = self._insert("events", row, event.id)
            self._write_participants_and_tags(event_id, event)
            return event_id

    def update_event(self, event: Event) -> None:
        row = rows.event_row(event)
        with self.transaction():
            self._update("events", row, event.id)
            assert event.id is not None
            self.conn.execute("DELETE FROM event_participants WHERE event_id = ?", [event.id])
            self.conn.execute("DELETE FROM event_tags WHERE event_id = ?", [event.id])
            self._write_participants_and_tags(event.id, event)

    def delete_event(self, event_id: int) -> None:
        """Delete an event with its participants, tags and citations."""
        with self.transaction():
            self._delete("events", event_id)

    def _write_participants_and_tags(self, event_id: int, event: Event) -> None:
        for participant in event.participants:
            self._require(RecordKind.ENTITY, participant.entity_id,
                          f"a participant of {event.title!r}")
        self.conn.executemany(
            "INSERT OR IGNORE INTO event_participants (event_id, entity_id, role) "
            "VALUES (?, ?, ?)",
            [(event_id, p.entity_id, (p.role or "").strip()) for p in event.participants],
        )
        for tag in dict.fromkeys(t.strip() for t in event.tags if t.strip()):
            tag_id = self._tag_id(tag)
            self.conn.execute(
                "INSERT OR IGNORE INTO event_tags (event_id, tag_id) VALUES (?, ?)",
                [event_id, tag_id],
            )

    def _tag_id(self, name: str) -> int:
        self.conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", [name])
        found = self.conn.execute("SELECT id FROM tags WHERE name = ?", [name]).fetchone()
        return int(found[0])

    # -- relationships -----------------------------------------------------------------

    def add_relationship(self, rel: Relationship) -> int:
        row = rows.relationship_row(rel)
        with self.transaction():
            self._require_ends(rel)
            return self._insert("relationships", row, rel.id)

    def update_relationship(self, rel: Relationship) -> None:
        row = rows.relationship_row(rel)
        with self.transaction():
            self._require_ends(rel)
            self._update("relationships", row, rel.id)

    def delete_relationship(self, relationship_id: int) -> None:
        """Delete a relationship and its citations."""
        with self.transaction():
            self._delete("relationships", relationship_id)

    def _require_ends(self, rel: Relationship) -> None:
        self._require(RecordKind.ENTITY, rel.from_id, f"relationship {rel.kind!r}")
        self._require(RecordKind.ENTITY, rel.to_id, f"relationship {rel.kind!r}")

    # -- citations ---------------------------------------------------------------------

    def add_citation(self, citation: Citation) -> int:
        row = rows.citation_row(citation)
        with self.transaction():
            self._require_cited(citation)
            return self._insert("citations", row, citation.id)

    def update_citation(self, citation: Citation) -> None:
        row = rows.citation_row(citation)
        with self.transaction():
            self._require_cited(citation)
            self._update("citations", row, citation.id)

    def delete_citation(self, citation_id: int) -> None:
        with self.transaction():
            self._delete("citations", citation_id)

    def _require_cited(self, citation: Citation) -> None:
        self._require(RecordKind.SOURCE, citation.source_id, "a citation")
        self._require(citation.target_type, citation.target_id, "a citation")

    # -- merging -----------------------------------------------------------------------

    def merge_entities(self, keep_id: int, drop_id: int) -> None:
        """Fold ``drop`` into ``keep``: its events, relationships and citations move over,
        its names become aliases of ``keep``, then ``drop`` is deleted. A relationship
        between the two would join ``keep`` to itself and is removed.
        """
        if keep_id == drop_id:
            raise ValidationError("choose two different entities to merge")
        with self.transaction():
            keep, drop = self._entity_pair(keep_id, drop_id)
            self.conn.execute(
                "DELETE FROM relationships WHERE (from_id = ? AND to_id = ?) "
                "OR (from_id = ? AND to_id = ?)", [keep_id, drop_id, drop_id, keep_id])
            for sql in ("UPDATE OR IGNORE event_participants SET entity_id = :k "
                        "WHERE entity_id = :d",
                        "UPDATE relationships SET from_id = :k WHERE from_id = :d",
                        "UPDATE relationships SET to_id = :k WHERE to_id = :d",
                        "UPDATE citations SET entity_id = :k WHERE entity_id = :d"):
                self.conn.execute(sql, {"k": keep_id, "d": drop_id})
            self._delete("entities", drop_id)
            self._update("entities", rows.entity_row(_merged(keep, drop)), keep_id)

    def _entity_pair(self, keep_id: int, drop_id: int) -> tuple[Entity, Entity]:
        found = {}
        for entity_id in (keep_id, drop_id):
            row = self.conn.execute("SELECT * FROM entities WHERE id = ?", [entity_id])
            names = [d[0] for d in row.description]
            values = row.fetchone()
            if values is None:
                raise NotFoundError(f"no entity with id {entity_id}")
            found[entity_id] = rows.entity_from(dict(zip(names, values, strict=True)))
        return found[keep_id], found[drop_id]

    # -- what a delete takes with it ----------------------------------------------------

    def dependents(self, kind: str, record_id: int) -> dict[str, int]:
        """How many records a delete of this one would remove or unlink, by what they are."""
        queries = {
            RecordKind.ENTITY: {
                "event participations": "SELECT count(*) FROM event_participants "
                                        "WHERE entity_id = ?",
                "relationships": "SELECT count(*) FROM relationships "
                                 "WHERE from_id = ?1 OR to_id = ?1",
                "citations": "SELECT count(*) FROM citations WHERE entity_id = ?",
            },
            RecordKind.EVENT: {
                "participants": "SELECT count(*) FROM event_participants WHERE event_id = ?",
                "citations": "SELECT count(*) FROM citations WHERE event_id = ?",
                "other claims": "SELECT count(*) FROM claims WHERE event_id = ?",
            },
            RecordKind.RELATIONSHIP: {
                "citations": "SELECT count(*) FROM citations WHERE relationship_id = ?",
                "other claims": "SELECT count(*) FROM claims WHERE relationship_id = ?",
            },
            RecordKind.SOURCE: {
                "citations": "SELECT count(*) FROM citations WHERE source_id = ?",
                "records left without any source": """
                    SELECT count(*) FROM (SELECT event_id, entity_id, relationship_id, claim_id
                        FROM citations c WHERE source_id = ?1 GROUP BY 1, 2, 3, 4
                        HAVING NOT EXISTS (SELECT 1 FROM citations o WHERE o.source_id <> ?1
                            AND o.event_id IS c.event_id AND o.entity_id IS c.entity_id
                            AND o.relationship_id IS c.relationship_id
                            AND o.claim_id IS c.claim_id))""",
            },
        }[RecordKind(kind)]
        return {what: int(self.conn.execute(sql, [record_id]).fetchone()[0])
                for what, sql in queries.items()}

    # -- graph positions ---------------------------------------------------------------

    def set_positions(self, positions: dict[int, tuple[float, float, bool]]) -> None:
        """Save graph positions (entity id -> x, y, pinned) in one transaction."""
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO entity_positions (entity_id, x, y, pinned) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (entity_id) DO UPDATE SET x = excluded.x, y = excluded.y, "
                "pinned = excluded.pinned",
                [(e, float(x), float(y), int(p)) for e, (x, y, p) in positions.items()],
            )
