"""Datasette's metadata and canned queries for a shared file, checked against the Store."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from db.errors import NotThreadlineError, StoreError
from db.serve.copies import share_copy
from db.serve.labels import INTERNAL, SHARED
from db.serve.metadata import build_metadata, read_facts, split_for
from db.serve.publish import MARKER, publish
from db.serve.queries import QUERIES
from db.store import Store
from models.records import Claim, Entity, Event, Relationship, Source
from tests.bad_files import other_app_file

SECRET = "PRIVATE-NOTE-7f3a"


def _rows(path: Path, name: str, **params: str) -> list[dict[str, Any]]:
    """Run a canned query as Datasette does: named parameters, a read-only connection."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(QUERIES[name].sql, params)]
    finally:
        conn.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_column_of_every_shared_table_is_labelled(tmp_path: Path) -> None:
    Store.create(tmp_path / "new.db").close()
    conn = sqlite3.connect(tmp_path / "new.db")
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table, label in SHARED.items():
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        assert columns, f"{table} is labelled but not in the schema"
        assert set(label.columns) == set(columns), table
        assert all(label.columns.values()) and label.title and label.description
    conn.close()
    assert set(tables) <= set(SHARED) | set(INTERNAL), "a table neither shared nor internal"


def test_metadata_hides_internals_and_labels_the_rest(sample_path: Path) -> None:
    facts = read_facts(sample_path)
    meta = build_metadata(facts)
    assert meta["title"] == "Taiwan–South Korea engagement"
    assert meta["description"].startswith("Diplomacy")
    tables = meta["databases"]["sample"]["tables"]
    for table in ("entity_positions", "settings", "search_index", "search_index_content",
                  "search_index_data", "search_index_idx"):
        assert tables[table] == {"hidden": True}
    assert not any(tables[t].get("hidden") for t in SHARED)
    assert tables["events"]["facets"] == ["category"]
    assert tables["entities"]["facets"] == ["kind"]
    assert tables["sources"]["facets"] == ["kind", "reliability"]
    assert "confidence" in tables["citations"]["facets"]
    assert tables["entities"]["label_column"] == "name"
    assert tables["events"]["columns"]["title"]
    assert set(meta["databases"]["sample"]["queries"]) == set(QUERIES)


def test_a_table_the_labels_do_not_know_is_hidden(sample_path: Path) -> None:
    """A table of a later schema (the opening gate refuses one in a file of this schema)
    is hidden until the labels know it."""
    facts = read_facts(sample_path)
    facts = replace(facts, tables=(*facts.tables, "later_feature"))
    tables = build_metadata(facts)["databases"][facts.name]["tables"]
    assert tables["later_feature"] == {"hidden": True}
    assert tables["events"].get("hidden") is not True


def test_datasette_1_gets_behaviour_in_config_and_descriptions_in_metadata(
        sample_path: Path) -> None:
    meta = build_metadata(read_facts(sample_path))
    same, none = split_for(meta, 0)
    assert same is meta and none is None
    metadata, config = split_for(meta, 1)
    assert config is not None
    assert set(config["databases"]["sample"]["queries"]) == set(QUERIES)
    assert config["databases"]["sample"]["tables"]["settings"] == {"hidden": True}
    assert config["databases"]["sample"]["tables"]["events"]["facets"] == ["category"]
    events = metadata["databases"]["sample"]["tables"]["events"]
    assert "facets" not in events and events["columns"]["title"]
    assert "queries" not in metadata["databases"]["sample"]
    assert "queries" in meta["databases"]["sample"], "the caller's dict was changed"


def test_refuses_a_file_threadline_would_refuse(tmp_path: Path) -> None:
    other = other_app_file(tmp_path / "other.db")
    before = _sha(other)
    with pytest.raises(NotThreadlineError):
        read_facts(other)
    assert _sha(other) == before


