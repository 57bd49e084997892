"""Competing claims: the alternative and rejected values of an event or a relationship.

An event's date, or a relationship's kind and dates, may be asserted differently by
different sources. The record's own row holds the preferred claim, so the timeline, the
graph and every query read it exactly as before; the ``claims`` table holds the others,
each with citations of its own (``citations.claim_id``). Preferring a claim swaps its
values with the record's: the record takes the claim's values and the citations that
back them, and the claim keeps the values the record held, as an alternative. The
record's citations stay with it, since most support the record as a whole (its title,
its people), except those the caller names as backing the values set aside: they go
with those values to the claim (the user ticks them when making a claim preferred).

Every write here runs inside the caller's transaction, so ``db.journal`` records it
and an undo restores claims, records and citations exactly.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from db import rows
from db.errors import NotFoundError, ValidationError
from db.evidence import RANK_SQL as _RANK
from db.evidence import rank_code
from db.storebase import StoreBase
from models.dates import iso_from_jdn
from models.records import CLAIM_TARGETS, Claim

if TYPE_CHECKING:
    pass

# The columns a claim shares with its record, swapped when it is preferred.
SWAPPED: dict[str, tuple[str, ...]] = {
    "event": ("date", "end_date", "earliest", "latest", "core_start", "core_end"),
    "relationship": ("kind", "date", "end_date", "earliest", "latest", "core_start",
                     "core_end"),
}
_TABLE = {"event": "events", "relationship": "relationships"}
_ORDER = "ORDER BY status = 'rejected', earliest IS NULL, earliest, id"


@dataclass(frozen=True)
class AlternativeMark:
    """An event's alternative date as the timeline draws it, with its best citation."""

    event_id: int
    claim_id: int
    earliest: int
    latest: int
    date: str
    end_date: str
    source: str  # title of the best-graded source citing it, '' when uncited
    grade: str  # that citation's Admiralty code ("B2"), '' when ungraded

    def describe(self) -> str:
        """'alternative date: 17 August 2023 (Source B, B2)' for a tooltip."""
        written = f"{self.date} – {self.end_date}" if self.end_date else self.date
        cited = ", ".join(p for p in (self.source, self.grade) if p)
        return f"alternative date: {written}" + (f" ({cited})" if cited else "")


def claim_json(c: Claim) -> dict[str, Any]:
    """A claim as the JSON format writes it (docs/json-format.md)."""
    def iso(day: int | None) -> str | None:
        return None if day is None else iso_from_jdn(day)

    return {"id": c.id, "target_type": c.target_type, "target_id": c.target_id,
            "status": c.status, "kind": c.kind, "date": c.date, "end_date": c.end_date,
            "earliest": iso(c.earliest), "latest": iso(c.latest), "note": c.note}


def claim_from_json(item: dict[str, Any], ref: Callable[[str, Any], int]) -> Claim:
    """A claim of a JSON document; ``ref(kind, file id)`` is its record's id in the file
    (``db.jsonio`` checks the keys first, ``rows.claim_row`` the values after)."""
    target_type = item["target_type"]
    if target_type not in CLAIM_TARGETS:
        raise ValidationError(f"a claim's target_type must be event or relationship, "
                              f"not {target_type!r}")
    texts = {k: "" if item.get(k) is None else item[k]
             for k in ("kind", "date", "end_date", "note")}
    return Claim(target_type, ref(target_type, item["target_id"]),
                 status="alternative" if item.get("status") is None else item["status"], **texts)


def _check_target(target_type: str) -> None:
    if target_type not in CLAIM_TARGETS:
        raise ValueError(f"claims are about events and relationships, not {target_type!r}")


