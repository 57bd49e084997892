"""How well each record is supported: independent sources, best grade, uncited.

The Admiralty code grades a citation by its source's reliability (A–F) and the
information's credibility (1–6), written together as "B2". A record's support is the
number of distinct sources citing it (two citations of one source are one witness, not
two) and the best grade among its citations. The timeline reads the support of every
event at once (``event_support``): one GROUP BY over the citations, into numpy arrays
the loader thread builds beside the timeline's own, never a query per item.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from db.store import Store

RELIABILITIES = "ABCDEF"
CREDIBILITIES = "123456"
UNGRADED = 7  # rank of a missing letter or digit: below every grade
TARGETS = ("event", "entity", "relationship")

# A citation's rank: reliability first (A=1 … F=6, none=7), then credibility (1…6, none=7);
# the lowest rank is the best grade.
_RANK = (f"(CASE WHEN s.reliability = '' THEN {UNGRADED}"  # instr(x, '') would say 1: A
         f" ELSE instr('{RELIABILITIES}', s.reliability) END * 10"
         f" + coalesce(c.confidence, {UNGRADED}))")
RANK_SQL = _RANK  # for other readers of citations ``c`` joined to sources ``s``


# A grade is weak when it is doubtful or worse on either half: reliability D ("not usually
# reliable") or E ("unreliable"), credibility 4 ("doubtful") or 5 ("improbable"). F and 6
# say the grade cannot be judged, and an ungraded half is unknown: neither is weak.
WEAK_RELIABILITY = (4, 5)  # D, E as ranks' tens
WEAK_CREDIBILITY = (4, 5)


def weak_ranks(ranks: np.ndarray) -> np.ndarray:
    """Which best ranks (``reliability * 10 + credibility``) are weakly graded, as a bool
    array; the rank of an uncited record (77) is not weak."""
    letter, digit = np.divmod(np.asarray(ranks, dtype=np.int64), 10)
    return np.isin(letter, WEAK_RELIABILITY) | np.isin(digit, WEAK_CREDIBILITY)


def weak_rank(rank: int) -> bool:
    """``weak_ranks`` of one rank."""
    letter, digit = divmod(int(rank), 10)
    return letter in WEAK_RELIABILITY or digit in WEAK_CREDIBILITY


def grade_code(reliability: str, confidence: int | None) -> str:
    """The Admiralty code of a citation ("B2"); '?' marks the half not graded, and a
    citation graded on neither half has no code ('')."""
    if not reliability and not confidence:
        return ""
    return f"{reliability or '?'}{confidence or '?'}"


def rank_code(rank: int) -> str:
    """The code of a rank ``reliability * 10 + credibility`` as ``_RANK`` computes it."""
    letter, digit = divmod(int(rank), 10)
    return grade_code(RELIABILITIES[letter - 1] if letter < UNGRADED else "",
                      digit if digit < UNGRADED else None)


def code_rank(code: str) -> int:
    """The rank of a code such as "B2" or "C" (best is lowest); for "at least" filters."""
    letter = RELIABILITIES.find(code[:1].upper()) + 1 if code[:1].isalpha() else 0
    digit = int(code[1:2]) if code[1:2].isdigit() else 0
    return (letter or UNGRADED) * 10 + (digit or UNGRADED)


@dataclass(frozen=True)
class Support:
    """What rests behind one record: distinct sources, citations and its best grade."""

    sources: int = 0
    citations: int = 0
    best: str = ""

    @property
    def uncited(self) -> bool:
        return self.citations == 0

    @property
    def corroborated(self) -> bool:
        return self.sources >= 2

    def brief(self) -> str:
        """A short phrase for a hover: 'uncited', '1 source · best D3', '2 sources'."""
        if self.uncited:
            return "uncited"
        count = f"{self.sources} source{'s' if self.sources != 1 else ''}"
        return f"{count} · best {self.best}" if self.best else count

    def describe(self) -> str:
        """One phrase for tooltips and lists: 'uncited', '1 source, best B2'…"""
        if self.uncited:
            return "uncited"
        count = f"{self.sources} independent sources" if self.corroborated else "1 source"
        return f"{count}, best {self.best}" if self.best else count


def support_of(store: Store, target: str, record_id: int) -> Support:
    """The support of one record."""
    _check(target)
    row = store.conn.execute(
        f"SELECT count(DISTINCT c.source_id), count(*), min({_RANK}) FROM citations c "
        f"JOIN sources s ON s.id = c.source_id WHERE c.{target}_id = ?", [record_id]).fetchone()
    return Support(int(row[0]), int(row[1]), rank_code(row[2]) if row[1] else "")


@dataclass(frozen=True)
class SupportArrays:
    """Support of every cited record of one kind, as sorted parallel arrays."""

    ids: np.ndarray  # int64, ascending
    sources: np.ndarray  # int32: distinct sources
    best: np.ndarray  # int16: best rank (see ``rank_code``)

    def for_ids(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Sources and best rank aligned with ``ids`` (0 sources, rank 77 when uncited)."""
        sources = np.zeros(len(ids), np.int32)
        best = np.full(len(ids), UNGRADED * 11, np.int16)
        if len(self.ids):
            at = np.minimum(np.searchsorted(self.ids, ids), len(self.ids) - 1)
            found = self.ids[at] == ids
            sources[found], best[found] = self.sources[at[found]], self.best[at[found]]
        return sources, best