def test_chronology_is_every_event_in_date_order_with_its_sources(sample_path: Path) -> None:
    rows = _rows(sample_path, "chronology")
    with Store.open(sample_path, readonly=True) as store:
        events = sorted(store.events(), key=lambda e: (e.earliest, e.latest, e.id))
        assert [r["id"] for r in rows] == [e.id for e in events]
        assert [r["id"] for r in rows] != sorted(r["id"] for r in rows), "not in id order"
        titles = {s.id: s.title for s in store.sources()}
        for row in rows:
            for citation in store.citations_for("event", row["id"]):
                cited = titles[citation.source_id]
                if citation.locator:
                    cited += f" ({citation.locator})"
                assert cited in row["sources"]
    assert any(r["sources"] for r in rows)


def test_connections_name_both_ends(sample_path: Path) -> None:
    rows = _rows(sample_path, "connections")
    with Store.open(sample_path, readonly=True) as store:
        names = {e.id: e.name for e in store.entities()}
        relationships = {r.id: r for r in store.relationships()}
    assert len(rows) == len(relationships)
    for row in rows:
        rel = relationships[row["id"]]
        assert (row["from_name"], row["kind"], row["to_name"], row["date"]) == (
            names[rel.from_id], rel.kind, names[rel.to_id], rel.date)


def test_what_a_source_supports_by_number_or_title(sample_path: Path) -> None:
    with Store.open(sample_path, readonly=True) as store:
        source = store.sources()[0]
        expected = sorted((c.target_type, c.target_id, c.locator)
                          for c in store.citations_of_source(source.id))
    for given in (str(source.id), source.title.upper(), f"  {source.title} "):
        rows = _rows(sample_path, "source_supports", source=given)
        assert sorted((r["kind"], r["record_id"], r["locator"]) for r in rows) == expected
    assert _rows(sample_path, "source_supports", source="") == []
    assert _rows(sample_path, "source_supports", source="no such source") == []


def test_uncited_records(filled: Store) -> None:
    lone = filled.add_event(Event(title="Nobody wrote this down", date="2001"))
    filled.close()
    rows = _rows(filled.path, "uncited")
    found = {(r["kind"], r["id"]) for r in rows}
    assert ("event", lone) in found
    with Store.open(filled.path, readonly=True) as store:
        cited = {(c.target_type, c.target_id) for c in store.citations()}
        everything = ({("event", e.id) for e in store.events()}
                      | {("entity", e.id) for e in store.entities()}
                      | {("relationship", r.id) for r in store.relationships()})
    assert found == everything - cited


@pytest.mark.parametrize("text", ["金東明", "東明", "金東", "김동명", "동명", "Kim", "kim dong",
                                  "Ki Do", "Alishan 金", '"', "NEAR(", "50%", "a_b", "",
                                  "Taipei visit"])
def test_search_finds_what_the_app_finds(filled: Store, text: str) -> None:
    expected = [(h.kind.value, h.id) for h in filled.search(text, limit=200)]
    filled.close()
    rows = _rows(filled.path, "search", q=text)
    assert sorted((r["kind"], r["id"]) for r in rows) == sorted(expected)
    if expected:
        assert (rows[0]["kind"], rows[0]["id"]) == expected[0]


def test_search_for_a_chinese_name_in_the_sample(sample_path: Path) -> None:
    rows = _rows(sample_path, "search", q="金東明")
    assert [(r["kind"], r["title"]) for r in rows] == [("entity", "Kim Dong-myeong")]


def _with_secret_notes(store: Store) -> None:
    src = store.add_source(Source(title="Notebook", notes=SECRET))
    a = store.add_entity(Entity(kind="person", name="Ann", notes=SECRET))
    b = store.add_entity(Entity(kind="person", name="Bo"))
    store.add_relationship(Relationship(a, b, "knows", notes=SECRET))
    met = store.add_event(Event(title="Met", date="2020", notes=SECRET))
    store.add_claim(Claim("event", met, "2021", note=SECRET))
    assert src


