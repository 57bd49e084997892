"""Competing claims: the operations, their exact undo, and what the schema refuses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db import ops
from db.claims import read_alternative_marks
from db.errors import ValidationError
from db.store import Store
from models.edits import CitationDraft, ClaimEdit
from models.kinds import RecordKind
from models.records import Claim, Source

TABLES = ("events", "relationships", "claims", "citations", "event_participants",
          "event_tags", "search_index")


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of the tables a claim operation may touch, in key order."""
    return {t: store.conn.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall()
            if t != "event_participants" and t != "event_tags" else
            store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in TABLES}


def _ids(store: Store) -> tuple[int, int, int]:
    visit = store.conn.execute("SELECT id FROM events WHERE title LIKE 'Delegation%'"
                               ).fetchone()[0]
    rel = store.conn.execute("SELECT id FROM relationships WHERE kind = 'member of'"
                             ).fetchone()[0]
    source = store.add_source(Source(title="Source B", reliability="B"))
    return visit, rel, source


def _alternative(store: Store, event_id: int, source_id: int, date: str = "17 August 2023"
                 ) -> int:
    changes = ops.add_claim(store, ClaimEdit(
        Claim("event", event_id, date, note="B dates it later"),
        (CitationDraft(source_id, "para. 4", "in August 2023", 2),)))
    assert changes.record_id is not None
    return changes.record_id


def test_add_claim_writes_the_claim_and_its_citation(filled: Store) -> None:
    visit, _, source = _ids(filled)
    before = filled.event(visit)
    claim_id = _alternative(filled, visit, source)
    claim = filled.claim_by_id(claim_id)
    assert (claim.target_type, claim.target_id, claim.date, claim.status, claim.note) == (
        "event", visit, "17 August 2023", "alternative", "B dates it later")
    assert claim.earliest == claim.latest == 2460174  # the day, as events store it
    cited = filled.citations_for("claim", claim_id)
    assert [(c.source_id, c.locator, c.confidence) for c in cited] == [(source, "para. 4", 2)]
    assert filled.event(visit) == before  # the record keeps its preferred date
    assert [c.id for c in filled.citations_for("event", visit)] == [1]


def test_a_claims_change_names_its_record(filled: Store) -> None:
    visit, _, _source = _ids(filled)
    changes = ops.add_claim(filled, ClaimEdit(Claim("event", visit, "2023")))
    assert changes.touched(RecordKind.EVENT) == {visit}
    assert changes.action == "Add claim ‘2023’ to event ‘Delegation visits Taipei’"


def test_set_preferred_swaps_values_and_moves_the_claims_citations(filled: Store) -> None:
    visit, _, source = _ids(filled)
    claim_id = _alternative(filled, visit, source)
    changes = ops.set_preferred_claim(filled, claim_id)
    event = filled.event(visit)
    assert (event.date, event.earliest, event.latest) == ("17 August 2023", 2460174, 2460174)
    claim = filled.claim_by_id(claim_id)
    assert (claim.date, claim.status) == ("late December 2022", "alternative")
    assert (claim.earliest, claim.latest) == (2459935, 2459945)
    assert sorted(c.source_id for c in filled.citations_for("event", visit)) == [1, source]
    assert filled.citations_for("claim", claim_id) == []
    assert changes.touched(RecordKind.EVENT) == {visit}
    assert [h.id for h in filled.search("17 August")] == [visit]  # index follows the row


def test_set_preferred_takes_the_citations_of_the_values_set_aside_along(filled: Store
                                                                         ) -> None:
    visit, _, source = _ids(filled)
    claim_id = _alternative(filled, visit, source)
    (old,) = filled.citations_for("event", visit)  # it gave 'late December 2022'
    before = dump(filled)
    changes = ops.set_preferred_claim(filled, claim_id, demoted=[old.id])
    assert [c.excerpt for c in filled.citations_for("event", visit)] == ["in August 2023"]
    assert [(c.id, c.excerpt) for c in filled.citations_for("claim", claim_id)] == [
        (old.id, "visited Taiwan")]
    assert filled.claim_by_id(claim_id).date == "late December 2022"
    filled.replay(list(changes.undo))
    assert dump(filled) == before


def test_set_preferred_refuses_to_move_another_records_citation(filled: Store) -> None:
    visit, _, source = _ids(filled)
    claim_id = _alternative(filled, visit, source)
    others = [c.id for c in filled.citations() if c.target_type == "entity"]
    before = dump(filled)
    with pytest.raises(ValidationError, match="not one of the event's own"):
        ops.set_preferred_claim(filled, claim_id, demoted=others)
    assert dump(filled) == before


