"""Claims in the JSON and CSV files, and in a file migrated from schema 2."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from db import ops
from db.errors import ValidationError
from db.export.jsonstream import write_json
from db.export.tables import export_csv
from db.jsonio import dumps, export_data, import_data
from db.store import Store
from models.edits import CitationDraft, ClaimEdit
from models.records import Claim

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def claimed(unclaimed_sample_path: Path) -> Store:
    """The sample, without its own claims, given an alternative date of one event, cited,
    and a rejected kind of one relationship."""
    store = Store.open(unclaimed_sample_path)
    event, rel = store.events()[0], store.relationships()[0]
    ops.add_claim(store, ClaimEdit(Claim("event", event.id, "17 August 2023", note="later"),
                                   (CitationDraft(1, "para. 9", "in August", 2),)))
    ops.add_claim(store, ClaimEdit(Claim("relationship", rel.id, "2001", kind="rival of",
                                         status="rejected")))
    yield store
    store.close()


def test_json_round_trip_with_claims_is_byte_identical(claimed: Store, tmp_path: Path
                                                       ) -> None:
    first = dumps(export_data(claimed))
    streamed = io.StringIO()
    write_json(claimed, streamed)
    assert streamed.getvalue() == first
    data = json.loads(first)
    assert [(c["target_type"], c["status"], c["date"]) for c in data["claims"]] == [
        ("event", "alternative", "17 August 2023"), ("relationship", "rejected", "2001")]
    assert data["citations"][-1]["target_type"] == "claim"
    with Store.create(tmp_path / "copy.db") as copy:
        counts = import_data(copy, data)
        assert counts["claims"] == 2
        assert dumps(export_data(copy)) == first


def test_a_file_without_claims_exports_as_before(unclaimed_sample_path: Path) -> None:
    with Store.open(unclaimed_sample_path) as store:
        text = dumps(export_data(store))
    assert '"claims"' not in text
    assert list(json.loads(text)) == ["format", "version", "sources", "entities", "events",
                                      "relationships", "citations"]


def test_old_json_without_claims_imports(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "schema_v2.json").read_text(encoding="utf-8"))
    with Store.create(tmp_path / "old.db") as store:
        counts = import_data(store, data)
        assert "claims" not in counts and counts["events"] == 5
        assert store.claims() == []


def test_a_claim_of_a_missing_record_is_refused_with_nothing_written(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "schema_v3.json").read_text(encoding="utf-8"))
    data["claims"][0]["target_id"] = 99
    data["claims"][1]["target_type"] = "entity"
    with Store.create(tmp_path / "bad.db") as store:
        with pytest.raises(ValidationError) as refused:
            import_data(store, data)
        assert store.counts()["events"] == 0
    assert "claims[0] (id 1): target_id 99 does not name a record in events" in str(
        refused.value)
    assert "claims[1] (id 2): a claim's target_type must be event or relationship" in str(
        refused.value)


def test_undo_of_an_import_takes_its_claims(claimed: Store, tmp_path: Path) -> None:
    data = export_data(claimed)
    with Store.create(tmp_path / "into.db") as store:
        changes = ops.import_json(store, data)
        assert len(store.claims()) == 2
        store.replay(list(changes.undo))
        assert store.claims() == [] and store.counts()["citations"] == 0


def test_csv_zip_has_the_claims_and_the_citations_of_claims(claimed: Store, tmp_path: Path
                                                            ) -> None:
    names = export_csv(claimed, tmp_path / "all.zip", bom=False)
    assert names[-1] == "claims.csv"
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        claims = list(csv.DictReader(io.StringIO(archive.read("claims.csv").decode())))
        citations = list(csv.DictReader(io.StringIO(archive.read("citations.csv").decode())))
    assert [(c["target_type"], c["status"], c["kind"], c["date"], c["earliest"])
            for c in claims] == [("event", "alternative", "", "17 August 2023", "2023-08-17"),
                                 ("relationship", "rejected", "rival of", "2001",
                                  "2001-01-01")]
    assert [(c["target_type"], c["target"], c["locator"]) for c in citations
            if c["target_type"] == "claim"] == [("claim", "claim: 17 August 2023", "para. 9")]


def test_csv_export_of_a_file_without_claims_has_no_claims_file(
        unclaimed_sample_path: Path, tmp_path: Path) -> None:
    with Store.open(unclaimed_sample_path) as store:
        assert "claims.csv" not in export_csv(store, tmp_path / "all.zip")


def test_a_schema_2_file_migrates_with_a_backup_and_takes_claims(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_v2.db", path)
    with Store.open(path) as store:
        before = [(c.id, c.target_type, c.target_id) for c in store.citations()]
        ops.add_claim(store, ClaimEdit(Claim("event", 3, "2023"),
                                       (CitationDraft(1, "p. 1"),)))
        assert [(c.id, c.target_type, c.target_id) for c in store.citations()] == [
            *before, (4, "claim", 1)]
    assert (tmp_path / "old.db.v2.bak").exists()
    backup = sqlite3.connect(tmp_path / "old.db.v2.bak")
    try:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 2
        assert "claims" not in {r[0] for r in backup.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        backup.close()


def test_a_claim_cannot_say_it_is_preferred_in_a_file(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "schema_v3.json").read_text(encoding="utf-8"))
    data["claims"][0]["status"] = "preferred"
    refusal = r"claims\[0\] \(id 1\): a claim's status must be alternative or rejected"
    with Store.create(tmp_path / "bad.db") as store, pytest.raises(ValidationError,
                                                                  match=refusal):
        import_data(store, data)