def _index_is_rebuilt(path: Path, probe: Path) -> bool:
    """True if the search index holds no old segments (where deleted notes would linger):
    rebuilding it again, in a copy, writes the same blocks."""
    probe.write_bytes(path.read_bytes())
    conn = sqlite3.connect(probe)
    blocks = "SELECT id, block FROM search_index_data WHERE id NOT IN (1, 10) ORDER BY id"
    try:
        before = conn.execute(blocks).fetchall()
        conn.execute("INSERT INTO search_index (search_index) VALUES ('rebuild')")
        conn.commit()
        return conn.execute(blocks).fetchall() == before
    finally:
        conn.close()


def test_a_copy_without_notes_holds_them_nowhere(filled: Store, tmp_path: Path) -> None:
    _with_secret_notes(filled)
    filled.close()
    before = _sha(filled.path)
    kept, scrubbed = tmp_path / "kept.db", tmp_path / "scrubbed.db"
    share_copy(filled.path, kept, exclude_notes=False)
    share_copy(filled.path, scrubbed, exclude_notes=True)
    assert SECRET.encode() in kept.read_bytes()
    assert SECRET.encode() not in scrubbed.read_bytes()
    assert _rows(scrubbed, "search", q=SECRET) == []
    assert _index_is_rebuilt(scrubbed, tmp_path / "probe.db")
    assert _rows(scrubbed, "search", q="Kim") == _rows(kept, "search", q="Kim")
    assert not Path(f"{scrubbed}-wal").exists(), "the copy is one self-contained file"
    with Store.open(scrubbed, readonly=True) as store:
        assert len(store.events()) == 3 and all(not e.notes for e in store.events())
    assert _sha(filled.path) == before
    with pytest.raises(StoreError, match="database itself"):
        share_copy(filled.path, filled.path, exclude_notes=False)


def test_publish_writes_the_folder_and_a_guide(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    written = publish(sample_path, out)
    assert {p.name for p in written} == {"sample.db", "metadata.json", "README.md"}
    assert (out / MARKER).is_file()
    guide = (out / "README.md").read_text(encoding="utf-8")
    for command in ("datasette serve -i sample.db --metadata metadata.json",
                    "datasette publish cloudrun sample.db --metadata metadata.json",
                    "datasette publish vercel", "datasette publish fly"):
        assert command in guide
    assert read_facts(out / "sample.db").title == "Taiwan–South Korea engagement"
    publish(sample_path, out, exclude_notes=True)  # a folder publish wrote: updated
    v1 = publish(sample_path, tmp_path / "v1", datasette_major=1)
    assert "datasette.json" in {p.name for p in v1}


def _listing(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _sha(p) for p in folder.rglob("*") if p.is_file()}


def test_publish_never_writes_over_its_input(sample_path: Path, tmp_path: Path) -> None:
    home = sample_path.parent
    before = _listing(home)
    with pytest.raises(StoreError, match="database itself"):
        publish(sample_path, sample_path, force=True)
    with pytest.raises(StoreError, match="holds the database itself"):
        publish(sample_path, home, force=True)
    assert _listing(home) == before


def test_publish_refuses_a_folder_of_other_files(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "busy"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"chapter one")
    with pytest.raises(StoreError, match="not empty"):
        publish(sample_path, out)
    assert _listing(out) == {"thesis.docx": _sha(out / "thesis.docx")}
    publish(sample_path, out, force=True)
    assert (out / "thesis.docx").read_bytes() == b"chapter one"
    assert (out / "sample.db").is_file()


def test_publish_of_a_bad_file_writes_nothing(tmp_path: Path) -> None:
    other = other_app_file(tmp_path / "other.db")
    with pytest.raises(NotThreadlineError):
        publish(other, tmp_path / "out")
    assert not (tmp_path / "out").exists()