def test_set_preferred_on_a_relationship_swaps_kind_and_dates(filled: Store) -> None:
    _, rel, _source = _ids(filled)
    claim_id = ops.add_claim(filled, ClaimEdit(Claim(
        "relationship", rel, "1990", kind="adviser to", status="rejected"))).record_id
    ops.set_preferred_claim(filled, claim_id)
    after = filled.relationship(rel)
    assert (after.kind, after.date) == ("adviser to", "1990")
    claim = filled.claim_by_id(claim_id)
    assert (claim.kind, claim.date, claim.status) == ("member of", "1988–1991", "alternative")


def test_undo_and_redo_of_every_claim_operation_are_exact(filled: Store) -> None:
    visit, rel, source = _ids(filled)
    steps = [
        lambda: ops.add_claim(filled, ClaimEdit(
            Claim("event", visit, "2023", "2024"), (CitationDraft(source, "p. 1"),))),
        lambda: ops.update_claim(filled, ClaimEdit(
            Claim("event", visit, "18 August 2023", status="rejected", id=1),
            (CitationDraft(source, "p. 2", confidence=3),))),
        lambda: ops.set_preferred_claim(filled, 1),
        lambda: ops.add_claim(filled, ClaimEdit(Claim("relationship", rel, kind="ally"))),
        lambda: ops.delete_claim(filled, 1),
        lambda: ops.delete_event(filled, visit),
        lambda: ops.delete_relationship(filled, rel),
    ]
    for step in steps:
        before = dump(filled)
        changes = step()
        after = dump(filled)
        assert after != before
        redo = filled.replay(list(changes.undo))
        assert dump(filled) == before
        filled.replay(redo.statements)
        assert dump(filled) == after


def test_deleting_a_record_deletes_its_claims_and_their_citations(filled: Store) -> None:
    visit, _, source = _ids(filled)
    claim_id = _alternative(filled, visit, source)
    before = dump(filled)
    changes = ops.delete_event(filled, visit)
    assert filled.conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
    assert filled.conn.execute("SELECT count(*) FROM citations WHERE claim_id = ?",
                               [claim_id]).fetchone()[0] == 0
    filled.replay(list(changes.undo))
    assert dump(filled) == before


def test_deleting_a_source_deletes_its_claim_citations(filled: Store) -> None:
    visit, _, source = _ids(filled)
    claim_id = _alternative(filled, visit, source)
    ops.delete_source(filled, source)
    assert filled.citations_for("claim", claim_id) == []
    assert filled.claim_by_id(claim_id).date == "17 August 2023"


@pytest.mark.parametrize("claim, message", [
    (Claim("event", 1, ""), "date is empty"),
    (Claim("event", 1, "no date at all"), "claim date"),
    (Claim("relationship", 1, "1990"), "relationship kind is empty"),
    (Claim("event", 1, "1990", status="preferred"), "alternative or rejected"),
    (Claim("entity", 1, "1990"), "event or a relationship"),
    (Claim("event", 999, "1990"), "does not exist"),
])
def test_bad_claims_are_refused_with_a_reason(filled: Store, claim: Claim, message: str
                                              ) -> None:
    before = dump(filled)
    with pytest.raises(ValidationError, match=message):
        ops.add_claim(filled, ClaimEdit(claim))
    assert dump(filled) == before


def test_the_schema_refuses_a_claim_on_two_records_and_a_citation_on_none(filled: Store
                                                                         ) -> None:
    conn = filled.conn
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO claims (event_id, relationship_id, date, earliest, latest, "
                     "kind) VALUES (1, 1, '1990', 1, 2, 'x')")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO claims (event_id, status, date, earliest, latest) "
                     "VALUES (1, 'preferred', '1990', 1, 2)")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO citations (source_id) VALUES (1)")


def test_alternative_marks_are_read_in_one_query_with_the_best_citation(filled: Store
                                                                        ) -> None:
    visit, _, source = _ids(filled)
    claim_id = _alternative(filled, visit, source)
    ops.add_claim(filled, ClaimEdit(Claim("event", visit, "1999", status="rejected")))
    marks = read_alternative_marks(filled.conn)
    assert [(m.event_id, m.claim_id, m.source, m.grade) for m in marks] == [
        (visit, claim_id, "Source B", "B2")]
    assert marks[0].describe() == "alternative date: 17 August 2023 (Source B, B2)"


def test_a_new_file_and_a_migrated_one_have_the_same_schema(tmp_path: Path) -> None:
    from db import gate

    with Store.create(tmp_path / "new.db") as store:
        store.add_claim  # noqa: B018 - the mixin is part of the Store
    assert gate.judge(tmp_path / "new.db") == 3


def test_a_delete_says_it_takes_the_claims_and_a_claims_last_source_counts(filled: Store
                                                                          ) -> None:
    visit, _, source = _ids(filled)
    _alternative(filled, visit, source)
    assert filled.dependents("event", visit)["other claims"] == 1
    assert filled.dependents("source", source) == {"citations": 1,
                                                   "records left without any source": 1}