class StoreClaims(StoreBase):
    """Mixin of ``Store``: reading and writing claims."""

    def claim_by_id(self, claim_id: int) -> Claim:
        found = list(self.db.query("SELECT * FROM claims WHERE id = ?", [claim_id]))
        if not found:
            raise NotFoundError(f"no claim with id {claim_id}")
        return rows.claim_from(found[0])

    def claims_for(self, target_type: str, target_id: int) -> list[Claim]:
        """The record's claims other than its own values: alternatives, then rejected."""
        _check_target(target_type)
        sql = f"SELECT * FROM claims WHERE {target_type}_id = ? {_ORDER}"
        return [rows.claim_from(r) for r in self.db.query(sql, [target_id])]

    def claims(self) -> list[Claim]:
        return [rows.claim_from(r) for r in self.db.query("SELECT * FROM claims ORDER BY id")]

    def add_claim(self, claim: Claim) -> int:
        row = rows.claim_row(claim)
        with self.transaction():
            self._require_claim_target(claim)
            if claim.id is not None:
                row = {"id": claim.id, **row}
            marks = ", ".join("?" * len(row))
            cursor = self.conn.execute(
                f"INSERT INTO claims ({', '.join(row)}) VALUES ({marks})", list(row.values()))
            return int(cursor.lastrowid if claim.id is None else claim.id)

    def update_claim(self, claim: Claim) -> None:
        row = rows.claim_row(claim)
        if claim.id is None:
            raise ValidationError("cannot update a claim without its id")
        with self.transaction():
            current = self.claim_by_id(claim.id)
            if (current.target_type, current.target_id) != (claim.target_type,
                                                             claim.target_id):
                raise ValidationError("a claim cannot move to another record")
            sets = ", ".join(f"{column} = ?" for column in row)
            self.conn.execute(f"UPDATE claims SET {sets} WHERE id = ?",
                              [*row.values(), claim.id])

    def delete_claim(self, claim_id: int) -> None:
        """Delete a claim and its citations."""
        with self.transaction():
            if self.conn.execute("DELETE FROM claims WHERE id = ?", [claim_id]).rowcount == 0:
                raise NotFoundError(f"no claim with id {claim_id}")

    def prefer_claim(self, claim_id: int, demoted: Sequence[int] = ()) -> None:
        """Swap the claim's values with its record's; its citations go to the record,
        and the record's citations named in ``demoted`` (those that back the values set
        aside, not the record as a whole) go to the claim with those values."""
        with self.transaction():
            claim = self.claim_by_id(claim_id)
            self._require_record_citations(claim, set(demoted))
            columns = SWAPPED[claim.target_type]
            table, target = _TABLE[claim.target_type], claim.target_type
            held = self.conn.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?",
                                     [claim.target_id]).fetchone()
            sets = ", ".join(f"{column} = ?" for column in columns)
            self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?",
                              [*(getattr(claim, c) for c in columns), claim.target_id])
            self.conn.execute(f"UPDATE claims SET {sets}, status = 'alternative' WHERE id = ?",
                              [*held, claim_id])
            self.conn.execute(f"UPDATE citations SET claim_id = NULL, {target}_id = ? "
                              "WHERE claim_id = ?", [claim.target_id, claim_id])
            for citation_id in sorted(set(demoted)):
                self.conn.execute(f"UPDATE citations SET {target}_id = NULL, claim_id = ? "
                                  "WHERE id = ?", [claim_id, citation_id])

    def _require_record_citations(self, claim: Claim, citation_ids: set[int]) -> None:
        """Refuse to move any citation that is not the claim's record's own."""
        target = claim.target_type
        for citation_id in citation_ids:
            found = self.conn.execute(f"SELECT 1 FROM citations WHERE id = ? AND {target}_id = ?",
                                      [citation_id, claim.target_id]).fetchone()
            if found is None:
                raise ValidationError(f"citation {citation_id} is not one of the {target}'s "
                                      "own, so it cannot go with the values it sets aside")

    def _require_claim_target(self, claim: Claim) -> None:
        if not isinstance(claim.target_id, int) or not self.exists(claim.target_type,
                                                                   claim.target_id):
            raise ValidationError(f"a claim refers to {claim.target_type} "
                                  f"{claim.target_id!r}, which does not exist")

    def alternative_marks(self) -> list[AlternativeMark]:
        """Every alternative date of an event, for the timeline (``read_alternative_marks``)."""
        return read_alternative_marks(self.conn)



def read_alternative_marks(conn: sqlite3.Connection) -> list[AlternativeMark]:
    """Every alternative (not rejected) date of an event, with its best citation: one
    query over the claims table, whatever the number of events."""
    sql = f"""
        SELECT k.event_id, k.id, k.earliest, k.latest, k.date, k.end_date,
               (SELECT s.title || char(31) || {_RANK} FROM citations c
                JOIN sources s ON s.id = c.source_id WHERE c.claim_id = k.id
                ORDER BY {_RANK}, c.id LIMIT 1)
        FROM claims k WHERE k.event_id IS NOT NULL AND k.status = 'alternative'
        ORDER BY k.event_id, k.earliest, k.id"""
    marks = []
    for event_id, claim_id, earliest, latest, date, end_date, best in conn.execute(sql):
        title, _, rank = (best or "").rpartition("\x1f")
        grade = rank_code(int(rank)) if best else ""
        marks.append(AlternativeMark(event_id, claim_id, earliest, latest, date, end_date,
                                     title, grade))
    return marks


def claim_support(conn: sqlite3.Connection, claim_id: int) -> list[tuple[str, str, Any]]:
    """(source title, grade, locator) of each citation of a claim, best grade first."""
    sql = (f"SELECT s.title, {_RANK}, c.locator FROM citations c JOIN sources s "
           f"ON s.id = c.source_id WHERE c.claim_id = ? ORDER BY {_RANK}, c.id")
    return [(title, rank_code(rank), locator)
            for title, rank, locator in conn.execute(sql, [claim_id])]