def support_arrays(store: Store, target: str = "event") -> SupportArrays:
    """One GROUP BY over the citations of a kind of record (for the loader thread)."""
    return read_support_arrays(store.conn, target)


def read_support_arrays(conn: sqlite3.Connection, target: str = "event",
                        ids: Sequence[int] | None = None) -> SupportArrays:
    """``support_arrays`` on a bare connection (what the loader thread holds); ``ids``
    limits it to those records (an edit's few rows, through the citations' index)."""
    _check(target)
    where = f"c.{target}_id IS NOT NULL"
    params: list[str] = []
    if ids is not None:
        where = f"c.{target}_id IN (SELECT value FROM json_each(?))"
        params = [json.dumps([int(i) for i in ids])]
    rows = conn.execute(
        f"SELECT c.{target}_id, count(DISTINCT c.source_id), min({_RANK}) FROM citations c "
        f"JOIN sources s ON s.id = c.source_id WHERE {where} "
        f"GROUP BY c.{target}_id ORDER BY c.{target}_id", params).fetchall()
    table = np.array(rows, dtype=np.int64).reshape(-1, 3)
    return SupportArrays(table[:, 0].copy(), table[:, 1].astype(np.int32),
                         table[:, 2].astype(np.int16))


def relationship_sources(store: Store) -> dict[int, int] | None:
    """Distinct sources of every cited relationship (one GROUP BY), for the network; None
    in a file that cites nothing at all, where fading every line would say nothing."""
    support = relationship_support(store)
    return None if support is None else support[0]


def relationship_support(store: Store) -> tuple[dict[int, int], frozenset[int]] | None:
    """``relationship_sources`` and, from the same GROUP BY, the relationships whose best
    grade is weak (``weak_ranks``); None in a file that cites nothing at all."""
    if not store.conn.execute("SELECT EXISTS (SELECT 1 FROM citations)").fetchone()[0]:
        return None
    arrays = support_arrays(store, "relationship")
    weak = arrays.ids[weak_ranks(arrays.best)]
    return (dict(zip(arrays.ids.tolist(), arrays.sources.tolist(), strict=True)),
            frozenset(weak.tolist()))


def inferred_among(store: Store, target: str, ids: Sequence[int]) -> frozenset[int]:
    """Which of these events or relationships are marked inferred (through the primary
    key, so only the records drawn are read, never a scan of the table)."""
    if target not in ("event", "relationship"):
        raise ValueError(f"only events and relationships are inferred, not {target!r}")
    if not ids:
        return frozenset()
    rows = store.conn.execute(
        f"SELECT id FROM {_TABLES[target]} WHERE id IN (SELECT value FROM json_each(?)) "
        "AND inferred = 1", [json.dumps([int(i) for i in ids])])
    return frozenset(int(row[0]) for row in rows)


def supported_by(store: Store, source_id: int) -> dict[str, frozenset[int]]:
    """Every record a source is cited for, by kind: what a source as a lens lights up.
    A source cited for a competing claim (another date of an event, another kind of a
    relationship) speaks of that claim's record, so the record lights up too."""
    found: dict[str, set[int]] = {t: set() for t in TARGETS}
    for event_id, entity_id, rel_id in store.conn.execute(
            "SELECT event_id, entity_id, relationship_id FROM citations WHERE source_id = ? "
            "UNION ALL SELECT cl.event_id, NULL, cl.relationship_id FROM citations c "
            "JOIN claims cl ON cl.id = c.claim_id WHERE c.source_id = ?",
            [source_id, source_id]):
        for target, value in zip(TARGETS, (event_id, entity_id, rel_id), strict=True):
            if value is not None:
                found[target].add(int(value))
    return {t: frozenset(ids) for t, ids in found.items()}


def _check(target: str) -> None:
    if target not in TARGETS:
        raise ValueError(f"unknown citation target {target!r}")


def support_text_sql(target: str, id_expr: str, grade: bool = True) -> str:
    """SQL of a row's support as the Browser shows it: '2 sources · B2', '1 source · D3',
    'uncited' (read only for the rows on screen); without the grade if ``grade`` is False
    (the Browser shows it in a column of its own: ``grade_text_sql``)."""
    _check(target)
    distinct = "count(DISTINCT c.source_id)"
    code = f"CASE WHEN min({_RANK}) = {UNGRADED * 11} THEN '' ELSE ' · ' || {_CODE} END"
    return (f"(SELECT CASE WHEN count(*) = 0 THEN 'uncited' ELSE "
            f"CASE WHEN {distinct} = 1 THEN '1 source' ELSE {distinct} || ' sources' END"
            f"{' || ' + code if grade else ''} END "
            f"FROM citations c JOIN sources s ON s.id = c.source_id "
            f"WHERE c.{target}_id = {id_expr})")


_CODE = (f"substr('{RELIABILITIES}?', min({_RANK}) / 10, 1) || "
         f"substr('{CREDIBILITIES}?', min({_RANK}) % 10, 1)")


def grade_text_sql(target: str, id_expr: str) -> str:
    """SQL of a row's best grade ('B2', '?3'), '' when uncited or graded on neither half."""
    _check(target)
    return (f"(SELECT CASE WHEN count(*) = 0 OR min({_RANK}) = {UNGRADED * 11} THEN '' "
            f"ELSE {_CODE} END FROM citations c JOIN sources s ON s.id = c.source_id "
            f"WHERE c.{target}_id = {id_expr})")


def grade_rank_sql(target: str, id_expr: str) -> str:
    """SQL of a row's best rank for sorting by grade: best first, uncited last."""
    _check(target)
    return (f"(SELECT coalesce(min({_RANK}), {UNGRADED * 11 + 1}) FROM citations c "
            f"JOIN sources s ON s.id = c.source_id WHERE c.{target}_id = {id_expr})")


EVIDENCE_RULES = ("source", "corroborated", "uncited", "graded")
_TABLES = {"event": "events", "entity": "entities", "relationship": "relationships"}


def evidence_ids(store: Store, target: str, rule: str, value: int | str = 0) -> np.ndarray:
    """Sorted ids of the records a Browser evidence filter keeps: supported by source
    ``value``, corroborated by two or more sources, uncited, or graded at least ``value``
    (a code such as "B2": one citation at least as reliable and at least as credible)."""
    _check(target)
    cited = f"c.{target}_id"
    if rule == "source":
        sql, params = (f"SELECT DISTINCT {cited} FROM citations c WHERE c.source_id = ? "
                       f"AND {cited} IS NOT NULL", [int(value)])
        if target != "entity":  # and the records of the claims it is cited for
            sql += (f" UNION SELECT cl.{target}_id FROM citations c JOIN claims cl "
                    f"ON cl.id = c.claim_id WHERE c.source_id = ? AND cl.{target}_id IS NOT NULL")
            params.append(int(value))
    elif rule == "corroborated":
        sql, params = (f"SELECT {cited} FROM citations c WHERE {cited} IS NOT NULL "
                       f"GROUP BY {cited} HAVING count(DISTINCT c.source_id) >= 2", [])
    elif rule == "uncited":
        sql, params = (f"SELECT id FROM {_TABLES[target]} t WHERE NOT EXISTS "
                       f"(SELECT 1 FROM citations c WHERE {cited} = t.id)", [])
    elif rule == "graded":
        letter, digit = divmod(code_rank(str(value)), 10)
        sql, params = (f"SELECT DISTINCT {cited} FROM citations c JOIN sources s "
                       f"ON s.id = c.source_id WHERE {cited} IS NOT NULL AND s.reliability <> '' "
                       f"AND instr('{RELIABILITIES}', s.reliability) <= ? "
                       f"AND c.confidence <= ?", [letter, digit])
    else:
        raise ValueError(f"unknown evidence rule {rule!r}")
    found = [row[0] for row in store.conn.execute(sql, params)]
    return np.unique(np.array(found, dtype=np.int64))
